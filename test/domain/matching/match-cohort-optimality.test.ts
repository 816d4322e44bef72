import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HARD_RULES, matchPrepared, prepareMatching, type MatchingInput, type PreparedMatching } from "../../../src/domain/matching/index.js";
import { bruteForceOptimum } from "../support/brute-force.js";
import { randomCohort } from "../support/random-cohort.js";

/** The lock rules as the spec states them: sorted by (mentee, mentor); enrolled, mentor free, capacity left, no hard-rule violation. */
function expectedLocks(prepared: PreparedMatching, cohort: MatchingInput) {
  const locks = [...(cohort.locks ?? [])].sort((a, b) => (a.menteeId + "\u0000" + a.mentorId < b.menteeId + "\u0000" + b.mentorId ? -1 : 1));
  const lockedMentor = new Set<number>();
  const used = new Map<number, number>();
  let units = 0;
  for (const l of locks) {
    const e = prepared.menteeIndex.get(l.menteeId)!;
    const j = prepared.mentorIndex.get(l.mentorId)!;
    if (lockedMentor.has(j) || (used.get(e) ?? 0) >= prepared.capacityOf(e)) continue;
    const ev = prepared.evaluate(e, j);
    if (ev.violations.length > 0) continue;
    lockedMentor.add(j);
    used.set(e, (used.get(e) ?? 0) + 1);
    units += ev.scoreUnits;
  }
  return { lockedMentor, used, units };
}

describe("matchCohort equals the brute-force optimum on small cohorts (≤ 7 × 7)", () => {
  it.each([
    ["mixed cohorts (every rule bites)", false, 7, 7, 250],
    ["dense cohorts (heavily contested optimum)", true, 7, 7, 250],
    // Many more mentors than executive slots: the top-C pruning is active on almost every executive.
    ["many mentors, few executive slots (pruning active)", true, 12, 3, 150],
  ])("for both objectives, with earlier pairs, forbids, vetoes and admin locks: %s", (_, dense, maxMentors, maxMentees, numRuns) => {
    fc.assert(
      fc.property(randomCohort({ maxMentors, maxMentees, withLocks: true, dense }), (cohort) => {
        const prepared = prepareMatching(cohort);
        const result = matchPrepared(prepared, cohort.locks ?? []);
        const locks = expectedLocks(prepared, cohort);
        const benefit = prepared.mentees.map((_, e) =>
          prepared.mentors.map((_, j) => {
            if (locks.lockedMentor.has(j)) return 0;
            const ev = prepared.evaluate(e, j);
            return ev.violations.length === 0 ? ev.scoreUnits : 0;
          }),
        );
        const capacity = prepared.mentees.map((_, e) => (prepared.invalidMentees.has(e) ? 0 : prepared.capacityOf(e) - (locks.used.get(e) ?? 0)));
        const already = prepared.mentees.map((_, e) => (locks.used.get(e) ?? 0) > 0);
        const best = bruteForceOptimum(benefit, capacity, cohort.rules.objective, already);
        expect(result.stats.totalScoreUnits).toBe(best.total + locks.units);
        if (cohort.rules.objective === "maxMatchedThenScore") {
          expect(result.stats.matchedMentees).toBe(best.matchedMentees + already.filter(Boolean).length);
        }
        expect(result.stats.lockedPairs).toBe(locks.lockedMentor.size);
      }),
      { numRuns, seed: 20250303 },
    );
  });

  it("scores every pair identically on the bulk path and the explaining path", () => {
    fc.assert(
      fc.property(randomCohort({ maxMentors: 6, maxMentees: 5 }), (cohort) => {
        const prepared = prepareMatching(cohort);
        const row = new Int32Array(prepared.mentors.length);
        prepared.mentees.forEach((_, e) => {
          prepared.scoreRow(e, row);
          prepared.mentors.forEach((_, j) => {
            const ev = prepared.evaluate(e, j);
            if (ev.violations.length === 0) {
              expect(row[j]).toBe(ev.scoreUnits);
              expect(ev.scoreUnits).toBeGreaterThanOrEqual(1);
              // The reasons add up to the score exactly.
              expect(Math.round(ev.reasons.reduce((s, r) => s + r.points * 1000, 0))).toBe(ev.scoreUnits);
            } else {
              expect(row[j]).toBe(-(1 + HARD_RULES.indexOf(ev.violations[0]!.rule)));
            }
          });
        });
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});
