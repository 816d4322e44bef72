// Decoders for the programme APIs. They check what the screens rely on; a mismatch shows "Unexpected
// response from the server" naming the field instead of a broken screen.
import { array, boolean, enumValue, nullableNumber, number, object, oneOf, optionalString, string, DecodeError, type Json } from "./decode.js";
import {
  DAYS_OF_WEEK,
  SHAREABLE_FIELDS,
  type CatalogSkill,
  type Enrolment,
  type EnrolmentPreferences,
  type ExecutivePreferences,
  type MyFeedback,
  type MyPair,
  type MySession,
  type OpenCohort,
  type Paged,
  type PersonRef,
  type SearchSharing,
  type SessionProblem,
} from "./programme-types.js";

const ROLES = ["mentor", "mentee"] as const;
const PAIR_STATES = ["proposed", "active", "paused", "ended", "vetoed"] as const;
const SESSION_STATES = ["planned", "booked", "accepted", "tentative", "declined", "rescheduled", "held", "cancelled"] as const;

function strings(o: Json, key: string, path: string): string[] {
  return array(o, key, path).map((v, i) => {
    if (typeof v !== "string") throw new DecodeError(`${path}.${key}[${i}]`, "a string");
    return v;
  });
}

/** A person as every programme and admin answer names one. */
export function decodePersonRef(value: unknown, path: string): PersonRef {
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
    enrolledAs: o.enrolledAs === null || o.enrolledAs === undefined ? null : oneOf(o, "enrolledAs", ROLES, path),
  };
}

function skill(value: unknown, path: string): CatalogSkill {
  const o = object(value, path);
  return { id: string(o, "id", path), label: string(o, "label", path), category: string(o, "category", path) };
}

function enrolmentPreferences(value: unknown, path: string): EnrolmentPreferences {
  const o = object(value, path);
  return { note: optionalString(o, "note", path), preferOtherDepartment: boolean(o, "preferOtherDepartment", path), inPerson: boolean(o, "inPerson", path) };
}

function searchSharing(value: unknown, path: string): SearchSharing {
  const o = object(value, path);
  return { discoverable: boolean(o, "discoverable", path), fields: array(o, "fields", path).map((v, i) => enumValue(v, SHAREABLE_FIELDS, `${path}.fields[${i}]`)) };
}

/** One enrolment (the body of POST/PATCH answers and each item of GET /api/me/enrolments). */
export function decodeEnrolment(value: unknown, path = "enrolment"): Enrolment {
  const o = object(value, path);
  const profile = object(o.profile, `${path}.profile`);
  const consent = object(o.consent, `${path}.consent`);
  const p = `${path}.profile`;
  return {
    cohortId: string(o, "cohortId", path),
    role: oneOf(o, "role", ROLES, path),
    profile: {
      displayName: string(profile, "displayName", p),
      jobTitle: optionalString(profile, "jobTitle", p),
      department: optionalString(profile, "department", p),
      officeLocation: optionalString(profile, "officeLocation", p),
      timeZone: optionalString(profile, "timeZone", p),
    },
    skills: strings(o, "skills", path),
    tags: strings(o, "tags", path),
    languages: strings(o, "languages", path),
    preferences: enrolmentPreferences(o.preferences, `${path}.preferences`),
    sharing: searchSharing(o.sharing, `${path}.sharing`),
    consent: { textVersion: string(consent, "textVersion", `${path}.consent`), acceptedAt: string(consent, "acceptedAt", `${path}.consent`) },
    createdAt: string(o, "createdAt", path),
    updatedAt: string(o, "updatedAt", path),
  };
}

/** One pair from my side (GET /api/me/pairs items, and the answer of veto / pause / resume). */
export function decodeMyPair(value: unknown, path = "pair"): MyPair {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    cohortId: string(o, "cohortId", path),
    cohortName: string(o, "cohortName", path),
    myRole: oneOf(o, "myRole", ROLES, path),
    counterpart: decodePersonRef(o.counterpart, `${path}.counterpart`),
    state: oneOf(o, "state", PAIR_STATES, path),
    score: number(o, "score", path),
    reasons: strings(o, "reasons", path),
    canVeto: boolean(o, "canVeto", path),
  };
}

/** Why a session has no slot (null when it has one). */
export function decodeSessionProblem(value: unknown, path: string): SessionProblem | null {
  if (value === null || value === undefined) return null;
  const o = object(value, path);
  const who = o.who === null || o.who === undefined ? null : oneOf(o, "who", ["mentor", "mentee", "both"] as const, path);
  return { code: string(o, "code", path), message: string(o, "message", path), who };
}

function feedback(value: unknown, path: string): MyFeedback {
  const o = object(value, path);
  return { rating: number(o, "rating", path), comment: optionalString(o, "comment", path) };
}

/** One of my sessions (GET /api/me/sessions items, and the answer of reschedule / skip). */
export function decodeMySession(value: unknown, path = "session"): MySession {
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    pairId: string(o, "pairId", path),
    cohortId: string(o, "cohortId", path),
    cohortName: string(o, "cohortName", path),
    sequence: number(o, "sequence", path),
    of: number(o, "of", path),
    start: optionalString(o, "start", path),
    end: optionalString(o, "end", path),
    state: oneOf(o, "state", SESSION_STATES, path),
    joinUrl: optionalString(o, "joinUrl", path),
    counterpart: decodePersonRef(o.counterpart, `${path}.counterpart`),
    myRole: oneOf(o, "myRole", ROLES, path),
    problem: decodeSessionProblem(o.problem, `${path}.problem`),
    canReschedule: boolean(o, "canReschedule", path),
    canSkip: boolean(o, "canSkip", path),
    canGiveFeedback: boolean(o, "canGiveFeedback", path),
    myFeedback: o.myFeedback === null || o.myFeedback === undefined ? null : feedback(o.myFeedback, `${path}.myFeedback`),
  };
}

export const decodeOpenCohorts = (value: unknown): OpenCohort[] => list(value, "cohorts", openCohort);
export const decodeSkillCatalog = (value: unknown): CatalogSkill[] => list(value, "skills", skill);
export const decodeMyEnrolments = (value: unknown): Enrolment[] => list(value, "enrolments", (v, p) => decodeEnrolment(v, p));
export const decodeMyPairs = (value: unknown): MyPair[] => list(value, "pairs", (v, p) => decodeMyPair(v, p));
export const decodeMySessions = (value: unknown): Paged<MySession> => paged(value, "items", (v, p) => decodeMySession(v, p));
export const decodeFeedback = (value: unknown): MyFeedback => feedback(value, "feedback");
/** 204 answers (withdraw) and answers whose body the screen does not need. */
export const decodeNothing = (): null => null;

export function decodePreferences(value: unknown): ExecutivePreferences {
  const o = object(value, "preferences");
  const hours = o.preferredHours === null || o.preferredHours === undefined ? null : object(o.preferredHours, "preferences.preferredHours");
  return {
    maxSessionsPerWeek: nullableNumber(o, "maxSessionsPerWeek", "preferences"),
    preferredDays: array(o, "preferredDays", "preferences").map((v, i) => enumValue(v, DAYS_OF_WEEK, `preferences.preferredDays[${i}]`)),
    preferredHours: hours
      ? { start: string(hours, "start", "preferences.preferredHours"), end: string(hours, "end", "preferences.preferredHours") }
      : null,
    notBefore: optionalString(o, "notBefore", "preferences"),
  };
}
