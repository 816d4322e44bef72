// The Entra groups a cohort's eligibility rules name: collected for membership lookups (only these are
// checked for a person), and checked against the directory when an admin saves the cohort, so a mistyped
// or deleted group is named at once instead of silently admitting nobody.
import type { CohortSettings, CohortRole } from "../../domain/cohort/index.js";
import type { Caller } from "../caller.js";
import { ForbiddenError, ValidationError, type FieldProblem } from "../errors.js";
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
  if (!caller.isAdmin) throw new ForbiddenError("Only program admins can browse groups for eligibility rules.");
  return groups.search(caller.tenantId, query);
}
