/**
 * Exhaustive optimum of a small b-matching (each mentor at most once, each mentee up to its capacity), by
 * dynamic programming over mentees × the set of mentors already used. Exact and independent of the solver.
 */
export interface BruteForceResult {
  total: number;
  matchedMentees: number;
}

/** benefit[e][j] > 0 means compatible with that score; 0 means not allowed. */
export function bruteForceOptimum(
  benefit: number[][],
  capacity: number[],
  objective: "maxScore" | "maxMatchedThenScore",
  /** Mentees that already count as matched (e.g. through a lock): adding mentors does not add to matchedMentees. */
  alreadyMatched: boolean[] = [],
): BruteForceResult {
  const nE = benefit.length;
  const nJ = benefit[0]?.length ?? 0;
  if (nJ > 12) throw new Error("brute force is for small instances");
  const better = (a: BruteForceResult, b: BruteForceResult) =>
    objective === "maxScore" ? a.total > b.total : a.matchedMentees > b.matchedMentees || (a.matchedMentees === b.matchedMentees && a.total > b.total);
  const memo = new Map<number, BruteForceResult>();
  const best = (e: number, used: number): BruteForceResult => {
    if (e === nE) return { total: 0, matchedMentees: 0 };
    const key = e * (1 << nJ) + used;
    const hit = memo.get(key);
    if (hit) return hit;
    let result = best(e + 1, used);
    // Every subset of unused compatible mentors of size ≤ capacity.
    const choose = (from: number, taken: number, count: number, gained: number) => {
      if (count > 0) {
        const rest = best(e + 1, used | taken);
        const candidate = { total: rest.total + gained, matchedMentees: rest.matchedMentees + (alreadyMatched[e] ? 0 : 1) };
        if (better(candidate, result)) result = candidate;
      }
      if (count === capacity[e]) return;
      for (let j = from; j < nJ; j++) {
        if (used & (1 << j) || benefit[e]![j]! <= 0) continue;
        choose(j + 1, taken | (1 << j), count + 1, gained + benefit[e]![j]!);
      }
    };
    choose(0, 0, 0, 0);
    memo.set(key, result);
    return result;
  };
  return best(0, 0);
}
