// Graph event operations: create (201, idempotent by transactionId), list (/events), calendarView, get,
// PATCH, DELETE (204), cancel / accept / tentativelyAccept / decline (202). Express-free: the routes
// hand in a GraphRequest and send back the GraphReply.
import { DateTime } from "luxon";
import type { StoredEvent, TimeSlot } from "./event-model.js";
import { contextUrl, nextLink, outputFormat, resolveMailbox, type GraphReply, type GraphRequest, type Mailbox } from "./api-support.js";
import { GraphFailure, invalidRequest, itemNotFound } from "./errors.js";
import { parseDateTimeTimeZone, readEventInput } from "./event-input.js";
import { applyEventQuery, readEventQuery } from "./event-query.js";
import { applySelect, instanceOf, parseBackgroundId, parseOccurrenceId, renderEvent, type EventInstance } from "./event-resource.js";
import type { CalendarService } from "./index.js";
import type { Answer } from "./meetings.js";
import { requirePermission } from "./permissions.js";

const MAX_VIEW_DAYS = 1826;

function mailboxFor(svc: CalendarService, req: GraphRequest, permission: "Calendars.Read" | "Calendars.ReadWrite"): Mailbox {
  requirePermission(req.ctx, permission);
  const mailbox = resolveMailbox(svc, req);
  requirePermission(req.ctx, permission, mailbox.person.id);
  return mailbox;
}

function entity(svc: CalendarService, mailbox: Mailbox, instance: EventInstance, req: GraphRequest, select: string[] | null, fallbackZone?: TimeSlot["zone"]): GraphReply {
  const format = outputFormat(req, fallbackZone);
  const selection = select === null ? "" : `(${select.join(",")})`;
  return {
    status: 200,
    headers: format.applied,
    body: { "@odata.context": contextUrl(svc, `${mailbox.contextSegment}/events${selection}/$entity`), ...applySelect(renderEvent(instance, format), select) },
  };
}

/** A stored, non-occurrence event of this mailbox that the caller wants to change. */
function changeableEvent(svc: CalendarService, mailbox: Mailbox, id: string): StoredEvent {
  const event = svc.store.inMailbox(mailbox.directory.info.tenantId, mailbox.person.id, id);
  if (event !== undefined) return event;
  if (parseOccurrenceId(id) !== null && svc.reader.find(mailbox.directory, mailbox.person, id) !== undefined) {
    throw invalidRequest("The dev tenant does not support changing single occurrences of a series; change the series master instead.");
  }
  const background = parseBackgroundId(id);
  if (background !== null && svc.reader.find(mailbox.directory, mailbox.person, id) !== undefined) {
    throw invalidRequest("This meeting belongs to the dev tenant's generated background calendar and is read-only.");
  }
  throw itemNotFound();
}

export function createEvent(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.ReadWrite");
  const input = readEventInput(req.body);
  const { event } = svc.meetings.create(mailbox.directory, mailbox.person, input);
  // Without Prefer: outlook.timezone the reply uses the zone the request's start was given in.
  const reply = entity(svc, mailbox, instanceOf(event), req, null, event.startZone);
  return { ...reply, status: 201 };
}

function page(svc: CalendarService, req: GraphRequest, mailbox: Mailbox, instances: EventInstance[], collection: string): GraphReply {
  const query = readEventQuery(req.query);
  const matching = applyEventQuery(instances, query);
  const format = outputFormat(req);
  const slice = matching.slice(query.skip, query.skip + query.top);
  const selection = query.select === null ? "" : `(${query.select.join(",")})`;
  const body: Record<string, unknown> = {
    "@odata.context": contextUrl(svc, `${mailbox.contextSegment}/${collection}${selection}`),
    value: slice.map((i) => applySelect(renderEvent(i, format), query.select)),
  };
  if (query.skip + query.top < matching.length) body["@odata.nextLink"] = nextLink(svc, req, query.skip + query.top);
  return { status: 200, headers: format.applied, body };
}

export function listEvents(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.Read");
  const events = svc.store.mailbox(mailbox.directory.info.tenantId, mailbox.person.id).map(instanceOf);
  return page(svc, req, mailbox, events, "events");
}

function queryValue(req: GraphRequest, name: string): string | undefined {
  const key = Object.keys(req.query).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : req.query[key];
}

function viewBoundary(raw: string): number {
  const parsed = DateTime.fromISO(raw.replace(/(\.\d{3})\d+/, "$1"), { zone: "UTC" });
  if (!parsed.isValid) throw new GraphFailure(400, "ErrorInvalidParameter", `'${raw}' is not a valid date and time for the calendar view.`);
  return parsed.toMillis();
}

export function calendarView(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.Read");
  const startRaw = queryValue(req, "startDateTime");
  const endRaw = queryValue(req, "endDateTime");
  if (startRaw === undefined || endRaw === undefined) {
    throw new GraphFailure(400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
  }
  const from = viewBoundary(startRaw);
  const to = viewBoundary(endRaw);
  if (to <= from) throw new GraphFailure(400, "ErrorInvalidParameter", "The EndDateTime of the calendar view must be after its StartDateTime.");
  if (to - from > MAX_VIEW_DAYS * 86_400_000) throw new GraphFailure(400, "ErrorInvalidParameter", "The calendar view window cannot be longer than five years.");
  return page(svc, req, mailbox, svc.reader.instances(mailbox.directory, mailbox.person, from, to), "calendarView");
}

export function getEvent(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.Read");
  const instance = svc.reader.find(mailbox.directory, mailbox.person, req.params["eventId"] ?? "");
  if (instance === undefined) throw itemNotFound();
  return entity(svc, mailbox, instance, req, readEventQuery({ $select: req.query["$select"] }).select);
}

export function patchEvent(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.ReadWrite");
  const event = changeableEvent(svc, mailbox, req.params["eventId"] ?? "");
  const updated = svc.meetings.update(mailbox.directory, event, readEventInput(req.body));
  return entity(svc, mailbox, instanceOf(updated), req, null);
}

export function deleteEvent(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.ReadWrite");
  svc.meetings.delete(changeableEvent(svc, mailbox, req.params["eventId"] ?? ""));
  return { status: 204 };
}

function actionBody(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null || raw === "") return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw new GraphFailure(400, "RequestBodyRead", "The request body must be a JSON object.");
  return raw as Record<string, unknown>;
}

/** The docs' examples write `Comment` as well as `comment`; accept both. */
function comment(body: Record<string, unknown>): string {
  const value = body["comment"] ?? body["Comment"];
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new GraphFailure(400, "RequestBodyRead", "comment must be a string.");
  return value;
}

export function cancelEvent(svc: CalendarService, req: GraphRequest): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.ReadWrite");
  const event = changeableEvent(svc, mailbox, req.params["eventId"] ?? "");
  comment(actionBody(req.body));
  svc.meetings.cancel(event);
  return { status: 202 };
}

function proposedNewTime(body: Record<string, unknown>): TimeSlot | null {
  const raw = body["proposedNewTime"];
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new GraphFailure(400, "RequestBodyRead", "proposedNewTime must be a timeSlot object.");
  const slot = raw as Record<string, unknown>;
  const start = parseDateTimeTimeZone(slot["start"], "proposedNewTime.start");
  const end = parseDateTimeTimeZone(slot["end"], "proposedNewTime.end");
  return { start: start.at, end: end.at, zone: start.zone };
}

export function answerEvent(svc: CalendarService, req: GraphRequest, answer: Answer): GraphReply {
  const mailbox = mailboxFor(svc, req, "Calendars.ReadWrite");
  const event = changeableEvent(svc, mailbox, req.params["eventId"] ?? "");
  const body = actionBody(req.body);
  const sendResponse = body["sendResponse"] ?? true;
  if (typeof sendResponse !== "boolean") throw new GraphFailure(400, "RequestBodyRead", "sendResponse must be true or false.");
  svc.meetings.respond(event, answer, { comment: comment(body), sendResponse, proposedNewTime: proposedNewTime(body) });
  return { status: 202 };
}
