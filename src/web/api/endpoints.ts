// Every API path the tab calls. Paths marked "proposed" belong to issues 4–5 and do not exist yet:
// the screens show "not available yet" while they answer 404.
import type { Role } from "./types.js";

export const endpoints = {
  config: "/api/config",
  me: "/api/me",
  devPeople: (role: Role, limit: number) => `/api/dev/people?role=${encodeURIComponent(role)}&limit=${limit}`,
  devSignIn: "/api/dev/signin",
  /** proposed (issue 4): cohorts open for enrolment, with my eligibility. */
  openCohorts: "/api/cohorts/open",
  /** proposed (issue 4): my pairs, as mentor or mentee, with the reasons we were paired. */
  myPairs: "/api/me/pairs",
  /** proposed (issue 5): my sessions with RSVP state and join link. */
  mySessions: "/api/me/sessions",
  /** proposed (issue 5): an executive's scheduling preferences. */
  myPreferences: "/api/me/preferences",
  /** proposed (issue 4): cohorts for program admins. */
  adminCohorts: "/api/admin/cohorts",
  /** proposed (issue 4): the latest directory sync job. */
  directorySync: "/api/admin/directory/sync",
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
