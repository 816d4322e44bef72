// Every API path the tab calls (api-contract.md; src/api/routes/*.ts define them).
import type { Role } from "./types.js";

export const endpoints = {
  config: "/api/config",
  me: "/api/me",
  devPeople: (role: Role, limit: number) => `/api/dev/people?role=${encodeURIComponent(role)}&limit=${limit}`,
  devSignIn: "/api/dev/signin",
  /** Cohorts open for enrolment, with my eligibility. */
  openCohorts: "/api/cohorts/open",
  /** My pairs, as mentor or mentee, with the reasons we were paired. */
  myPairs: "/api/me/pairs",
  /** An executive's scheduling preferences. */
  myPreferences: "/api/me/preferences",
} as const;

const cohortPath = (cohortId: string) => `/api/admin/cohorts/${encodeURIComponent(cohortId)}`;
const pairPath = (mentorId: string, menteeId: string) => `${encodeURIComponent(mentorId)}/${encodeURIComponent(menteeId)}`;

/** The admin API (api-contract.md): cohorts, directory sync, jobs, matching, scheduling, health. */
export const adminEndpoints = {
  cohorts: (limit = 20) => `/api/admin/cohorts?limit=${limit}`,
  createCohort: "/api/admin/cohorts",
  cohort: cohortPath,
  transitions: (cohortId: string) => `${cohortPath(cohortId)}/transitions`,
  close: (cohortId: string) => `${cohortPath(cohortId)}/close`,
  startDirectorySync: "/api/admin/directory/sync",
  directorySyncJob: (jobId: string) => `/api/admin/directory/sync/${encodeURIComponent(jobId)}`,
  directoryReport: "/api/admin/directory/report",
  job: (jobId: string) => `/api/admin/jobs/${encodeURIComponent(jobId)}`,
  latestJob: (kind: string) => `/api/admin/jobs?kind=${encodeURIComponent(kind)}&limit=1`,
  runMatching: (cohortId: string) => `${cohortPath(cohortId)}/matching`,
  proposal: (cohortId: string) => `${cohortPath(cohortId)}/proposal`,
  locks: (cohortId: string) => `${cohortPath(cohortId)}/proposal/locks`,
  lock: (cohortId: string, mentorId: string, menteeId: string) => `${cohortPath(cohortId)}/proposal/locks/${pairPath(mentorId, menteeId)}`,
  forbidden: (cohortId: string) => `${cohortPath(cohortId)}/proposal/forbidden`,
  forbiddenPair: (cohortId: string, mentorId: string, menteeId: string) => `${cohortPath(cohortId)}/proposal/forbidden/${pairPath(mentorId, menteeId)}`,
  swaps: (cohortId: string) => `${cohortPath(cohortId)}/proposal/swaps`,
  publish: (cohortId: string) => `${cohortPath(cohortId)}/publish`,
  schedule: (cohortId: string) => `${cohortPath(cohortId)}/schedule`,
  sessions: (cohortId: string, state: string | null, limit = 50) =>
    `${cohortPath(cohortId)}/sessions?limit=${limit}${state ? `&state=${encodeURIComponent(state)}` : ""}`,
  /** Entra groups whose name (or description) has a word starting with `search`. */
  searchGroups: (search: string, limit = 10) => `/api/admin/groups?search=${encodeURIComponent(search)}&limit=${limit}`,
  /** The names of these groups (at most 50 ids); groups that no longer exist are left out. */
  groupsByIds: (ids: readonly string[]) => `/api/admin/groups?ids=${ids.map(encodeURIComponent).join(",")}`,
  health: (cohortId: string) => `${cohortPath(cohortId)}/health`,
  exportCsv: (cohortId: string, kind: string) => `${cohortPath(cohortId)}/export?kind=${encodeURIComponent(kind)}`,
  undeliveredNotifications: (limit = 10) => `/api/admin/notifications/undelivered?limit=${limit}`,
  retryNotification: (id: string) => `/api/admin/notifications/${encodeURIComponent(id)}/retry`,
} as const;

const enc = encodeURIComponent;

/** The employee's and executive's API (api-contract.md, src/api/routes/enrolments.ts). */
export const meEndpoints = {
  skillCatalog: "/api/catalog/skills",
  enrol: (cohortId: string) => `/api/cohorts/${enc(cohortId)}/enrolments`,
  myEnrolments: "/api/me/enrolments",
  myEnrolment: (cohortId: string) => `/api/me/enrolments/${enc(cohortId)}`,
  mySessions: (limit = 20) => `/api/me/sessions?limit=${limit}`,
  pairAction: (pairId: string, action: "veto" | "pause" | "resume") => `/api/me/pairs/${enc(pairId)}/${action}`,
  sessionAction: (sessionId: string, action: "reschedule" | "skip" | "feedback") => `/api/me/sessions/${enc(sessionId)}/${action}`,
} as const;
