// POST /users/{id}/calendar/getSchedule: request validation with Graph's error codes, and one
// scheduleInformation per requested address — availabilityView digits (0 free, 1 tentative, 2 busy,
// 3 oof, 4 workingElsewhere; oof beats busy beats tentative beats workingElsewhere), scheduleItems and
// workingHours; unknown addresses and people without a mailbox get a per-schedule error.
import type { DevDirectoryView, DevPerson } from "../model.js";
import type { BusyItem, CalendarReader } from "./calendar-reader.js";
import { GraphFailure } from "./errors.js";
import { parseDateTimeTimeZone } from "./event-input.js";
import { formatDateTimeTimeZone, type ResolvedZone } from "./time-zones.js";

export interface ScheduleRequest {
  schedules: string[];
  start: number;
  end: number;
  interval: number;
}

const MAX_SCHEDULES = 20;
const MAX_WINDOW_DAYS = 62;
const DAY_MS = 86_400_000;
const DIGIT: Record<string, string> = { free: "0", tentative: "1", busy: "2", oof: "3", workingElsewhere: "4" };
// Which status wins when items overlap in one slot.
const RANK: Record<string, number> = { "0": 0, "4": 1, "1": 2, "2": 3, "3": 4 };

/** Graph accepts both the API page's camelCase and the concept page's capitalised keys. */
function field(body: Record<string, unknown>, name: string): unknown {
  if (name in body) return body[name];
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
  return body[capitalised];
}

function badRequest(code: string, message: string): GraphFailure {
  return new GraphFailure(400, code, message);
}

export function readScheduleRequest(raw: unknown): ScheduleRequest {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw badRequest("RequestBodyRead", "The request body must be a JSON object.");
  const body = raw as Record<string, unknown>;
  const schedules = field(body, "schedules");
  if (!Array.isArray(schedules) || schedules.length === 0 || !schedules.every((s) => typeof s === "string" && s.trim() !== "")) {
    throw badRequest("ErrorInvalidParameter", "schedules must be a non-empty array of SMTP addresses.");
  }
  if (schedules.length > MAX_SCHEDULES) {
    throw badRequest("ErrorMailboxDataArrayTooBig", `There are too many target users in the EmailAddress array. The allowed size = ${MAX_SCHEDULES}; the actual size = ${schedules.length}.`);
  }
  const startRaw = field(body, "startTime");
  const endRaw = field(body, "endTime");
  if (startRaw === undefined || endRaw === undefined) throw badRequest("ErrorInvalidParameter", "startTime and endTime are required.");
  const start = parseDateTimeTimeZone(startRaw, "startTime").at;
  const end = parseDateTimeTimeZone(endRaw, "endTime").at;
  if (end <= start) throw badRequest("ErrorInvalidTimeInterval", "The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.");
  if (end - start >= MAX_WINDOW_DAYS * DAY_MS) {
    throw badRequest(
      "ErrorTimeIntervalTooBig",
      `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${MAX_WINDOW_DAYS} days; the actual limit = ${Math.ceil((end - start) / DAY_MS)} days.`,
    );
  }
  const intervalRaw = field(body, "availabilityViewInterval");
  const interval = intervalRaw === undefined || intervalRaw === null ? 30 : typeof intervalRaw === "string" && /^\s*\d+\s*$/.test(intervalRaw) ? Number(intervalRaw) : intervalRaw;
  if (typeof interval !== "number" || !Number.isInteger(interval) || interval < 5 || interval > 1440 || interval * 60_000 > end - start) {
    throw badRequest(
      "ErrorInvalidMergedFreeBusyInterval",
      "The specified merged free/busy interval is not valid. Specify an interval that is less than the free/busy time window and between 5 and 1440 minutes.",
    );
  }
  return { schedules: schedules.map((s: string) => s.trim()), start, end, interval };
}

/** availabilityView: one digit per interval slot over the window. */
export function availabilityView(items: readonly BusyItem[], request: ScheduleRequest): string {
  const slotMs = request.interval * 60_000;
  const slots = Math.ceil((request.end - request.start) / slotMs);
  const view = new Array<string>(slots).fill("0");
  for (const instance of items) {
    const digit = DIGIT[instance.status] ?? "2";
    const first = Math.max(0, Math.floor((instance.start - request.start) / slotMs));
    const last = Math.min(slots - 1, Math.ceil((instance.end - request.start) / slotMs) - 1);
    for (let slot = first; slot <= last; slot++) {
      const slotStart = request.start + slot * slotMs;
      const overlaps = instance.start < Math.min(slotStart + slotMs, request.end) && instance.end > slotStart;
      if (overlaps && (RANK[digit] ?? 0) > (RANK[view[slot] ?? "0"] ?? 0)) view[slot] = digit;
    }
  }
  return view.join("");
}

function scheduleItem(busy: BusyItem, zone: ResolvedZone): Record<string, unknown> {
  const item: Record<string, unknown> = { isPrivate: busy.isPrivate, status: busy.status };
  if (!busy.isPrivate) {
    item["subject"] = busy.subject;
    item["location"] = busy.location;
  }
  item["start"] = formatDateTimeTimeZone(busy.start, zone);
  item["end"] = formatDateTimeTimeZone(busy.end, zone);
  return item;
}

export function workingHoursResource(person: DevPerson): Record<string, unknown> {
  const wh = person.workingHours;
  const withTicks = (t: string): string => (/^\d{2}:\d{2}:\d{2}$/.test(t) ? `${t}.0000000` : /^\d{2}:\d{2}$/.test(t) ? `${t}:00.0000000` : t);
  return { daysOfWeek: [...wh.daysOfWeek], startTime: withTicks(wh.startTime), endTime: withTicks(wh.endTime), timeZone: { name: wh.timeZone } };
}

function scheduleError(scheduleId: string, responseCode: string, message: string): Record<string, unknown> {
  return { scheduleId, error: { message, responseCode } };
}

/** One scheduleInformation entry. */
export function scheduleInformation(reader: CalendarReader, directory: DevDirectoryView, address: string, request: ScheduleRequest, zone: ResolvedZone): Record<string, unknown> {
  const person = directory.findPerson(address);
  if (person === undefined) {
    // What Exchange answers for an address it cannot resolve (a schedule entry, not a failed call).
    return scheduleError(address, "5009", `Unable to resolve e-mail address ${address} to an Active Directory object.`);
  }
  if (!person.hasMailbox) {
    return scheduleError(address, "ErrorMailRecipientNotFound", `The user ${address} has no mailbox, so no free/busy information is available.`);
  }
  const items = reader.busyItems(directory, person, request.start, request.end);
  return {
    scheduleId: address,
    availabilityView: availabilityView(items, request),
    scheduleItems: items.map((i) => scheduleItem(i, zone)),
    workingHours: workingHoursResource(person),
  };
}
