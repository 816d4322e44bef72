// Reading event request bodies (create and PATCH) the way Graph does: unknown properties are rejected
// (RequestBodyRead), read-only ones ignored, enum values case-insensitive, dateTimeTimeZone in Windows or
// IANA zones. The result is typed input for meetings.ts; nothing here touches state.
import { DateTime } from "luxon";
import type { AttendeeType, ShowAs, StoredEvent, TimeSlot } from "./event-model.js";
import { GraphFailure, invalidRequest } from "./errors.js";
import { normalizeRecurrence, type Recurrence } from "./recurrence.js";
import { parseLocalDateTime, resolveZone } from "./time-zones.js";

export interface AttendeeInput {
  address: string;
  name: string | null;
  type: AttendeeType;
}

export interface EventInput {
  subject?: string;
  body?: StoredEvent["body"];
  start?: TimeSlot["start"];
  startZone?: TimeSlot["zone"];
  end?: TimeSlot["end"];
  endZone?: TimeSlot["zone"];
  isAllDay?: boolean;
  location?: string;
  categories?: string[];
  importance?: StoredEvent["importance"];
  sensitivity?: StoredEvent["sensitivity"];
  showAs?: ShowAs;
  isReminderOn?: boolean;
  reminderMinutesBeforeStart?: number;
  allowNewTimeProposals?: boolean;
  responseRequested?: boolean;
  hideAttendees?: boolean;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: StoredEvent["onlineMeetingProvider"];
  attendees?: AttendeeInput[];
  transactionId?: string | null;
  /** Raw recurrence: normalized once the start (and its local date) is known. */
  recurrence?: unknown;
}

const WRITABLE = new Set([
  "subject", "body", "start", "end", "isAllDay", "location", "locations", "categories", "importance", "sensitivity", "showAs",
  "isReminderOn", "reminderMinutesBeforeStart", "allowNewTimeProposals", "responseRequested", "hideAttendees", "isOnlineMeeting",
  "onlineMeetingProvider", "attendees", "transactionId", "recurrence", "originalStartTimeZone", "originalEndTimeZone",
]);
// Properties Graph defines but a client cannot set: accepted and ignored.
const READ_ONLY = new Set([
  "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "iCalUId", "uid", "bodyPreview", "hasAttachments", "isCancelled",
  "isDraft", "isOrganizer", "seriesMasterId", "type", "webLink", "onlineMeetingUrl", "onlineMeeting", "responseStatus", "organizer",
  "occurrenceId", "cancelledOccurrences", "exceptionOccurrences",
]);

const SHOW_AS: readonly ShowAs[] = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];
const IMPORTANCE: readonly StoredEvent["importance"][] = ["low", "normal", "high"];
const SENSITIVITY: readonly StoredEvent["sensitivity"][] = ["normal", "personal", "private", "confidential"];
const PROVIDERS: readonly StoredEvent["onlineMeetingProvider"][] = ["unknown", "teamsForBusiness", "skypeForBusiness", "skypeForConsumer"];
const ATTENDEE_TYPES: readonly AttendeeType[] = ["required", "optional", "resource"];
const ADDRESS = /^[^\s@]+@[^\s@]+$/;

function bodyReadError(message: string): GraphFailure {
  return new GraphFailure(400, "RequestBodyRead", message);
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw bodyReadError(`${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function asString(value: unknown, what: string): string {
  if (typeof value !== "string") throw bodyReadError(`${what} must be a string.`);
  return value;
}

function asBoolean(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw bodyReadError(`${what} must be true or false.`);
  return value;
}

function asEnum<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const found = allowed.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw bodyReadError(`${what} must be one of ${allowed.join(", ")}.`);
  return found;
}

/** Parse a dateTimeTimeZone object (`{ dateTime, timeZone }`). */
export function parseDateTimeTimeZone(value: unknown, what: string): { at: number; zone: TimeSlot["zone"] } {
  const obj = asObject(value, what);
  const dateTime = asString(obj["dateTime"], `${what}.dateTime`);
  const zoneName = obj["timeZone"] === undefined || obj["timeZone"] === null ? "UTC" : asString(obj["timeZone"], `${what}.timeZone`);
  const zone = resolveZone(zoneName);
  const at = parseLocalDateTime(dateTime, zone);
  if (at === null) throw invalidRequest(`${what}.dateTime '${dateTime}' is not a valid date and time.`);
  return { at, zone };
}

function parseAttendees(value: unknown): AttendeeInput[] {
  if (!Array.isArray(value)) throw bodyReadError("attendees must be an array.");
  const seen = new Set<string>();
  const attendees: AttendeeInput[] = [];
  value.forEach((raw, i) => {
    const attendee = asObject(raw, `attendees[${i}]`);
    const email = asObject(attendee["emailAddress"], `attendees[${i}].emailAddress`);
    const address = asString(email["address"], `attendees[${i}].emailAddress.address`).trim();
    if (!ADDRESS.test(address)) throw invalidRequest(`attendees[${i}].emailAddress.address '${address}' is not a valid SMTP address.`);
    const name = email["name"] === undefined || email["name"] === null ? null : asString(email["name"], `attendees[${i}].emailAddress.name`);
    const type = attendee["type"] === undefined || attendee["type"] === null ? "required" : asEnum(attendee["type"], ATTENDEE_TYPES, `attendees[${i}].type`);
    const key = address.toLowerCase();
    if (seen.has(key)) return; // Outlook keeps one entry per address.
    seen.add(key);
    attendees.push({ address, name, type });
  });
  return attendees;
}

function parseBody(value: unknown): StoredEvent["body"] {
  const obj = asObject(value, "body");
  const contentType = obj["contentType"] === undefined ? "text" : asEnum(obj["contentType"], ["html", "text"] as const, "body.contentType");
  const content = obj["content"] === undefined || obj["content"] === null ? "" : asString(obj["content"], "body.content");
  return { contentType, content };
}

function parseLocation(value: unknown): string {
  if (value === null) return "";
  const obj = asObject(value, "location");
  return obj["displayName"] === undefined || obj["displayName"] === null ? "" : asString(obj["displayName"], "location.displayName");
}

type FieldReader = (value: unknown, input: EventInput) => void;

const READERS: Record<string, FieldReader> = {
  subject: (v, i) => (i.subject = v === null ? "" : asString(v, "subject")),
  body: (v, i) => (i.body = parseBody(v)),
  start: (v, i) => {
    const p = parseDateTimeTimeZone(v, "start");
    i.start = p.at;
    i.startZone = p.zone;
  },
  end: (v, i) => {
    const p = parseDateTimeTimeZone(v, "end");
    i.end = p.at;
    i.endZone = p.zone;
  },
  isAllDay: (v, i) => (i.isAllDay = asBoolean(v, "isAllDay")),
  location: (v, i) => (i.location = parseLocation(v)),
  locations: (v, i) => {
    if (!Array.isArray(v)) throw bodyReadError("locations must be an array.");
    if (i.location === undefined && v.length > 0) i.location = parseLocation(v[0]);
  },
  categories: (v, i) => {
    if (!Array.isArray(v)) throw bodyReadError("categories must be an array of strings.");
    i.categories = v.map((c, n) => asString(c, `categories[${n}]`));
  },
  importance: (v, i) => (i.importance = asEnum(v, IMPORTANCE, "importance")),
  sensitivity: (v, i) => (i.sensitivity = asEnum(v, SENSITIVITY, "sensitivity")),
  showAs: (v, i) => (i.showAs = asEnum(v, SHOW_AS, "showAs")),
  isReminderOn: (v, i) => (i.isReminderOn = asBoolean(v, "isReminderOn")),
  reminderMinutesBeforeStart: (v, i) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw bodyReadError("reminderMinutesBeforeStart must be a non-negative integer.");
    i.reminderMinutesBeforeStart = v;
  },
  allowNewTimeProposals: (v, i) => (i.allowNewTimeProposals = asBoolean(v, "allowNewTimeProposals")),
  responseRequested: (v, i) => (i.responseRequested = asBoolean(v, "responseRequested")),
  hideAttendees: (v, i) => (i.hideAttendees = asBoolean(v, "hideAttendees")),
  isOnlineMeeting: (v, i) => (i.isOnlineMeeting = asBoolean(v, "isOnlineMeeting")),
  onlineMeetingProvider: (v, i) => (i.onlineMeetingProvider = asEnum(v, PROVIDERS, "onlineMeetingProvider")),
  attendees: (v, i) => (i.attendees = v === null ? [] : parseAttendees(v)),
  transactionId: (v, i) => {
    if (v === null) {
      i.transactionId = null;
      return;
    }
    const id = asString(v, "transactionId");
    if (id.length === 0 || id.length > 255) throw invalidRequest("transactionId must be 1 to 255 characters.");
    i.transactionId = id;
  },
  recurrence: (v, i) => (i.recurrence = v),
  // Graph derives these from start/end; accepted for round-tripping.
  originalStartTimeZone: () => undefined,
  originalEndTimeZone: () => undefined,
};

/** Read a create or PATCH body. */
export function readEventInput(raw: unknown): EventInput {
  const body = asObject(raw ?? {}, "The request body");
  const input: EventInput = {};
  // location before locations so an explicit location wins.
  const keys = Object.keys(body).sort((a, b) => (a === "location" ? -1 : b === "location" ? 1 : 0));
  for (const key of keys) {
    if (key.startsWith("@odata.") || READ_ONLY.has(key)) continue;
    if (!WRITABLE.has(key)) {
      throw bodyReadError(`The property '${key}' does not exist on type 'microsoft.graph.event'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
    }
    READERS[key]?.(body[key], input);
  }
  return input;
}

/** Normalize the raw recurrence against the event's start (its local date in the start zone). */
export function recurrenceFor(raw: unknown, start: number, zone: TimeSlot["zone"]): Recurrence | null {
  if (raw === undefined || raw === null) return null;
  const localDate = DateTime.fromMillis(start, { zone: zone.iana }).toISODate() ?? "";
  return normalizeRecurrence(raw, localDate, zone.name);
}

/** All-day events must start and end at local midnight and last whole days. */
export function assertAllDayShape(start: number, end: number, zone: TimeSlot["zone"]): void {
  const s = DateTime.fromMillis(start, { zone: zone.iana });
  const e = DateTime.fromMillis(end, { zone: zone.iana });
  if (!s.equals(s.startOf("day")) || !e.equals(e.startOf("day")) || e <= s) {
    throw invalidRequest("An all-day event must start and end at midnight and span at least one day.");
  }
}
