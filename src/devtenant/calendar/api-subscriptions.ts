// POST/GET /subscriptions and GET/PATCH/DELETE /subscriptions/{id}. Creating one runs the validation
// handshake against notificationUrl (and lifecycleNotificationUrl) before anything is stored; a failed
// handshake is a 400 and no subscription exists afterwards.
import { contextUrl, directoryFor, type GraphReply, type GraphRequest } from "./api-support.js";
import { GraphFailure, invalidUser, mailboxNotEnabled } from "./errors.js";
import type { CalendarService } from "./index.js";
import { isDelegated, requirePermission } from "./permissions.js";
import { readSubscriptionRequest, renderSubscription, validateEndpoint, type Subscription } from "./subscriptions.js";

const notFound = (): GraphFailure => new GraphFailure(404, "ResourceNotFound", "The object was not found.");

function entity(svc: CalendarService, subscription: Subscription, status: number): GraphReply {
  return { status, body: { "@odata.context": contextUrl(svc, "subscriptions/$entity"), ...renderSubscription(subscription) } };
}

/** The caller's own subscription (same tenant and application), or 404. */
function ownSubscription(svc: CalendarService, req: GraphRequest): Subscription {
  const subscription = svc.subscriptions.get(req.params["subscriptionId"] ?? "");
  if (subscription === undefined || subscription.tenantId !== req.ctx.tenantId || subscription.applicationId !== req.ctx.appId) throw notFound();
  return subscription;
}

export async function createSubscription(svc: CalendarService, req: GraphRequest): Promise<GraphReply> {
  requirePermission(req.ctx, "Calendars.Read");
  const draft = readSubscriptionRequest(req.body, svc.deps.clock.now());
  const directory = directoryFor(svc, req.ctx);
  const segment = draft.resourceUserSegment;
  if (segment === null && !isDelegated(req.ctx)) throw new GraphFailure(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  const person = directory.findPerson(segment ?? req.ctx.userId ?? "");
  if (person === undefined) throw invalidUser(segment ?? "me");
  if (!person.hasMailbox) throw mailboxNotEnabled();
  requirePermission(req.ctx, "Calendars.Read", person.id);
  await validateEndpoint(svc.webhooks, draft.notificationUrl);
  if (draft.lifecycleNotificationUrl !== null) await validateEndpoint(svc.webhooks, draft.lifecycleNotificationUrl);
  return entity(svc, svc.subscriptions.add(draft, req.ctx, person.id), 201);
}

export function listSubscriptions(svc: CalendarService, req: GraphRequest): GraphReply {
  const mine = svc.subscriptions.list(req.ctx.tenantId, req.ctx.appId);
  return { status: 200, body: { "@odata.context": contextUrl(svc, "subscriptions"), value: mine.map(renderSubscription) } };
}

export function getSubscription(svc: CalendarService, req: GraphRequest): GraphReply {
  return entity(svc, ownSubscription(svc, req), 200);
}

export async function renewSubscription(svc: CalendarService, req: GraphRequest): Promise<GraphReply> {
  const subscription = ownSubscription(svc, req);
  const body = (typeof req.body === "object" && req.body !== null && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (key !== "expirationDateTime" && key !== "notificationUrl") {
      throw new GraphFailure(400, "InvalidRequest", `Only expirationDateTime and notificationUrl can be updated on a subscription ('${key}' cannot).`);
    }
  }
  if (typeof body["notificationUrl"] === "string" && body["notificationUrl"] !== subscription.notificationUrl) {
    const draft = readSubscriptionRequest({ changeType: subscription.changeType, resource: subscription.resource, notificationUrl: body["notificationUrl"], expirationDateTime: body["expirationDateTime"] ?? new Date(subscription.expiration).toISOString() }, svc.deps.clock.now());
    await validateEndpoint(svc.webhooks, draft.notificationUrl);
    subscription.notificationUrl = draft.notificationUrl;
  }
  if (body["expirationDateTime"] !== undefined) svc.subscriptions.renew(subscription, body["expirationDateTime"]);
  return entity(svc, subscription, 200);
}

export function deleteSubscription(svc: CalendarService, req: GraphRequest): GraphReply {
  svc.removeSubscription(ownSubscription(svc, req).id);
  return { status: 204 };
}
