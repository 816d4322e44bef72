// The proposal's statistics, recomputed from what the proposal holds after every run and every edit
// (lock, forbid, swap, veto), so the numbers the admin sees always describe the pairs on screen.
// Vetoed pairs do not count: they will never be published.
import type { MatchingObjective } from "../../domain/cohort/index.js";
import { SCORE_SCALE, type MatchingStats } from "../../domain/matching/index.js";
import type { Pair } from "../pairs/pair-model.js";

export interface StatsInput {
  /** Enrolled people per role (including those the run could not use). */
  mentors: number;
  mentees: number;
  /** The proposal's pairs that still count (not vetoed). */
  pairs: ReadonlyArray<Pick<Pair, "mentor" | "mentee" | "score" | "locked">>;
  objective: MatchingObjective;
  /** From the run: pairs passing every hard rule, and those kept for the optimiser. */
  feasibleEdges: number;
  candidateEdges: number;
}

export function proposalStats(input: StatsInput): MatchingStats {
  const { pairs } = input;
  const totalScoreUnits = pairs.reduce((sum, p) => sum + Math.round(p.score * SCORE_SCALE), 0);
  const matchedMentees = new Set(pairs.map((p) => p.mentee.id)).size;
  const matchedMentors = new Set(pairs.map((p) => p.mentor.id)).size;
  const fold = (d: string | null) => (d ?? "").trim().toLocaleLowerCase("en");
  const crossDepartment = pairs.filter((p) => fold(p.mentor.department) !== "" && fold(p.mentee.department) !== "" && fold(p.mentor.department) !== fold(p.mentee.department)).length;
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    mentors: input.mentors,
    mentees: input.mentees,
    pairs: pairs.length,
    lockedPairs: pairs.filter((p) => p.locked).length,
    matchedMentees,
    matchedMenteeShare: share(matchedMentees, input.mentees),
    matchedMentorShare: share(matchedMentors, input.mentors),
    crossDepartmentShare: share(crossDepartment, pairs.length),
    averageScore: share(totalScoreUnits, pairs.length) / SCORE_SCALE,
    totalScore: totalScoreUnits / SCORE_SCALE,
    totalScoreUnits,
    feasibleEdges: input.feasibleEdges,
    candidateEdges: input.candidateEdges,
    objective: input.objective,
  };
}
