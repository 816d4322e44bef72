// Dev control endpoints of the calendar half (mounted under /dev, no Graph auth): answer an invitation
// "as the executive in Outlook", drop a conflicting meeting into someone's calendar, tune or freeze the
// simulated attendees, tune notification delivery, trigger lifecycle notifications, and inspect
// calendars and deliveries. Bad input is a 400 naming the field.
import { DateTime } from "luxon";
import type { DevDirectoryView, DevPerson } from "../model.js";
import { mergeBehaviour, type BehaviourSettings } from "./behaviour.js";
import { DevInputError, GraphFailure } from "./errors.js";
import { parseDateTimeTimeZone } from "./event-input.js";
import type { StoredEvent } from "./event-model.js";
import { instanceOf, renderEvent } from "./event-resource.js";
import type { CalendarService, LifecycleEvent } from "./index.js";
import type { Answer } from "./meetings.js";
import type { NotificationSettings } from "./notifier.js";
import { isExecutive } from "./people.js";
import { renderSubscription } from "./subscriptions.js";
import { UTC_ZONE } from "./time-zones.js";

type Json = Record<string, unknown>;

const ANSWERS: readonly Answer[] = ["accepted", "tentativelyAccepted", "declined"];
const LIFECYCLE: readonly LifecycleEvent[] = ["reauthorizationRequired", "subscriptionRemoved", "missed"];

function objectBody(raw: unknown): Json {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new DevInputError("body", "The body must be a JSON object.");
  return raw as Json;
}

function tenant(svc: CalendarService, tenantId: string): DevDirectoryView {
  const directory = svc.deps.directory(tenantId);
  if (directory === undefined) throw new DevInputError("tenantId", `No dev tenant '${tenantId}'.`, 404);
  return directory;
}

function person(directory: DevDirectoryView, idOrAddress: string, field: string): DevPerson {
  const found = directory.findPerson(idOrAddress);
  if (found === undefined) throw new DevInputError(field, `No person '${idOrAddress}' in tenant ${directory.info.tenantId}.`, 404);
  return found;
}

function optionalString(body: Json, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "") throw new DevInputError(field, `${field} must be a non-empty string.`);
  return value;
}

function renderUtc(event: StoredEvent): Json {
  return renderEvent(instanceOf(event), { zone: UTC_ZONE, bodyType: "html" });
}

/** Find the organizer's event by eventId, transactionId or iCalUId (exactly one must be given). */
function organizerEvent(svc: CalendarService, directory: DevDirectoryView, organizer: DevPerson, body: Json): StoredEvent {
  const eventId = optionalString(body, "eventId");
  const transactionId = optionalString(body, "transactionId");
  const iCalUId = optionalString(body, "iCalUId");
  const given = [eventId, transactionId, iCalUId].filter((v) => v !== undefined).length;
  if (given !== 1) throw new DevInputError("eventId", "Give exactly one of eventId, transactionId or iCalUId.");
  const tenantId = directory.info.tenantId;
  let event: StoredEvent | undefined;
  if (eventId !== undefined) event = svc.store.inMailbox(tenantId, organizer.id, eventId);
  if (transactionId !== undefined) event = svc.store.byTransaction(tenantId, organizer.id, transactionId);
  if (iCalUId !== undefined) event = svc.store.copies(tenantId, iCalUId).find((e) => e.isOrganizer && e.mailboxId === organizer.id);
  const field = eventId !== undefined ? "eventId" : transactionId !== undefined ? "transactionId" : "iCalUId";
  if (event === undefined || !event.isOrganizer) throw new DevInputError(field, `No meeting organised by ${organizer.userPrincipalName} matches that ${field}.`, 404);
  return event;
}

/** POST /dev/tenants/{tenantId}/users/{attendee}/respond */
export function devRespond(svc: CalendarService, tenantId: string, attendeeKey: string, raw: unknown): Json {
  svc.sync();
  const directory = tenant(svc, tenantId);
  const body = objectBody(raw);
  const organizerKey = optionalString(body, "organizer");
  if (organizerKey === undefined) throw new DevInputError("organizer", "organizer (id, UPN or mail of the meeting's organizer) is required.");
  const response = body["response"];
  const answer = ANSWERS.find((a) => a === response);
  if (answer === undefined) throw new DevInputError("response", `response must be one of ${ANSWERS.join(", ")}.`);
  const comment = body["comment"];
  if (comment !== undefined && typeof comment !== "string") throw new DevInputError("comment", "comment must be a string.");
  const organizer = person(directory, organizerKey, "organizer");
  const meeting = organizerEvent(svc, directory, organizer, body);
  const attendeePerson = directory.findPerson(attendeeKey);
  const listed = meeting.attendees.find((a) => a.address.toLowerCase() === attendeeKey.toLowerCase() || (attendeePerson !== undefined && a.personId === attendeePerson.id));
  if (listed === undefined) throw new DevInputError("attendee", `${attendeeKey} is not invited to that meeting.`, 404);
  // Someone who declined earlier and answers again gets the meeting back in their calendar.
  const copy = svc.meetings.restoreCopy(directory, meeting, listed);
  try {
    if (copy !== undefined) {
      svc.meetings.respond(copy, answer, { comment: comment ?? "" });
    } else {
      // Invited but unable to hold a copy here (outside the tenant, or no mailbox): record on the organizer's side.
      svc.meetings.respondWithoutCopy(meeting, listed, answer);
    }
  } catch (error) {
    if (error instanceof GraphFailure) throw new DevInputError("response", error.message, 409);
    throw error;
  }
  return { organizerEvent: renderUtc(meeting), attendeeEventId: copy?.id ?? null, response: answer };
}

function instant(raw: unknown, field: string): number {
  if (typeof raw === "string") {
    const parsed = DateTime.fromISO(raw, { setZone: true });
    if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(raw)) throw new DevInputError(field, `${field} must be an ISO instant with an offset (e.g. 2025-03-10T14:00:00Z) or a dateTimeTimeZone object.`);
    return parsed.toMillis();
  }
  try {
    return parseDateTimeTimeZone(raw, field).at;
  } catch (error) {
    throw new DevInputError(field, error instanceof Error ? error.message : `${field} is not a valid time.`);
  }
}

/**
 * POST /dev/tenants/{tenantId}/users/{id}/conflicts { start, end }: puts a busy "Conflicting meeting" in
 * the person's calendar. If the person is an executive whose laterConflict is above 0, every invitation
 * they have not declined that overlaps the new meeting is declined (the organizer sees "declined").
 */
export function devConflict(svc: CalendarService, tenantId: string, userKey: string, raw: unknown): Json {
  svc.sync();
  const directory = tenant(svc, tenantId);
  const who = person(directory, userKey, "user");
  if (!who.hasMailbox) throw new DevInputError("user", `${who.userPrincipalName} has no mailbox.`, 409);
  const body = objectBody(raw);
  const start = instant(body["start"], "start");
  const end = instant(body["end"], "end");
  if (end <= start) throw new DevInputError("end", "end must be after start.");
  const { event } = svc.meetings.create(directory, who, { subject: "Conflicting meeting", start, startZone: UTC_ZONE, end, endZone: UTC_ZONE, showAs: "busy" });
  const declined: Json[] = [];
  if (isExecutive(who) && svc.behaviour.profileOf(who).laterConflict > 0) {
    const overlapping = svc.reader.storedInstances(tenantId, who.id, start, end).filter((i) => !i.base.isOrganizer && !i.base.isCancelled && i.base.responseStatus.response !== "declined");
    for (const instance of new Set(overlapping.map((i) => i.base))) {
      declined.push({ eventId: instance.id, iCalUId: instance.iCalUId, organizer: instance.organizer.address });
      svc.meetings.respond(instance, "declined", { comment: "Something came up that conflicts with this meeting." });
    }
  }
  return { conflictEventId: event.id, declined };
}

/** GET /dev/tenants/{tenantId}/users/{id}/events: every stored event of the mailbox (own and invitations). */
export function devEvents(svc: CalendarService, tenantId: string, userKey: string): Json {
  svc.sync();
  const directory = tenant(svc, tenantId);
  const who = person(directory, userKey, "user");
  return { value: svc.store.mailbox(tenantId, who.id).map(renderUtc) };
}

export function devGetBehaviour(svc: CalendarService): BehaviourSettings {
  return { ...svc.behaviour.settings };
}

export function devPutBehaviour(svc: CalendarService, raw: unknown): BehaviourSettings {
  svc.behaviour.settings = mergeBehaviour(svc.behaviour.settings, raw);
  svc.sync();
  return { ...svc.behaviour.settings };
}

export function devGetNotifications(svc: CalendarService): NotificationSettings {
  return { ...svc.notifier.settings };
}

const NOTIFICATION_LIMITS: Record<keyof NotificationSettings, [number, number]> = {
  duplicateRate: [0, 1],
  retryBaseMs: [1, 600_000],
  maxAttempts: [1, 100],
  batchDelayMs: [0, 60_000],
  maxBatchSize: [1, 1000],
  deliveryTimeoutMs: [100, 60_000],
};

export function devPutNotifications(svc: CalendarService, raw: unknown): NotificationSettings {
  const body = objectBody(raw);
  const next = { ...svc.notifier.settings };
  for (const [key, value] of Object.entries(body)) {
    const limits = NOTIFICATION_LIMITS[key as keyof NotificationSettings];
    if (limits === undefined) throw new DevInputError(key, `Unknown notification setting '${key}'; known: ${Object.keys(NOTIFICATION_LIMITS).join(", ")}.`);
    if (typeof value !== "number" || !Number.isFinite(value) || value < limits[0] || value > limits[1]) throw new DevInputError(key, `${key} must be a number from ${limits[0]} to ${limits[1]}.`);
    next[key as keyof NotificationSettings] = value;
  }
  Object.assign(svc.notifier.settings, next);
  return { ...svc.notifier.settings };
}

/** POST /dev/subscriptions/{id}/lifecycle { event } */
export function devLifecycle(svc: CalendarService, subscriptionId: string, raw: unknown): Json {
  const body = objectBody(raw);
  const event = LIFECYCLE.find((e) => e === body["event"]);
  if (event === undefined) throw new DevInputError("event", `event must be one of ${LIFECYCLE.join(", ")}.`);
  const subscription = svc.subscriptions.get(subscriptionId);
  if (subscription === undefined) throw new DevInputError("subscriptionId", `No active subscription '${subscriptionId}'.`, 404);
  if (subscription.lifecycleNotificationUrl === null) {
    throw new DevInputError("lifecycleNotificationUrl", "The subscription has no lifecycleNotificationUrl, so it cannot receive lifecycle notifications.", 409);
  }
  svc.sendLifecycle(subscription, event);
  return { subscriptionId, event, sent: true };
}

/** GET /dev/subscriptions: all active subscriptions with their recent deliveries. */
export function devSubscriptions(svc: CalendarService): Json {
  svc.sync();
  return {
    value: svc.subscriptions.all().map((s) => ({ tenantId: s.tenantId, mailboxId: s.mailboxId, ...renderSubscription(s), deliveries: svc.notifier.deliveries(s.id) })),
    pendingNotifications: svc.notifier.pending(),
  };
}
