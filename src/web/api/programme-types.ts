// Shapes of the programme APIs the employee and executive screens call (/work/notes/api-contract.md and
// src/api/routes/enrolments.ts): cohorts, enrolments, pairs, sessions, feedback, preferences. The admin
// screens' shapes are in admin-types.ts.

export type EnrolmentRole = "mentor" | "mentee";
export type DayOfWeek = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export const DAYS_OF_WEEK: readonly DayOfWeek[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
export type PairState = "proposed" | "active" | "paused" | "ended" | "vetoed";
export type SessionState = "planned" | "booked" | "accepted" | "tentative" | "declined" | "rescheduled" | "held" | "cancelled";

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
  /** My role when I am already enrolled in this cohort. */
  enrolledAs: EnrolmentRole | null;
}

/** GET /api/catalog/skills → { skills } */
export interface CatalogSkill {
  id: string;
  label: string;
  category: string;
}

export interface EnrolmentPreferences {
  note: string | null;
  preferOtherDepartment: boolean;
  inPerson: boolean;
}

/** Details a mentor may show on their card in Teams and Outlook search (the name always shows). */
export const SHAREABLE_FIELDS = ["jobTitle", "department", "officeLocation", "skills", "languages"] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** What colleagues may see of me in the messaging extension's search. */
export interface SearchSharing {
  discoverable: boolean;
  fields: ShareableField[];
}

/** What I send: POST /api/cohorts/{id}/enrolments (all of it) and PATCH /api/me/enrolments/{id} (no role, no consent). */
export interface EnrolmentInput {
  role: EnrolmentRole;
  skills: string[];
  tags: string[];
  languages: string[];
  preferences: EnrolmentPreferences;
  sharing: SearchSharing;
  consent: { accepted: boolean; textVersion: string };
}

/** GET /api/me/enrolments → { enrolments } */
export interface Enrolment {
  cohortId: string;
  role: EnrolmentRole;
  profile: {
    displayName: string;
    jobTitle: string | null;
    department: string | null;
    officeLocation: string | null;
    timeZone: string | null;
  };
  skills: string[];
  tags: string[];
  languages: string[];
  preferences: EnrolmentPreferences;
  sharing: SearchSharing;
  consent: { textVersion: string; acceptedAt: string };
  createdAt: string;
  updatedAt: string;
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
  score: number;
  /** Why we were paired, e.g. "teaches GenAI tools that Dana wants to learn". */
  reasons: string[];
  /** I am the executive of a proposed pair and may still refuse it. */
  canVeto: boolean;
}

export interface SessionProblem {
  code: string;
  message: string;
  who: "mentor" | "mentee" | "both" | null;
}

export interface MyFeedback {
  rating: number;
  comment: string | null;
}

/** GET /api/me/sessions → Paged<MySession> */
export interface MySession {
  id: string;
  pairId: string;
  cohortId: string;
  cohortName: string;
  /** 1-based position in the series, and the series length. */
  sequence: number;
  of: number;
  /** ISO instants (UTC); null while no slot is found (problem says why). */
  start: string | null;
  end: string | null;
  state: SessionState;
  joinUrl: string | null;
  counterpart: PersonRef;
  myRole: EnrolmentRole;
  problem: SessionProblem | null;
  canReschedule: boolean;
  canSkip: boolean;
  canGiveFeedback: boolean;
  myFeedback: MyFeedback | null;
}

/** GET/PUT /api/me/preferences (executives) */
export interface ExecutivePreferences {
  /** null = no weekly cap beyond the cohort's cadence. */
  maxSessionsPerWeek: number | null;
  preferredDays: DayOfWeek[];
  /** Local "HH:mm" in the executive's zone; null = any time in working hours. */
  preferredHours: { start: string; end: string } | null;
  /** ISO date; no sessions before it. */
  notBefore: string | null;
}

export interface Paged<T> {
  items: T[];
  continuationToken: string | null;
}
