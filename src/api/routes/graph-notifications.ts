// Microsoft Graph's webhooks (public: Graph does not authenticate; the per-subscription clientState is the
// check, done by the calendar watch). Both answer the validation handshake (POST ?validationToken=… →
// 200 text/plain with the decoded token, within Graph's 10 s) and otherwise store and queue the
// notifications and answer 202 (Graph wants 2xx within 3 s); the processing happens after the answer.
// When they cannot be stored the answer is 503, and Graph delivers them again later.
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

/** A Graph webhook: the validation handshake, or notifications handed to the watch (answered 202 once stored). */
function webhookRoute(path: string, operationId: string, summary: string, accept: (watch: CalendarWatch, body: unknown) => Promise<unknown>) {
  return defineRoute({
    method: "post",
    path,
    operationId,
    summary,
    tags: ["graph"],
    access: "public",
    query: handshakeQuery,
    response: { status: 202, description: "Accepted; processed after the answer", schema: undefined },
    problems: [400, 503],
    handle: async ({ query, req, res }, deps) => {
      if (query.validationToken !== undefined) return answerHandshake(res, query.validationToken);
      await accept(watchOf(deps), req.body);
    },
  });
}

export const graphNotificationsRoute = webhookRoute(
  "/api/graph/notifications",
  "receiveGraphNotifications",
  "Microsoft Graph change notifications for organisers' calendars (and the subscription validation handshake).",
  (watch, body) => watch.acceptChanges(body),
);

export const graphLifecycleRoute = webhookRoute(
  "/api/graph/lifecycle",
  "receiveGraphLifecycleNotifications",
  "Microsoft Graph lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed) and the validation handshake.",
  (watch, body) => watch.acceptLifecycle(body),
);

export const graphNotificationRoutes = [graphNotificationsRoute, graphLifecycleRoute];
