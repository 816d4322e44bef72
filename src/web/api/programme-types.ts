// Shapes the tab expects from the programme APIs of issues 4–5 (cohorts, pairs, sessions, preferences,
// directory sync). Those APIs do not exist yet; these types are the tab's side of the contract and the
// components that render them are ready for their data.

export type EnrolmentRole = "mentor" | "mentee";
export type DayOfWeek = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export type CohortState = "draft" | "enrolling" | "matching" | "published" | "scheduled" | "closed";
export type PairState = "proposed" | "active" | "paused" | "ended";
export type SessionState = "planned" | "booked" | "accepted" | "tentative" | "declined" | "rescheduled" | "held" | "cancelled";
export type JobState = "queued" | "running" | "succeeded" | "failed";

export interface Cadence {
  everyWeeks: number;
  sessionMinutes: number;
  sessions: number;
}

/** GET /api/cohorts/open → { cohorts } */
export interface OpenCohort {
  id: string;
  name: string;
  /** ISO dates (YYYY-MM-DD). */
  enrolmentOpensOn: string;
  enrolmentClosesOn: string;
  cadence: Cadence;
  /** The roles I may enrol in; empty when I am not eligible. */
  eligibleAs: EnrolmentRole[];
  /** Why not, in words, when eligibleAs is empty or partial. */
  ineligibleReasons: string[];
}

export interface PersonRef {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

/** GET /api/me/pairs → { pairs } */
export interface MyPair {
  id: string;
  cohortId: string;
  cohortName: string;
  /** My role in this pair: mentor (the junior who teaches) or mentee (the executive who learns). */
  myRole: EnrolmentRole;
  counterpart: PersonRef;
  state: PairState;
  /** Why we were paired, e.g. "teaches GenAI tools that Dana wants to learn". */
  reasons: string[];
}

/** GET /api/me/sessions → { sessions, continuationToken } */
export interface MySession {
  id: string;
  pairId: string;
  cohortName: string;
  /** 1-based position in the series. */
  sequence: number;
  /** ISO instants (UTC). */
  start: string;
  end: string;
  state: SessionState;
  joinUrl: string | null;
  counterpart: PersonRef;
}

/** GET /api/me/preferences (executives) */
export interface ExecutivePreferences {
  maxSessionsPerWeek: number;
  preferredDays: DayOfWeek[];
  /** Local "HH:mm" in the executive's zone; null = any time in working hours. */
  preferredHours: { start: string; end: string } | null;
  /** ISO date; no sessions before it. */
  notBefore: string | null;
}

/** GET /api/admin/cohorts → { cohorts, continuationToken } */
export interface AdminCohortSummary {
  id: string;
  name: string;
  state: CohortState;
  enrolmentClosesOn: string;
  enrolled: { mentors: number; mentees: number };
}

export interface JobProgress {
  id: string;
  state: JobState;
  /** 0–100 */
  percent: number;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** GET /api/admin/directory/sync */
export interface DirectorySyncStatus {
  lastRun: JobProgress | null;
  people: number;
  /** Counts of bad directory data found by the last sync, e.g. { kind: "missing manager", count: 3 }. */
  badData: Array<{ kind: string; count: number }>;
}

export interface Paged<T> {
  items: T[];
  continuationToken: string | null;
}
