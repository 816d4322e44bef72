// Rendering events as Graph's event resource, shaped after the official create-event / event-get
// payloads: every property Graph returns, times in the requested zone (Prefer: outlook.timezone) with 7
// fractional digits, attendees with status { response, time } and "0001-01-01T00:00:00Z" for "never".
// Background (generated or fixture) blocks render as events too, so calendarView shows a full calendar.
import { DateTime } from "luxon";
import type { DevPerson } from "../model.js";
import type { StoredAttendee, StoredEvent } from "./event-model.js";
import type { BackgroundBlock } from "./generated-calendar.js";
import { addressOf, workingHoursZone } from "./people.js";
import { hashParts } from "./rng.js";
import { formatDateTimeTimeZone, formatUtcInstant, type ResolvedZone } from "./time-zones.js";

export type EventType = "singleInstance" | "occurrence" | "exception" | "seriesMaster";

/** One event as a reader sees it: a stored event, one occurrence of a series, or a background block. */
export interface EventInstance {
  base: StoredEvent;
  id: string;
  start: number;
  end: number;
  type: EventType;
  seriesMasterId: string | null;
}

export interface RenderOptions {
  /** Output zone for start/end; UTC when the client did not ask (Prefer: outlook.timezone). */
  zone: ResolvedZone;
  bodyType: "html" | "text";
}

const NEVER = "0001-01-01T00:00:00Z";
const BACKGROUND_PREFIX = "AAMkGEN";
const OCCURRENCE_SEPARATOR = "_OCC_";

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const stripHtml = (html: string): string =>
  html
    .replace(/<(head|style|script)[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

function renderBody(body: StoredEvent["body"], wanted: "html" | "text"): { contentType: "html" | "text"; content: string } {
  if (wanted === "text") return { contentType: "text", content: body.contentType === "html" ? stripHtml(body.content) : body.content };
  if (body.contentType === "html") {
    return { contentType: "html", content: /<html[\s>]/i.test(body.content) ? body.content : `<html><head></head><body>${body.content}</body></html>` };
  }
  return { contentType: "html", content: `<html><head></head><body>${escapeHtml(body.content).replace(/\r?\n/g, "<br>")}</body></html>` };
}

function bodyPreview(body: StoredEvent["body"]): string {
  const text = body.contentType === "html" ? stripHtml(body.content) : body.content.replace(/\s+/g, " ").trim();
  return text.slice(0, 255);
}

function responseTime(time: number | null): string {
  return time === null ? NEVER : new Date(time).toISOString().replace(".000Z", "Z");
}

function renderAttendee(attendee: StoredAttendee, zone: ResolvedZone): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    type: attendee.type,
    status: { response: attendee.response, time: responseTime(attendee.time) },
  };
  if (attendee.proposedNewTime !== null) {
    rendered["proposedNewTime"] = {
      start: formatDateTimeTimeZone(attendee.proposedNewTime.start, zone),
      end: formatDateTimeTimeZone(attendee.proposedNewTime.end, zone),
    };
  }
  rendered["emailAddress"] = { name: attendee.name, address: attendee.address };
  return rendered;
}

function renderLocation(name: string): { location: Record<string, unknown>; locations: Record<string, unknown>[] } {
  if (name === "") {
    return { location: { displayName: "", locationType: "default", uniqueIdType: "unknown", address: {}, coordinates: {} }, locations: [] };
  }
  return {
    location: { displayName: name, locationType: "default", uniqueId: name, uniqueIdType: "private" },
    locations: [{ displayName: name, locationType: "default", uniqueIdType: "unknown" }],
  };
}

/** The full Graph event resource for an instance. */
export function renderEvent(instance: EventInstance, options: RenderOptions): Record<string, unknown> {
  const e = instance.base;
  const { location, locations } = renderLocation(e.location);
  const rendered: Record<string, unknown> = {
    "@odata.etag": `W/"${e.changeKey}"`,
    id: instance.id,
    createdDateTime: formatUtcInstant(e.createdAt),
    lastModifiedDateTime: formatUtcInstant(e.modifiedAt),
    changeKey: e.changeKey,
    categories: [...e.categories],
    originalStartTimeZone: e.startZone.name,
    originalEndTimeZone: e.endZone.name,
    iCalUId: e.iCalUId,
    reminderMinutesBeforeStart: e.reminderMinutesBeforeStart,
    isReminderOn: e.isReminderOn,
    hasAttachments: false,
    hideAttendees: e.hideAttendees,
    subject: e.subject,
    bodyPreview: bodyPreview(e.body),
    importance: e.importance,
    sensitivity: e.sensitivity,
    isAllDay: e.isAllDay,
    isCancelled: e.isCancelled,
    isDraft: false,
    isOrganizer: e.isOrganizer,
    responseRequested: e.responseRequested,
    seriesMasterId: instance.seriesMasterId,
  };
  // Graph leaves transactionId out of events created without one (see the official examples).
  if (e.transactionId !== null) rendered["transactionId"] = e.transactionId;
  Object.assign(rendered, {
    showAs: e.showAs,
    type: instance.type,
    webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(instance.id)}&exvsurl=1&path=/calendar/item`,
    onlineMeetingUrl: null,
    isOnlineMeeting: e.isOnlineMeeting,
    onlineMeetingProvider: e.onlineMeetingProvider,
    allowNewTimeProposals: e.allowNewTimeProposals,
    responseStatus: { response: e.responseStatus.response, time: responseTime(e.responseStatus.time) },
    body: renderBody(e.body, options.bodyType),
    start: formatDateTimeTimeZone(instance.start, options.zone),
    end: formatDateTimeTimeZone(instance.end, options.zone),
    location,
    locations,
    recurrence: instance.type === "seriesMaster" ? e.recurrence : null,
    attendees: e.attendees.map((a) => renderAttendee(a, options.zone)),
    organizer: { emailAddress: { name: e.organizer.name, address: e.organizer.address } },
    onlineMeeting: e.onlineMeeting === null ? null : { ...e.onlineMeeting },
  });
  return rendered;
}

/** Keep only the selected properties (Graph always returns id and @odata.etag). */
export function applySelect(rendered: Record<string, unknown>, select: readonly string[] | null): Record<string, unknown> {
  if (select === null) return rendered;
  // Graph returns the locations list whenever location is selected (see the event-get example).
  const wanted = new Set(select.includes("location") ? [...select, "locations"] : select);
  const picked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rendered)) {
    if (key === "@odata.etag" || key === "id" || wanted.has(key)) picked[key] = value;
  }
  return picked;
}

/** The instance for a stored event that is not part of an expansion. */
export function instanceOf(event: StoredEvent): EventInstance {
  return { base: event, id: event.id, start: event.start, end: event.end, type: event.recurrence === null ? "singleInstance" : "seriesMaster", seriesMasterId: null };
}

export function occurrenceId(masterId: string, localDate: string): string {
  return `${masterId}${OCCURRENCE_SEPARATOR}${localDate.replace(/-/g, "")}`;
}

/** Split an occurrence id into its series master id and local date, or null. */
export function parseOccurrenceId(id: string): { masterId: string; localDate: string } | null {
  const at = id.lastIndexOf(OCCURRENCE_SEPARATOR);
  if (at < 0) return null;
  const digits = id.slice(at + OCCURRENCE_SEPARATOR.length);
  if (!/^\d{8}$/.test(digits)) return null;
  return { masterId: id.slice(0, at), localDate: `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` };
}

export function backgroundId(personId: string, key: string): string {
  return `${BACKGROUND_PREFIX}${Buffer.from(`${personId}|${key}`, "utf8").toString("base64url")}=`;
}

/** Decode a background block id into (person id, block key), or null when it is not one. */
export function parseBackgroundId(id: string): { personId: string; key: string } | null {
  if (!id.startsWith(BACKGROUND_PREFIX) || !id.endsWith("=")) return null;
  const decoded = Buffer.from(id.slice(BACKGROUND_PREFIX.length, -1), "base64url").toString("utf8");
  const bar = decoded.indexOf("|");
  return bar < 0 ? null : { personId: decoded.slice(0, bar), key: decoded.slice(bar + 1) };
}

function pseudoHex(...parts: string[]): string {
  let hex = "";
  for (let i = 0; hex.length < 32; i++) hex += hashParts(...parts, i).toString(16).padStart(8, "0");
  return hex.toUpperCase();
}

/** A background block dressed as a read-only event the person organised (no attendees). */
export function backgroundInstance(tenantId: string, person: DevPerson, block: BackgroundBlock): EventInstance {
  const zone = workingHoursZone(person);
  // Stable timestamps: "created" a week before the first time the block could have been seen.
  const createdAt = DateTime.fromMillis(block.start).minus({ days: 7 }).startOf("day").toMillis();
  const seriesId = block.seriesKey === null ? null : backgroundId(person.id, `series.${block.seriesKey}`);
  const changeKey = Buffer.from(pseudoHex(person.id, block.key, "ck"), "hex").toString("base64");
  const base: StoredEvent = {
    id: backgroundId(person.id, block.key),
    tenantId,
    mailboxId: person.id,
    iCalUId: `040000008200E00074C5B7101A82E008${pseudoHex(person.id, block.seriesKey ?? block.key)}`,
    meetingKey: `${person.id}|${block.key}`,
    createdAt,
    modifiedAt: createdAt,
    changeKey,
    sequence: 0,
    transactionId: null,
    subject: block.subject,
    body: { contentType: "html", content: "" },
    start: block.start,
    end: block.end,
    startZone: zone,
    endZone: zone,
    isAllDay: block.isAllDay,
    location: block.location,
    categories: [],
    importance: "normal",
    sensitivity: block.isPrivate ? "private" : "normal",
    showAs: block.status,
    isReminderOn: !block.isAllDay,
    reminderMinutesBeforeStart: block.isAllDay ? 0 : 15,
    allowNewTimeProposals: true,
    responseRequested: true,
    hideAttendees: false,
    isOnlineMeeting: false,
    onlineMeetingProvider: "unknown",
    onlineMeeting: null,
    isCancelled: false,
    isOrganizer: true,
    organizer: { address: addressOf(person), name: person.displayName, personId: person.id },
    responseStatus: { response: "organizer", time: null },
    attendees: [],
    recurrence: null,
  };
  return { base, id: base.id, start: block.start, end: block.end, type: seriesId === null ? "singleInstance" : "occurrence", seriesMasterId: seriesId };
}
