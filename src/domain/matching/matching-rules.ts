import type { CohortSettings } from "../cohort/cohort-settings.js";
import type { MatchingRules } from "./matching-types.js";

/** The part of a cohort's settings the matcher needs. */
export function matchingRulesOf(cohort: CohortSettings): MatchingRules {
  return {
    constraints: { ...cohort.constraints },
    weights: { ...cohort.weights },
    objective: cohort.objective,
    defaultCapacity: cohort.menteeCapacity,
    sessionMinutes: cohort.cadence.sessionMinutes,
    diversityAttributes: [...cohort.diversityAttributes],
  };
}
