// Runtime checks for the admin API's answers (see admin-types.ts). Strict about what the screens rely on,
// so that a wrong deployment shows "Unexpected response" instead of a table of "undefined".
import type {
  UndeliveredNotification,
  AdminSession,
  Cohort,
  CohortHealth,
  CohortSettings,
  CohortSummary,
  DirectoryReport,
  DirectorySyncReport,
  EligibilityRule,
  GroupPage,
  GroupSummary,
  IdSample,
  Job,
  PairIds,
  Proposal,
  ProposedPair,
  PublishResult,
  RoleCounts,
  Unmatched,
} from "./admin-types.js";
import { COHORT_STATES, OBJECTIVES, ORGANISER_MODES, SAME_DEPARTMENT_POLICIES, SESSION_STATES, WEIGHT_KEYS } from "./admin-types.js";
import { DecodeError, array, boolean, enumValue, nullableNumber, number, object, oneOf, optionalString, string, type Json } from "./decode.js";
import { decodePersonRef, decodeSessionProblem } from "./programme-decoders.js";
import type { Paged } from "./programme-types.js";

function list<T>(o: Json, key: string, path: string, item: (value: unknown, path: string) => T): T[] {
  return array(o, key, path).map((v, i) => item(v, `${path}.${key}[${i}]`));
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw new DecodeError(path, "a list of strings");
  return value as string[];
}

function nullableStringList(o: Json, key: string, path: string): string[] | null {
  return o[key] === null || o[key] === undefined ? null : stringList(o[key], `${path}.${key}`);
}

function numberRecord(value: unknown, path: string): Record<string, number> {
  const o = object(value, path);
  const out: Record<string, number> = {};
  for (const key of Object.keys(o)) out[key] = number(o, key, path);
  return out;
}

function counts(value: unknown, path: string): RoleCounts {
  const o = object(value, path);
  return { mentors: number(o, "mentors", path), mentees: number(o, "mentees", path) };
}

function decodeCohortSummary(value: unknown, path: string): CohortSummary {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    name: string(o, "name", path),
    state: oneOf(o, "state", COHORT_STATES, path),
    enrolmentOpensOn: string(o, "enrolmentOpensOn", path),
    enrolmentClosesOn: string(o, "enrolmentClosesOn", path),
    enrolled: counts(o.enrolled, `${path}.enrolled`),
    etag: string(o, "etag", path),
  };
}

function decodeGroup(value: unknown, path: string): GroupSummary {
  const o = object(value, path);
  return { id: string(o, "id", path), displayName: string(o, "displayName", path), description: optionalString(o, "description", path) };
}

/** GET /api/admin/groups (by name, or ?ids=) → one page of groups. */
export function decodeGroupPage(value: unknown): GroupPage {
  const o = object(value, "groups");
  return { items: list(o, "items", "groups", decodeGroup), continuationToken: optionalString(o, "continuationToken", "groups") };
}

/** GET /api/admin/cohorts → { cohorts, continuationToken }, as the Paged shape the list hooks use. */
export function decodeCohortPage(value: unknown): Paged<CohortSummary> {
  const o = object(value, "response");
  return { items: list(o, "cohorts", "response", decodeCohortSummary), continuationToken: optionalString(o, "continuationToken", "response") };
}

function decodeRule(value: unknown, path: string): EligibilityRule {
  const o = object(value ?? {}, path);
  const levels = o.levels === null || o.levels === undefined ? null : object(o.levels, `${path}.levels`);
  return {
    levels: levels ? { min: nullableNumber(levels, "min", `${path}.levels`), max: nullableNumber(levels, "max", `${path}.levels`) } : null,
    titlePattern: optionalString(o, "titlePattern", path),
    departments: nullableStringList(o, "departments", path),
    groups: nullableStringList(o, "groups", path),
  };
}

function decodeSettings(value: unknown, path: string): CohortSettings {
  const o = object(value, path);
  const enrolment = object(o.enrolment, `${path}.enrolment`);
  const cadence = object(o.cadence, `${path}.cadence`);
  const eligibility = object(o.eligibility, `${path}.eligibility`);
  const constraints = object(o.constraints, `${path}.constraints`);
  const weights = object(o.weights, `${path}.weights`);
  return {
    name: string(o, "name", path),
    enrolment: { opensAt: string(enrolment, "opensAt", `${path}.enrolment`), closesAt: string(enrolment, "closesAt", `${path}.enrolment`) },
    cadence: {
      everyWeeks: number(cadence, "everyWeeks", `${path}.cadence`),
      sessionMinutes: number(cadence, "sessionMinutes", `${path}.cadence`),
      sessions: number(cadence, "sessions", `${path}.cadence`),
    },
    eligibility: { mentor: decodeRule(eligibility.mentor, `${path}.eligibility.mentor`), mentee: decodeRule(eligibility.mentee, `${path}.eligibility.mentee`) },
    constraints: {
      minLevelGap: number(constraints, "minLevelGap", `${path}.constraints`),
      separationLevel: nullableNumber(constraints, "separationLevel", `${path}.constraints`),
      sameDepartment: oneOf(constraints, "sameDepartment", SAME_DEPARTMENT_POLICIES, `${path}.constraints`),
      maxTimeZoneDistanceHours: nullableNumber(constraints, "maxTimeZoneDistanceHours", `${path}.constraints`),
    },
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, number(weights, k, `${path}.weights`)])) as CohortSettings["weights"],
    diversityAttributes: stringList(o.diversityAttributes ?? [], `${path}.diversityAttributes`),
    menteeCapacity: number(o, "menteeCapacity", path),
    organiserMode: oneOf(o, "organiserMode", ORGANISER_MODES, path),
    programMailbox: optionalString(o, "programMailbox", path),
    objective: oneOf(o, "objective", OBJECTIVES, path),
  };
}

export function decodeCohort(value: unknown): Cohort {
  const path = "cohort";
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    name: string(o, "name", path),
    state: oneOf(o, "state", COHORT_STATES, path),
    allowedTransitions: array(o, "allowedTransitions", path).map((s, i) => enumValue(s, COHORT_STATES, `${path}.allowedTransitions[${i}]`)),
    enrolmentOpensOn: string(o, "enrolmentOpensOn", path),
    enrolmentClosesOn: string(o, "enrolmentClosesOn", path),
    settings: decodeSettings(o.settings, `${path}.settings`),
    enrolled: counts(o.enrolled, `${path}.enrolled`),
    createdAt: string(o, "createdAt", path),
    updatedAt: string(o, "updatedAt", path),
    etag: string(o, "etag", path),
  };
}

function decodeJobLike(value: unknown, path: string, resultKey: "result" | "report"): Job {
  const o = object(value, path);
  const progress = object(o.progress, `${path}.progress`);
  const error = o.error === null || o.error === undefined ? null : object(o.error, `${path}.error`);
  const result = o[resultKey] === null || o[resultKey] === undefined ? null : object(o[resultKey], `${path}.${resultKey}`);
  return {
    id: string(o, "id", path),
    kind: typeof o.kind === "string" ? o.kind : "directory-sync",
    state: oneOf(o, "state", ["running", "succeeded", "failed"] as const, path),
    progress: {
      percent: number(progress, "percent", `${path}.progress`),
      counts: numberRecord(progress.counts ?? {}, `${path}.progress.counts`),
      message: optionalString(progress, "message", `${path}.progress`),
    },
    createdAt: string(o, "createdAt", path),
    finishedAt: optionalString(o, "finishedAt", path),
    error: error ? { message: string(error, "message", `${path}.error`) } : null,
    result,
  };
}

/** GET /api/admin/jobs/{id} */
export function decodeJob(value: unknown): Job {
  return decodeJobLike(value, "job", "result");
}

/** POST /api/admin/directory/sync and GET /api/admin/directory/sync/{id} (the result is called `report`). */
export function decodeDirectorySyncJob(value: unknown): Job {
  return decodeJobLike(value, "job", "report");
}

/** GET /api/admin/jobs?kind=… (newest first) */
export function decodeJobPage(value: unknown): Paged<Job> {
  const o = object(value, "response");
  return { items: list(o, "items", "response", (v, p) => decodeJobLike(v, p, "result")), continuationToken: optionalString(o, "continuationToken", "response") };
}

/** POST …/matching and …/schedule → 202 { jobId } */
export function decodeJobStarted(value: unknown): { jobId: string } {
  const o = object(value, "response");
  return { jobId: string(o, "jobId", "response") };
}

function idSample(value: unknown, path: string): IdSample {
  const o = object(value, path);
  return { count: number(o, "count", path), sample: stringList(o.sample, `${path}.sample`) };
}

export function decodeSyncReport(value: unknown, path = "report"): DirectorySyncReport {
  const o = object(value, path);
  const missing = object(o.missingManagers, `${path}.missingManagers`);
  return {
    mode: oneOf(o, "mode", ["full", "delta"] as const, path),
    people: number(o, "people", path),
    changesRead: number(o, "changesRead", path),
    written: number(o, "written", path),
    deleted: number(o, "deleted", path),
    roots: number(o, "roots", path),
    missingManagers: {
      count: number(missing, "count", `${path}.missingManagers`),
      sample: list(missing, "sample", `${path}.missingManagers`, (v, p) => {
        const m = object(v, p);
        return { id: string(m, "id", p), managerId: optionalString(m, "managerId", p), kind: string(m, "kind", p), affected: number(m, "affected", p) };
      }),
    },
    cycles: list(o, "cycles", path, (v, p) => ({ members: stringList(object(v, p).members, `${p}.members`) })),
    underCycle: idSample(o.underCycle, `${path}.underCycle`),
    detached: number(o, "detached", path),
    disabled: idSample(o.disabled, `${path}.disabled`),
    guests: idSample(o.guests, `${path}.guests`),
    noMail: idSample(o.noMail, `${path}.noMail`),
    duplicateIds: stringList(o.duplicateIds ?? [], `${path}.duplicateIds`),
    finishedAt: string(o, "finishedAt", path),
  };
}

/** GET /api/admin/directory/report */
export function decodeDirectoryReport(value: unknown): DirectoryReport {
  const o = object(value, "response");
  return { lastSyncAt: string(o, "lastSyncAt", "response"), jobId: string(o, "jobId", "response"), report: decodeSyncReport(o.report, "response.report") };
}

function pairIds(value: unknown, path: string): PairIds {
  const o = object(value, path);
  return { mentorId: string(o, "mentorId", path), menteeId: string(o, "menteeId", path) };
}

function decodeProposedPair(value: unknown, path: string): ProposedPair {
  const o = object(value, path);
  const veto = o.veto === null || o.veto === undefined ? null : object(o.veto, `${path}.veto`);
  return {
    id: string(o, "id", path),
    mentor: decodePersonRef(o.mentor, `${path}.mentor`),
    mentee: decodePersonRef(o.mentee, `${path}.mentee`),
    score: number(o, "score", path),
    locked: boolean(o, "locked", path),
    sharedMinutesPerWeek: typeof o.sharedMinutesPerWeek === "number" ? o.sharedMinutesPerWeek : 0,
    reasons: list(o, "reasons", path, (v, p) => {
      const r = object(v, p);
      return { term: string(r, "term", p), points: number(r, "points", p), text: string(r, "text", p) };
    }),
    state: oneOf(o, "state", ["proposed", "vetoed", "active"] as const, path),
    veto: veto ? { reason: string(veto, "reason", `${path}.veto`), at: string(veto, "at", `${path}.veto`) } : null,
  };
}

function decodeUnmatched(value: unknown, path: string): Unmatched {
  const o = object(value, path);
  return {
    person: decodePersonRef(o.person, `${path}.person`),
    role: oneOf(o, "role", ["mentor", "mentee"] as const, path),
    code: string(o, "code", path),
    reason: string(o, "reason", path),
    compatiblePartners: typeof o.compatiblePartners === "number" ? o.compatiblePartners : 0,
  };
}

/** GET /api/admin/cohorts/{id}/proposal (and every lock / forbid / swap answer). */
export function decodeProposal(value: unknown): Proposal {
  const path = "proposal";
  const o = object(value, path);
  const s = object(o.stats, `${path}.stats`);
  const sp = `${path}.stats`;
  return {
    cohortId: string(o, "cohortId", path),
    version: number(o, "version", path),
    createdAt: string(o, "createdAt", path),
    updatedAt: string(o, "updatedAt", path),
    publishedAt: optionalString(o, "publishedAt", path),
    stats: {
      mentors: number(s, "mentors", sp),
      mentees: number(s, "mentees", sp),
      pairs: number(s, "pairs", sp),
      lockedPairs: number(s, "lockedPairs", sp),
      matchedMentees: number(s, "matchedMentees", sp),
      matchedMenteeShare: number(s, "matchedMenteeShare", sp),
      matchedMentorShare: number(s, "matchedMentorShare", sp),
      crossDepartmentShare: number(s, "crossDepartmentShare", sp),
      averageScore: number(s, "averageScore", sp),
      totalScore: number(s, "totalScore", sp),
      objective: string(s, "objective", sp),
    },
    pairs: list(o, "pairs", path, decodeProposedPair),
    unmatched: list(o, "unmatched", path, decodeUnmatched),
    rejectedLocks: list(o, "rejectedLocks", path, (v, p) => ({
      ...pairIds(v, p),
      problems: list(object(v, p), "problems", p, (x, q) => {
        const r = object(x, q);
        return { rule: string(r, "rule", q), message: string(r, "message", q) };
      }),
    })),
    locks: list(o, "locks", path, pairIds),
    forbidden: list(o, "forbidden", path, pairIds),
    vetoes: list(o, "vetoes", path, (v, p) => {
      const r = object(v, p);
      return { ...pairIds(v, p), reason: string(r, "reason", p), at: string(r, "at", p) };
    }),
  };
}

export function decodePublishResult(value: unknown): PublishResult {
  const o = object(value, "response");
  return { cohortId: string(o, "cohortId", "response"), published: number(o, "published", "response"), notified: number(o, "notified", "response") };
}

function decodeAdminSession(value: unknown, path: string): AdminSession {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    pairId: string(o, "pairId", path),
    mentor: decodePersonRef(o.mentor, `${path}.mentor`),
    mentee: decodePersonRef(o.mentee, `${path}.mentee`),
    sequence: number(o, "sequence", path),
    of: number(o, "of", path),
    state: oneOf(o, "state", SESSION_STATES, path),
    start: optionalString(o, "start", path),
    end: optionalString(o, "end", path),
    problem: decodeSessionProblem(o.problem, `${path}.problem`),
    reslotCount: typeof o.reslotCount === "number" ? o.reslotCount : 0,
    attendeeResponse: optionalString(o, "attendeeResponse", path),
  };
}

/** GET /api/admin/cohorts/{id}/sessions */
export function decodeAdminSessions(value: unknown): Paged<AdminSession> {
  const o = object(value, "response");
  return { items: list(o, "items", "response", decodeAdminSession), continuationToken: optionalString(o, "continuationToken", "response") };
}

/** GET /api/admin/cohorts/{id}/health */
export function decodeCohortHealth(value: unknown): CohortHealth {
  const path = "health";
  const o = object(value, path);
  const enrolment = object(o.enrolment, `${path}.enrolment`);
  const pairs = object(o.pairs, `${path}.pairs`);
  const sessions = object(o.sessions, `${path}.sessions`);
  const feedback = object(o.feedback, `${path}.feedback`);
  const ep = `${path}.enrolment`;
  const pp = `${path}.pairs`;
  const sp = `${path}.sessions`;
  const byState = object(sessions.byState, `${sp}.byState`);
  const histogram = array(feedback, "histogram", `${path}.feedback`);
  if (histogram.length !== 5 || histogram.some((n) => typeof n !== "number")) throw new DecodeError(`${path}.feedback.histogram`, "five counts (ratings 1–5)");
  return {
    cohortId: string(o, "cohortId", path),
    generatedAt: string(o, "generatedAt", path),
    enrolment: {
      mentors: number(enrolment, "mentors", ep),
      mentees: number(enrolment, "mentees", ep),
      overTime: list(enrolment, "overTime", ep, (v, p) => {
        const d = object(v, p);
        return { date: string(d, "date", p), mentors: number(d, "mentors", p), mentees: number(d, "mentees", p) };
      }),
    },
    pairs: {
      proposed: number(pairs, "proposed", pp),
      active: number(pairs, "active", pp),
      paused: number(pairs, "paused", pp),
      ended: number(pairs, "ended", pp),
      vetoed: number(pairs, "vetoed", pp),
      crossDepartmentShare: number(pairs, "crossDepartmentShare", pp),
    },
    sessions: {
      byState: Object.fromEntries(SESSION_STATES.map((s) => [s, typeof byState[s] === "number" ? byState[s] : 0])) as CohortHealth["sessions"]["byState"],
      total: number(sessions, "total", sp),
      held: number(sessions, "held", sp),
      plannedToDate: number(sessions, "plannedToDate", sp),
      heldRate: number(sessions, "heldRate", sp),
      declinesReslotted: number(sessions, "declinesReslotted", sp),
      unschedulable: number(sessions, "unschedulable", sp),
      calendarsUnreadable: number(sessions, "calendarsUnreadable", sp),
      byWeek: list(sessions, "byWeek", sp, (v, p) => {
        const w = object(v, p);
        return { weekStart: string(w, "weekStart", p), planned: number(w, "planned", p), held: number(w, "held", p), cancelled: number(w, "cancelled", p) };
      }),
    },
    feedback: {
      count: number(feedback, "count", `${path}.feedback`),
      averageRating: nullableNumber(feedback, "averageRating", `${path}.feedback`),
      histogram: histogram as number[],
    },
  };
}

/** Answers whose body the screen does not need (e.g. 204). */
export function ignoreBody(): null {
  return null;
}

/** GET /api/admin/notifications/undelivered */
export function decodeUndeliveredPage(value: unknown): Paged<UndeliveredNotification> {
  const o = object(value, "response");
  return {
    items: list(o, "items", "response", (item, path) => {
      const n = object(item, path);
      return {
        id: string(n, "id", path),
        kind: string(n, "kind", path),
        reason: oneOf(n, "reason", ["failed", "notInstalled"] as const, path),
        recipientId: string(n, "recipientId", path),
        recipientName: optionalString(n, "recipientName", path),
        attempts: number(n, "attempts", path),
        lastError: optionalString(n, "lastError", path),
        createdAt: string(n, "createdAt", path),
        finishedAt: optionalString(n, "finishedAt", path),
      };
    }),
    continuationToken: optionalString(o, "continuationToken", "response"),
  };
}
