import type { MatchingConstraints, MatchingObjective, MatchingWeights } from "../cohort/cohort-settings.js";
import type { WorkingHours } from "../time/working-hours.js";

/** What the matcher knows about one enrolled person (the adapters fill it from the directory + enrolment). */
export interface MatchParticipant {
  id: string;
  /** Used in reasons ("… that Dana wants to learn"): the given name reads best. */
  displayName: string;
  /** Manager ids up to the root, nearest first (from the hierarchy). */
  chain: readonly string[];
  /** CEO = 0; null when the org chart cannot place the person. */
  level: number | null;
  department: string | null;
  /** Level-1 ancestor id (from the hierarchy). */
  division: string | null;
  /** Office / location label. */
  location: string | null;
  /** Weekly working hours in the person's own IANA zone. */
  workingHours: WorkingHours;
  languages: readonly string[];
  /** Self-declared attributes (e.g. { generation: "Gen Z" }); only the cohort's diversityAttributes are used. */
  diversity?: Readonly<Record<string, string | null | undefined>>;
}

/** A mentor: the junior who teaches. */
export interface MentorCandidate extends MatchParticipant {
  skillsOffered: readonly string[];
}

/** A mentee: the executive who learns. */
export interface MenteeCandidate extends MatchParticipant {
  topicsWanted: readonly string[];
  /** Mentors this executive takes; defaults to the cohort's capacity. */
  capacity?: number;
}

export interface PairRef {
  mentorId: string;
  menteeId: string;
}

export interface MatchingRules {
  constraints: MatchingConstraints;
  weights: MatchingWeights;
  objective: MatchingObjective;
  /** Capacity of executives that do not give their own. */
  defaultCapacity: number;
  /** Session length: a pair needs at least this much contiguous shared working time in the reference week. */
  sessionMinutes: number;
  diversityAttributes: readonly string[];
}

export interface MatchingInput {
  mentors: readonly MentorCandidate[];
  mentees: readonly MenteeCandidate[];
  rules: MatchingRules;
  /** Start of the week used to compare working hours (an instant; DST is evaluated for that week). */
  referenceWeekStart: string | number;
  /** Pairs from earlier cohorts: never repeated. */
  earlierPairs?: readonly PairRef[];
  /** Pairs the admin forbade. */
  forbiddenPairs?: readonly PairRef[];
  /** Executives' vetoes of specific mentors. */
  vetoes?: readonly PairRef[];
  /** Pairs the admin fixed; they are kept if they break no hard rule, and reported otherwise. */
  locks?: readonly PairRef[];
}

/** The hard rules, in the order they are checked (the first failing one is a pair's blocking reason). */
export const HARD_RULES = [
  "reportingLine",
  "earlierPair",
  "forbidden",
  "veto",
  "levelGap",
  "separation",
  "sameDepartment",
  "timeZoneDistance",
  "workingHours",
  /** Not a pair rule: one of the two profiles is unusable (reported on locks and evaluations only). */
  "invalidProfile",
] as const;
export type HardRule = (typeof HARD_RULES)[number];

export interface RuleViolation {
  rule: HardRule;
  message: string;
}

export type SoftTerm =
  | "base"
  | "skills"
  | "differentDepartment"
  | "differentDivision"
  | "differentLocation"
  | "sharedLanguage"
  | "diversity"
  | "sharedWorkingTime"
  | "sameDepartment";

export interface PairReason {
  term: SoftTerm;
  /** Points this term added (negative for a penalty); the reasons of a pair sum to its score. */
  points: number;
  text: string;
}

export interface ProposedPair {
  mentorId: string;
  menteeId: string;
  /** Points (weights' unit), exact to 0.001. */
  score: number;
  /** score × 1000 as an integer: what the optimiser maximises. */
  scoreUnits: number;
  reasons: PairReason[];
  locked: boolean;
  /** Shared working time in the reference week. */
  sharedMinutesPerWeek: number;
}

export type UnmatchedCode =
  /** Every possible partner breaks a hard rule. */
  | "noCompatiblePartner"
  /** Compatible partners exist, but the optimum gives them to others (executives at capacity / mentors placed elsewhere). */
  | "partnersTakenElsewhere"
  /** The person's profile cannot be used (e.g. unknown time zone, malformed working hours). */
  | "invalidProfile"
  /** Nobody is enrolled on the other side. */
  | "nobodyOnOtherSide";

export interface UnmatchedPerson {
  id: string;
  role: "mentor" | "mentee";
  code: UnmatchedCode;
  reason: string;
  /** Compatible partners (passing every hard rule). */
  compatiblePartners: number;
  /** For each hard rule, how many possible partners it ruled out (each partner counted once, under its first failing rule). */
  blockedBy: Partial<Record<HardRule, number>>;
}

/** Why an admin lock could not be applied: a hard rule, or a problem with the lock itself. */
export type LockProblem = HardRule | "notEnrolled" | "mentorAlreadyLocked" | "menteeAtCapacity";

export interface RejectedLock extends PairRef {
  problems: Array<{ rule: LockProblem; message: string }>;
}

export interface MatchingStats {
  mentors: number;
  mentees: number;
  pairs: number;
  lockedPairs: number;
  matchedMentees: number;
  /** Share of executives with at least one mentor. */
  matchedMenteeShare: number;
  matchedMentorShare: number;
  /** Share of pairs whose departments are known and differ. */
  crossDepartmentShare: number;
  averageScore: number;
  totalScore: number;
  totalScoreUnits: number;
  /** Pairs passing every hard rule. */
  feasibleEdges: number;
  /** Edges kept for the optimiser after provably safe pruning. */
  candidateEdges: number;
  objective: MatchingObjective;
}

export interface MatchingResult {
  /** Sorted by mentee id, then mentor id. */
  pairs: ProposedPair[];
  /** Sorted by role (mentees first), then id. */
  unmatched: UnmatchedPerson[];
  rejectedLocks: RejectedLock[];
  stats: MatchingStats;
}
