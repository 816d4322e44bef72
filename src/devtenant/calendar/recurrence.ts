// Event recurrence (patternedRecurrence) as Graph accepts and returns it: the request may leave out
// fields and capitalise day names; the reply carries every field with Graph's defaults (month 0,
// dayOfMonth 0, firstDayOfWeek "sunday", index "first", recurrenceTimeZone, numberOfOccurrences 0).
// Occurrence dates are computed in the recurrence time zone.
import { DateTime } from "luxon";
import type { DayOfWeek } from "../model.js";
import { invalidRequest } from "./errors.js";

export type PatternType = "daily" | "weekly" | "absoluteMonthly" | "relativeMonthly" | "absoluteYearly" | "relativeYearly";
export type RangeType = "endDate" | "noEnd" | "numbered";
export type WeekIndex = "first" | "second" | "third" | "fourth" | "last";

export interface Recurrence {
  pattern: {
    type: PatternType;
    interval: number;
    month: number;
    dayOfMonth: number;
    daysOfWeek: DayOfWeek[];
    firstDayOfWeek: DayOfWeek;
    index: WeekIndex;
  };
  range: {
    type: RangeType;
    startDate: string;
    endDate: string;
    recurrenceTimeZone: string;
    numberOfOccurrences: number;
  };
}

const PATTERN_TYPES: readonly PatternType[] = ["daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"];
const RANGE_TYPES: readonly RangeType[] = ["endDate", "noEnd", "numbered"];
const DAYS: readonly DayOfWeek[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const INDEXES: readonly WeekIndex[] = ["first", "second", "third", "fourth", "last"];
/** Safety net for unbounded series: never walk more than this many candidate days. */
const MAX_CANDIDATE_DAYS = 366 * 30;

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidRequest(`${what} must be an object.`);
  return value as Record<string, unknown>;
}

function enumValue<T extends string>(value: unknown, allowed: readonly T[], what: string, fallback?: T): T {
  if (value === undefined || value === null) {
    if (fallback !== undefined) return fallback;
    throw invalidRequest(`${what} is required.`);
  }
  const found = allowed.find((a) => typeof value === "string" && a.toLowerCase() === value.toLowerCase());
  if (found === undefined) throw invalidRequest(`${what} must be one of ${allowed.join(", ")}.`);
  return found;
}

function intValue(value: unknown, what: string, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) throw invalidRequest(`${what} must be an integer from ${min} to ${max}.`);
  return n;
}

function dateValue(value: unknown, what: string, fallback: string | null): string {
  if ((value === undefined || value === null || value === "") && fallback !== null) return fallback;
  if (typeof value !== "string" || !DateTime.fromISO(value).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalidRequest(`${what} must be a date (yyyy-MM-dd).`);
  return value;
}

/** Validate a request's recurrence and fill in Graph's defaults. */
export function normalizeRecurrence(input: unknown, startLocalDate: string, zoneName: string): Recurrence {
  const body = record(input, "recurrence");
  const pattern = record(body["pattern"], "recurrence.pattern");
  const range = record(body["range"], "recurrence.range");
  const type = enumValue(pattern["type"], PATTERN_TYPES, "recurrence.pattern.type");
  const rawDays = pattern["daysOfWeek"] ?? [];
  if (!Array.isArray(rawDays)) throw invalidRequest("recurrence.pattern.daysOfWeek must be an array.");
  const daysOfWeek = rawDays.map((d) => enumValue(d, DAYS, "recurrence.pattern.daysOfWeek[]"));
  if ((type === "weekly" || type === "relativeMonthly" || type === "relativeYearly") && daysOfWeek.length === 0) {
    throw invalidRequest(`recurrence.pattern.daysOfWeek is required for ${type} recurrence.`);
  }
  const needsDayOfMonth = type === "absoluteMonthly" || type === "absoluteYearly";
  const needsMonth = type === "absoluteYearly" || type === "relativeYearly";
  const rangeType = enumValue(range["type"], RANGE_TYPES, "recurrence.range.type");
  const startDate = dateValue(range["startDate"], "recurrence.range.startDate", startLocalDate);
  const normalized: Recurrence = {
    pattern: {
      type,
      interval: intValue(pattern["interval"], "recurrence.pattern.interval", 1, 1, 99),
      month: intValue(pattern["month"], "recurrence.pattern.month", 0, needsMonth ? 1 : 0, 12),
      dayOfMonth: intValue(pattern["dayOfMonth"], "recurrence.pattern.dayOfMonth", 0, needsDayOfMonth ? 1 : 0, 31),
      daysOfWeek,
      firstDayOfWeek: enumValue(pattern["firstDayOfWeek"], DAYS, "recurrence.pattern.firstDayOfWeek", "sunday"),
      index: enumValue(pattern["index"], INDEXES, "recurrence.pattern.index", "first"),
    },
    range: {
      type: rangeType,
      startDate,
      endDate: rangeType === "endDate" ? dateValue(range["endDate"], "recurrence.range.endDate", null) : "0001-01-01",
      recurrenceTimeZone: typeof range["recurrenceTimeZone"] === "string" && range["recurrenceTimeZone"] !== "" ? range["recurrenceTimeZone"] : zoneName,
      numberOfOccurrences: rangeType === "numbered" ? intValue(range["numberOfOccurrences"], "recurrence.range.numberOfOccurrences", -1, 1, 999) : 0,
    },
  };
  if (needsDayOfMonth && normalized.pattern.dayOfMonth === 0) throw invalidRequest(`recurrence.pattern.dayOfMonth is required for ${type} recurrence.`);
  if (needsMonth && normalized.pattern.month === 0) throw invalidRequest(`recurrence.pattern.month is required for ${type} recurrence.`);
  if (rangeType === "endDate" && normalized.range.endDate < startDate) throw invalidRequest("recurrence.range.endDate must not be before startDate.");
  return normalized;
}

function dayName(date: DateTime): DayOfWeek {
  return DAYS[date.weekday - 1] ?? "monday";
}

function nthWeekdayOfMonth(monthStart: DateTime, days: readonly DayOfWeek[], index: WeekIndex): DateTime | null {
  const matches: DateTime[] = [];
  for (let d = monthStart; d.month === monthStart.month; d = d.plus({ days: 1 })) {
    if (days.includes(dayName(d))) matches.push(d);
  }
  if (matches.length === 0) return null;
  if (index === "last") return matches[matches.length - 1] ?? null;
  return matches[INDEXES.indexOf(index)] ?? null;
}

function matchesPattern(date: DateTime, start: DateTime, rec: Recurrence): boolean {
  const p = rec.pattern;
  switch (p.type) {
    case "daily":
      return Math.round(date.diff(start, "days").days) % p.interval === 0;
    case "weekly": {
      if (!p.daysOfWeek.includes(dayName(date))) return false;
      const firstDay = DAYS.indexOf(p.firstDayOfWeek) + 1;
      const weekStart = (d: DateTime): DateTime => d.minus({ days: (d.weekday - firstDay + 7) % 7 });
      const weeks = Math.round(weekStart(date).diff(weekStart(start), "days").days / 7);
      return weeks % p.interval === 0;
    }
    case "absoluteMonthly":
    case "relativeMonthly":
    case "absoluteYearly":
    case "relativeYearly": {
      const months = (date.year - start.year) * 12 + (date.month - start.month);
      const yearly = p.type === "absoluteYearly" || p.type === "relativeYearly";
      if (yearly ? date.month !== p.month || (date.year - start.year) % p.interval !== 0 : months % p.interval !== 0) return false;
      if (p.type === "absoluteMonthly" || p.type === "absoluteYearly") {
        // Day 31 in a 30-day month falls on the month's last day, as Outlook does.
        return date.day === Math.min(p.dayOfMonth, date.daysInMonth ?? 31);
      }
      const nth = nthWeekdayOfMonth(date.startOf("month"), p.daysOfWeek, p.index);
      return nth !== null && nth.hasSame(date, "day");
    }
  }
}

/**
 * Local dates (yyyy-MM-dd) of the series' occurrences, in order, up to and including `untilDate`.
 * Numbered series stop after their count; endDate series at endDate.
 */
export function occurrenceDates(rec: Recurrence, zoneIana: string, untilDate: string): string[] {
  const start = DateTime.fromISO(rec.range.startDate, { zone: zoneIana }).startOf("day");
  const until = DateTime.fromISO(rec.range.type === "endDate" && rec.range.endDate < untilDate ? rec.range.endDate : untilDate, { zone: zoneIana }).startOf("day");
  const dates: string[] = [];
  let walked = 0;
  for (let date = start; date <= until && walked < MAX_CANDIDATE_DAYS; date = date.plus({ days: 1 }), walked++) {
    if (!matchesPattern(date, start, rec)) continue;
    const iso = date.toISODate();
    if (iso !== null) dates.push(iso);
    if (rec.range.type === "numbered" && dates.length >= rec.range.numberOfOccurrences) break;
  }
  return dates;
}
