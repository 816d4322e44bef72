// The admin's cohort use cases: create, change settings, read, list, and move through the lifecycle.
// Settings are validated by the domain (every bad field named); lifecycle moves follow the domain state
// machine; writes of an existing cohort carry the ETag the admin read, so two admins editing at once
// cannot silently overwrite each other.
import { randomUUID } from "node:crypto";
import { transitionCohort, type CohortState } from "../../domain/cohort/index.js";
import type { Caller } from "../caller.js";
import { ConcurrencyError, ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { GroupDirectory } from "../ports/groups.js";
import type { Page, PageRequest } from "../ports/page.js";
import { settingsFromInput, type CohortSettingsInput } from "./cohort-input.js";
import type { CohortRepository, EnrolmentCounter, EnrolmentCounts, StoredCohort } from "./cohort-ports.js";
import { checkEligibilityGroups } from "./eligibility-groups.js";

export interface CohortAdminDeps {
  cohorts: CohortRepository;
  enrolments: EnrolmentCounter;
  clock: Clock;
  /** When set, eligibility rules may only name groups that exist in the tenant (checked on save). */
  groups?: GroupDirectory;
}

export type CohortWithCounts = StoredCohort & { enrolled: EnrolmentCounts };

/** Settings can change while people enrol; once matching starts they are what the proposal was built on. */
const EDITABLE_STATES: readonly CohortState[] = ["draft", "enrolling"];

export async function createCohort(deps: CohortAdminDeps, caller: Caller, input: CohortSettingsInput): Promise<CohortWithCounts> {
  requireAdmin(caller);
  const settings = settingsFromInput(input);
  if (deps.groups) await checkEligibilityGroups(deps.groups, caller.tenantId, settings);
  const now = new Date(deps.clock.now()).toISOString();
  const created = await deps.cohorts.create({
    id: randomUUID(),
    tenantId: caller.tenantId,
    state: "draft",
    settings,
    createdAt: now,
    updatedAt: now,
    createdBy: caller.userId,
  });
  return { ...created, enrolled: { mentors: 0, mentees: 0 } };
}

export async function getCohort(deps: CohortAdminDeps, caller: Caller, cohortId: string): Promise<CohortWithCounts> {
  requireAdmin(caller);
  const cohort = await load(deps, caller, cohortId);
  return { ...cohort, enrolled: await deps.enrolments.countByRole(caller.tenantId, cohort.id) };
}

export async function listCohorts(
  deps: CohortAdminDeps,
  caller: Caller,
  filter: { states?: readonly CohortState[] },
  page: PageRequest,
): Promise<Page<CohortWithCounts>> {
  requireAdmin(caller);
  const found = await deps.cohorts.list(caller.tenantId, filter, page);
  const items = await Promise.all(found.items.map(async (c) => ({ ...c, enrolled: await deps.enrolments.countByRole(caller.tenantId, c.id) })));
  return { items, continuationToken: found.continuationToken };
}

/** Replaces the settings; `expectedEtag` is the version the admin edited (ConcurrencyError if stale). */
export async function updateCohort(deps: CohortAdminDeps, caller: Caller, cohortId: string, expectedEtag: string, input: CohortSettingsInput): Promise<CohortWithCounts> {
  requireAdmin(caller);
  const settings = settingsFromInput(input);
  const cohort = await load(deps, caller, cohortId);
  if (!sameEtag(cohort.etag, expectedEtag)) throw new ConcurrencyError("cohorts", cohortId);
  if (!EDITABLE_STATES.includes(cohort.state)) {
    throw new ConflictError(`The settings of a cohort in state ${cohort.state} cannot change${cohort.state === "matching" ? "; reopen enrolment first" : ""}.`);
  }
  if (deps.groups) await checkEligibilityGroups(deps.groups, caller.tenantId, settings);
  const saved = await deps.cohorts.replace({ ...cohort, settings, updatedAt: new Date(deps.clock.now()).toISOString() });
  return { ...saved, enrolled: await deps.enrolments.countByRole(caller.tenantId, saved.id) };
}

/** Moves the cohort to `to` when the lifecycle allows it (ConflictError with the reason otherwise). */
export async function transitionCohortState(
  deps: CohortAdminDeps,
  caller: Caller,
  cohortId: string,
  to: CohortState,
  expectedEtag: string | null,
): Promise<CohortWithCounts> {
  requireAdmin(caller);
  const cohort = await load(deps, caller, cohortId);
  if (expectedEtag !== null && !sameEtag(cohort.etag, expectedEtag)) throw new ConcurrencyError("cohorts", cohortId);
  const result = transitionCohort(cohort.state, to);
  if (!result.ok) throw new ConflictError(capitalise(result.error) + ".");
  const saved = await deps.cohorts.replace({ ...cohort, state: result.state, updatedAt: new Date(deps.clock.now()).toISOString() });
  return { ...saved, enrolled: await deps.enrolments.countByRole(caller.tenantId, saved.id) };
}

async function load(deps: CohortAdminDeps, caller: Caller, cohortId: string): Promise<StoredCohort> {
  const cohort = await deps.cohorts.get(caller.tenantId, cohortId);
  if (!cohort) throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  return cohort;
}

// The route already demands the admin role; the use case checks again so no other caller can skip it.
function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new ForbiddenError("Only program admins can manage cohorts.");
}

/** ETags compare without their quotes: HTTP clients send them quoted, stores may keep them either way. */
export function sameEtag(stored: string, given: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^"(.*)"$/, "$1");
  return stored !== "" && bare(stored) === bare(given);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
