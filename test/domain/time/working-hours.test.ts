import { describe, expect, it } from "vitest";
import {
  intersectRanges,
  longestMinutes,
  parseInstant,
  startOfLocalWeek,
  timeZoneDistanceHours,
  totalMinutes,
  validateWorkingHours,
  workingRanges,
  type TimeRange,
  type WorkingHours,
} from "../../../src/domain/time/index.js";

const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
const hours = (timeZone: string, startTime = "09:00", endTime = "17:00", daysOfWeek: WorkingHours["daysOfWeek"] = weekdays): WorkingHours => ({
  daysOfWeek: [...daysOfWeek],
  startTime,
  endTime,
  timeZone,
});
const at = (iso: string) => parseInstant(iso);
const window = (from: string, to: string): TimeRange => ({ start: at(from), end: at(to) });
const iso = (ranges: TimeRange[]) => ranges.map((r) => `${new Date(r.start).toISOString().slice(0, 16)}–${new Date(r.end).toISOString().slice(11, 16)}`);

describe("working hours → concrete UTC ranges, day by day in the person's zone", () => {
  it("follows the US spring-forward change in New York (9 March 2025)", () => {
    const ranges = workingRanges(hours("America/New_York"), window("2025-03-07T00:00:00Z", "2025-03-11T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-07T14:00–22:00", "2025-03-10T13:00–21:00"]);
  });

  it("follows the UK change in London (30 March 2025)", () => {
    const ranges = workingRanges(hours("Europe/London"), window("2025-03-28T00:00:00Z", "2025-04-01T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-28T09:00–17:00", "2025-03-31T08:00–16:00"]);
  });

  it("handles Kolkata's half-hour offset", () => {
    const ranges = workingRanges(hours("Asia/Kolkata", "09:30", "18:00", ["monday"]), window("2025-03-10T00:00:00Z", "2025-03-11T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-10T04:00–12:30"]);
  });

  it("keeps Honolulu fixed while the mainland changes", () => {
    const ranges = workingRanges(hours("Pacific/Honolulu", "09:00", "17:00", ["friday", "monday"]), window("2025-03-07T00:00:00Z", "2025-03-12T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-07T19:00–03:00", "2025-03-10T19:00–03:00"]);
  });

  it("follows Sydney's autumn change (DST ends 6 April 2025), a southern-hemisphere zone whose work day starts on the previous UTC date", () => {
    const ranges = workingRanges(hours("Australia/Sydney", "09:00", "17:00", ["friday", "monday"]), window("2025-04-03T00:00:00Z", "2025-04-08T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-04-03T22:00–06:00", "2025-04-06T23:00–07:00"]);
  });

  it("runs an overnight shift past midnight, and clips to the window", () => {
    const ranges = workingRanges(hours("UTC", "22:00", "06:00", ["monday"]), window("2025-03-10T00:00:00Z", "2025-03-11T05:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-10T22:00–05:00"]);
  });

  it("treats endTime 00:00 as the end of the day", () => {
    const ranges = workingRanges(hours("UTC", "18:00", "00:00:00.0000000", ["monday"]), window("2025-03-10T00:00:00Z", "2025-03-12T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-10T18:00–00:00"]);
  });

  it("starts a day that begins inside a spring-forward gap at the first real instant", () => {
    const ranges = workingRanges(hours("America/New_York", "02:30", "05:00", ["sunday"]), window("2025-03-09T00:00:00Z", "2025-03-10T00:00:00Z"));
    expect(iso(ranges)).toEqual(["2025-03-09T07:30–09:00"]); // 03:30–05:00 EDT
  });

  it("gives New York and London 3 h a day of shared time, then 4 h in the weeks between the US and UK changes", () => {
    const shared = (from: string) => {
      const w = window(from, new Date(at(from) + 7 * 86_400_000).toISOString());
      return intersectRanges(workingRanges(hours("America/New_York"), w), workingRanges(hours("Europe/London"), w));
    };
    expect(totalMinutes(shared("2025-03-03T00:00:00Z"))).toBe(5 * 180);
    expect(longestMinutes(shared("2025-03-03T00:00:00Z"))).toBe(180);
    expect(totalMinutes(shared("2025-03-10T00:00:00Z"))).toBe(5 * 240);
    expect(totalMinutes(shared("2025-04-07T00:00:00Z"))).toBe(5 * 180);
  });
});

describe("working hours validation and zone helpers", () => {
  it("names every broken field", () => {
    const issues = validateWorkingHours({ daysOfWeek: ["funday" as never], startTime: "25:00", endTime: "9am", timeZone: "Pacific Standard Time" }, "wh");
    expect(issues.map((i) => i.path).sort()).toEqual(["wh.daysOfWeek", "wh.endTime", "wh.startTime", "wh.timeZone"]);
    expect(issues.find((i) => i.path === "wh.timeZone")!.message).toMatch(/IANA/);
    expect(validateWorkingHours(hours("Europe/London", "08:00:00.0000000", "17:00:00.0000000"), "wh")).toEqual([]);
  });

  it("measures time-zone distance around the clock", () => {
    const t = at("2025-07-01T00:00:00Z");
    expect(timeZoneDistanceHours("America/New_York", "Europe/London", t)).toBe(5);
    expect(timeZoneDistanceHours("Asia/Kolkata", "Europe/London", t)).toBe(4.5);
    expect(timeZoneDistanceHours("Pacific/Honolulu", "Pacific/Auckland", t)).toBe(2);
  });

  it("finds the local Monday 00:00 that starts the week", () => {
    expect(new Date(startOfLocalWeek("Australia/Sydney", at("2025-03-09T20:00:00Z"))).toISOString()).toBe("2025-03-09T13:00:00.000Z");
    expect(new Date(startOfLocalWeek("America/New_York", at("2025-03-12T12:00:00Z"))).toISOString()).toBe("2025-03-10T04:00:00.000Z");
  });
});
