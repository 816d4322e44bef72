import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../src/domain/domain-error.js";
import { planCohortSessions, type PairToSchedule, type SchedulingPerson } from "../../../src/domain/scheduling/index.js";
import { parseInstant, type TimeRange, type WorkingHours } from "../../../src/domain/time/index.js";

const at = (iso: string) => parseInstant(iso);
const range = (from: string, to: string): TimeRange => ({ start: at(from), end: at(to) });
const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const hours = (timeZone: string, startTime = "09:00", endTime = "17:00", days: WorkingHours["daysOfWeek"] = weekdays): WorkingHours => ({
  daysOfWeek: [...days],
  startTime,
  endTime,
  timeZone,
});
const person = (id: string, workingHours: WorkingHours, busy: TimeRange[] = []): SchedulingPerson => ({ id, workingHours, calendar: { readable: true, busy } });
const utc = (r: TimeRange | null) => (r ? `${new Date(r.start).toISOString().slice(0, 16)}Z` : null);
const cadence = { everyWeeks: 2, sessionMinutes: 30, sessions: 3 };
/** Monday 3 March 2025, the week before the US changes clocks (9 March); the UK changes on 30 March. */
const SERIES_START = "2025-03-03T00:00:00Z";

describe("planning a pair's series", () => {
  it("books every session inside both people's working hours at the same local weekday and time, across the US DST change", () => {
    const pair: PairToSchedule = {
      pairId: "p1",
      mentor: person("mentor", hours("Europe/London")),
      mentee: person("exec", hours("America/New_York")),
    };
    const plan = planCohortSessions([pair], { cadence, seriesStart: SERIES_START });
    const p = plan.pairs[0]!;
    // The earliest time both work in week 1 is Monday 09:00 New York (14:00 London); it exists in every week.
    expect(p.anchor).toEqual({ weekday: "monday", localTime: "09:00", timeZone: "America/New_York" });
    // 09:00 EST = 14:00Z before 9 March; 09:00 EDT = 13:00Z after (London is still on GMT until 30 March).
    expect(p.sessions.map((s) => utc(s.slot))).toEqual(["2025-03-03T14:00Z", "2025-03-17T13:00Z", "2025-03-31T13:00Z"]);
    expect(p.sessions.every((s) => s.onAnchor && s.problem === null)).toBe(true);
    expect(p.sessions.map((s) => s.week)).toEqual([1, 3, 5]);
  });

  it("picks the weekday and time that is free in every week, keeping buffers around busy time", () => {
    const pair: PairToSchedule = {
      pairId: "p1",
      mentor: person("mentor", hours("UTC")),
      mentee: person("exec", hours("UTC"), [range("2025-03-17T09:00:00Z", "2025-03-17T10:00:00Z")]),
    };
    const plan = planCohortSessions([pair], { cadence, seriesStart: SERIES_START, bufferMinutes: 15 });
    // Monday 09:00 is busy in week 3; with the 15-minute buffer, 10:15 is the earliest time free in all weeks.
    expect(plan.pairs[0]!.anchor).toEqual({ weekday: "monday", localTime: "10:15", timeZone: "UTC" });
    expect(plan.pairs[0]!.sessions.map((s) => utc(s.slot))).toEqual(["2025-03-03T10:15Z", "2025-03-17T10:15Z", "2025-03-31T10:15Z"]);
  });

  it("gives two mentors of one executive each their own regular time", () => {
    const exec = person("exec", hours("UTC"));
    const pairs: PairToSchedule[] = [
      { pairId: "b", mentor: person("mb", hours("UTC")), mentee: exec },
      { pairId: "a", mentor: person("ma", hours("UTC")), mentee: exec },
    ];
    const plan = planCohortSessions(pairs, { cadence: { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, seriesStart: SERIES_START });
    // Output follows input order; equal options → pair "a" chooses first and keeps Monday 09:00.
    expect(plan.pairs.map((p) => [p.pairId, p.anchor?.localTime])).toEqual([
      ["b", "09:30"],
      ["a", "09:00"],
    ]);
    expect(plan.pairs.flatMap((p) => p.sessions.map((s) => [utc(s.slot), s.onAnchor]))).toEqual([
      ["2025-03-03T09:30Z", true],
      ["2025-03-10T09:30Z", true],
      ["2025-03-03T09:00Z", true],
      ["2025-03-10T09:00Z", true],
    ]);
  });

  it("falls back to the nearest time on the same weekday when another pair took the anchor", () => {
    // One mentor in two pairs (with different executives): both series want Monday 09:00.
    const mentor = person("m", hours("UTC"));
    const pairs: PairToSchedule[] = [
      { pairId: "a", mentor, mentee: person("ea", hours("UTC")) },
      { pairId: "b", mentor, mentee: person("eb", hours("UTC")) },
    ];
    const plan = planCohortSessions(pairs, { cadence: { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, seriesStart: SERIES_START });
    expect(plan.pairs[0]!.sessions.map((s) => [utc(s.slot), s.onAnchor])).toEqual([
      ["2025-03-03T09:00Z", true],
      ["2025-03-10T09:00Z", true],
    ]);
    expect(plan.pairs[1]!.anchor?.localTime).toBe("09:00");
    expect(plan.pairs[1]!.sessions.map((s) => [utc(s.slot), s.onAnchor])).toEqual([
      ["2025-03-03T09:30Z", false],
      ["2025-03-10T09:30Z", false],
    ]);
  });

  it("uses the executive's preferred days and hours when it can", () => {
    const pair: PairToSchedule = {
      pairId: "p1",
      mentor: person("mentor", hours("Asia/Kolkata", "09:00", "18:00")),
      mentee: { ...person("exec", hours("Europe/London", "08:00", "17:00")), preferences: { preferredDays: ["thursday"], preferredHours: { start: "10:00", end: "12:00" } } },
    };
    const plan = planCohortSessions([pair], { cadence, seriesStart: SERIES_START });
    expect(plan.pairs[0]!.anchor).toEqual({ weekday: "thursday", localTime: "10:00", timeZone: "Europe/London" });
    // 10:00 London = 15:30 Kolkata, inside the mentor's 09:00–18:00; after 30 March London is on BST (09:00Z).
    expect(plan.pairs[0]!.sessions.map((s) => utc(s.slot))).toEqual(["2025-03-06T10:00Z", "2025-03-20T10:00Z", "2025-04-03T09:00Z"]);
  });

  it("says 'no common free time in week N' when calendars are full, and keeps an unreadable calendar distinct", () => {
    const full = [range("2025-03-17T00:00:00Z", "2025-03-22T00:00:00Z")];
    const busyPair: PairToSchedule = { pairId: "busy", mentor: person("m1", hours("UTC")), mentee: person("e1", hours("UTC"), full) };
    const blindPair: PairToSchedule = {
      pairId: "blind",
      mentor: person("m2", hours("UTC")),
      mentee: { id: "e2", workingHours: hours("UTC"), calendar: { readable: false, reason: "ErrorMailboxNotFound" } },
    };
    const plan = planCohortSessions([busyPair, blindPair], { cadence, seriesStart: SERIES_START });
    const busy = plan.pairs[0]!.sessions;
    expect(busy[1]!.slot).toBeNull();
    expect(busy[1]!.problem).toEqual({ code: "noCommonFreeTime", message: "no common free time in week 3" });
    expect(busy[0]!.slot).not.toBeNull();
    const blind = plan.pairs[1]!.sessions;
    expect(blind.every((s) => s.slot === null && s.problem?.code === "calendarUnreadable" && s.problem.who === "mentee")).toBe(true);
    expect(blind[0]!.problem!.message).toContain("ErrorMailboxNotFound");
    expect(plan.stats).toMatchObject({ pairs: 2, sessionsRequested: 6, sessionsPlanned: 2, problems: { noCommonFreeTime: 1, calendarUnreadable: 3 } });
  });

  it("reports working hours that never overlap (Sydney and London, 9–5 each)", () => {
    const pair: PairToSchedule = { pairId: "p", mentor: person("m", hours("Australia/Sydney")), mentee: person("e", hours("Europe/London")) };
    const plan = planCohortSessions([pair], { cadence, seriesStart: SERIES_START });
    expect(plan.pairs[0]!.anchor).toBeNull();
    expect(plan.pairs[0]!.sessions[0]!.problem).toMatchObject({ code: "noSharedWorkingHours" });
  });

  it("books nothing before the executive's first available date or the earliest start", () => {
    const pair: PairToSchedule = {
      pairId: "p",
      mentor: person("m", hours("UTC")),
      mentee: { ...person("e", hours("UTC")), preferences: { notBefore: "2025-03-18" } },
    };
    const plan = planCohortSessions([pair], { cadence, seriesStart: SERIES_START, earliestStart: "2025-03-03T12:00:00Z" });
    const s = plan.pairs[0]!.sessions;
    expect(s[0]!.problem).toMatchObject({ code: "tooEarly" });
    expect(s[0]!.problem!.message).toContain("2025-03-18");
    expect(utc(s[1]!.slot)).toBe("2025-03-18T09:00Z");
  });

  it("shares scarce executive time fairly: the pair with fewer options goes first", () => {
    // The executive (two mentors) is free only Monday and Tuesday 10:00–10:30. Mentor "a" could meet on
    // either day; mentor "b" only on Monday. First-come-first-served by id would give "a" Monday and
    // leave "b" with nothing.
    const exec = person("exec", hours("UTC"), [
      range("2025-03-03T09:00:00Z", "2025-03-03T10:00:00Z"),
      range("2025-03-03T10:30:00Z", "2025-03-04T10:00:00Z"),
      range("2025-03-04T10:30:00Z", "2025-03-08T00:00:00Z"),
    ]);
    const pairs: PairToSchedule[] = [
      { pairId: "a", mentor: person("ma", hours("UTC")), mentee: exec },
      { pairId: "b", mentor: person("mb", hours("UTC", "09:00", "17:00", ["monday"])), mentee: exec },
    ];
    const plan = planCohortSessions(pairs, { cadence: { everyWeeks: 1, sessionMinutes: 30, sessions: 1 }, seriesStart: SERIES_START });
    expect(plan.pairs.map((p) => [p.pairId, utc(p.sessions[0]!.slot)])).toEqual([
      ["a", "2025-03-04T10:00Z"],
      ["b", "2025-03-03T10:00Z"],
    ]);
  });

  it("never exceeds the executive's weekly maximum across pairs and earlier bookings", () => {
    const exec = { ...person("exec", hours("America/New_York")), preferences: { maxSessionsPerWeek: 1 } };
    const pairs: PairToSchedule[] = [
      { pairId: "a", mentor: person("ma", hours("America/New_York")), mentee: exec },
      { pairId: "b", mentor: person("mb", hours("America/New_York")), mentee: exec },
    ];
    // An earlier booking already uses the executive's week of 17 March.
    const existingBookings = [{ personIds: ["exec", "someone"], start: at("2025-03-19T15:00:00Z"), end: at("2025-03-19T15:30:00Z") }];
    const plan = planCohortSessions(pairs, { cadence: { everyWeeks: 1, sessionMinutes: 30, sessions: 3 }, seriesStart: SERIES_START, existingBookings });
    const byWeek = [0, 1, 2].map((k) => plan.pairs.filter((p) => p.sessions[k]!.slot !== null).length);
    expect(byWeek).toEqual([1, 1, 0]);
    expect(plan.pairs.flatMap((p) => p.sessions).filter((s) => s.problem?.code === "weeklyCapReached")).toHaveLength(4);
  });

  it("refuses malformed input with every problem named", () => {
    const bad: PairToSchedule = { pairId: "", mentor: person("m", hours("Mars/Olympus")), mentee: person("m", hours("UTC")) };
    try {
      planCohortSessions([bad], { cadence: { everyWeeks: 0, sessionMinutes: 30, sessions: 3 }, seriesStart: "2025-03-03T00:00:00" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainValidationError);
      const paths = (e as DomainValidationError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(["cadence.everyWeeks", "seriesStart"]));
    }
    expect(() => planCohortSessions([bad], { cadence, seriesStart: SERIES_START })).toThrow(/pairs\[0\]\.pairId.*|pairs\[0\]/);
  });
});
