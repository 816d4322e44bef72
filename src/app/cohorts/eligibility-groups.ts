// The Entra groups a cohort's eligibility rules name: collected for membership lookups (only these are
// checked for a person), and checked against the directory when an admin saves the cohort, so a mistyped
// or deleted group is named at once instead of silently admitting nobody.
import type { CohortSettings, CohortRole, EligibilityNames } from "../../domain/cohort/index.js";
import type { Caller } from "../caller.js";
import { ForbiddenError, UnavailableError, ValidationError, type FieldProblem } from "../errors.js";
import type { GroupDirectory, GroupSearch, GroupSummary } from "../ports/groups.js";
import type { Page } from "../ports/page.js";

const ROLES: readonly CohortRole[] = ["mentor", "mentee"];

/** Every group id the rules of these cohorts name, once each (case-insensitively), in first-seen order. */
export function eligibilityGroupIds(cohorts: ReadonlyArray<Pick<CohortSettings, "eligibility">>): string[] {
  const seen = new Map<string, string>();
  for (const settings of cohorts) {
    for (const role of ROLES) for (const id of settings.eligibility[role].groups ?? []) if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), id);
  }
  return [...seen.values()];
}

/**
 * Display names of the groups these cohorts' rules name that the person is not in, so that "why not" can
 * say which groups. Without a group directory, or when Graph cannot answer, the reasons stay generic:
 * the verdict itself never depends on names.
 */
export async function groupNamesForReasons(
  groups: GroupDirectory | undefined,
  tenantId: string,
  cohorts: ReadonlyArray<Pick<CohortSettings, "eligibility">>,
  memberOf: readonly string[],
): Promise<EligibilityNames> {
  const mine = new Set(memberOf.map((id) => id.toLowerCase()));
  const ids = eligibilityGroupIds(cohorts).filter((id) => !mine.has(id.toLowerCase()));
  if (!groups || ids.length === 0) return {};
  try {
    const found = await groups.findExisting(tenantId, ids);
    return { groups: new Map([...found.values()].map((g) => [g.id.toLowerCase(), g.displayName])) };
  } catch (error) {
    if (error instanceof UnavailableError) return {};
    throw error;
  }
}

/** ValidationError naming eligibility.<role>.groups[i] for every id that is no group of the tenant. */
export async function checkEligibilityGroups(groups: GroupDirectory, tenantId: string, settings: Pick<CohortSettings, "eligibility">): Promise<void> {
  const ids = eligibilityGroupIds([settings]);
  if (ids.length === 0) return;
  const existing = new Set([...(await groups.findExisting(tenantId, ids)).keys()].map((id) => id.toLowerCase()));
  const problems: FieldProblem[] = [];
  for (const role of ROLES) {
    (settings.eligibility[role].groups ?? []).forEach((id, i) => {
      if (!existing.has(id.toLowerCase())) problems.push({ field: `eligibility.${role}.groups[${i}]`, message: `"${id}" is not a group in your organisation's directory (use the group picker: GET /api/admin/groups)` });
    });
  }
  if (problems.length > 0) throw new ValidationError(`Invalid ${problems.length === 1 ? "field" : "fields"}: ${problems.map((p) => p.field).join(", ")}.`, problems);
}

/** The cohort editor's group picker: groups of the admin's tenant by name, one page at a time. */
export async function searchEligibilityGroups(groups: GroupDirectory, caller: Caller, query: GroupSearch): Promise<Page<GroupSummary>> {
  requireAdmin(caller);
  return groups.search(caller.tenantId, query);
}

/** The groups a cohort's rules already name, with their names, in the order asked (ids that name no group are left out). */
export async function describeEligibilityGroups(groups: GroupDirectory, caller: Caller, ids: readonly string[]): Promise<GroupSummary[]> {
  requireAdmin(caller);
  const found = await groups.findExisting(caller.tenantId, ids);
  return [...new Set(ids)].map((id) => found.get(id)).filter((g): g is GroupSummary => g !== undefined);
}

function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new ForbiddenError("Only program admins can browse groups for eligibility rules.");
}
