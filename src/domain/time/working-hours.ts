import type { DomainIssue } from "../domain-error.js";
import { DAY_MS, MINUTE_MS } from "./instant.js";
import { parseLocalTime } from "./local-time.js";
import { clipRanges, type TimeRange } from "./time-range.js";
import { isValidTimeZone } from "./time-zone.js";
import { instantOfWall, isoWeekdayOfWall, wallDayStart, wallTimeOf } from "./wall-clock.js";
import { isWeekday, isoWeekdayOf, type Weekday } from "./weekday.js";

/**
 * A person's weekly working hours in their own zone, as mailboxSettings.workingHours describes them
 * (with the Windows zone name already converted to IANA by the adapter). endTime at or before startTime
 * means the shift runs past midnight; "00:00" as endTime means midnight at the end of the day.
 */
export interface WorkingHours {
  daysOfWeek: readonly Weekday[];
  startTime: string;
  endTime: string;
  /** IANA zone, e.g. "America/New_York". */
  timeZone: string;
}

/** Parsed form used by the range computation. */
interface ParsedHours {
  isoDays: Set<number>;
  startMinute: number;
  /** Minutes after the START day's midnight; > 1440 for overnight shifts. */
  endMinute: number;
  zone: string;
}

export function validateWorkingHours(hours: WorkingHours, path: string): DomainIssue[] {
  const issues: DomainIssue[] = [];
  if (!isValidTimeZone(hours.timeZone)) {
    issues.push({ path: `${path}.timeZone`, message: `"${hours.timeZone}" is not an IANA time zone (convert Windows names first)` });
  }
  if (!Array.isArray(hours.daysOfWeek) || hours.daysOfWeek.some((d) => !isWeekday(d))) {
    issues.push({ path: `${path}.daysOfWeek`, message: "must list days as monday … sunday" });
  }
  const start = parseLocalTime(hours.startTime);
  const end = parseLocalTime(hours.endTime);
  if (start === null || start === 24 * 60) issues.push({ path: `${path}.startTime`, message: `"${hours.startTime}" is not a time of day (HH:mm)` });
  if (end === null) issues.push({ path: `${path}.endTime`, message: `"${hours.endTime}" is not a time of day (HH:mm)` });
  if (start !== null && end !== null && start === end && start !== 0) {
    issues.push({ path: `${path}.endTime`, message: "must differ from startTime" });
  }
  return issues;
}

function parseHours(hours: WorkingHours): ParsedHours {
  const issues = validateWorkingHours(hours, "workingHours");
  if (issues.length > 0) throw new RangeError(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  const startMinute = parseLocalTime(hours.startTime)!;
  let endMinute = parseLocalTime(hours.endTime)!;
  // "00:00" as an end, or any end not after the start, belongs to the next local day.
  if (endMinute <= startMinute) endMinute += 24 * 60;
  return { isoDays: new Set(hours.daysOfWeek.map(isoWeekdayOf)), startMinute, endMinute, zone: hours.timeZone };
}

/**
 * The concrete UTC ranges a person works inside `window`, computed day by day in their own zone so
 * each day gets that day's offset (a 09:00–17:00 New Yorker works 14:00–22:00 UTC before the March
 * change and 13:00–21:00 UTC after). Days are taken from one local day before the window to one after,
 * so overnight shifts and zones far from UTC are not cut off.
 */
export function workingRanges(hours: WorkingHours, window: TimeRange): TimeRange[] {
  const parsed = parseHours(hours);
  const out: TimeRange[] = [];
  const first = wallDayStart(wallTimeOf(parsed.zone, window.start - DAY_MS));
  const last = wallDayStart(wallTimeOf(parsed.zone, window.end + DAY_MS));
  // Walk wall-clock days (wall arithmetic has no DST), converting each day's start and end on its own.
  for (let day = first; day <= last; day += DAY_MS) {
    if (!parsed.isoDays.has(isoWeekdayOfWall(day))) continue;
    const startAt = instantOfWall(parsed.zone, day + parsed.startMinute * MINUTE_MS);
    const endAt = instantOfWall(parsed.zone, day + parsed.endMinute * MINUTE_MS);
    if (endAt > startAt) out.push({ start: startAt, end: endAt });
  }
  return clipRanges(out, window);
}

/** A stable key for "same zone, same hours" so callers can compute ranges once per distinct pattern. */
export function workingHoursKey(hours: WorkingHours): string {
  const days = [...hours.daysOfWeek].map(isoWeekdayOf).sort((a, b) => a - b).join("");
  return `${hours.timeZone}|${days}|${parseLocalTime(hours.startTime)}|${parseLocalTime(hours.endTime)}`;
}
