import type { DomainIssue } from "../domain-error.js";
import { parseInstant } from "../time/instant.js";
import { DomainValidationError } from "../domain-error.js";
import type { CohortSettings, EligibilityRule, MatchingWeights } from "./cohort-settings.js";

export const WEIGHT_MAX = 1000;
export const CAPACITY_MAX = 20;

/**
 * Every problem with a cohort's settings, each naming its field path (e.g. "weights.skillMatch",
 * "eligibility.mentor.titlePattern"), so the API can answer one 400 listing all of them.
 */
export function validateCohortSettings(settings: CohortSettings): DomainIssue[] {
  const issues: DomainIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  if (typeof settings.name !== "string" || settings.name.trim().length === 0) add("name", "must not be empty");
  else if (settings.name.length > 200) add("name", "must be at most 200 characters");

  validateWindow(settings, add);

  const c = settings.cadence;
  integerIn(c?.everyWeeks, 1, 12, "cadence.everyWeeks", add);
  integerIn(c?.sessionMinutes, 15, 480, "cadence.sessionMinutes", add);
  if (Number.isInteger(c?.sessionMinutes) && c.sessionMinutes % 5 !== 0) add("cadence.sessionMinutes", "must be a multiple of 5 minutes");
  integerIn(c?.sessions, 1, 52, "cadence.sessions", add);

  validateRule(settings.eligibility?.mentor, "eligibility.mentor", add);
  validateRule(settings.eligibility?.mentee, "eligibility.mentee", add);

  const k = settings.constraints;
  integerIn(k?.minLevelGap, 0, 30, "constraints.minLevelGap", add);
  if (k?.separationLevel !== null) integerIn(k?.separationLevel, 0, 30, "constraints.separationLevel", add);
  if (!["forbid", "penalise", "allow"].includes(k?.sameDepartment)) add("constraints.sameDepartment", "must be forbid, penalise or allow");
  if (k?.maxTimeZoneDistanceHours !== null) {
    const h = k?.maxTimeZoneDistanceHours;
    if (typeof h !== "number" || !Number.isFinite(h) || h < 0 || h > 12) add("constraints.maxTimeZoneDistanceHours", "must be between 0 and 12 hours, or null");
  }

  validateWeights(settings.weights, add);

  if (!Array.isArray(settings.diversityAttributes) || settings.diversityAttributes.some((a) => typeof a !== "string" || a.trim() === "")) {
    add("diversityAttributes", "must be a list of attribute names");
  }
  integerIn(settings.menteeCapacity, 1, CAPACITY_MAX, "menteeCapacity", add);
  if (!["mentor", "programMailbox"].includes(settings.organiserMode)) add("organiserMode", "must be mentor or programMailbox");
  if (settings.organiserMode === "programMailbox" && !/^[^@\s]+@[^@\s]+$/.test(settings.programMailbox ?? "")) {
    add("programMailbox", "must be the program mailbox's address when organiserMode is programMailbox");
  }
  if (!["maxScore", "maxMatchedThenScore"].includes(settings.objective)) add("objective", "must be maxScore or maxMatchedThenScore");
  return issues;
}

type Add = (path: string, message: string) => void;

function validateWindow(settings: CohortSettings, add: Add): void {
  const opens = instantOrNull(settings.enrolment?.opensAt, "enrolment.opensAt", add);
  const closes = instantOrNull(settings.enrolment?.closesAt, "enrolment.closesAt", add);
  if (opens !== null && closes !== null && closes <= opens) add("enrolment.closesAt", "must be after enrolment.opensAt");
}

function instantOrNull(value: unknown, path: string, add: Add): number | null {
  if (typeof value !== "string") {
    add(path, "must be an ISO-8601 instant with offset, e.g. 2025-03-01T09:00:00Z");
    return null;
  }
  try {
    return parseInstant(value, path);
  } catch (e) {
    if (!(e instanceof DomainValidationError)) throw e;
    for (const i of e.issues) add(i.path, i.message);
    return null;
  }
}

function integerIn(value: unknown, min: number, max: number, path: string, add: Add): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    add(path, `must be a whole number from ${min} to ${max}`);
  }
}

function validateRule(rule: EligibilityRule | undefined, path: string, add: Add): void {
  if (rule === undefined || rule === null || typeof rule !== "object") {
    add(path, "must be an object (use {} for no restriction)");
    return;
  }
  const levels = rule.levels;
  if (levels) {
    if (levels.min != null) integerIn(levels.min, 0, 50, `${path}.levels.min`, add);
    if (levels.max != null) integerIn(levels.max, 0, 50, `${path}.levels.max`, add);
    if (levels.min != null && levels.max != null && levels.min > levels.max) add(`${path}.levels`, "min must not exceed max");
  }
  if (rule.titlePattern != null) {
    if (typeof rule.titlePattern !== "string" || rule.titlePattern.length > 200) add(`${path}.titlePattern`, "must be a pattern of at most 200 characters");
    else {
      try {
        new RegExp(rule.titlePattern, "i");
      } catch (e) {
        add(`${path}.titlePattern`, `is not a valid regular expression (${(e as Error).message})`);
      }
    }
  }
  for (const key of ["departments", "groups"] as const) {
    const list = rule[key];
    if (list != null && (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== "string" || v.trim() === ""))) {
      add(`${path}.${key}`, "must be a non-empty list of names, or null for no restriction");
    }
  }
}

function validateWeights(weights: MatchingWeights | undefined, add: Add): void {
  if (!weights || typeof weights !== "object") {
    add("weights", "must be an object");
    return;
  }
  const keys: (keyof MatchingWeights)[] = [
    "base",
    "skillMatch",
    "differentDepartment",
    "differentDivision",
    "differentLocation",
    "sharedLanguage",
    "diversity",
    "sharedWorkingTime",
    "sameDepartmentPenalty",
  ];
  for (const key of keys) {
    const w = weights[key];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0 || w > WEIGHT_MAX) add(`weights.${key}`, `must be a number from 0 to ${WEIGHT_MAX}`);
    else if (Math.abs(w * 1000 - Math.round(w * 1000)) > 1e-6) add(`weights.${key}`, "must have at most three decimals");
  }
  if (typeof weights.base === "number" && weights.base < 0.001) add("weights.base", "must be at least 0.001 so every compatible pair is worth matching");
}
