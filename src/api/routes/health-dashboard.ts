// Admin API: a cohort's health dashboard. Thin: the numbers are computed in src/app/health.
import { z } from "zod";
import { getCohortHealth, type HealthDeps } from "../../app/health/cohort-health.js";
import type { ApiDeps } from "../api-deps.js";
import { ProblemError } from "../problem.js";
import { defineRoute } from "../route.js";

export const cohortIdParams = z.object({ cohortId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be a cohort id") });

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

const healthSchema = z
  .object({
    cohortId: z.string(),
    generatedAt: z.string().describe("ISO 8601"),
    enrolment: z.object({
      mentors: count,
      mentees: count,
      overTime: z.array(z.object({ date: z.string().describe("YYYY-MM-DD (UTC)"), mentors: count, mentees: count })).describe("Cumulative enrolments at the end of each day someone enrolled."),
    }),
    pairs: z.object({ proposed: count, active: count, paused: count, ended: count, vetoed: count, crossDepartmentShare: share }),
    sessions: z.object({
      byState: z.object({ planned: count, booked: count, accepted: count, tentative: count, declined: count, rescheduled: count, held: count, cancelled: count }),
      total: count,
      held: count,
      plannedToDate: count.describe("Sessions whose slot has started by now, not cancelled."),
      heldRate: share.describe("held / plannedToDate (0 when nothing was due yet)."),
      declinesReslotted: count,
      unschedulable: count,
      calendarsUnreadable: count,
      byWeek: z.array(z.object({ weekStart: z.string().describe("Monday, YYYY-MM-DD (UTC)"), planned: count, held: count, cancelled: count })),
    }),
    feedback: z.object({ count, averageRating: z.number().min(1).max(5).nullable(), histogram: z.tuple([count, count, count, count, count]).describe("Ratings 1…5.") }),
  })
  .meta({ id: "CohortHealth" });

/** The health stores, or 503 when this server was started without them. */
export function healthStores(deps: ApiDeps): NonNullable<ApiDeps["health"]> & { cohorts: HealthDeps["cohorts"] } {
  if (!deps.health || !deps.programme) throw new ProblemError("unavailable", "The health dashboard is not available on this server.");
  return { ...deps.health, cohorts: deps.programme.cohorts };
}

export const cohortHealthRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts/:cohortId/health",
  operationId: "getCohortHealth",
  summary: "A cohort's health: enrolment over time, pairs, sessions by state and week, feedback.",
  tags: ["health"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 200, description: "The cohort's health numbers", schema: healthSchema },
  problems: [404],
  handle: ({ params, caller }, deps) => {
    const { source, cohorts } = healthStores(deps);
    return getCohortHealth({ health: source, cohorts, clock: deps.clock }, caller, params.cohortId);
  },
});
