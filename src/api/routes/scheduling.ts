// Admin API of scheduling: run the schedule-cohort job and list a cohort's sessions (with the reason
// when a session has no slot). Thin: parse here, decide in src/app/scheduling.
import { z } from "zod";
import { listCohortSessions } from "../../app/scheduling/my-sessions.js";
import { startCohortScheduling } from "../../app/scheduling/schedule-cohort.js";
import { encodeContinuationToken } from "../paging.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { adminSessionSchema, pagedSchema, pageQuerySchema, schedulingOf, SESSION_STATES } from "./sessions.js";

const cohortIdParams = z.object({ cohortId: z.string().uuid("must be a cohort id") });

export const scheduleCohortRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts/:cohortId/schedule",
  operationId: "scheduleCohort",
  summary: "Starts the job that plans and books every active pair's sessions (a re-run only fills gaps, never double-books).",
  description: 'Job kind "scheduling"; poll GET /api/admin/jobs/{jobId}. Progress counts: pairs, sessionsRequested, planned, booked, unschedulable, calendarsUnreadable.',
  tags: ["scheduling"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 202, description: "The job started", schema: z.object({ jobId: z.string() }).meta({ id: "ScheduleCohortStarted" }) },
  problems: [404, 409],
  handle: async ({ params, caller, res }, deps) => {
    const started = await startCohortScheduling({ ...schedulingOf(deps), jobRunner: deps.jobRunner }, { tenantId: caller.tenantId, cohortId: params.cohortId, requestedBy: caller.userId });
    res.setHeader("Location", `/api/admin/jobs/${started.jobId}`);
    return started;
  },
});

export const listCohortSessionsRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts/:cohortId/sessions",
  operationId: "listCohortSessions",
  summary: "A cohort's sessions by start time, optionally of one state or pair.",
  tags: ["scheduling"],
  access: "admin",
  params: cohortIdParams,
  query: pageQuerySchema.extend({ state: z.enum(SESSION_STATES).optional(), pairId: z.string().max(400).optional() }),
  response: { status: 200, description: "A page of sessions", schema: pagedSchema(adminSessionSchema, "AdminSessionPage") },
  problems: [404],
  handle: async ({ params, query, caller }, deps) => {
    const filter = { ...(query.state ? { states: [query.state] } : {}), ...(query.pairId ? { pairId: query.pairId } : {}) };
    const page = await listCohortSessions(schedulingOf(deps), caller.tenantId, params.cohortId, filter, { limit: query.limit, continuationToken: query.continuationToken ?? null });
    return { items: page.items, continuationToken: encodeContinuationToken(page.continuationToken) };
  },
});

export const schedulingRoutes: AnyRoute[] = [scheduleCohortRoute, listCohortSessionsRoute];
