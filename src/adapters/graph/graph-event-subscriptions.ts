// EventSubscriptions on Microsoft Graph change notifications: one subscription per organiser mailbox on
// /users/{id}/events (created, updated, deleted), with a lifecycle URL so that reauthorizationRequired,
// subscriptionRemoved and missed reach us. Graph validates both URLs before answering the POST.
import type { EventSubscriptions, MailboxRef, Subscription } from "../../app/scheduling/calendar-ports.js";
import { MINUTE_MS } from "../../domain/time/index.js";
import type { GraphClients } from "./graph-client-factory.js";
import { graphFailure, graphStatus } from "./graph-failure.js";

/** Graph's limit for Outlook event subscriptions. */
export const MAX_EVENT_SUBSCRIPTION_MINUTES = 4230;
const MAX_CLIENT_STATE = 128;

export class GraphEventSubscriptions implements EventSubscriptions {
  constructor(private readonly graph: GraphClients) {}

  async subscribe(
    tenantId: string,
    organiser: MailboxRef,
    request: { notificationUrl: string; lifecycleNotificationUrl: string; clientState: string; expiresAt: number },
  ): Promise<Subscription> {
    if (request.clientState.length === 0 || request.clientState.length > MAX_CLIENT_STATE) throw new RangeError(`clientState must be 1–${MAX_CLIENT_STATE} characters.`);
    for (const url of [request.notificationUrl, request.lifecycleNotificationUrl]) {
      if (!URL.canParse(url)) throw new RangeError(`"${url}" is not an absolute URL Graph could call.`);
    }
    const body = {
      changeType: "created,updated,deleted",
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: request.lifecycleNotificationUrl,
      resource: `/users/${organiser.id}/events`,
      expirationDateTime: new Date(request.expiresAt).toISOString(),
      clientState: request.clientState,
    };
    try {
      return toSubscription(await this.graph.app(tenantId).api("/subscriptions").post(body));
    } catch (error) {
      throw graphFailure(error, "subscribe to the organiser's calendar");
    }
  }

  async renew(tenantId: string, subscriptionId: string, expiresAt: number): Promise<Subscription | null> {
    try {
      const renewed: unknown = await this.graph
        .app(tenantId)
        .api(`/subscriptions/${encodeURIComponent(subscriptionId)}`)
        .patch({ expirationDateTime: new Date(expiresAt).toISOString() });
      return toSubscription(renewed);
    } catch (error) {
      if (graphStatus(error) === 404) return null;
      throw graphFailure(error, "renew the calendar subscription");
    }
  }

  async remove(tenantId: string, subscriptionId: string): Promise<void> {
    try {
      await this.graph.app(tenantId).api(`/subscriptions/${encodeURIComponent(subscriptionId)}`).delete();
    } catch (error) {
      if (graphStatus(error) === 404) return;
      throw graphFailure(error, "remove the calendar subscription");
    }
  }
}

/** The latest expiry Graph accepts from `now`, with a minute of margin for clock skew. */
export function maxExpiry(now: number): number {
  return now + (MAX_EVENT_SUBSCRIPTION_MINUTES - 1) * MINUTE_MS;
}

function toSubscription(raw: unknown): Subscription {
  const s = (raw ?? {}) as { id?: unknown; expirationDateTime?: unknown; resource?: unknown };
  const expiresAt = typeof s.expirationDateTime === "string" ? Date.parse(s.expirationDateTime) : Number.NaN;
  if (typeof s.id !== "string" || !Number.isFinite(expiresAt)) {
    throw graphFailure(Object.assign(new Error("malformed subscription"), { statusCode: 502, code: "MalformedSubscription" }), "return a readable subscription");
  }
  return { id: s.id, expiresAt, resource: typeof s.resource === "string" ? s.resource : "" };
}
