// Employee API of sessions: my sessions, reschedule, skip, and pausing / resuming a pair. Also the
// response schemas the scheduling and preference routes share. Thin: parse here, decide in src/app/scheduling.
import { z } from "zod";
import { listMySessions, pausePair, requestReschedule, resumePair, skipSession } from "../../app/scheduling/my-sessions.js";
import type { SchedulingServices } from "../../app/scheduling/scheduling-services.js";
import type { ApiDeps } from "../api-deps.js";
import { continuationTokenSchema, encodeContinuationToken } from "../paging.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { myPairSchema, pairIdParams, personRefSchema } from "./pairs.js";

export const SESSION_STATES = ["planned", "booked", "accepted", "tentative", "declined", "rescheduled", "held", "cancelled"] as const;


export const sessionProblemSchema = z
  .object({
    code: z.string().describe("calendarUnreadable (a calendar could not be read) is distinct from noCommonFreeTime and the other reasons."),
    message: z.string(),
    who: z.enum(["mentor", "mentee", "both"]).optional(),
  })
  .meta({ id: "SessionProblem" });

export const mySessionSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    cohortId: z.string(),
    cohortName: z.string(),
    sequence: z.number().int().describe("1-based."),
    of: z.number().int(),
    start: z.string().nullable().describe("ISO instant (UTC); the tab renders it in the reader's zone."),
    end: z.string().nullable(),
    state: z.enum(SESSION_STATES),
    joinUrl: z.string().nullable(),
    counterpart: personRefSchema,
    myRole: z.enum(["mentor", "mentee"]),
    problem: sessionProblemSchema.nullable(),
    canReschedule: z.boolean(),
    canSkip: z.boolean(),
    canGiveFeedback: z.boolean(),
    myFeedback: z.object({ rating: z.number().int(), comment: z.string().nullable() }).nullable(),
  })
  .meta({ id: "MySession" });

export const adminSessionSchema = z
  .object({
    id: z.string(),
    pairId: z.string(),
    mentor: personRefSchema,
    mentee: personRefSchema,
    sequence: z.number().int(),
    of: z.number().int(),
    state: z.enum(SESSION_STATES),
    start: z.string().nullable(),
    end: z.string().nullable(),
    joinUrl: z.string().nullable(),
    problem: sessionProblemSchema.nullable(),
    reslotCount: z.number().int(),
    attendeeResponse: z.string().nullable(),
  })
  .meta({ id: "AdminSession" });

export function pagedSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), continuationToken: z.string().nullable() }).meta({ id });
}

export function schedulingOf(deps: ApiDeps): SchedulingServices {
  // The routes are mounted only when scheduling is wired (routes/index.ts).
  if (!deps.scheduling) throw new Error("Scheduling routes are mounted without scheduling services.");
  return deps.scheduling;
}

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  continuationToken: continuationTokenSchema.optional(),
});

const sessionIdParams = z.object({ sessionId: z.string().min(1).max(400) });
const reasonBody = z.strictObject({ reason: z.string().max(500).optional() }).default({});


export const listMySessionsRoute = defineRoute({
  method: "get",
  path: "/api/me/sessions",
  operationId: "listMySessions",
  summary: "My mentoring sessions (as mentor or mentee), by start time, with state, join link and what I may do.",
  tags: ["sessions"],
  access: "user",
  query: pageQuerySchema,
  response: { status: 200, description: "A page of my sessions", schema: pagedSchema(mySessionSchema, "MySessionPage") },
  handle: async ({ query, caller }, deps) => {
    const page = await listMySessions(schedulingOf(deps), caller, { limit: query.limit, continuationToken: query.continuationToken ?? null });
    return { items: page.items, continuationToken: encodeContinuationToken(page.continuationToken) };
  },
});

export const rescheduleSessionRoute = defineRoute({
  method: "post",
  path: "/api/me/sessions/:sessionId/reschedule",
  operationId: "rescheduleMySession",
  summary: "Moves one of my sessions to the next time that suits both people now; both are told.",
  tags: ["sessions"],
  access: "user",
  params: sessionIdParams,
  body: reasonBody,
  response: { status: 200, description: "The moved session", schema: mySessionSchema },
  problems: [404, 409],
  handle: async ({ params, body, caller }, deps) => requestReschedule(schedulingOf(deps), caller, params.sessionId, body.reason ?? null),
});

export const skipSessionRoute = defineRoute({
  method: "post",
  path: "/api/me/sessions/:sessionId/skip",
  operationId: "skipMySession",
  summary: "Skips one of my sessions: the meeting is cancelled for both people.",
  tags: ["sessions"],
  access: "user",
  params: sessionIdParams,
  body: reasonBody,
  response: { status: 200, description: "The cancelled session", schema: mySessionSchema },
  problems: [404, 409],
  handle: async ({ params, body, caller }, deps) => skipSession(schedulingOf(deps), caller, params.sessionId, body.reason ?? null),
});

export const pausePairRoute = defineRoute({
  method: "post",
  path: "/api/me/pairs/:pairId/pause",
  operationId: "pauseMyPair",
  summary: "Pauses my pair: every future session's meeting is cancelled.",
  tags: ["pairs"],
  access: "user",
  params: pairIdParams,
  response: { status: 200, description: "The paused pair", schema: myPairSchema },
  problems: [404, 409],
  handle: async ({ params, caller }, deps) => pausePair(schedulingOf(deps), caller, params.pairId),
});

export const resumePairRoute = defineRoute({
  method: "post",
  path: "/api/me/pairs/:pairId/resume",
  operationId: "resumeMyPair",
  summary: "Resumes my paused pair: sessions cancelled by the pause are planned again in their weeks and booked.",
  tags: ["pairs"],
  access: "user",
  params: pairIdParams,
  response: { status: 200, description: "The resumed pair", schema: myPairSchema },
  problems: [404, 409],
  handle: async ({ params, caller }, deps) => resumePair(schedulingOf(deps), caller, params.pairId),
});

export const sessionRoutes: AnyRoute[] = [listMySessionsRoute, rescheduleSessionRoute, skipSessionRoute, pausePairRoute, resumePairRoute];
