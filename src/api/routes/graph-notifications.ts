// Microsoft Graph's webhooks (public: Graph does not authenticate; the per-subscription clientState is the
// check, done by the calendar watch). Both answer the validation handshake (POST ?validationToken=… →
// 200 text/plain with the decoded token, within Graph's 10 s) and otherwise queue the notifications and
// answer 202 at once (Graph wants 2xx within 3 s); the processing happens after the answer.
import type { Response } from "express";
import { z } from "zod";
import type { CalendarWatch } from "../../app/calendar-watch/calendar-watch.js";
import type { ApiDeps } from "../api-deps.js";
import { defineRoute } from "../route.js";
import { ProblemError } from "../problem.js";

const handshakeQuery = z.object({
  validationToken: z.string().max(4096).optional().describe("Sent by Graph when a subscription is created or its URL changes; echoed back as text/plain."),
});

function answerHandshake(res: Response, token: string): void {
  // Express has already percent-decoded the query value: Graph wants the decoded token back, verbatim.
  res.status(200).type("text/plain").send(token);
}

function watchOf(deps: ApiDeps): CalendarWatch {
  if (!deps.calendarWatch) throw new ProblemError("unavailable", "Calendar change notifications are not enabled on this instance.");
  return deps.calendarWatch;
}

export const graphNotificationsRoute = defineRoute({
  method: "post",
  path: "/api/graph/notifications",
  operationId: "receiveGraphNotifications",
  summary: "Microsoft Graph change notifications for organisers' calendars (and the subscription validation handshake).",
  tags: ["graph"],
  access: "public",
  query: handshakeQuery,
  response: { status: 202, description: "Accepted; processed after the answer", schema: undefined },
  problems: [400],
  handle: async ({ query, req, res }, deps) => {
    if (query.validationToken !== undefined) return answerHandshake(res, query.validationToken);
    watchOf(deps).acceptChanges(req.body);
  },
});

export const graphLifecycleRoute = defineRoute({
  method: "post",
  path: "/api/graph/lifecycle",
  operationId: "receiveGraphLifecycleNotifications",
  summary: "Microsoft Graph lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed) and the validation handshake.",
  tags: ["graph"],
  access: "public",
  query: handshakeQuery,
  response: { status: 202, description: "Accepted; processed after the answer", schema: undefined },
  problems: [400],
  handle: async ({ query, req, res }, deps) => {
    if (query.validationToken !== undefined) return answerHandshake(res, query.validationToken);
    watchOf(deps).acceptLifecycle(req.body);
  },
});

export const graphNotificationRoutes = [graphNotificationsRoute, graphLifecycleRoute];
