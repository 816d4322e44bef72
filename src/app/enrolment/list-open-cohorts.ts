// "Which cohorts can I join?": cohorts taking enrolments now, each with the roles I may enrol in and,
// for every role I may not, the reasons in words.
import { enrolmentWindowState, explainEligibility, type CohortRole, type EligibilityExplanation } from "../../domain/cohort/index.js";
import { parseInstant } from "../../domain/time/instant.js";
import type { Caller } from "../caller.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { eligibilityGroupIds, groupNamesForReasons } from "../cohorts/eligibility-groups.js";
import { NotFoundError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { ProgrammeStores } from "./enrolment-ports.js";

export interface EnrolmentDeps extends ProgrammeStores {
  clock: Clock;
}

export interface OpenCohortView {
  cohort: StoredCohort;
  eligibility: EligibilityExplanation;
  /** My role when I am already enrolled. */
  enrolledAs: CohortRole | null;
}

/** Most open cohorts a tenant runs at once that one answer lists. */
const MAX_OPEN = 200;

export async function listOpenCohorts(deps: EnrolmentDeps, caller: Caller): Promise<OpenCohortView[]> {
  const page = await deps.cohorts.list(caller.tenantId, { states: ["enrolling"] }, { limit: MAX_OPEN });
  const now = deps.clock.now();
  const open = page.items.filter((c) => windowState(c, now) === "open");
  // One membership lookup for every group the open cohorts' rules name.
  const participant = await deps.participants.get(caller.tenantId, caller.userId, { groupIds: eligibilityGroupIds(open.map((c) => c.settings)) });
  if (!participant) throw new NotFoundError("Your account was not found in your organisation's directory; it may have been deleted or disabled.");
  const names = await groupNamesForReasons(deps.groups, caller.tenantId, open.map((c) => c.settings), participant.eligibility.groupIds);
  const mine = new Map((await deps.enrolments.listForUser(caller.tenantId, caller.userId)).map((e) => [e.cohortId, e.role]));
  return open.map((cohort) => ({
    cohort,
    eligibility: explainEligibility(participant.eligibility, cohort.settings, names),
    enrolledAs: mine.get(cohort.id) ?? null,
  }));
}

export function windowState(cohort: StoredCohort, nowMs: number): ReturnType<typeof enrolmentWindowState> {
  const { opensAt, closesAt } = cohort.settings.enrolment;
  return enrolmentWindowState({ opensAtMs: parseInstant(opensAt), closesAtMs: parseInstant(closesAt) }, nowMs);
}
