/**
 * Candidate slots for one pair inside one window, and — when there are none — the most useful reason,
 * found by applying the constraints one at a time (working hours → earliest dates → calendars → other
 * sessions → weekly cap), so "the calendars are full" and "we could not read a calendar" never blur.
 */
import { DomainValidationError, type DomainIssue } from "../domain-error.js";
import { MINUTE_MS, type EpochMs } from "../time/instant.js";
import { parseLocalTime } from "../time/local-time.js";
import { forEachSlotStart, freeTime, hasSlot } from "../time/slots.js";
import { clipNormalisedRanges, intersectRanges, type TimeRange } from "../time/time-range.js";
import { instantOfLocal } from "../time/time-zone.js";
import { isoWeekdayOfWall, minuteOfWallDay, wallTimeOf } from "../time/wall-clock.js";
import { isoWeekdayOf, isWeekday } from "../time/weekday.js";
import { validateWorkingHours, workingRanges } from "../time/working-hours.js";
import type { BookingLedger } from "./booking-ledger.js";
import type { PairToSchedule, SessionProblem } from "./scheduling-types.js";

export interface PairContext {
  pair: PairToSchedule;
  mentorWorking: TimeRange[];
  menteeWorking: TimeRange[];
  /** Working time minus busy time (with buffer); null when the calendar could not be read. */
  mentorFree: TimeRange[] | null;
  menteeFree: TimeRange[] | null;
  /** Both people's working time, and both people's free time, over the whole horizon (computed once). */
  commonWorking: TimeRange[];
  commonFree: TimeRange[] | null;
  /** No slot may start before this (max of the earliest start and the executive's notBefore date). */
  notBeforeMs: EpochMs;
  notBeforeReason: "notBeforeDate" | "earliestStart";
  weeklyCap: number | null;
  sessionMinutes: number;
  gridMinutes: number;
  menteeZone: string;
  preferredDays: Set<number> | null;
  preferredStart: number | null;
  preferredEnd: number | null;
}

export interface Candidates {
  /** The slots (empty when only counting). */
  slots: TimeRange[];
  count: number;
  problem: SessionProblem | null;
}

/** Validates a pair's scheduling data; returns issues named by path. */
export function validatePair(pair: PairToSchedule, path: string): DomainIssue[] {
  const issues: DomainIssue[] = [];
  if (typeof pair.pairId !== "string" || pair.pairId === "") issues.push({ path: `${path}.pairId`, message: "must be a non-empty string" });
  for (const role of ["mentor", "mentee"] as const) {
    const p = pair[role];
    if (!p || typeof p.id !== "string" || p.id === "") {
      issues.push({ path: `${path}.${role}.id`, message: "must be a non-empty string" });
      continue;
    }
    issues.push(...validateWorkingHours(p.workingHours, `${path}.${role}.workingHours`));
    if (!p.calendar || typeof p.calendar.readable !== "boolean") issues.push({ path: `${path}.${role}.calendar`, message: "must say whether the calendar was readable" });
    else if (p.calendar.readable && !Array.isArray(p.calendar.busy)) issues.push({ path: `${path}.${role}.calendar.busy`, message: "must be a list of ranges" });
  }
  if (pair.mentor?.id !== undefined && pair.mentor.id === pair.mentee?.id) issues.push({ path: `${path}.mentee.id`, message: "mentor and mentee must be different people" });
  const prefs = pair.mentee?.preferences;
  if (prefs) {
    const cap = prefs.maxSessionsPerWeek;
    if (cap != null && !(Number.isInteger(cap) && cap >= 1 && cap <= 50)) issues.push({ path: `${path}.mentee.preferences.maxSessionsPerWeek`, message: "must be a whole number from 1 to 50" });
    if (prefs.preferredDays != null && (!Array.isArray(prefs.preferredDays) || prefs.preferredDays.some((d) => !isWeekday(d)))) {
      issues.push({ path: `${path}.mentee.preferences.preferredDays`, message: "must list days as monday … sunday" });
    }
    if (prefs.preferredHours != null) {
      const s = parseLocalTime(prefs.preferredHours.start ?? "");
      const e = parseLocalTime(prefs.preferredHours.end ?? "");
      if (s === null || e === null || e <= s) issues.push({ path: `${path}.mentee.preferences.preferredHours`, message: "must be a local window with start before end (HH:mm)" });
    }
    if (prefs.notBefore != null && !/^\d{4}-\d{2}-\d{2}$/.test(prefs.notBefore)) issues.push({ path: `${path}.mentee.preferences.notBefore`, message: "must be a date YYYY-MM-DD" });
  }
  return issues;
}

export function buildPairContext(
  pair: PairToSchedule,
  horizon: TimeRange,
  settings: { sessionMinutes: number; gridMinutes: number; bufferMinutes: number; earliestStartMs: EpochMs },
  cache: Map<string, { working: TimeRange[]; free: TimeRange[] | null }>,
): PairContext {
  const issues = validatePair(pair, "pair");
  if (issues.length > 0) throw new DomainValidationError(issues);
  const availability = (role: "mentor" | "mentee") => {
    const person = pair[role];
    let a = cache.get(person.id);
    if (!a) {
      const working = workingRanges(person.workingHours, horizon);
      a = { working, free: person.calendar.readable ? freeTime(working, person.calendar.busy, settings.bufferMinutes) : null };
      cache.set(person.id, a);
    }
    return a;
  };
  const mentor = availability("mentor");
  const mentee = availability("mentee");
  const prefs = pair.mentee.preferences ?? {};
  const zone = pair.mentee.workingHours.timeZone;
  const notBeforeDate = prefs.notBefore ? instantOfLocal(zone, prefs.notBefore, 0) : -Infinity;
  return {
    pair,
    mentorWorking: mentor.working,
    menteeWorking: mentee.working,
    mentorFree: mentor.free,
    menteeFree: mentee.free,
    commonWorking: intersectRanges(mentor.working, mentee.working),
    commonFree: mentor.free && mentee.free ? intersectRanges(mentor.free, mentee.free) : null,
    notBeforeMs: Math.max(notBeforeDate, settings.earliestStartMs),
    notBeforeReason: notBeforeDate > settings.earliestStartMs ? "notBeforeDate" : "earliestStart",
    weeklyCap: prefs.maxSessionsPerWeek ?? null,
    sessionMinutes: settings.sessionMinutes,
    gridMinutes: settings.gridMinutes,
    menteeZone: zone,
    preferredDays: prefs.preferredDays ? new Set(prefs.preferredDays.map(isoWeekdayOf)) : null,
    preferredStart: prefs.preferredHours ? parseLocalTime(prefs.preferredHours.start) : null,
    preferredEnd: prefs.preferredHours ? parseLocalTime(prefs.preferredHours.end) : null,
  };
}

function unreadable(ctx: PairContext): SessionProblem | null {
  const m = ctx.pair.mentor.calendar;
  const e = ctx.pair.mentee.calendar;
  if (!m.readable && !e.readable) return { code: "calendarUnreadable", who: "both", message: `neither calendar could be read (mentor: ${m.reason}; executive: ${e.reason})` };
  if (!m.readable) return { code: "calendarUnreadable", who: "mentor", message: `the mentor's calendar could not be read: ${m.reason}` };
  if (!e.readable) return { code: "calendarUnreadable", who: "mentee", message: `the executive's calendar could not be read: ${e.reason}` };
  return null;
}

/**
 * Slots of the session length on the grid inside `window` that suit both people now (given the ledger),
 * or the reason there are none. `label` names the window in messages ("week 3"). With collect = false
 * only the count is returned (no slot objects are built: the planner counts options for every pair).
 */
export function candidateSlots(ctx: PairContext, window: TimeRange, ledger: BookingLedger, label: string, collect = true): Candidates {
  const grid = { durationMinutes: ctx.sessionMinutes, stepMinutes: ctx.gridMinutes };
  const none = (problem: SessionProblem): Candidates => ({ slots: [], count: 0, problem });
  const blocked = unreadable(ctx);
  if (blocked) return none(blocked);
  if (!hasSlot(clipNormalisedRanges(ctx.commonWorking, window), grid)) {
    return none({ code: "noSharedWorkingHours", message: `their working hours share no ${ctx.sessionMinutes}-minute window in ${label}` });
  }
  const open = { start: Math.max(window.start, ctx.notBeforeMs), end: window.end };
  if (open.end <= open.start || !hasSlot(clipNormalisedRanges(ctx.commonWorking, open), grid)) {
    const message =
      ctx.notBeforeReason === "notBeforeDate"
        ? `${label} is before the executive's first available date (${ctx.pair.mentee.preferences?.notBefore})`
        : `${label} is too soon to book`;
    return none({ code: "tooEarly", message });
  }
  const free = clipNormalisedRanges(ctx.commonFree!, open);
  if (!hasSlot(free, grid)) return none({ code: "noCommonFreeTime", message: `no common free time in ${label}` });
  const unbooked = ledger.removeBooked(free, [ctx.pair.mentor.id, ctx.pair.mentee.id]);
  if (!hasSlot(unbooked, grid)) {
    return none({ code: "takenByOtherSessions", message: `the common free time in ${label} is taken by other sessions of this program` });
  }
  const slots: TimeRange[] = [];
  let count = 0;
  const duration = ctx.sessionMinutes * MINUTE_MS;
  const cap = ctx.weeklyCap;
  forEachSlotStart(unbooked, grid, (start) => {
    if (cap !== null && ledger.sessionsInWeek(ctx.pair.mentee.id, ctx.menteeZone, start) >= cap) return;
    count++;
    if (collect) slots.push({ start, end: start + duration });
  });
  if (count === 0) {
    return none({ code: "weeklyCapReached", who: "mentee", message: `the executive already has ${cap} session${cap === 1 ? "" : "s"} in ${label}, their weekly maximum` });
  }
  return { slots, count, problem: null };
}

/** Local ISO weekday and minute of day of an instant in the executive's zone. */
export function localKey(ctx: PairContext, at: EpochMs): { weekday: number; minute: number } {
  const wall = wallTimeOf(ctx.menteeZone, at);
  return { weekday: isoWeekdayOfWall(wall), minute: minuteOfWallDay(wall) };
}

/** True when the slot lies on a preferred day and inside the preferred hours (when the executive set them). */
export function insidePreferences(ctx: PairContext, slot: TimeRange): boolean {
  const { weekday, minute } = localKey(ctx, slot.start);
  if (ctx.preferredDays && !ctx.preferredDays.has(weekday)) return false;
  if (ctx.preferredStart !== null && ctx.preferredEnd !== null) {
    const end = minute + (slot.end - slot.start) / MINUTE_MS;
    if (minute < ctx.preferredStart || end > ctx.preferredEnd) return false;
  }
  return true;
}
