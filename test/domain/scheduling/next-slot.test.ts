import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../src/domain/domain-error.js";
import { nextSlot, type PairToSchedule, type SchedulingPerson } from "../../../src/domain/scheduling/index.js";
import { parseInstant, type TimeRange, type WorkingHours } from "../../../src/domain/time/index.js";

const at = (iso: string) => parseInstant(iso);
const range = (from: string, to: string): TimeRange => ({ start: at(from), end: at(to) });
const hours = (timeZone: string, startTime = "09:00", endTime = "17:00"): WorkingHours => ({
  daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
  startTime,
  endTime,
  timeZone,
});
const person = (id: string, workingHours: WorkingHours, busy: TimeRange[] = []): SchedulingPerson => ({ id, workingHours, calendar: { readable: true, busy } });
const utc = (r: TimeRange | null) => (r ? new Date(r.start).toISOString().slice(0, 16) : null);

// The executive declined Tuesday 11 March 2025, 10:00 London (GMT); the app looks for the next slot that week.
const declined = range("2025-03-11T10:00:00Z", "2025-03-11T10:30:00Z");
const base = {
  sessionMinutes: 30,
  searchFrom: "2025-03-11T08:00:00Z",
  searchUntil: "2025-03-15T00:00:00Z",
  exclude: [declined],
};

describe("nextSlot: re-slotting one session", () => {
  it("offers the earliest slot that suits both, never the declined one, around busy time and other bookings", () => {
    const pair: PairToSchedule = {
      pairId: "p",
      mentor: person("m", hours("Europe/London"), [range("2025-03-11T09:00:00Z", "2025-03-11T10:00:00Z")]),
      mentee: person("e", hours("Europe/London")),
    };
    const existingBookings = [{ personIds: ["e", "x"], start: at("2025-03-11T10:30:00Z"), end: at("2025-03-11T11:00:00Z") }];
    const result = nextSlot({ ...base, pair, existingBookings, bufferMinutes: 0 });
    expect(result.problem).toBeNull();
    expect(utc(result.slot)).toBe("2025-03-11T11:00");
  });

  it("prefers the executive's preferred hours over an earlier slot outside them", () => {
    const pair: PairToSchedule = {
      pairId: "p",
      mentor: person("m", hours("Asia/Kolkata", "09:00", "20:00")),
      mentee: { ...person("e", hours("Europe/London", "08:00", "17:00")), preferences: { preferredHours: { start: "14:00", end: "16:00" } } },
    };
    const result = nextSlot({ ...base, pair });
    // 14:00 London = 19:30 Kolkata, still inside the mentor's hours.
    expect(utc(result.slot)).toBe("2025-03-11T14:00");
  });

  it("respects the executive's weekly cap against the app's other bookings", () => {
    const pair: PairToSchedule = {
      pairId: "p",
      mentor: person("m", hours("Europe/London")),
      mentee: { ...person("e", hours("Europe/London")), preferences: { maxSessionsPerWeek: 1 } },
    };
    const existingBookings = [{ personIds: ["e", "other-mentor"], start: at("2025-03-12T15:00:00Z"), end: at("2025-03-12T15:30:00Z") }];
    const result = nextSlot({ ...base, pair, existingBookings });
    expect(result.slot).toBeNull();
    expect(result.problem).toMatchObject({ code: "weeklyCapReached", who: "mentee" });
  });

  it("keeps 'calendar unreadable' apart from 'no free time'", () => {
    const unreadable: PairToSchedule = {
      pairId: "p",
      mentor: { id: "m", workingHours: hours("UTC"), calendar: { readable: false, reason: "getSchedule returned an error for this mailbox" } },
      mentee: person("e", hours("UTC")),
    };
    expect(nextSlot({ ...base, pair: unreadable }).problem).toMatchObject({ code: "calendarUnreadable", who: "mentor" });
    const full: PairToSchedule = { pairId: "p", mentor: person("m", hours("UTC")), mentee: person("e", hours("UTC"), [range("2025-03-10T00:00:00Z", "2025-03-16T00:00:00Z")]) };
    expect(nextSlot({ ...base, pair: full }).problem).toEqual({ code: "noCommonFreeTime", message: "no common free time in the search window" });
  });

  it("refuses a window that ends before it starts", () => {
    const pair: PairToSchedule = { pairId: "p", mentor: person("m", hours("UTC")), mentee: person("e", hours("UTC")) };
    expect(() => nextSlot({ ...base, pair, searchUntil: "2025-03-10T00:00:00Z" })).toThrow(DomainValidationError);
  });
});
