import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { solveAssignment } from "../../../src/domain/matching/index.js";
import { bruteForceOptimum } from "../support/brute-force.js";

/** Builds the solver's row/edge form from a benefit matrix (0 = no edge), as the matcher does. */
function solveMatrix(benefit: number[][], capacity: number[], objective: "maxScore" | "maxMatchedThenScore") {
  const nE = benefit.length;
  const nJ = benefit[0]?.length ?? 0;
  const start = [0];
  const column: number[] = [];
  const weights: number[] = [];
  let max = 0;
  for (let e = 0; e < nE; e++) {
    for (let j = 0; j < nJ; j++) {
      if (benefit[e]![j]! > 0) {
        column.push(j);
        weights.push(benefit[e]![j]!);
        max = Math.max(max, benefit[e]![j]!);
      }
    }
    start.push(column.length);
  }
  const bonus = objective === "maxMatchedThenScore" ? Math.min(nJ, capacity.reduce((a, b) => a + b, 0)) * max + 1 : 0;
  const owner: number[] = [];
  const rowBonus: number[] = [];
  capacity.forEach((c, e) => {
    for (let s = 0; s < c; s++) {
      owner.push(e);
      rowBonus.push(s === 0 ? bonus : 0);
    }
  });
  const result = solveAssignment({
    rows: owner.length,
    columns: nJ,
    rowOwner: Int32Array.from(owner),
    rowBonus: Float64Array.from(rowBonus),
    edgeStart: Int32Array.from(start),
    edgeColumn: Int32Array.from(column),
    edgeBenefit: Int32Array.from(weights),
  });
  let total = 0;
  const matched = new Set<number>();
  const usedColumns = new Set<number>();
  result.forEach((j, r) => {
    if (j < 0) return;
    expect(usedColumns.has(j), "a column is assigned twice").toBe(false);
    usedColumns.add(j);
    const e = owner[r]!;
    expect(benefit[e]![j]!, "assigned along a non-edge").toBeGreaterThan(0);
    total += benefit[e]![j]!;
    matched.add(e);
  });
  return { total, matchedMentees: matched.size };
}

const matrix = fc
  .record({ rows: fc.integer({ min: 1, max: 7 }), cols: fc.integer({ min: 0, max: 7 }) })
  .chain(({ rows, cols }) =>
    fc.record({
      benefit: fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
      capacity: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rows, maxLength: rows }),
    }),
  );

describe("solveAssignment (sparse Hungarian) against brute force", () => {
  it("finds the maximum total benefit", () => {
    fc.assert(
      fc.property(matrix, ({ benefit, capacity }) => {
        expect(solveMatrix(benefit, capacity, "maxScore").total).toBe(bruteForceOptimum(benefit, capacity, "maxScore").total);
      }),
      { numRuns: 400, seed: 4242 },
    );
  });

  it("finds the lexicographic optimum (most matched rows-owners, then benefit)", () => {
    fc.assert(
      fc.property(matrix, ({ benefit, capacity }) => {
        const got = solveMatrix(benefit, capacity, "maxMatchedThenScore");
        expect(got).toEqual(bruteForceOptimum(benefit, capacity, "maxMatchedThenScore"));
      }),
      { numRuns: 400, seed: 777 },
    );
  });

  it("prefers fewer, better pairs under maxScore and more pairs under maxMatchedThenScore", () => {
    // e0–j0 is worth 10; e0–j1 and e1–j0 are worth 1 each.
    const benefit = [
      [10, 1],
      [1, 0],
    ];
    expect(solveMatrix(benefit, [1, 1], "maxScore")).toEqual({ total: 10, matchedMentees: 1 });
    expect(solveMatrix(benefit, [1, 1], "maxMatchedThenScore")).toEqual({ total: 2, matchedMentees: 2 });
  });

  it("handles large ties and long augmenting paths deterministically", () => {
    const n = 60;
    const benefit = Array.from({ length: n }, (_, e) => Array.from({ length: n }, (_, j) => (j <= e ? 5 : 0)));
    const capacity = Array.from({ length: n }, () => 1);
    const a = solveMatrix(benefit, capacity, "maxScore");
    const b = solveMatrix(benefit, capacity, "maxScore");
    expect(a).toEqual({ total: 5 * n, matchedMentees: n });
    expect(b).toEqual(a);
  });
});
