/**
 * Compiles a matching input into flat integer features so that a hard-rule check and a soft score for
 * one pair cost a handful of typed-array reads (a 2,000 × 10,000 cohort is 20 million pairs). The same
 * feature code serves the bulk path (scoreRow) and the one-pair path (evaluate), so what the optimiser
 * maximises is exactly what the reasons explain.
 */
import { DomainValidationError, type DomainIssue } from "../domain-error.js";
import { DAY_MS, WEEK_MS, parseInstant } from "../time/instant.js";
import { intersectRanges, type TimeRange } from "../time/time-range.js";
import { timeZoneDistanceHours } from "../time/time-zone.js";
import { validateWorkingHours, workingHoursKey, workingRanges } from "../time/working-hours.js";
import { explainPair } from "./pair-explanation.js";
import {
  HARD_RULES,
  type HardRule,
  type MatchingInput,
  type MatchingRules,
  type MenteeCandidate,
  type MentorCandidate,
  type MatchParticipant,
  type PairReason,
  type PairRef,
  type RuleViolation,
} from "./matching-types.js";

/** Weights are points with up to three decimals; the optimiser works in integer thousandths. */
export const SCORE_SCALE = 1000;
/**
 * Longest skills / topics / languages list per person. With weights ≤ 1,000 points (10⁶ units) this keeps
 * every pair's score far below 2³¹, so scores fit the Int32 tables exactly.
 */
const MAX_LIST = 200;
/** Shared working time earns its full weight at this many minutes a week. */
export const SHARED_TIME_FULL_MINUTES = 600;

const RULE_BIT: Readonly<Record<HardRule, number>> = Object.fromEntries(HARD_RULES.map((r, i) => [r, 1 << i])) as Record<HardRule, number>;
/** The bulk path's code for a pair blocked by a rule: −(1 + the rule's index in HARD_RULES). */
const RULE_CODE: Readonly<Record<HardRule, number>> = Object.fromEntries(HARD_RULES.map((r, i) => [r, -(i + 1)])) as Record<HardRule, number>;

export interface PairEvaluation {
  violations: RuleViolation[];
  scoreUnits: number;
  reasons: PairReason[];
  sharedMinutesPerWeek: number;
  longestSharedMinutes: number;
}

export interface PreparedMatching {
  readonly rules: MatchingRules;
  readonly referenceWeekStartMs: number;
  /** Sorted by id; indices below refer to these arrays. */
  readonly mentors: readonly MentorCandidate[];
  readonly mentees: readonly MenteeCandidate[];
  readonly mentorIndex: ReadonlyMap<string, number>;
  readonly menteeIndex: ReadonlyMap<string, number>;
  /** People whose profile cannot be used, with the reason. */
  readonly invalidMentors: ReadonlyMap<number, string>;
  readonly invalidMentees: ReadonlyMap<number, string>;
  capacityOf(mentee: number): number;
  /**
   * For mentee `e`, writes for every mentor j: the pair's score in units (≥ 1) when it passes every hard
   * rule, −(1 + index in HARD_RULES) of the first rule it breaks, or 0 when either person is invalid.
   */
  scoreRow(e: number, out: Int32Array): void;
  /** Every violation, the score and its reasons for one pair (the slow, explaining path). */
  evaluate(e: number, j: number): PairEvaluation;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function fold(text: string): string {
  return text.trim().toLocaleLowerCase("en");
}

class Interner {
  private readonly map = new Map<string, number>();
  id(text: string | null | undefined): number {
    if (text === null || text === undefined) return -1;
    const key = fold(text);
    if (key === "") return -1;
    let v = this.map.get(key);
    if (v === undefined) {
      v = this.map.size;
      this.map.set(key, v);
    }
    return v;
  }
  get size(): number {
    return this.map.size;
  }
}

function validateStructure(input: MatchingInput): void {
  const issues: DomainIssue[] = [];
  const seen = new Map<string, string>();
  const check = (p: MatchParticipant, path: string) => {
    if (typeof p.id !== "string" || p.id === "") issues.push({ path: `${path}.id`, message: "must be a non-empty string" });
    else if (seen.has(p.id)) issues.push({ path: `${path}.id`, message: `"${p.id}" also appears as ${seen.get(p.id)}` });
    else seen.set(p.id, path);
    if (!Array.isArray(p.chain)) issues.push({ path: `${path}.chain`, message: "must be the list of manager ids" });
    if (p.level !== null && !(Number.isInteger(p.level) && p.level >= 0)) issues.push({ path: `${path}.level`, message: "must be a whole number ≥ 0 or null" });
    if (!Array.isArray(p.languages)) issues.push({ path: `${path}.languages`, message: "must be a list" });
    else if (p.languages.length > MAX_LIST) issues.push({ path: `${path}.languages`, message: `must have at most ${MAX_LIST} entries` });
    if (!p.workingHours || typeof p.workingHours !== "object") issues.push({ path: `${path}.workingHours`, message: "is required" });
  };
  input.mentors.forEach((m, i) => {
    check(m, `mentors[${i}]`);
    if (!Array.isArray(m.skillsOffered)) issues.push({ path: `mentors[${i}].skillsOffered`, message: "must be a list" });
    else if (m.skillsOffered.length > MAX_LIST) issues.push({ path: `mentors[${i}].skillsOffered`, message: `must have at most ${MAX_LIST} entries` });
  });
  input.mentees.forEach((m, i) => {
    check(m, `mentees[${i}]`);
    if (!Array.isArray(m.topicsWanted)) issues.push({ path: `mentees[${i}].topicsWanted`, message: "must be a list" });
    else if (m.topicsWanted.length > MAX_LIST) issues.push({ path: `mentees[${i}].topicsWanted`, message: `must have at most ${MAX_LIST} entries` });
    if (m.capacity !== undefined && !(Number.isInteger(m.capacity) && m.capacity >= 1 && m.capacity <= 50)) {
      issues.push({ path: `mentees[${i}].capacity`, message: "must be a whole number from 1 to 50" });
    }
  });
  const r = input.rules;
  if (!(Number.isInteger(r.defaultCapacity) && r.defaultCapacity >= 1 && r.defaultCapacity <= 50)) issues.push({ path: "rules.defaultCapacity", message: "must be a whole number from 1 to 50" });
  if (!(Number.isInteger(r.sessionMinutes) && r.sessionMinutes > 0 && r.sessionMinutes <= 24 * 60)) issues.push({ path: "rules.sessionMinutes", message: "must be a positive whole number of minutes" });
  for (const [key, w] of Object.entries(r.weights)) {
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0 || w > 1000) issues.push({ path: `rules.weights.${key}`, message: "must be a number from 0 to 1000" });
  }
  if (!(r.weights.base >= 0.001)) issues.push({ path: "rules.weights.base", message: "must be at least 0.001" });
  if (!Array.isArray(r.diversityAttributes) || r.diversityAttributes.length > 20) issues.push({ path: "rules.diversityAttributes", message: "must be a list of at most 20 attributes" });
  if (!["maxScore", "maxMatchedThenScore"].includes(r.objective)) issues.push({ path: "rules.objective", message: "must be maxScore or maxMatchedThenScore" });
  if (issues.length > 0) throw new DomainValidationError(issues);
}

function units(points: number): number {
  return Math.round(points * SCORE_SCALE);
}

/** Popcount of a 32-bit word. */
function bits(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function prepareMatching(input: MatchingInput): PreparedMatching {
  validateStructure(input);
  const rules = input.rules;
  const referenceWeekStartMs = parseInstant(input.referenceWeekStart, "referenceWeekStart");
  const mentors = [...input.mentors].sort(byId);
  const mentees = [...input.mentees].sort(byId);
  const nJ = mentors.length;
  const mentorIndex = new Map(mentors.map((m, i) => [m.id, i]));
  const menteeIndex = new Map(mentees.map((m, i) => [m.id, i]));

  const invalidMentors = invalidProfiles(mentors);
  const invalidMentees = invalidProfiles(mentees);

  // Categorical features, interned across both sides so equal labels compare equal.
  const departments = new Interner();
  const divisions = new Interner();
  const locations = new Interner();
  const topics = new Interner();
  const languages = new Interner();
  const side = <T extends MatchParticipant>(people: T[]) => ({
    level: Int32Array.from(people, (p) => (p.level === null ? -1 : p.level)),
    dept: Int32Array.from(people, (p) => departments.id(p.department)),
    div: Int32Array.from(people, (p) => divisions.id(p.division)),
    loc: Int32Array.from(people, (p) => locations.id(p.location)),
  });
  const J = side(mentors);
  const E = side(mentees);
  for (const m of mentors) for (const t of m.skillsOffered) topics.id(t);
  for (const m of mentees) for (const t of m.topicsWanted) topics.id(t);
  for (const p of [...mentors, ...mentees]) for (const l of p.languages) languages.id(l);
  const TW = Math.max(1, Math.ceil(topics.size / 32));
  const LW = Math.max(1, Math.ceil(languages.size / 32));
  const offered = bitsets(mentors, TW, (m) => m.skillsOffered.map((t) => topics.id(t)));
  const wanted = bitsets(mentees, TW, (m) => m.topicsWanted.map((t) => topics.id(t)));
  const langJ = bitsets(mentors, LW, (m) => m.languages.map((l) => languages.id(l)));
  const langE = bitsets(mentees, LW, (m) => m.languages.map((l) => languages.id(l)));

  const diversityAttributes = [...rules.diversityAttributes];
  const diversityJ = diversityAttributes.map((a) => {
    const values = new Interner();
    return { values, ids: Int32Array.from(mentors, (m) => values.id(m.diversity?.[a])) };
  });
  const diversityE = diversityAttributes.map((a, k) => Int32Array.from(mentees, (m) => diversityJ[k]!.values.id(m.diversity?.[a])));

  // Separation rule: compare each person's ancestor-or-self at level L+1 (their "unit" below level L).
  const separationLevel = rules.constraints.separationLevel;
  const unitIds = new Interner();
  const unitOf = (p: MatchParticipant): number => {
    if (separationLevel === null) return -1;
    if (p.level === null) return -2;
    if (p.level <= separationLevel) return -1;
    if (p.level === separationLevel + 1) return unitIds.id(p.id);
    const ancestor = p.chain[p.level - separationLevel - 2];
    return ancestor === undefined ? -2 : unitIds.id(ancestor);
  };
  const sepJ = Int32Array.from(mentors, unitOf);
  const sepE = Int32Array.from(mentees, unitOf);

  // Working-hours classes: people sharing a zone and hours share a row/column of the overlap tables.
  const window: TimeRange = { start: referenceWeekStartMs - DAY_MS, end: referenceWeekStartMs + WEEK_MS + DAY_MS };
  const rangesByKey = new Map<string, TimeRange[]>();
  const classify = <T extends MatchParticipant>(people: T[], invalid: ReadonlyMap<number, string>) => {
    const keys: string[] = [];
    const keyIndex = new Map<string, number>();
    const cls = Int32Array.from(people, (p, i) => {
      if (invalid.has(i)) return -1;
      const key = workingHoursKey(p.workingHours);
      let c = keyIndex.get(key);
      if (c === undefined) {
        c = keys.length;
        keys.push(key);
        keyIndex.set(key, c);
        if (!rangesByKey.has(key)) rangesByKey.set(key, workingRanges(p.workingHours, window));
      }
      return c;
    });
    return { keys, cls };
  };
  const classJ = classify(mentors, invalidMentors);
  const classE = classify(mentees, invalidMentees);
  const nCE = classE.keys.length;
  const longest = new Int32Array(classJ.keys.length * nCE);
  const weekly = new Int32Array(classJ.keys.length * nCE);
  classJ.keys.forEach((kj, a) => {
    classE.keys.forEach((ke, b) => {
      const shared = intersectRanges(rangesByKey.get(kj)!, rangesByKey.get(ke)!).filter(
        (r) => r.start >= referenceWeekStartMs && r.start < referenceWeekStartMs + WEEK_MS,
      );
      let total = 0;
      let best = 0;
      for (const r of shared) {
        const minutes = Math.floor((r.end - r.start) / 60_000);
        total += minutes;
        if (minutes > best) best = minutes;
      }
      longest[a * nCE + b] = best;
      weekly[a * nCE + b] = total;
    });
  });

  // Time-zone distance, per pair of zones.
  const zoneKeys = new Interner();
  const zoneNames: string[] = [];
  const zoneOf = (p: MatchParticipant, invalid: boolean) => {
    if (invalid) return -1;
    const before = zoneKeys.size;
    const z = zoneKeys.id(p.workingHours.timeZone);
    if (zoneKeys.size > before) zoneNames.push(p.workingHours.timeZone);
    return z;
  };
  const zoneJ = Int32Array.from(mentors, (p, i) => zoneOf(p, invalidMentors.has(i)));
  const zoneE = Int32Array.from(mentees, (p, i) => zoneOf(p, invalidMentees.has(i)));
  const nZ = zoneNames.length;
  const zoneDistance = new Float64Array(nZ * nZ);
  for (let a = 0; a < nZ; a++) for (let b = 0; b < nZ; b++) zoneDistance[a * nZ + b] = timeZoneDistanceHours(zoneNames[a]!, zoneNames[b]!, referenceWeekStartMs);

  const blocked = blockedPairs(input, mentors, mentees, mentorIndex, menteeIndex);

  const w = rules.weights;
  const W = {
    base: units(w.base),
    skill: units(w.skillMatch),
    dept: units(w.differentDepartment),
    div: units(w.differentDivision),
    loc: units(w.differentLocation),
    lang: units(w.sharedLanguage),
    diversity: units(w.diversity),
    time: units(w.sharedWorkingTime),
    penalty: rules.constraints.sameDepartment === "penalise" ? units(w.sameDepartmentPenalty) : 0,
  };
  const gap = rules.constraints.minLevelGap;
  const forbidSameDept = rules.constraints.sameDepartment === "forbid";
  const maxTz = rules.constraints.maxTimeZoneDistanceHours;
  const session = rules.sessionMinutes;
  const nDiv = diversityAttributes.length;

  // Plain local constants keep the hot loop free of property lookups.
  const CODE_GAP = RULE_CODE.levelGap;
  const CODE_SEPARATION = RULE_CODE.separation;
  const CODE_DEPARTMENT = RULE_CODE.sameDepartment;
  const CODE_ZONE = RULE_CODE.timeZoneDistance;
  const CODE_HOURS = RULE_CODE.workingHours;
  /** First failing non-list hard rule as −(1 + index), else 0. */
  const hardCode = (e: number, j: number): number => {
    if (gap > 0) {
      const lj = J.level[j]!;
      const le = E.level[e]!;
      if (lj < 0 || le < 0 || lj - le < gap) return CODE_GAP;
    }
    if (separationLevel !== null) {
      const a = sepJ[j]!;
      const b = sepE[e]!;
      if (a === -2 || b === -2 || (a >= 0 && a === b)) return CODE_SEPARATION;
    }
    if (forbidSameDept && J.dept[j]! >= 0 && J.dept[j] === E.dept[e]) return CODE_DEPARTMENT;
    if (maxTz !== null && zoneDistance[zoneJ[j]! * nZ + zoneE[e]!]! > maxTz) return CODE_ZONE;
    if (longest[classJ.cls[j]! * nCE + classE.cls[e]!]! < session) return CODE_HOURS;
    return 0;
  };

  /** The soft score in units, floored at 1 so every compatible pair is worth matching. */
  const softScore = (e: number, j: number): number => {
    let s = W.base;
    let shared = 0;
    for (let k = 0; k < TW; k++) shared += bits(offered[j * TW + k]! & wanted[e * TW + k]!);
    s += shared * W.skill;
    const dj = J.dept[j]!;
    const de = E.dept[e]!;
    if (dj >= 0 && de >= 0) s += dj !== de ? W.dept : -W.penalty;
    if (J.div[j]! >= 0 && E.div[e]! >= 0 && J.div[j] !== E.div[e]) s += W.div;
    if (J.loc[j]! >= 0 && E.loc[e]! >= 0 && J.loc[j] !== E.loc[e]) s += W.loc;
    for (let k = 0; k < LW; k++) {
      if ((langJ[j * LW + k]! & langE[e * LW + k]!) !== 0) {
        s += W.lang;
        break;
      }
    }
    for (let k = 0; k < nDiv; k++) {
      const a = diversityJ[k]!.ids[j]!;
      const b = diversityE[k]![e]!;
      if (a >= 0 && b >= 0 && a !== b) s += W.diversity;
    }
    const minutes = weekly[classJ.cls[j]! * nCE + classE.cls[e]!]!;
    s += Math.floor((W.time * Math.min(minutes, SHARED_TIME_FULL_MINUTES)) / SHARED_TIME_FULL_MINUTES);
    return s < 1 ? 1 : s;
  };

  const marks = new Int32Array(nJ);
  const scoreRow = (e: number, out: Int32Array): void => {
    if (invalidMentees.has(e)) {
      out.fill(0, 0, nJ);
      return;
    }
    const list = blocked.get(e);
    if (list) for (const [j, mask] of list) marks[j] = mask;
    for (let j = 0; j < nJ; j++) {
      if (classJ.cls[j]! < 0) {
        out[j] = 0;
        continue;
      }
      const mask = marks[j]!;
      if (mask !== 0) {
        // The lowest set bit is the first listed rule that blocks the pair.
        out[j] = -(1 + 31 - Math.clz32(mask & -mask));
        continue;
      }
      const code = hardCode(e, j);
      out[j] = code !== 0 ? code : softScore(e, j);
    }
    if (list) for (const [j] of list) marks[j] = 0;
  };

  const evaluate = (e: number, j: number): PairEvaluation => {
    const mentor = mentors[j]!;
    const mentee = mentees[e]!;
    const violations: RuleViolation[] = [];
    const invalid = invalidMentors.get(j) ?? invalidMentees.get(e);
    if (invalid !== undefined) {
      return { violations: [{ rule: "invalidProfile", message: invalid }], scoreUnits: 0, reasons: [], sharedMinutesPerWeek: 0, longestSharedMinutes: 0 };
    }
    const mask = blocked.get(e)?.get(j) ?? 0;
    const classPair = classJ.cls[j]! * nCE + classE.cls[e]!;
    const facts = {
      mentor,
      mentee,
      mask,
      gap,
      separationLevel,
      sepSame: sepJ[j]! >= 0 && sepJ[j] === sepE[e],
      sepUnknown: separationLevel !== null && (sepJ[j] === -2 || sepE[e] === -2),
      sameDeptForbidden: forbidSameDept && J.dept[j]! >= 0 && J.dept[j] === E.dept[e],
      zoneDistance: zoneDistance[zoneJ[j]! * nZ + zoneE[e]!]!,
      maxTz,
      longest: longest[classPair]!,
      session,
    };
    violations.push(...listViolations(facts));
    const weeklyMinutes = weekly[classPair]!;
    const scoreUnits = violations.length === 0 ? softScore(e, j) : 0;
    const reasons =
      violations.length === 0
        ? explainPair({ mentor, mentee, rules, weights: W, weeklyMinutes, scoreUnits, sameDepartment: J.dept[j]! >= 0 && J.dept[j] === E.dept[e] })
        : [];
    return { violations, scoreUnits, reasons, sharedMinutesPerWeek: weeklyMinutes, longestSharedMinutes: facts.longest };
  };

  return {
    rules,
    referenceWeekStartMs,
    mentors,
    mentees,
    mentorIndex,
    menteeIndex,
    invalidMentors,
    invalidMentees,
    capacityOf: (e) => mentees[e]!.capacity ?? rules.defaultCapacity,
    scoreRow,
    evaluate,
  };
}

function invalidProfiles(people: readonly MatchParticipant[]): Map<number, string> {
  const out = new Map<number, string>();
  people.forEach((p, i) => {
    const issues = validateWorkingHours(p.workingHours, "workingHours");
    if (issues.length > 0) out.set(i, `unusable working hours: ${issues.map((x) => x.message).join("; ")}`);
  });
  return out;
}

function bitsets<T>(people: readonly T[], words: number, ids: (p: T) => number[]): Uint32Array {
  const out = new Uint32Array(people.length * words);
  people.forEach((p, i) => {
    for (const id of ids(p)) if (id >= 0) out[i * words + (id >>> 5)]! |= 1 << (id & 31);
  });
  return out;
}

/** Pairs excluded by list: reporting line (both directions, whole chain), earlier pairs, admin forbids, vetoes. */
function blockedPairs(
  input: MatchingInput,
  mentors: readonly MentorCandidate[],
  mentees: readonly MenteeCandidate[],
  mentorIndex: ReadonlyMap<string, number>,
  menteeIndex: ReadonlyMap<string, number>,
): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  const add = (e: number | undefined, j: number | undefined, rule: HardRule) => {
    if (e === undefined || j === undefined) return;
    let row = out.get(e);
    if (!row) {
      row = new Map();
      out.set(e, row);
    }
    row.set(j, (row.get(j) ?? 0) | RULE_BIT[rule]);
  };
  mentors.forEach((m, j) => {
    for (const boss of m.chain) add(menteeIndex.get(boss), j, "reportingLine");
  });
  mentees.forEach((m, e) => {
    for (const boss of m.chain) add(e, mentorIndex.get(boss), "reportingLine");
  });
  const list = (pairs: readonly PairRef[] | undefined, rule: HardRule) => {
    for (const p of pairs ?? []) add(menteeIndex.get(p.menteeId), mentorIndex.get(p.mentorId), rule);
  };
  list(input.earlierPairs, "earlierPair");
  list(input.forbiddenPairs, "forbidden");
  list(input.vetoes, "veto");
  return out;
}

interface ViolationFacts {
  mentor: MentorCandidate;
  mentee: MenteeCandidate;
  mask: number;
  gap: number;
  separationLevel: number | null;
  sepSame: boolean;
  sepUnknown: boolean;
  sameDeptForbidden: boolean;
  zoneDistance: number;
  maxTz: number | null;
  longest: number;
  session: number;
}

function listViolations(f: ViolationFacts): RuleViolation[] {
  const out: RuleViolation[] = [];
  const { mentor, mentee } = f;
  if (f.mask & RULE_BIT.reportingLine) {
    const text = mentor.chain.includes(mentee.id)
      ? `${mentee.displayName} is in ${mentor.displayName}'s management chain`
      : `${mentor.displayName} is in ${mentee.displayName}'s management chain`;
    out.push({ rule: "reportingLine", message: text });
  }
  if (f.mask & RULE_BIT.earlierPair) out.push({ rule: "earlierPair", message: "they were paired in an earlier cohort" });
  if (f.mask & RULE_BIT.forbidden) out.push({ rule: "forbidden", message: "a program admin forbade this pair" });
  if (f.mask & RULE_BIT.veto) out.push({ rule: "veto", message: `${mentee.displayName} vetoed this pair` });
  if (f.gap > 0) {
    if (mentor.level === null || mentee.level === null) out.push({ rule: "levelGap", message: "an org level is unknown, so the minimum level gap cannot be checked" });
    else if (mentor.level - mentee.level < f.gap) {
      out.push({ rule: "levelGap", message: `levels ${mentee.level} and ${mentor.level} are less than ${f.gap} apart` });
    }
  }
  if (f.separationLevel !== null) {
    if (f.sepUnknown) out.push({ rule: "separation", message: "an org level is unknown, so the separation rule cannot be checked" });
    else if (f.sepSame) out.push({ rule: "separation", message: `their lowest common manager is below level ${f.separationLevel} (same part of the organisation)` });
  }
  if (f.sameDeptForbidden) out.push({ rule: "sameDepartment", message: `both are in ${mentee.department}, and this cohort forbids same-department pairs` });
  if (f.maxTz !== null && f.zoneDistance > f.maxTz) {
    out.push({ rule: "timeZoneDistance", message: `their time zones are ${f.zoneDistance} h apart (limit ${f.maxTz} h)` });
  }
  if (f.longest < f.session) {
    out.push({ rule: "workingHours", message: f.longest === 0 ? "their working hours never overlap" : `their longest shared working window is ${f.longest} min; a session needs ${f.session}` });
  }
  return out;
}
