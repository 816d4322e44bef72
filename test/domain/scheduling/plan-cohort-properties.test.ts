import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planCohortSessions, sessionWindow, normaliseOptions, type PairToSchedule, type SchedulingOptions, type SchedulingPerson } from "../../../src/domain/scheduling/index.js";
import { containsRange, instantOfLocal, overlaps, startOfLocalWeek, workingRanges, type TimeRange, type WorkingHours } from "../../../src/domain/time/index.js";
import { shuffled } from "../support/random-cohort.js";

const START = Date.UTC(2025, 2, 3); // Monday 3 March 2025 (US DST change inside the horizon)
const H = 3_600_000;
const ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata", "Pacific/Honolulu", "Australia/Sydney"];
const HOURS: Array<[string, string]> = [["09:00", "17:00"], ["08:00", "18:00"], ["07:00", "12:00"], ["12:00", "20:00"]];
const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

const busyBlocks = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 5 * 7 * 24 * 4 }), fc.integer({ min: 1, max: 16 })).map(([q, len]) => ({ start: START + q * 15 * 60_000, end: START + (q + len) * 15 * 60_000 })),
  { maxLength: 40 },
);
const personArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  hours: fc.constantFrom(...HOURS),
  busy: busyBlocks,
  readable: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
});
const prefsArb = fc.record({
  maxSessionsPerWeek: fc.constantFrom(null, 1, 2),
  preferredDays: fc.constantFrom(null, ["tuesday", "thursday"] as const),
  preferredHours: fc.constantFrom(null, { start: "10:00", end: "12:00" }),
  notBefore: fc.constantFrom(null, "2025-03-12"),
});

const scenario = fc.record({
  mentors: fc.array(personArb, { minLength: 1, maxLength: 5 }),
  execs: fc.array(fc.tuple(personArb, prefsArb), { minLength: 1, maxLength: 3 }),
  pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }),
  existing: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 * 7 * 24 * 4 })), { maxLength: 3 }),
  everyWeeks: fc.constantFrom(1, 2),
  sessions: fc.integer({ min: 1, max: 3 }),
  sessionMinutes: fc.constantFrom(30, 60),
  gridMinutes: fc.constantFrom(15, 30),
  bufferMinutes: fc.constantFrom(0, 10),
  earliestStart: fc.constantFrom(null, START + 30 * H),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario): { pairs: PairToSchedule[]; options: SchedulingOptions } {
  const toPerson = (id: string, p: Scenario["mentors"][number]): SchedulingPerson => ({
    id,
    workingHours: { daysOfWeek: [...weekdays], startTime: p.hours[0], endTime: p.hours[1], timeZone: p.zone },
    calendar: p.readable ? { readable: true, busy: p.busy } : { readable: false, reason: "ErrorAccessDenied" },
  });
  const mentors = s.mentors.map((m, i) => toPerson(`m${i}`, m));
  const execs = s.execs.map(([p, prefs], i) => ({ ...toPerson(`e${i}`, p), preferences: prefs }));
  const pairs = s.pairs.map(([a, b], i) => ({ pairId: `pair${i}`, mentor: mentors[a % mentors.length]!, mentee: execs[b % execs.length]! }));
  const everyone = [...mentors.map((m) => m.id), ...execs.map((e) => e.id)];
  const existingBookings = s.existing.map(([who, q]) => ({ personIds: [everyone[who % everyone.length]!], start: START + q * 15 * 60_000, end: START + q * 15 * 60_000 + H }));
  return {
    pairs,
    options: {
      cadence: { everyWeeks: s.everyWeeks, sessionMinutes: s.sessionMinutes, sessions: s.sessions },
      seriesStart: START,
      earliestStart: s.earliestStart,
      gridMinutes: s.gridMinutes,
      bufferMinutes: s.bufferMinutes,
      existingBookings,
    },
  };
}

const padded = (r: TimeRange, minutes: number): TimeRange => ({ start: r.start - minutes * 60_000, end: r.end + minutes * 60_000 });

describe("whole-cohort planner invariants on random cohorts", () => {
  it("never double-books, stays inside working hours and free time, and respects caps, dates and the grid", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { pairs, options } = build(s);
        const plan = planCohortSessions(pairs, options);
        const o = normaliseOptions(options);
        const horizon = { start: START - 24 * H, end: START + 20 * 7 * 24 * H };
        const booked = new Map<string, TimeRange[]>();
        for (const b of options.existingBookings ?? []) for (const id of b.personIds) booked.set(id, [...(booked.get(id) ?? []), b]);
        const existingWeeks = new Map<string, number>();
        plan.pairs.forEach((p, i) => {
          const pair = pairs[i]!;
          expect(p.pairId).toBe(pair.pairId);
          p.sessions.forEach((session, k) => {
            const readable = pair.mentor.calendar.readable && pair.mentee.calendar.readable;
            if (!readable) expect(session.problem?.code).toBe("calendarUnreadable");
            const slot = session.slot;
            if (!slot) {
              expect(session.problem).not.toBeNull();
              return;
            }
            expect(readable).toBe(true);
            const { window } = sessionWindow(o, k);
            expect(slot.start).toBeGreaterThanOrEqual(window.start);
            expect(slot.end).toBeLessThanOrEqual(window.end);
            expect(slot.end - slot.start).toBe(o.sessionMinutes * 60_000);
            expect(slot.start % (o.gridMinutes * 60_000)).toBe(0);
            if (options.earliestStart) expect(slot.start).toBeGreaterThanOrEqual(options.earliestStart as number);
            const notBefore = pair.mentee.preferences?.notBefore;
            if (notBefore) expect(slot.start).toBeGreaterThanOrEqual(instantOfLocal(pair.mentee.workingHours.timeZone, notBefore, 0));
            for (const who of [pair.mentor, pair.mentee]) {
              expect(containsRange(workingRanges(who.workingHours as WorkingHours, horizon), slot)).toBe(true);
              if (who.calendar.readable) for (const b of who.calendar.busy) expect(overlaps(padded(b, o.bufferMinutes), slot)).toBe(false);
              for (const other of booked.get(who.id) ?? []) expect(overlaps(padded(other, o.bufferMinutes), slot)).toBe(false);
              booked.set(who.id, [...(booked.get(who.id) ?? []), slot]);
            }
          });
        });
        // Weekly caps, counted in the executive's own week, including the app's earlier bookings.
        for (const exec of new Set(pairs.map((p) => p.mentee))) {
          const cap = exec.preferences?.maxSessionsPerWeek;
          if (!cap) continue;
          const zone = exec.workingHours.timeZone;
          for (const b of options.existingBookings ?? []) {
            if (b.personIds.includes(exec.id)) existingWeeks.set(`${exec.id}|${startOfLocalWeek(zone, b.start)}`, (existingWeeks.get(`${exec.id}|${startOfLocalWeek(zone, b.start)}`) ?? 0) + 1);
          }
          const planned = new Map<number, number>();
          plan.pairs.forEach((p, i) => {
            if (pairs[i]!.mentee.id !== exec.id) return;
            for (const session of p.sessions) if (session.slot) planned.set(startOfLocalWeek(zone, session.slot.start), (planned.get(startOfLocalWeek(zone, session.slot.start)) ?? 0) + 1);
          });
          for (const [week, n] of planned) {
            const before = existingWeeks.get(`${exec.id}|${week}`) ?? 0;
            expect(before + n).toBeLessThanOrEqual(Math.max(cap, before));
            if (before >= cap) expect(n).toBe(0);
          }
        }
      }),
      { numRuns: 150, seed: 5 },
    );
  });

  it("is deterministic: the same cohort in any order gets the same sessions", () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (s, seed) => {
        const { pairs, options } = build(s);
        const a = planCohortSessions(pairs, options);
        const b = planCohortSessions(shuffled(pairs, seed), options);
        const byId = (plan: typeof a) => Object.fromEntries(plan.pairs.map((p) => [p.pairId, p]));
        expect(byId(b)).toEqual(byId(a));
        expect(b.stats).toEqual(a.stats);
      }),
      { numRuns: 60, seed: 6 },
    );
  });
});
