// Employee API: feedback on a session of mine once it is over. Thin: the rules are in src/app/feedback.
import { z } from "zod";
import { changeFeedback, giveFeedback, type FeedbackDeps, type FeedbackInput } from "../../app/feedback/give-feedback.js";
import type { ApiDeps } from "../api-deps.js";
import { ProblemError } from "../problem.js";
import { defineRoute, type AnyRoute } from "../route.js";

const sessionParams = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_.:-]{1,255}$/, "must be a session id") });

const feedbackBodySchema = z
  .strictObject({
    rating: z.number({ error: "must be a whole number from 1 to 5" }).int("must be a whole number from 1 to 5").min(1, "must be at least 1").max(5, "must be at most 5"),
    comment: z
      .string()
      .trim()
      .max(2000, "must be at most 2000 characters")
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .meta({ id: "FeedbackInput" });

const feedbackSchema = z
  .object({ rating: z.number().int().min(1).max(5), comment: z.string().nullable(), createdAt: z.string().describe("ISO 8601") })
  .meta({ id: "Feedback" });

function feedbackDeps(deps: ApiDeps): FeedbackDeps {
  if (!deps.feedback) throw new ProblemError("unavailable", "Feedback is not available on this server.");
  return { feedback: deps.feedback, clock: deps.clock };
}

const giveFeedbackRoute = defineRoute({
  method: "post",
  path: "/api/me/sessions/:sessionId/feedback",
  operationId: "giveSessionFeedback",
  summary: "Give feedback (rating 1–5, optional comment) on one of my sessions once it has ended.",
  tags: ["feedback"],
  access: "user",
  params: sessionParams,
  body: feedbackBodySchema,
  response: { status: 201, description: "The feedback as stored", schema: feedbackSchema },
  problems: [403, 404, 409],
  handle: ({ params, body, caller }, deps) => giveFeedback(feedbackDeps(deps), caller, params.sessionId, body as FeedbackInput),
});

const changeFeedbackRoute = defineRoute({
  method: "put",
  path: "/api/me/sessions/:sessionId/feedback",
  operationId: "changeSessionFeedback",
  summary: "Change my feedback on a session (gives it when there is none yet).",
  tags: ["feedback"],
  access: "user",
  params: sessionParams,
  body: feedbackBodySchema,
  response: { status: 200, description: "The feedback as stored", schema: feedbackSchema },
  problems: [403, 404, 409],
  handle: ({ params, body, caller }, deps) => changeFeedback(feedbackDeps(deps), caller, params.sessionId, body as FeedbackInput),
});

export const feedbackRoutes: AnyRoute[] = [giveFeedbackRoute, changeFeedbackRoute];
