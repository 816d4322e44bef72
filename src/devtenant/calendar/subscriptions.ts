// Change-notification subscriptions on /users/{id}/events: request validation with Graph's error codes,
// the validation handshake against notificationUrl (and lifecycleNotificationUrl), storage, renewal and
// the resource shape of subscription-outlook-messages.response.json.
import { randomUUID } from "node:crypto";
import type { DevClock, GraphCallContext } from "../model.js";
import { GraphFailure } from "./errors.js";
import type { ChangeType } from "./meetings.js";
import { formatUtcInstant } from "./time-zones.js";
import { notificationUrlProblem, type WebhookClient } from "./webhook-client.js";

export const MAX_EVENT_SUBSCRIPTION_MINUTES = 4230;
const MAX_CLIENT_STATE = 128;
const VALIDATION_TIMEOUT_MS = 10_000;
const CHANGE_TYPES: readonly ChangeType[] = ["created", "updated", "deleted"];
const TLS_VERSIONS = ["v1_0", "v1_1", "v1_2", "v1_3"];
const RESOURCE = /^\/?(?:users\/([^/]+)|me)\/(?:calendar\/)?events$/i;

export interface Subscription {
  id: string;
  tenantId: string;
  applicationId: string;
  creatorId: string;
  resource: string;
  /** Object id of the mailbox whose events are watched. */
  mailboxId: string;
  changeType: string;
  changeTypes: ReadonlySet<ChangeType>;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expiration: number;
  latestSupportedTlsVersion: string;
  /** The expiration for which reauthorizationRequired was already sent (one per expiration). */
  reauthorizationSentFor: number | null;
}

const invalid = (message: string): GraphFailure => new GraphFailure(400, "InvalidRequest", message);

function str(body: Record<string, unknown>, name: string, required: boolean): string | null {
  const value = body[name];
  if (value === undefined || value === null) {
    if (required) throw invalid(`The subscription property '${name}' is required.`);
    return null;
  }
  if (typeof value !== "string") throw invalid(`The subscription property '${name}' must be a string.`);
  return value;
}

function checkUrl(url: string, name: string): void {
  const problem = notificationUrlProblem(url);
  if (problem === "invalid") throw invalid(`Subscription ${name} '${url}' is not a valid URL.`);
  if (problem === "scheme") throw invalid(`Subscription ${name} must be an https URL (the dev tenant also accepts http on loopback addresses).`);
  if (problem === "notLoopback") throw invalid(`The dev tenant only delivers to loopback addresses (127.0.0.1, ::1, localhost); ${name} '${url}' is not one.`);
}

function parseChangeTypes(raw: string): Set<ChangeType> {
  const types = new Set<ChangeType>();
  for (const part of raw.split(",").map((p) => p.trim())) {
    const type = CHANGE_TYPES.find((t) => t === part);
    if (type === undefined) throw invalid(`'${part}' is not a supported changeType; use created, updated and/or deleted, comma-separated.`);
    types.add(type);
  }
  return types;
}

/** expirationDateTime must be in the future and at most 4,230 minutes away (Outlook resources). */
function parseExpiration(raw: string, now: number): number {
  const at = Date.parse(raw);
  if (Number.isNaN(at)) throw invalid(`expirationDateTime '${raw}' is not a valid date and time.`);
  if (at <= now) throw invalid("Subscription expiration must be in the future.");
  if (at > now + MAX_EVENT_SUBSCRIPTION_MINUTES * 60_000) {
    throw new GraphFailure(400, "ExtensionError", `Subscription expiration can only be ${MAX_EVENT_SUBSCRIPTION_MINUTES} minutes in the future.`);
  }
  return at;
}

function validationToken(): string {
  // Shaped like Graph's tokens: spaces and colons, so receivers must URL-decode it.
  return `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
}

/** The handshake: POST url?validationToken=…; the receiver must answer 200 text/plain with the decoded token within 10 s. */
export async function validateEndpoint(client: WebhookClient, url: string): Promise<void> {
  const token = validationToken();
  const target = new URL(url);
  target.searchParams.append("validationToken", token);
  let response;
  try {
    response = await client.post(target.toString(), "", "text/plain; charset=utf-8", VALIDATION_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) throw invalid("Subscription validation request timed out.");
    throw invalid("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
  }
  if (response.status !== 200) throw invalid("Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.");
  if (!/^text\/plain\b/i.test(response.contentType)) throw invalid("Subscription validation request failed. Response must be of content type text/plain.");
  if (response.body !== token) throw invalid("Subscription validation request failed. Response must exactly match validationToken query parameter.");
}

export interface SubscriptionDraft {
  resource: string;
  resourceUserSegment: string | null;
  changeType: string;
  changeTypes: Set<ChangeType>;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expiration: number;
  latestSupportedTlsVersion: string;
}

/** Validate a POST /subscriptions body (everything but the handshake and the mailbox lookup). */
export function readSubscriptionRequest(raw: unknown, now: number): SubscriptionDraft {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw invalid("The request body must be a JSON object.");
  const body = raw as Record<string, unknown>;
  const changeType = str(body, "changeType", true) as string;
  const notificationUrl = str(body, "notificationUrl", true) as string;
  const resource = str(body, "resource", true) as string;
  const expirationRaw = str(body, "expirationDateTime", true) as string;
  const clientState = str(body, "clientState", false);
  const lifecycleNotificationUrl = str(body, "lifecycleNotificationUrl", false);
  const tls = str(body, "latestSupportedTlsVersion", false) ?? "v1_2";
  if (body["includeResourceData"] === true) {
    throw invalid("Rich notifications (includeResourceData) need an encryptionCertificate and are not supported by the dev tenant; subscribe without resource data.");
  }
  if (!TLS_VERSIONS.includes(tls)) throw invalid(`latestSupportedTlsVersion must be one of ${TLS_VERSIONS.join(", ")}.`);
  if (clientState !== null && clientState.length > MAX_CLIENT_STATE) throw invalid(`clientState must be at most ${MAX_CLIENT_STATE} characters.`);
  const match = RESOURCE.exec(resource.trim());
  if (match === null) throw invalid(`The resource '${resource}' is not supported by the dev tenant; subscribe to /users/{id}/events or /me/events.`);
  checkUrl(notificationUrl, "notificationUrl");
  if (lifecycleNotificationUrl !== null) checkUrl(lifecycleNotificationUrl, "lifecycleNotificationUrl");
  return {
    resource,
    resourceUserSegment: match[1] === undefined ? null : decodeURIComponent(match[1]),
    changeType: [...parseChangeTypes(changeType)].join(","),
    changeTypes: parseChangeTypes(changeType),
    clientState,
    notificationUrl,
    lifecycleNotificationUrl,
    expiration: parseExpiration(expirationRaw, now),
    latestSupportedTlsVersion: tls,
  };
}

export class SubscriptionStore {
  private readonly byId = new Map<string, Subscription>();

  constructor(private readonly clock: DevClock) {}

  add(draft: SubscriptionDraft, ctx: GraphCallContext, mailboxId: string): Subscription {
    const subscription: Subscription = {
      id: randomUUID(),
      tenantId: ctx.tenantId,
      applicationId: ctx.appId,
      creatorId: ctx.userId ?? ctx.appId,
      resource: draft.resource,
      mailboxId,
      changeType: draft.changeType,
      changeTypes: draft.changeTypes,
      clientState: draft.clientState,
      notificationUrl: draft.notificationUrl,
      lifecycleNotificationUrl: draft.lifecycleNotificationUrl,
      expiration: draft.expiration,
      latestSupportedTlsVersion: draft.latestSupportedTlsVersion,
      reauthorizationSentFor: null,
    };
    this.byId.set(subscription.id, subscription);
    return subscription;
  }

  /** An active (unexpired) subscription, or undefined. */
  get(id: string): Subscription | undefined {
    const subscription = this.byId.get(id);
    return subscription !== undefined && subscription.expiration > this.clock.now() ? subscription : undefined;
  }

  /** Active subscriptions of a tenant, optionally only one application's. */
  list(tenantId: string, applicationId?: string): Subscription[] {
    const now = this.clock.now();
    return [...this.byId.values()].filter((s) => s.tenantId === tenantId && s.expiration > now && (applicationId === undefined || s.applicationId === applicationId));
  }

  all(): Subscription[] {
    return [...this.byId.values()];
  }

  /** Active subscriptions watching this mailbox for this change type. */
  watching(tenantId: string, mailboxId: string, changeType: ChangeType): Subscription[] {
    return this.list(tenantId).filter((s) => s.mailboxId === mailboxId && s.changeTypes.has(changeType));
  }

  renew(subscription: Subscription, rawExpiration: unknown): void {
    if (typeof rawExpiration !== "string") throw invalid("expirationDateTime is required to renew a subscription.");
    subscription.expiration = parseExpiration(rawExpiration, this.clock.now());
    subscription.reauthorizationSentFor = null;
  }

  remove(id: string): Subscription | undefined {
    const subscription = this.byId.get(id);
    this.byId.delete(id);
    return subscription;
  }

  /** Drop expired subscriptions; returns them. */
  purgeExpired(): Subscription[] {
    const now = this.clock.now();
    const expired = [...this.byId.values()].filter((s) => s.expiration <= now);
    for (const s of expired) this.byId.delete(s.id);
    return expired;
  }
}

/** The subscription resource (all properties Graph returns for Outlook subscriptions). */
export function renderSubscription(s: Subscription): Record<string, unknown> {
  return {
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    notificationContentType: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: formatUtcInstant(s.expiration),
    creatorId: s.creatorId,
    includeResourceData: null,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}
