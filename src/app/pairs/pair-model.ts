// Pairs and matching proposals as the app stores them (Cosmos `programs` container, `type` field tells
// documents apart, partition key /tenantId). The matching use cases write them; scheduling, the tab, the
// message extension and the health dashboard read them.
import type { MatchingStats, PairReason, PairRef, RejectedLock, UnmatchedCode, UnmatchedPerson } from "../../domain/matching/index.js";

/**
 * proposed: in the admin's current proposal (the executive may veto it) →
 * active: published; sessions get scheduled → paused (by either person; future sessions cancelled) →
 * ended: cohort closed, a person left, or the pair was dissolved. vetoed: the executive refused it before publishing.
 */
export type PairState = "proposed" | "active" | "paused" | "ended" | "vetoed";

/** The directory facts shown next to a person in a pair (snapshot at matching time). */
export interface PairPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  /** IANA zone. */
  timeZone: string | null;
  mail: string | null;
}

export interface Pair {
  /** Deterministic: `${cohortId}_${mentorId}_${menteeId}` (lower-case ids), so re-publishing never duplicates. */
  id: string;
  type: "pair";
  tenantId: string;
  cohortId: string;
  mentor: PairPerson;
  /** The executive. */
  mentee: PairPerson;
  state: PairState;
  score: number;
  reasons: PairReason[];
  locked: boolean;
  sharedMinutesPerWeek: number;
  /** Set when state is "vetoed": the executive's words (shown to admins only). */
  veto: { reason: string; at: string } | null;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  endedAt: string | null;
  /**
   * When both people were told about the match (set by publish in the same ETag-guarded write that decides
   * to notify, so a retried or concurrent publish never notifies twice). Absent on pairs never published.
   */
  notifiedAt?: string | null;
}

export type StoredPair = Pair & { etag: string };

/** The name shown instead of a person who left the cohort. */
export const ERASED_NAME = "Former participant";

/**
 * The placeholder that replaces the snapshot of a person who left the cohort. The object id stays: pair and
 * session document ids are built from it, scheduling tells the two sides apart by it, and matching reads it
 * so the partner is never paired with the same person again.
 */
export function erasedPerson(id: string): PairPerson {
  return { id, displayName: ERASED_NAME, jobTitle: null, department: null, timeZone: null, mail: null };
}

export function isErasedPerson(p: PairPerson): boolean {
  return p.displayName === ERASED_NAME && p.jobTitle === null && p.department === null && p.timeZone === null && p.mail === null;
}

export function pairId(cohortId: string, ref: PairRef): string {
  return `${cohortId}_${ref.mentorId.toLowerCase()}_${ref.menteeId.toLowerCase()}`;
}

/** Why a person has no pair in the proposal: the matcher's codes, plus "pairRemoved" (an admin forbade their pair after the run). */
export type ProposalUnmatchedCode = UnmatchedCode | "pairRemoved";

/** An unmatched person as the proposal stores it: the matcher's report plus who they are (for display). */
export interface ProposalUnmatched extends Omit<UnmatchedPerson, "code"> {
  code: ProposalUnmatchedCode;
  person?: Omit<PairPerson, "timeZone" | "mail">;
}

/** The admin's working proposal for one cohort (one document per cohort; replaced by each matching run). */
export interface Proposal {
  /** `proposal_${cohortId}` */
  id: string;
  type: "proposal";
  tenantId: string;
  cohortId: string;
  /** Increments on every run or edit; the HTTP ETag guards concurrent edits. */
  version: number;
  /** The matching job that produced it. */
  jobId: string | null;
  /** Start of the week whose working hours the run compared (ISO instant); edits re-score pairs against the same week. */
  referenceWeekStart?: string;
  createdAt: string;
  updatedAt: string;
  stats: MatchingStats;
  /** The pairs (also stored as "proposed" pair documents so executives can see and veto them). */
  pairs: Array<{ pairId: string; mentorId: string; menteeId: string; score: number; locked: boolean }>;
  unmatched: ProposalUnmatched[];
  rejectedLocks: RejectedLock[];
  /** Admin edits that the next run honours. */
  locks: PairRef[];
  forbidden: PairRef[];
  /** Executives' vetoes, kept across runs. */
  vetoes: Array<PairRef & { reason: string; at: string }>;
  publishedAt: string | null;
}
