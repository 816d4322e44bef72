import fc from "fast-check";
import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import {
  civilFromDays,
  daysFromCivil,
  instantOfWall,
  isoDateOfWall,
  isoWeekdayOfWall,
  wallOfIsoDate,
  wallTimeOf,
  zoneOffsetMinutes,
} from "../../../src/domain/time/index.js";

// Real zones with DST both hemispheres, half- and quarter-hour offsets, a 30-minute DST shift, and no DST.
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Asia/Kolkata",
  "Pacific/Honolulu",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "America/St_Johns",
  "America/Santiago",
  "UTC",
];
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

describe("wall clock conversions agree with luxon", () => {
  it("gives the same UTC offset as luxon at any instant", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, (zone, ts) => {
        expect(zoneOffsetMinutes(zone, ts)).toBe(IANAZone.create(zone).offset(ts));
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it("converts wall times to the instant luxon gives, including DST gaps and overlaps", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 0, max: 24 * 60 - 1 }), (zone, ts, minute) => {
        const wallDay = Math.floor(wallTimeOf(zone, ts) / 86_400_000) * 86_400_000;
        const { year, month, day } = civilFromDays(wallDay / 86_400_000);
        const expected = DateTime.fromObject({ year, month, day, hour: Math.floor(minute / 60), minute: minute % 60 }, { zone }).toMillis();
        expect(instantOfWall(zone, wallDay + minute * 60_000)).toBe(expected);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });

  it("round-trips civil dates and knows the weekday", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
    expect(isoDateOfWall(wallOfIsoDate("2024-02-29")!)).toBe("2024-02-29");
    expect(wallOfIsoDate("2025-02-29")).toBeNull();
    expect(wallOfIsoDate("2025-13-01")).toBeNull();
    expect(isoWeekdayOfWall(wallOfIsoDate("2025-03-09")!)).toBe(7); // a Sunday
    expect(isoWeekdayOfWall(wallOfIsoDate("1969-12-29")!)).toBe(1); // a Monday before the epoch
  });

  it("moves a wall time skipped by spring-forward ahead by the jump (New York, 9 March 2025)", () => {
    const wall = wallOfIsoDate("2025-03-09")! + (2 * 60 + 30) * 60_000;
    expect(new Date(instantOfWall("America/New_York", wall)).toISOString()).toBe("2025-03-09T07:30:00.000Z"); // 03:30 EDT
  });
});
