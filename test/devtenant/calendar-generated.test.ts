import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { blockForKey, fixtureBlocks, generatedBlocks, type BackgroundBlock } from "../../src/devtenant/calendar/generated-calendar.js";
import { makePerson } from "./calendar-harness.js";

const DAY = 86_400_000;
const FROM = Date.UTC(2025, 0, 6); // a Monday
const WEEKS = 12;

function workingMinutesBusy(blocks: readonly BackgroundBlock[]): number {
  return blocks.filter((b) => b.status === "busy" || b.status === "tentative").reduce((sum, b) => sum + (b.end - b.start) / 60_000, 0);
}

describe("generated background calendars", () => {
  const exec = makePerson({ displayName: "Eve Executive", jobTitle: "SVP Sales", generatedLevel: 2, timeZone: "Eastern Standard Time" });
  const junior = makePerson({ displayName: "Jo Junior", jobTitle: "Associate Analyst", generatedLevel: 7, timeZone: "Eastern Standard Time" });

  it("is a pure function of seed, person and date", () => {
    const a = generatedBlocks(exec, 42, FROM, FROM + 14 * DAY);
    const b = generatedBlocks(exec, 42, FROM, FROM + 14 * DAY);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
    expect(generatedBlocks(exec, 43, FROM, FROM + 14 * DAY)).not.toEqual(a);
    // A sub-window is the same calendar, not a new draw.
    const tuesday = generatedBlocks(exec, 42, FROM + DAY, FROM + 2 * DAY);
    expect(tuesday).toEqual(a.filter((x) => x.start < FROM + 2 * DAY && x.end > FROM + DAY));
  });

  it("keeps executives about 75% and juniors about 40% busy inside working hours", () => {
    const workingMinutes = WEEKS * 5 * 8 * 60;
    const people = [0, 1, 2, 3, 4, 5].map((i) => [
      makePerson({ displayName: `Exec Person${i}`, jobTitle: "VP", generatedLevel: 2 }),
      makePerson({ displayName: `Junior Person${i}`, jobTitle: "Engineer", generatedLevel: 7 }),
    ]);
    const fraction = (p: ReturnType<typeof makePerson>): number => {
      const blocks = generatedBlocks(p, 42, FROM, FROM + WEEKS * 7 * DAY).filter((b) => b.status !== "oof");
      const oofDays = generatedBlocks(p, 42, FROM, FROM + WEEKS * 7 * DAY).filter((b) => b.status === "oof").length;
      return workingMinutesBusy(blocks) / (workingMinutes - oofDays * 8 * 60);
    };
    const execAvg = people.reduce((s, [e]) => s + fraction(e!), 0) / people.length;
    const juniorAvg = people.reduce((s, [, j]) => s + fraction(j!), 0) / people.length;
    expect(execAvg).toBeGreaterThan(0.68);
    expect(execAvg).toBeLessThan(0.82);
    expect(juniorAvg).toBeGreaterThan(0.33);
    expect(juniorAvg).toBeLessThan(0.47);
  });

  it("places meetings inside working hours in the person's own zone, never on weekends", () => {
    for (const block of generatedBlocks(junior, 42, FROM, FROM + 4 * 7 * DAY)) {
      const start = DateTime.fromMillis(block.start, { zone: "America/New_York" });
      const end = DateTime.fromMillis(block.end, { zone: "America/New_York" });
      expect(start.weekday).toBeLessThanOrEqual(5);
      if (block.status === "oof") continue;
      expect(start.hour * 60 + start.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(end.hour * 60 + end.minute).toBeLessThanOrEqual(17 * 60);
    }
  });

  it("keeps weekly meetings at the same local time across the March DST change", () => {
    const series = (from: number): Map<string, BackgroundBlock> =>
      new Map(generatedBlocks(exec, 42, from, from + 5 * DAY).filter((b) => b.seriesKey !== null).map((b) => [b.seriesKey as string, b]));
    const before = series(Date.UTC(2025, 2, 3, 5)); // week of 3 March: New York on UTC-5
    const after = series(Date.UTC(2025, 2, 10, 4)); // week of 10 March: UTC-4
    const shared = [...before.keys()].filter((k) => after.has(k));
    expect(shared.length).toBeGreaterThanOrEqual(3);
    for (const key of shared) {
      const b = before.get(key)!;
      const a = after.get(key)!;
      const local = (x: BackgroundBlock): string => DateTime.fromMillis(x.start, { zone: "America/New_York" }).toFormat("ccc HH:mm");
      expect(local(a)).toBe(local(b));
      // Same wall clock, one hour earlier in UTC.
      expect(a.start - b.start).toBe(7 * DAY - 3_600_000);
    }
  });

  it("has about 3% out-of-office days and some working-elsewhere days", () => {
    const people = Array.from({ length: 40 }, (_, i) => makePerson({ displayName: `Many People${i}` }));
    let days = 0;
    let oof = 0;
    let elsewhere = 0;
    for (const p of people) {
      const blocks = generatedBlocks(p, 42, FROM, FROM + 8 * 7 * DAY);
      days += 8 * 5;
      oof += blocks.filter((b) => b.status === "oof").length;
      elsewhere += blocks.filter((b) => b.status === "workingElsewhere").length;
    }
    expect(oof / days).toBeGreaterThan(0.015);
    expect(oof / days).toBeLessThan(0.05);
    expect(elsewhere).toBeGreaterThan(0);
  });

  it("re-derives a block from its key, and expands weekly fixture blocks in local time", () => {
    const [block] = generatedBlocks(exec, 42, FROM, FROM + DAY);
    expect(block).toBeDefined();
    expect(blockForKey(exec, 42, block!.key)).toEqual(block);
    const fixture = fixtureBlocks(exec, [{ start: "2025-03-04T14:00:00Z", end: "2025-03-04T15:00:00Z", status: "busy", subject: "Board prep", weeklyOccurrences: 3 }], 0, Number.MAX_SAFE_INTEGER);
    expect(fixture.map((b) => new Date(b.start).toISOString())).toEqual(["2025-03-04T14:00:00.000Z", "2025-03-11T13:00:00.000Z", "2025-03-18T13:00:00.000Z"]);
  });
});
