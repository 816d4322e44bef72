export * from "./matching-types.js";
export { prepareMatching, SCORE_SCALE, SHARED_TIME_FULL_MINUTES, type PreparedMatching, type PairEvaluation } from "./prepare-matching.js";
export { matchCohort, matchPrepared, rematchAroundLocks } from "./match-cohort.js";
export { swapMentors, replaceMentor, evaluatePair, type PairEditOutcome } from "./swap-mentors.js";
export { solveAssignment, type AssignmentProblem } from "./assignment-solver.js";
export { matchingRulesOf } from "./matching-rules.js";
