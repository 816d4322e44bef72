// Decoders for the programme APIs (issues 4–5). They check what the screens rely on; a mismatch
// shows "Unexpected response from the server" naming the field instead of a broken screen.
import { array, enumValue, number, object, oneOf, optionalString, string, DecodeError, type Json } from "./decode.js";
import type {
  AdminCohortSummary,
  DayOfWeek,
  DirectorySyncStatus,
  ExecutivePreferences,
  JobProgress,
  MyPair,
  MySession,
  OpenCohort,
  Paged,
  PersonRef,
} from "./programme-types.js";

const ROLES = ["mentor", "mentee"] as const;
const DAYS: readonly DayOfWeek[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

function strings(o: Json, key: string, path: string): string[] {
  return array(o, key, path).map((v, i) => {
    if (typeof v !== "string") throw new DecodeError(`${path}.${key}[${i}]`, "a string");
    return v;
  });
}

function person(value: unknown, path: string): PersonRef {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    displayName: string(o, "displayName", path),
    jobTitle: optionalString(o, "jobTitle", path),
    department: optionalString(o, "department", path),
  };
}

function list<T>(value: unknown, key: string, item: (v: unknown, path: string) => T): T[] {
  const o = object(value, "response");
  return array(o, key, "response").map((v, i) => item(v, `${key}[${i}]`));
}

function paged<T>(value: unknown, key: string, item: (v: unknown, path: string) => T): Paged<T> {
  const o = object(value, "response");
  return { items: list(value, key, item), continuationToken: optionalString(o, "continuationToken", "response") };
}

function cadence(value: unknown, path: string): OpenCohort["cadence"] {
  const o = object(value, path);
  return { everyWeeks: number(o, "everyWeeks", path), sessionMinutes: number(o, "sessionMinutes", path), sessions: number(o, "sessions", path) };
}

function openCohort(value: unknown, path: string): OpenCohort {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    name: string(o, "name", path),
    enrolmentOpensOn: string(o, "enrolmentOpensOn", path),
    enrolmentClosesOn: string(o, "enrolmentClosesOn", path),
    cadence: cadence(o.cadence, `${path}.cadence`),
    eligibleAs: array(o, "eligibleAs", path).map((v, i) => enumValue(v, ROLES, `${path}.eligibleAs[${i}]`)),
    ineligibleReasons: strings(o, "ineligibleReasons", path),
  };
}

function pair(value: unknown, path: string): MyPair {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    cohortId: string(o, "cohortId", path),
    cohortName: string(o, "cohortName", path),
    myRole: oneOf(o, "myRole", ROLES, path),
    counterpart: person(o.counterpart, `${path}.counterpart`),
    state: oneOf(o, "state", ["proposed", "active", "paused", "ended"] as const, path),
    reasons: strings(o, "reasons", path),
  };
}

function session(value: unknown, path: string): MySession {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    pairId: string(o, "pairId", path),
    cohortName: string(o, "cohortName", path),
    sequence: number(o, "sequence", path),
    start: string(o, "start", path),
    end: string(o, "end", path),
    state: oneOf(o, "state", ["planned", "booked", "accepted", "tentative", "declined", "rescheduled", "held", "cancelled"] as const, path),
    joinUrl: optionalString(o, "joinUrl", path),
    counterpart: person(o.counterpart, `${path}.counterpart`),
  };
}

function enrolledCounts(value: unknown, path: string): AdminCohortSummary["enrolled"] {
  const o = object(value, path);
  return { mentors: number(o, "mentors", path), mentees: number(o, "mentees", path) };
}

function adminCohort(value: unknown, path: string): AdminCohortSummary {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    name: string(o, "name", path),
    state: oneOf(o, "state", ["draft", "enrolling", "matching", "published", "scheduled", "closed"] as const, path),
    enrolmentClosesOn: string(o, "enrolmentClosesOn", path),
    enrolled: enrolledCounts(o.enrolled, `${path}.enrolled`),
  };
}

function job(value: unknown, path: string): JobProgress {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    state: oneOf(o, "state", ["queued", "running", "succeeded", "failed"] as const, path),
    percent: number(o, "percent", path),
    startedAt: optionalString(o, "startedAt", path),
    finishedAt: optionalString(o, "finishedAt", path),
    error: optionalString(o, "error", path),
  };
}

export const decodeOpenCohorts = (value: unknown): OpenCohort[] => list(value, "cohorts", openCohort);
export const decodeMyPairs = (value: unknown): MyPair[] => list(value, "pairs", pair);
export const decodeMySessions = (value: unknown): Paged<MySession> => paged(value, "sessions", session);
export const decodeAdminCohorts = (value: unknown): Paged<AdminCohortSummary> => paged(value, "cohorts", adminCohort);

export function decodePreferences(value: unknown): ExecutivePreferences {
  const o = object(value, "preferences");
  const hours = o.preferredHours === null || o.preferredHours === undefined ? null : object(o.preferredHours, "preferences.preferredHours");
  return {
    maxSessionsPerWeek: number(o, "maxSessionsPerWeek", "preferences"),
    preferredDays: array(o, "preferredDays", "preferences").map((v, i) => enumValue(v, DAYS, `preferences.preferredDays[${i}]`)),
    preferredHours: hours
      ? { start: string(hours, "start", "preferences.preferredHours"), end: string(hours, "end", "preferences.preferredHours") }
      : null,
    notBefore: optionalString(o, "notBefore", "preferences"),
  };
}

export function decodeDirectorySync(value: unknown): DirectorySyncStatus {
  const o = object(value, "directorySync");
  return {
    lastRun: o.lastRun === null || o.lastRun === undefined ? null : job(o.lastRun, "directorySync.lastRun"),
    people: number(o, "people", "directorySync"),
    badData: array(o, "badData", "directorySync").map((v, i) => {
      const b = object(v, `directorySync.badData[${i}]`);
      return { kind: string(b, "kind", `directorySync.badData[${i}]`), count: number(b, "count", `directorySync.badData[${i}]`) };
    }),
  };
}
