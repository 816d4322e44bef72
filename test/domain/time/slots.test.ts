import { describe, expect, it } from "vitest";
import { cutSlots, freeTime, parseInstant, workingRanges, type TimeRange } from "../../../src/domain/time/index.js";

const at = (iso: string) => parseInstant(iso);
const local = (ranges: TimeRange[], zoneOffsetMinutes: number) =>
  ranges.map((r) => new Date(r.start + zoneOffsetMinutes * 60_000).toISOString().slice(11, 16));

describe("cutting free time into slots on a grid, with buffers", () => {
  it("cuts 30-minute slots on the 15-minute grid, wholly inside free time", () => {
    const free = [{ start: at("2025-03-10T14:10:00Z"), end: at("2025-03-10T15:15:00Z") }];
    const slots = cutSlots(free, { durationMinutes: 30, stepMinutes: 15 });
    expect(slots.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(["14:15", "14:30", "14:45"]);
    expect(slots.every((s) => s.end - s.start === 30 * 60_000)).toBe(true);
  });

  it("keeps slots on :00 and :30 local time in Kolkata (UTC+5:30)", () => {
    const day = { start: at("2025-03-10T00:00:00Z"), end: at("2025-03-11T00:00:00Z") };
    const work = workingRanges({ daysOfWeek: ["monday"], startTime: "10:00", endTime: "11:30", timeZone: "Asia/Kolkata" }, day);
    const slots = cutSlots(work, { durationMinutes: 60, stepMinutes: 30 });
    expect(local(slots, 330)).toEqual(["10:00", "10:30"]);
  });

  it("keeps a buffer clear before and after busy time", () => {
    const work = [{ start: at("2025-03-10T09:00:00Z"), end: at("2025-03-10T12:00:00Z") }];
    const busy = [{ start: at("2025-03-10T10:00:00Z"), end: at("2025-03-10T10:30:00Z") }];
    const slots = cutSlots(freeTime(work, busy, 15), { durationMinutes: 30, stepMinutes: 15 });
    const starts = slots.map((s) => new Date(s.start).toISOString().slice(11, 16));
    expect(starts).toEqual(["09:00", "09:15", "10:45", "11:00", "11:15", "11:30"]);
  });

  it("refuses a non-positive slot length", () => {
    expect(() => cutSlots([], { durationMinutes: 0, stepMinutes: 15 })).toThrow(RangeError);
  });
});
