/**
 * Cohort settings: who may enrol, how pairs are constrained and scored, how sessions are cadenced.
 * Plain data (what the admin API stores) plus defaults; validation lives in validate-cohort-settings.ts.
 */

export type CohortRole = "mentor" | "mentee";
export type SameDepartmentPolicy = "forbid" | "penalise" | "allow";
/** maxScore: the largest total score. maxMatchedThenScore: as many matched executives as possible, then the largest total score. */
export type MatchingObjective = "maxScore" | "maxMatchedThenScore";
/** Who owns the calendar events: the mentor, or a shared program mailbox. */
export type OrganiserMode = "mentor" | "programMailbox";

export interface LevelRange {
  /** Inclusive; CEO = 0. */
  min?: number | null;
  max?: number | null;
}

/** Every rule given must hold; an absent/null rule does not restrict. */
export interface EligibilityRule {
  levels?: LevelRange | null;
  /** A JavaScript regular expression source, matched case-insensitively against the job title. */
  titlePattern?: string | null;
  /** Allowed departments (case-insensitive). */
  departments?: readonly string[] | null;
  /** Entra group ids; the person must belong to at least one. */
  groups?: readonly string[] | null;
}

export interface MatchingConstraints {
  /** mentor.level − mentee.level must be at least this (0 = off). Mentors are the juniors, so their level is larger. */
  minLevelGap: number;
  /**
   * Separation rule: the pair's lowest common manager must sit at level ≤ this (0 = only the CEO may be
   * their common manager, i.e. different divisions). null = off.
   */
  separationLevel: number | null;
  sameDepartment: SameDepartmentPolicy;
  /** Maximum clock distance between the two time zones, in hours; null = off. */
  maxTimeZoneDistanceHours: number | null;
}

/**
 * Points for the soft terms of a pair's score. Up to three decimals; the matcher scales them by 1,000 to
 * integers so the optimum is exact and deterministic.
 */
export interface MatchingWeights {
  /** Every compatible pair gets this much (must be > 0, so adding a pair between two unmatched people always helps). */
  base: number;
  /** Per topic the mentor teaches that the mentee wants to learn. */
  skillMatch: number;
  differentDepartment: number;
  differentDivision: number;
  differentLocation: number;
  /** Once when they share at least one language. */
  sharedLanguage: number;
  /** Per diversity attribute (see diversityAttributes) on which the two differ. */
  diversity: number;
  /** Scaled by weekly shared working time, reaching the full weight at 10 h a week. */
  sharedWorkingTime: number;
  /** Subtracted for a same-department pair when the policy is "penalise". */
  sameDepartmentPenalty: number;
}

export interface Cadence {
  /** A session every N weeks. */
  everyWeeks: number;
  sessionMinutes: number;
  sessions: number;
}

export interface EnrolmentWindow {
  /** ISO-8601 instants with offset. */
  opensAt: string;
  closesAt: string;
}

export interface CohortSettings {
  name: string;
  enrolment: EnrolmentWindow;
  cadence: Cadence;
  eligibility: { mentor: EligibilityRule; mentee: EligibilityRule };
  constraints: MatchingConstraints;
  weights: MatchingWeights;
  /** Profile attributes (e.g. "generation") whose difference scores `weights.diversity`. */
  diversityAttributes: readonly string[];
  /** How many mentors one executive takes (default 1). */
  menteeCapacity: number;
  organiserMode: OrganiserMode;
  /** Required when organiserMode is "programMailbox". */
  programMailbox?: string | null;
  objective: MatchingObjective;
}

export const DEFAULT_WEIGHTS: Readonly<MatchingWeights> = Object.freeze({
  base: 1,
  skillMatch: 10,
  differentDepartment: 3,
  differentDivision: 3,
  differentLocation: 1,
  sharedLanguage: 2,
  diversity: 2,
  sharedWorkingTime: 2,
  sameDepartmentPenalty: 5,
});

export const DEFAULT_CONSTRAINTS: Readonly<MatchingConstraints> = Object.freeze({
  minLevelGap: 2,
  separationLevel: null,
  sameDepartment: "penalise",
  maxTimeZoneDistanceHours: null,
});

export const DEFAULT_CADENCE: Readonly<Cadence> = Object.freeze({ everyWeeks: 2, sessionMinutes: 30, sessions: 6 });

/** Fills unset parts of a cohort with the defaults above (a new object; the input is not changed). */
export function withCohortDefaults(
  partial: Partial<Omit<CohortSettings, "weights" | "constraints" | "cadence">> & {
    name: string;
    enrolment: EnrolmentWindow;
    weights?: Partial<MatchingWeights>;
    constraints?: Partial<MatchingConstraints>;
    cadence?: Partial<Cadence>;
  },
): CohortSettings {
  return {
    name: partial.name,
    enrolment: partial.enrolment,
    cadence: { ...DEFAULT_CADENCE, ...partial.cadence },
    eligibility: partial.eligibility ?? { mentor: {}, mentee: {} },
    constraints: { ...DEFAULT_CONSTRAINTS, ...partial.constraints },
    weights: { ...DEFAULT_WEIGHTS, ...partial.weights },
    diversityAttributes: partial.diversityAttributes ?? [],
    menteeCapacity: partial.menteeCapacity ?? 1,
    organiserMode: partial.organiserMode ?? "mentor",
    programMailbox: partial.programMailbox ?? null,
    objective: partial.objective ?? "maxScore",
  };
}
