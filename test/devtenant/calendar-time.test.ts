import { describe, expect, it } from "vitest";
import { GraphFailure } from "../../src/devtenant/calendar/errors.js";
import { formatDateTimeTimeZone, localDateOf, localToEpoch, parseLocalDateTime, preferredTimeZone, resolveZone, windowsToIana } from "../../src/devtenant/calendar/time-zones.js";
import { occurrenceDates, normalizeRecurrence } from "../../src/devtenant/calendar/recurrence.js";

describe("Windows and IANA zones", () => {
  it("maps Windows names to canonical IANA zones, not CLDR's legacy links", () => {
    expect(windowsToIana("India Standard Time")).toBe("Asia/Kolkata");
    expect(windowsToIana("Nepal Standard Time")).toBe("Asia/Kathmandu");
    expect(windowsToIana("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(windowsToIana("Eastern Standard Time")).toBe("America/New_York");
    expect(windowsToIana("GMT Standard Time")).toBe("Europe/London");
    expect(windowsToIana("UTC")).toBe("Etc/UTC");
    expect(windowsToIana("Mars Standard Time")).toBeNull();
  });

  it("accepts IANA names as given and rejects unknown zones with Graph's error", () => {
    expect(resolveZone("Asia/Kolkata")).toEqual({ name: "Asia/Kolkata", iana: "Asia/Kolkata" });
    expect(resolveZone("W. Europe Standard Time").iana).toBe("Europe/Berlin");
    try {
      resolveZone("Mars/Olympus_Mons");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GraphFailure);
      expect((error as GraphFailure).code).toBe("TimeZoneNotSupportedException");
    }
  });

  it("parses Graph dateTimes with up to 7 fractional digits as wall time in the zone", () => {
    const ny = resolveZone("Eastern Standard Time");
    expect(parseLocalDateTime("2025-03-07T09:00:00.0000000", ny)).toBe(Date.UTC(2025, 2, 7, 14));
    // After the March change New York is UTC-4.
    expect(parseLocalDateTime("2025-03-10T09:00:00", ny)).toBe(Date.UTC(2025, 2, 10, 13));
    // And back to UTC-5 after the first Sunday of November.
    expect(parseLocalDateTime("2025-10-31T09:00:00", ny)).toBe(Date.UTC(2025, 9, 31, 13));
    expect(parseLocalDateTime("2025-11-03T09:00:00", ny)).toBe(Date.UTC(2025, 10, 3, 14));
    // An explicit offset wins over the zone.
    expect(parseLocalDateTime("2025-03-07T09:00:00Z", ny)).toBe(Date.UTC(2025, 2, 7, 9));
    expect(parseLocalDateTime("not a date", ny)).toBeNull();
  });

  it("formats instants as 7-digit local wall time, including India's half-hour offset", () => {
    const india = resolveZone("India Standard Time");
    expect(formatDateTimeTimeZone(Date.UTC(2025, 2, 5, 4, 30), india)).toEqual({ dateTime: "2025-03-05T10:00:00.0000000", timeZone: "India Standard Time" });
    expect(formatDateTimeTimeZone(Date.UTC(2025, 2, 5, 4, 30), resolveZone("UTC")).dateTime).toBe("2025-03-05T04:30:00.0000000");
  });

  it("converts local wall time exactly across DST gaps and overlaps", () => {
    // 02:30 does not exist in New York on 9 March 2025: it moves forward to 03:30 EDT, like luxon.
    expect(localToEpoch("America/New_York", 2025, 3, 9, 150)).toBe(Date.UTC(2025, 2, 9, 7, 30));
    expect(localToEpoch("America/New_York", 2025, 3, 9, 9 * 60)).toBe(Date.UTC(2025, 2, 9, 13));
    // 01:30 happens twice on 2 November 2025: the earlier (EDT) instant is taken.
    expect(localToEpoch("America/New_York", 2025, 11, 2, 90)).toBe(Date.UTC(2025, 10, 2, 5, 30));
    expect(localToEpoch("Asia/Kolkata", 2025, 3, 5, 9 * 60 + 30)).toBe(Date.UTC(2025, 2, 5, 4));
    expect(localToEpoch("Australia/Sydney", 2025, 4, 6, 9 * 60)).toBe(Date.UTC(2025, 3, 5, 23));
    expect(localDateOf("Asia/Kolkata", Date.UTC(2025, 2, 5, 19))).toEqual({ year: 2025, month: 3, day: 6 });
    expect(localDateOf("America/Los_Angeles", Date.UTC(2025, 2, 5, 7))).toEqual({ year: 2025, month: 3, day: 4 });
  });

  it("reads outlook.timezone from a Prefer header with several preferences", () => {
    expect(preferredTimeZone('outlook.timezone="Pacific Standard Time"')).toBe("Pacific Standard Time");
    expect(preferredTimeZone('outlook.body-content-type="text", outlook.timezone="Asia/Kolkata"')).toBe("Asia/Kolkata");
    expect(preferredTimeZone(undefined)).toBeNull();
  });
});

describe("recurrence", () => {
  it("fills in Graph's defaults and lowercases day names", () => {
    const rec = normalizeRecurrence({ pattern: { type: "weekly", interval: 1, daysOfWeek: ["Monday"] }, range: { type: "endDate", startDate: "2025-03-03", endDate: "2025-03-31" } }, "2025-03-03", "Pacific Standard Time");
    expect(rec.pattern).toEqual({ type: "weekly", interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ["monday"], firstDayOfWeek: "sunday", index: "first" });
    expect(rec.range).toEqual({ type: "endDate", startDate: "2025-03-03", endDate: "2025-03-31", recurrenceTimeZone: "Pacific Standard Time", numberOfOccurrences: 0 });
    expect(occurrenceDates(rec, "America/Los_Angeles", "2025-12-31")).toEqual(["2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24", "2025-03-31"]);
  });

  it("expands every-other-week, numbered and relative monthly series", () => {
    const biweekly = normalizeRecurrence({ pattern: { type: "weekly", interval: 2, daysOfWeek: ["tuesday", "thursday"] }, range: { type: "numbered", startDate: "2025-03-04", numberOfOccurrences: 5 } }, "2025-03-04", "UTC");
    expect(occurrenceDates(biweekly, "Etc/UTC", "2026-01-01")).toEqual(["2025-03-04", "2025-03-06", "2025-03-18", "2025-03-20", "2025-04-01"]);
    const lastFriday = normalizeRecurrence({ pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["friday"], index: "last" }, range: { type: "numbered", startDate: "2025-03-01", numberOfOccurrences: 3 } }, "2025-03-01", "UTC");
    expect(occurrenceDates(lastFriday, "Etc/UTC", "2026-01-01")).toEqual(["2025-03-28", "2025-04-25", "2025-05-30"]);
    const day31 = normalizeRecurrence({ pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 31 }, range: { type: "numbered", startDate: "2025-01-31", numberOfOccurrences: 3 } }, "2025-01-31", "UTC");
    expect(occurrenceDates(day31, "Etc/UTC", "2026-01-01")).toEqual(["2025-01-31", "2025-02-28", "2025-03-31"]);
  });

  it("rejects incomplete patterns with a message naming the field", () => {
    expect(() => normalizeRecurrence({ pattern: { type: "weekly" }, range: { type: "noEnd", startDate: "2025-03-03" } }, "2025-03-03", "UTC")).toThrow(/daysOfWeek/);
    expect(() => normalizeRecurrence({ pattern: { type: "hourly" }, range: { type: "noEnd" } }, "2025-03-03", "UTC")).toThrow(/pattern.type/);
  });
});
