// Shapes of the admin API (cohorts, directory sync, jobs, matching proposal, scheduling, health) as
// /work/notes/api-contract.md and src/api/routes/*.ts define them. One place, so that a change of
// contract is a compile error in every admin screen that depends on it.
import type { PersonRef, SessionProblem } from "./programme-types.js";

export type { PersonRef, SessionProblem };

export const COHORT_STATES = ["draft", "enrolling", "matching", "published", "scheduled", "closed"] as const;
export type CohortState = (typeof COHORT_STATES)[number];

export interface RoleCounts {
  mentors: number;
  mentees: number;
}

/** One row of GET /api/admin/cohorts. */
export interface CohortSummary {
  id: string;
  name: string;
  state: CohortState;
  /** UTC dates (YYYY-MM-DD). */
  enrolmentOpensOn: string;
  enrolmentClosesOn: string;
  enrolled: RoleCounts;
  etag: string;
}

export interface LevelRange {
  min: number | null;
  max: number | null;
}

export interface EligibilityRule {
  levels: LevelRange | null;
  titlePattern: string | null;
  departments: string[] | null;
  groups: string[] | null;
}

/** An Entra group of the tenant, as GET /api/admin/groups answers it (eligibility rules name groups by id). */
export interface GroupSummary {
  id: string;
  displayName: string;
  description: string | null;
}

export interface GroupPage {
  items: GroupSummary[];
  continuationToken: string | null;
}

export const SAME_DEPARTMENT_POLICIES = ["forbid", "penalise", "allow"] as const;
export const ORGANISER_MODES = ["mentor", "programMailbox"] as const;
export const OBJECTIVES = ["maxScore", "maxMatchedThenScore"] as const;

export const WEIGHT_KEYS = [
  "base",
  "skillMatch",
  "differentDepartment",
  "differentDivision",
  "differentLocation",
  "sharedLanguage",
  "diversity",
  "sharedWorkingTime",
  "sameDepartmentPenalty",
] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

/** Every cohort setting (the server fills defaults); the body of POST and PUT /api/admin/cohorts. */
export interface CohortSettings {
  name: string;
  /** ISO instants with offset. */
  enrolment: { opensAt: string; closesAt: string };
  cadence: { everyWeeks: number; sessionMinutes: number; sessions: number };
  eligibility: { mentor: EligibilityRule; mentee: EligibilityRule };
  constraints: {
    minLevelGap: number;
    separationLevel: number | null;
    sameDepartment: (typeof SAME_DEPARTMENT_POLICIES)[number];
    maxTimeZoneDistanceHours: number | null;
  };
  weights: Record<WeightKey, number>;
  diversityAttributes: string[];
  menteeCapacity: number;
  organiserMode: (typeof ORGANISER_MODES)[number];
  programMailbox: string | null;
  objective: (typeof OBJECTIVES)[number];
}

/** GET /api/admin/cohorts/{id}: the cohort with every setting and its ETag (send back in If-Match). */
export interface Cohort {
  id: string;
  name: string;
  state: CohortState;
  allowedTransitions: CohortState[];
  enrolmentOpensOn: string;
  enrolmentClosesOn: string;
  settings: CohortSettings;
  enrolled: RoleCounts;
  createdAt: string;
  updatedAt: string;
  etag: string;
}

export type JobRunState = "running" | "succeeded" | "failed";

export interface JobProgress {
  percent: number;
  counts: Record<string, number>;
  message: string | null;
}

/** GET /api/admin/jobs/{id} (and the directory sync job, which calls `result` `report`). */
export interface Job {
  id: string;
  kind: string;
  state: JobRunState;
  progress: JobProgress;
  createdAt: string;
  finishedAt: string | null;
  error: { message: string } | null;
  result: Record<string, unknown> | null;
}

export interface IdSample {
  count: number;
  sample: string[];
}

/** The bad-data report of a directory sync. */
export interface DirectorySyncReport {
  mode: "full" | "delta";
  people: number;
  changesRead: number;
  written: number;
  deleted: number;
  roots: number;
  missingManagers: { count: number; sample: Array<{ id: string; managerId: string | null; kind: string; affected: number }> };
  cycles: Array<{ members: string[] }>;
  underCycle: IdSample;
  detached: number;
  disabled: IdSample;
  guests: IdSample;
  noMail: IdSample;
  duplicateIds: string[];
  finishedAt: string;
}

/** GET /api/admin/directory/report */
export interface DirectoryReport {
  lastSyncAt: string;
  jobId: string;
  report: DirectorySyncReport;
}

export interface PairReason {
  term: string;
  points: number;
  text: string;
}

export interface ProposedPair {
  id: string;
  mentor: PersonRef;
  mentee: PersonRef;
  score: number;
  locked: boolean;
  sharedMinutesPerWeek: number;
  reasons: PairReason[];
  state: "proposed" | "vetoed" | "active";
  veto: { reason: string; at: string } | null;
}

export interface ProposalStats {
  mentors: number;
  mentees: number;
  pairs: number;
  lockedPairs: number;
  matchedMentees: number;
  matchedMenteeShare: number;
  matchedMentorShare: number;
  crossDepartmentShare: number;
  averageScore: number;
  totalScore: number;
  objective: string;
}

export interface PairIds {
  mentorId: string;
  menteeId: string;
}

export interface Unmatched {
  person: PersonRef;
  role: "mentor" | "mentee";
  code: string;
  reason: string;
  compatiblePartners: number;
}

/** GET /api/admin/cohorts/{id}/proposal */
export interface Proposal {
  cohortId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  stats: ProposalStats;
  pairs: ProposedPair[];
  unmatched: Unmatched[];
  rejectedLocks: Array<PairIds & { problems: Array<{ rule: string; message: string }> }>;
  locks: PairIds[];
  forbidden: PairIds[];
  vetoes: Array<PairIds & { reason: string; at: string }>;
}

export interface PublishResult {
  cohortId: string;
  published: number;
  notified: number;
}

export const SESSION_STATES = ["planned", "booked", "accepted", "tentative", "declined", "rescheduled", "held", "cancelled"] as const;
export type SessionState = (typeof SESSION_STATES)[number];

/** One row of GET /api/admin/cohorts/{id}/sessions */
export interface AdminSession {
  id: string;
  pairId: string;
  mentor: PersonRef;
  mentee: PersonRef;
  sequence: number;
  of: number;
  state: SessionState;
  start: string | null;
  end: string | null;
  problem: SessionProblem | null;
  reslotCount: number;
  attendeeResponse: string | null;
}

/** GET /api/admin/cohorts/{id}/health */
export interface CohortHealth {
  cohortId: string;
  generatedAt: string;
  enrolment: { mentors: number; mentees: number; overTime: Array<{ date: string; mentors: number; mentees: number }> };
  pairs: { proposed: number; active: number; paused: number; ended: number; vetoed: number; crossDepartmentShare: number };
  sessions: {
    byState: Record<SessionState, number>;
    total: number;
    held: number;
    plannedToDate: number;
    heldRate: number;
    declinesReslotted: number;
    unschedulable: number;
    calendarsUnreadable: number;
    byWeek: Array<{ weekStart: string; planned: number; held: number; cancelled: number }>;
  };
  feedback: { count: number; averageRating: number | null; histogram: number[] };
}

export const EXPORT_KINDS = ["pairs", "sessions", "feedback"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** GET /api/admin/notifications/undelivered items: a notification that did not reach its person. */
export interface UndeliveredNotification {
  id: string;
  kind: string;
  reason: "failed" | "notInstalled";
  recipientId: string;
  recipientName: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}
