// Admin API: notifications that did not reach people (failed for good, or the person has not installed the
// app in Teams), and sending one again. Thin: the use case is src/app/messaging/notification-deliveries.ts.
import { z } from "zod";
import { listUndelivered, retryUndelivered, type DeliveriesDeps } from "../../app/messaging/notification-deliveries.js";
import type { ApiDeps } from "../api-deps.js";
import { continuationTokenSchema, encodeContinuationToken } from "../paging.js";
import { defineRoute } from "../route.js";

const undeliveredSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe("matched, session-booked, session-moved, reminder, feedback-prompt or nominated."),
    reason: z.enum(["failed", "notInstalled"]).describe("failed: given up after repeated errors; notInstalled: the person has not added the app in Teams."),
    recipientId: z.string(),
    recipientName: z.string().nullable().describe("From the directory snapshot; null when the person is not in it."),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "UndeliveredNotification" });

function deliveriesDeps(deps: ApiDeps): DeliveriesDeps {
  const deliveries = deps.notificationDeliveries;
  if (!deliveries || !deps.matching) throw new Error("Notification routes are mounted without deliveries or a people store.");
  return { deliveries, people: deps.matching.people };
}

export const listUndeliveredRoute = defineRoute({
  method: "get",
  path: "/api/admin/notifications/undelivered",
  operationId: "listUndeliveredNotifications",
  summary: "Notifications that did not reach people (failed, or the app is not installed), most recent first.",
  tags: ["notifications"],
  access: "admin",
  query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(25), continuationToken: continuationTokenSchema.optional() }),
  response: { status: 200, description: "One page", schema: z.object({ items: z.array(undeliveredSchema), continuationToken: z.string().nullable() }) },
  handle: async ({ query, caller }, deps) => {
    const page = await listUndelivered(deliveriesDeps(deps), caller, { limit: query.limit, continuationToken: query.continuationToken ?? null });
    return { items: page.items, continuationToken: encodeContinuationToken(page.continuationToken) };
  },
});

export const retryUndeliveredRoute = defineRoute({
  method: "post",
  path: "/api/admin/notifications/:id/retry",
  operationId: "retryUndeliveredNotification",
  summary: "Sends an undelivered notification again (e.g. after the person installed the app).",
  tags: ["notifications"],
  access: "admin",
  params: z.object({ id: z.string().uuid("must be a notification id") }),
  response: { status: 204, description: "Queued for delivery", schema: undefined },
  problems: [404, 409],
  handle: async ({ params, caller }, deps) => retryUndelivered(deliveriesDeps(deps), caller, params.id),
});

export const notificationRoutes = [listUndeliveredRoute, retryUndeliveredRoute];
