/**
 * Whole-cohort session planning. Every pair's series (every N weeks × length × count) is placed in time
 * that is inside both people's working hours, free in both calendars (with buffers), after the
 * executive's first available date, within their weekly cap, and never on top of another booking of the
 * app — across all pairs.
 *
 * Fair sharing of scarce executive time: sessions are placed round by round (everyone's session 1, then
 * everyone's session 2, …), and inside a round the pairs with the fewest options go first (ties by pair
 * id), so a flexible pair never takes the only slot a constrained pair had. Each pair keeps a preferred
 * weekday and local time (its anchor: the one available in most weeks) and uses it whenever it is free,
 * otherwise the nearest alternative (same weekday first). Deterministic: equal input, equal plan.
 */
import { DomainValidationError, type DomainIssue } from "../domain-error.js";
import { WEEK_MS, parseInstant, type EpochMs } from "../time/instant.js";
import type { TimeRange } from "../time/time-range.js";
import { BookingLedger } from "./booking-ledger.js";
import { buildPairContext, candidateSlots, validatePair, type PairContext } from "./pair-candidates.js";
import type { CohortPlan, CohortPlanStats, PairPlan, PairToSchedule, PlannedSession, SchedulingOptions, SessionProblemCode } from "./scheduling-types.js";
import { bestSlot, chooseAnchor, describeAnchor, isOnAnchor, type Anchor } from "./series-anchor.js";

export interface NormalisedOptions {
  everyWeeks: number;
  sessionMinutes: number;
  sessions: number;
  seriesStartMs: EpochMs;
  earliestStartMs: EpochMs;
  gridMinutes: number;
  bufferMinutes: number;
}

export function normaliseOptions(options: SchedulingOptions): NormalisedOptions {
  const issues: DomainIssue[] = [];
  const c = options.cadence;
  const int = (v: unknown, min: number, max: number, path: string) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
  };
  int(c?.everyWeeks, 1, 12, "cadence.everyWeeks");
  int(c?.sessionMinutes, 5, 480, "cadence.sessionMinutes");
  int(c?.sessions, 1, 52, "cadence.sessions");
  int(options.gridMinutes ?? 15, 1, 60, "gridMinutes");
  int(options.bufferMinutes ?? 0, 0, 120, "bufferMinutes");
  const instant = (v: EpochMs | string | null | undefined, path: string, fallback: number): number => {
    if (v === undefined || v === null) return fallback;
    try {
      return parseInstant(v, path);
    } catch (e) {
      if (e instanceof DomainValidationError) issues.push(...e.issues);
      else throw e;
      return fallback;
    }
  };
  const seriesStartMs = instant(options.seriesStart, "seriesStart", 0);
  if (options.seriesStart === undefined || options.seriesStart === null) issues.push({ path: "seriesStart", message: "is required" });
  const earliestStartMs = instant(options.earliestStart, "earliestStart", -Infinity);
  (options.existingBookings ?? []).forEach((b, i) => {
    if (!(Number.isFinite(b.start) && Number.isFinite(b.end) && b.end > b.start)) issues.push({ path: `existingBookings[${i}]`, message: "must have start < end (epoch ms)" });
  });
  if (issues.length > 0) throw new DomainValidationError(issues);
  return {
    everyWeeks: c.everyWeeks,
    sessionMinutes: c.sessionMinutes,
    sessions: c.sessions,
    seriesStartMs,
    earliestStartMs,
    gridMinutes: options.gridMinutes ?? 15,
    bufferMinutes: options.bufferMinutes ?? 0,
  };
}

/** The 1-week window of session k (0-based) and its 1-based week number. */
export function sessionWindow(o: NormalisedOptions, k: number): { window: TimeRange; week: number } {
  const start = o.seriesStartMs + k * o.everyWeeks * WEEK_MS;
  return { window: { start, end: start + WEEK_MS }, week: k * o.everyWeeks + 1 };
}

interface PairState {
  ctx: PairContext;
  anchor: Anchor | null;
  sessions: PlannedSession[];
}

export function planCohortSessions(pairs: readonly PairToSchedule[], options: SchedulingOptions): CohortPlan {
  const o = normaliseOptions(options);
  const issues = pairs.flatMap((p, i) => validatePair(p, `pairs[${i}]`));
  const ids = new Set<string>();
  pairs.forEach((p, i) => {
    if (ids.has(p.pairId)) issues.push({ path: `pairs[${i}].pairId`, message: `"${p.pairId}" appears twice` });
    ids.add(p.pairId);
  });
  if (issues.length > 0) throw new DomainValidationError(issues);

  const last = sessionWindow(o, o.sessions - 1).window;
  const horizon = { start: o.seriesStartMs, end: last.end };
  const cache = new Map<string, { working: TimeRange[]; free: TimeRange[] | null }>();
  const ledger = new BookingLedger(o.bufferMinutes, options.existingBookings ?? []);
  const settings = { sessionMinutes: o.sessionMinutes, gridMinutes: o.gridMinutes, bufferMinutes: o.bufferMinutes, earliestStartMs: o.earliestStartMs };

  // Anchors are chosen up front, from each pair's own options before anyone books, fewest options first
  // (ties by pair id) so they do not depend on input order; an executive's later pairs avoid the
  // weekday/times their earlier pairs took, so each series can keep its own regular time.
  const contexts = pairs.map((pair) => buildPairContext(pair, horizon, settings, cache));
  const weekSlots = (ctx: PairContext) => Array.from({ length: o.sessions }, (_, k) => candidateSlots(ctx, sessionWindow(o, k).window, ledger, "").slots);
  const claimed = new Map<string, Anchor[]>();
  const clash = (a: Anchor, b: Anchor) => a.weekday === b.weekday && Math.abs(a.minute - b.minute) < o.sessionMinutes + o.bufferMinutes;
  const anchors: (Anchor | null)[] = contexts.map(() => null);
  const setupOrder = contexts.map((_, i) => i);
  // Slot lists are recomputed rather than kept: a 2,000-pair cohort would otherwise hold ~10⁶ slots.
  const totals = contexts.map((ctx) => Array.from({ length: o.sessions }, (_, k) => candidateSlots(ctx, sessionWindow(o, k).window, ledger, "", false).count).reduce((a, b) => a + b, 0));
  setupOrder.sort((a, b) => totals[a]! - totals[b]! || compare(contexts[a]!.pair.pairId, contexts[b]!.pair.pairId));
  for (const i of setupOrder) {
    const ctx = contexts[i]!;
    const taken = claimed.get(ctx.pair.mentee.id) ?? [];
    const anchor = chooseAnchor(ctx, weekSlots(ctx), (a) => taken.some((t) => clash(a, t)));
    anchors[i] = anchor;
    if (anchor) claimed.set(ctx.pair.mentee.id, [...taken, anchor]);
  }
  const states: PairState[] = contexts.map((ctx, i) => ({ ctx, anchor: anchors[i]!, sessions: [] }));
  const order = states.map((_, i) => i);

  for (let k = 0; k < o.sessions; k++) {
    const { window, week } = sessionWindow(o, k);
    const label = `week ${week}`;
    const options_ = states.map((s) => candidateSlots(s.ctx, window, ledger, label, false).count);
    order.sort((a, b) => options_[a]! - options_[b]! || compare(states[a]!.ctx.pair.pairId, states[b]!.ctx.pair.pairId));
    for (const i of order) {
      const state = states[i]!;
      const found = candidateSlots(state.ctx, window, ledger, label);
      const slot = bestSlot(state.ctx, state.anchor, found.slots);
      if (slot) ledger.add([state.ctx.pair.mentor.id, state.ctx.pair.mentee.id], slot);
      state.sessions.push({ index: k, week, slot, problem: slot ? null : found.problem, onAnchor: slot ? isOnAnchor(state.ctx, state.anchor, slot) : false });
    }
  }

  const planned = states.map((s) => ({
    pairId: s.ctx.pair.pairId,
    anchor: s.anchor ? describeAnchor(s.anchor, s.ctx.menteeZone) : null,
    sessions: s.sessions,
  }));
  return { pairs: planned, stats: statistics(planned.flatMap((p) => p.sessions), pairs.length) };
}

/** One pair's series on its own (still respecting the app's existing bookings in the options). */
export function planPairSeries(pair: PairToSchedule, options: SchedulingOptions): PairPlan {
  return planCohortSessions([pair], options).pairs[0]!;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function statistics(sessions: PlannedSession[], pairs: number): CohortPlanStats {
  const problems: Partial<Record<SessionProblemCode, number>> = {};
  for (const s of sessions) if (s.problem) problems[s.problem.code] = (problems[s.problem.code] ?? 0) + 1;
  return {
    pairs,
    sessionsRequested: sessions.length,
    sessionsPlanned: sessions.filter((s) => s.slot !== null).length,
    sessionsOnAnchor: sessions.filter((s) => s.onAnchor).length,
    problems,
  };
}
