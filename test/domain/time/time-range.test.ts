import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clipRanges,
  containsRange,
  intersectAll,
  intersectRanges,
  longestMinutes,
  mergeRanges,
  padRanges,
  subtractRanges,
  totalMinutes,
  type TimeRange,
} from "../../../src/domain/time/index.js";

const M = 60_000;
const r = (start: number, end: number): TimeRange => ({ start: start * M, end: end * M });

/** Model: the set of covered minutes in [0, 200). */
const minutes = (ranges: readonly TimeRange[]) => {
  const set = new Set<number>();
  for (const x of ranges) for (let m = x.start / M; m < x.end / M; m++) set.add(m);
  return set;
};
const rangeList = fc.array(
  fc.tuple(fc.integer({ min: 0, max: 190 }), fc.integer({ min: 0, max: 30 })).map(([s, len]) => r(s, s + len)),
  { maxLength: 8 },
);
const normalised = (ranges: TimeRange[]) =>
  ranges.every((x, i) => x.end > x.start && (i === 0 || x.start > ranges[i - 1]!.end));

describe("interval algebra on unsorted, overlapping input", () => {
  it("merge covers the same minutes and returns a normalised list", () => {
    fc.assert(
      fc.property(rangeList, (a) => {
        const m = mergeRanges(a);
        expect(normalised(m)).toBe(true);
        expect(minutes(m)).toEqual(minutes(a));
      }),
    );
  });

  it("intersect, subtract and pad match set semantics", () => {
    fc.assert(
      fc.property(rangeList, rangeList, fc.integer({ min: 0, max: 5 }), (a, b, pad) => {
        const A = minutes(a);
        const B = minutes(b);
        const inter = intersectRanges(a, b);
        const diff = subtractRanges(a, b);
        expect(normalised(inter) && normalised(diff)).toBe(true);
        expect(minutes(inter)).toEqual(new Set([...A].filter((m) => B.has(m))));
        expect(minutes(diff)).toEqual(new Set([...A].filter((m) => !B.has(m))));
        const padded = minutes(padRanges(b, pad * M));
        for (const m of B) for (let d = -pad; d <= pad; d++) expect(padded.has(m + d)).toBe(true);
        expect(totalMinutes(inter) + totalMinutes(diff)).toBe(totalMinutes(a));
      }),
      { numRuns: 200 },
    );
  });

  it("answers the everyday questions", () => {
    const work = [r(540, 1020)]; // 09:00–17:00
    const busy = [r(600, 660), r(650, 700), r(960, 1080)];
    expect(subtractRanges(work, busy)).toEqual([r(540, 600), r(700, 960)]);
    expect(longestMinutes(subtractRanges(work, busy))).toBe(260);
    expect(clipRanges(busy, r(0, 655))).toEqual([r(600, 655)]);
    expect(intersectAll([work, [r(0, 600)], [r(560, 2000)]])).toEqual([r(560, 600)]);
    expect(containsRange(work, r(600, 630))).toBe(true);
    expect(containsRange(subtractRanges(work, busy), r(590, 620))).toBe(false);
    expect(mergeRanges([r(10, 20), r(20, 30)])).toEqual([r(10, 30)]); // touching ranges merge
    expect(() => intersectAll([])).toThrow(RangeError);
  });
});
