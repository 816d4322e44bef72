/**
 * Re-slotting one session after a decline, a cancellation or a new conflict: the next good slot in a
 * search window, inside both people's working hours, free in both calendars, clear of everything else
 * the app booked, within the executive's weekly cap — or why there is none.
 */
import { DomainValidationError, type DomainIssue } from "../domain-error.js";
import { parseInstant, type EpochMs } from "../time/instant.js";
import { overlaps, type TimeRange } from "../time/time-range.js";
import { BookingLedger } from "./booking-ledger.js";
import { buildPairContext, candidateSlots, insidePreferences } from "./pair-candidates.js";
import type { ExistingBooking, PairToSchedule, SessionProblem } from "./scheduling-types.js";

export interface NextSlotRequest {
  pair: PairToSchedule;
  sessionMinutes: number;
  /** Search from here (e.g. now plus a lead time, or the declined slot's end) … */
  searchFrom: EpochMs | string;
  /** … up to here (e.g. a few days before the pair's next session). */
  searchUntil: EpochMs | string;
  /** Slots that must not be offered again (the declined time, earlier declines). */
  exclude?: readonly TimeRange[];
  /** Everything else the app has booked (not including the session being moved). */
  existingBookings?: readonly ExistingBooking[];
  gridMinutes?: number;
  bufferMinutes?: number;
}

export type NextSlotResult = { slot: TimeRange; problem: null } | { slot: null; problem: SessionProblem };

/**
 * The earliest suitable slot inside the executive's preferences, else the earliest suitable slot at all.
 * Busy data should cover the search window; pass the pair with calendars read for that window.
 */
export function nextSlot(request: NextSlotRequest): NextSlotResult {
  const issues: DomainIssue[] = [];
  const read = (v: EpochMs | string, path: string): number => {
    try {
      return parseInstant(v, path);
    } catch (e) {
      if (!(e instanceof DomainValidationError)) throw e;
      issues.push(...e.issues);
      return 0;
    }
  };
  const from = read(request.searchFrom, "searchFrom");
  const until = read(request.searchUntil, "searchUntil");
  if (issues.length === 0 && until <= from) issues.push({ path: "searchUntil", message: "must be after searchFrom" });
  if (!(Number.isInteger(request.sessionMinutes) && request.sessionMinutes >= 5 && request.sessionMinutes <= 480)) {
    issues.push({ path: "sessionMinutes", message: "must be a whole number from 5 to 480" });
  }
  if (issues.length > 0) throw new DomainValidationError(issues);

  const window = { start: from, end: until };
  const bufferMinutes = request.bufferMinutes ?? 0;
  const ctx = buildPairContext(
    request.pair,
    window,
    { sessionMinutes: request.sessionMinutes, gridMinutes: request.gridMinutes ?? 15, bufferMinutes, earliestStartMs: from },
    new Map(),
  );
  const ledger = new BookingLedger(bufferMinutes, request.existingBookings ?? []);
  const found = candidateSlots(ctx, window, ledger, "the search window");
  const exclude = request.exclude ?? [];
  const slots = found.slots.filter((s) => !exclude.some((x) => overlaps(x, s)));
  if (slots.length === 0) {
    return {
      slot: null,
      problem: found.problem ?? { code: "noCommonFreeTime", message: "every common free slot in the search window was already declined" },
    };
  }
  const preferred = slots.find((s) => insidePreferences(ctx, s));
  return { slot: preferred ?? slots[0]!, problem: null };
}
