// The admin's health dashboard for one cohort: enrolment over time, pair states and cross-department share,
// sessions by state and week (calendar truth: "held" comes from the RSVP loop), and feedback ratings.
// Numbers are computed from the store on each request, streamed, so they are never stale.
import type { Caller } from "../caller.js";
import type { CohortRepository } from "../cohorts/cohort-ports.js";
import { NotFoundError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { PairState } from "../pairs/pair-model.js";
import type { CohortHealthSource, EnrolmentFact, RatingHistogram } from "./health-ports.js";
import { round, SessionTallyBuilder, type SessionTally } from "./session-tally.js";

export interface HealthDeps {
  health: CohortHealthSource;
  cohorts: CohortRepository;
  clock: Clock;
}

export interface CohortHealth {
  cohortId: string;
  generatedAt: string;
  enrolment: { mentors: number; mentees: number; overTime: Array<{ date: string; mentors: number; mentees: number }> };
  pairs: Record<PairState, number> & { crossDepartmentShare: number };
  sessions: SessionTally;
  feedback: { count: number; averageRating: number | null; histogram: RatingHistogram };
}

export async function getCohortHealth(deps: HealthDeps, caller: Caller, cohortId: string): Promise<CohortHealth> {
  await requireCohort(deps.cohorts, caller.tenantId, cohortId);
  const now = deps.clock.now();
  const [enrolment, pairs, sessions, histogram] = await Promise.all([
    enrolmentOverTime(deps.health.enrolments(caller.tenantId, cohortId)),
    deps.health.pairStats(caller.tenantId, cohortId),
    tallySessions(deps.health, caller.tenantId, cohortId, now),
    deps.health.ratingHistogram(caller.tenantId, cohortId),
  ]);
  return {
    cohortId,
    generatedAt: new Date(now).toISOString(),
    enrolment,
    pairs: { ...pairs.byState, crossDepartmentShare: pairs.withDepartments === 0 ? 0 : round(pairs.crossDepartment / pairs.withDepartments) },
    sessions,
    feedback: feedbackSummary(histogram),
  };
}

/** NotFoundError unless the cohort exists in the caller's tenant (another tenant's id is simply not found). */
export async function requireCohort(cohorts: CohortRepository, tenantId: string, cohortId: string) {
  const cohort = await cohorts.get(tenantId, cohortId);
  if (!cohort) throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  return cohort;
}

/** Current enrolments, and the cumulative count per role at the end of each day (UTC) someone enrolled. */
export async function enrolmentOverTime(facts: AsyncIterable<EnrolmentFact>): Promise<CohortHealth["enrolment"]> {
  const perDay = new Map<string, { mentors: number; mentees: number }>();
  for await (const fact of facts) {
    const date = fact.createdAt.slice(0, 10);
    const day = perDay.get(date) ?? { mentors: 0, mentees: 0 };
    if (fact.role === "mentor") day.mentors++;
    else day.mentees++;
    perDay.set(date, day);
  }
  let mentors = 0;
  let mentees = 0;
  const overTime = [...perDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => {
      mentors += day.mentors;
      mentees += day.mentees;
      return { date, mentors, mentees };
    });
  return { mentors, mentees, overTime };
}

async function tallySessions(health: CohortHealthSource, tenantId: string, cohortId: string, now: number): Promise<SessionTally> {
  const tally = new SessionTallyBuilder(now);
  for await (const fact of health.sessionFacts(tenantId, cohortId)) tally.add(fact);
  return tally.result();
}

export function feedbackSummary(histogram: RatingHistogram): CohortHealth["feedback"] {
  const count = histogram.reduce((sum, n) => sum + n, 0);
  const total = histogram.reduce((sum, n, i) => sum + n * (i + 1), 0);
  return { count, averageRating: count === 0 ? null : round(total / count, 2), histogram: [...histogram] as RatingHistogram };
}
