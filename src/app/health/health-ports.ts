// What the cohort health dashboard and the CSV export read (Cosmos `programs` container: enrolments,
// pairs, sessions and feedback of one cohort). Implemented in src/adapters/cosmos/health-queries.ts with
// aggregate queries where the store can count, and page-by-page streams (small projections) elsewhere, so
// a big cohort is never loaded at once. Every call is tenant-scoped.
import type { PairState, StoredPair } from "../pairs/pair-model.js";
import type { SessionFeedback, SessionHistoryEntry, SessionState, StoredSession } from "../scheduling/session-model.js";

export interface EnrolmentFact {
  createdAt: string;
  role: "mentor" | "mentee";
}

export interface PairStats {
  byState: Record<PairState, number>;
  /** Pairs that are not vetoed and whose two departments are known (the base of the cross-department share). */
  withDepartments: number;
  /** Of those, pairs whose mentor and mentee work in different departments. */
  crossDepartment: number;
}

export interface SessionFact {
  state: SessionState;
  start: string | null;
  end: string | null;
  problemCode: string | null;
  history: ReadonlyArray<Pick<SessionHistoryEntry, "kind" | "state">>;
}

/** Counts of ratings 1…5. */
export type RatingHistogram = [number, number, number, number, number];

export interface CohortHealthSource {
  enrolments(tenantId: string, cohortId: string): AsyncIterable<EnrolmentFact>;
  pairStats(tenantId: string, cohortId: string): Promise<PairStats>;
  sessionFacts(tenantId: string, cohortId: string): AsyncIterable<SessionFact>;
  ratingHistogram(tenantId: string, cohortId: string): Promise<RatingHistogram>;
}

/** Whole documents, one page at a time, in a stable order (for CSV export). */
export interface CohortExportSource {
  pairPages(tenantId: string, cohortId: string): AsyncIterable<StoredPair[]>;
  sessionPages(tenantId: string, cohortId: string): AsyncIterable<StoredSession[]>;
  feedbackPages(tenantId: string, cohortId: string): AsyncIterable<SessionFeedback[]>;
}
