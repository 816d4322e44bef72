import type { MatchingRules, MenteeCandidate, MentorCandidate, PairReason } from "./matching-types.js";

/** Weights in integer units (points × 1000), as the scorer uses them. */
export interface WeightUnits {
  base: number;
  skill: number;
  dept: number;
  div: number;
  loc: number;
  lang: number;
  diversity: number;
  time: number;
  /** 0 unless the same-department policy is "penalise". */
  penalty: number;
}

export interface ExplainInput {
  mentor: MentorCandidate;
  mentee: MenteeCandidate;
  rules: MatchingRules;
  weights: WeightUnits;
  weeklyMinutes: number;
  /** The score the optimiser used (already floored at 1 unit). */
  scoreUnits: number;
  sameDepartment: boolean;
}

const SCALE = 1000;
const FULL_TIME_MINUTES = 600;

function fold(text: string | null | undefined): string {
  return (text ?? "").trim().toLocaleLowerCase("en");
}

function points(unitsValue: number): number {
  return unitsValue / SCALE;
}

/** "Power BI", "Power BI and GenAI tools", "Power BI, GenAI tools and Copilot". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "45 min", "4 h", "4.5 h". */
export function hoursText(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const halfHours = Math.round(minutes / 30) / 2;
  return `${Number.isInteger(halfHours) ? halfHours : halfHours.toFixed(1)} h`;
}

/** Shared labels in the order of `first`, compared case-insensitively, without repeats. */
function sharedLabels(first: readonly string[], second: readonly string[]): string[] {
  const other = new Set(second.map(fold).filter((t) => t !== ""));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const label of first) {
    const key = fold(label);
    if (key === "" || !other.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(label.trim());
  }
  return out;
}

/**
 * Every soft term that contributed to a compatible pair's score, in words. The points of the reasons
 * add up to the pair's score exactly (the tests hold the scorer to that).
 */
export function explainPair(x: ExplainInput): PairReason[] {
  const { mentor, mentee, weights: w } = x;
  const reasons: PairReason[] = [];
  const push = (term: PairReason["term"], unitsValue: number, text: string) => {
    if (unitsValue !== 0) reasons.push({ term, points: points(unitsValue), text });
  };
  push("base", w.base, "compatible pair (baseline)");

  const topics = sharedLabels(mentee.topicsWanted, mentor.skillsOffered);
  if (topics.length > 0) push("skills", topics.length * w.skill, `teaches ${listText(topics)} that ${mentee.displayName} wants to learn`);

  const dm = fold(mentor.department);
  const de = fold(mentee.department);
  if (dm !== "" && de !== "" && dm !== de) push("differentDepartment", w.dept, "different department");
  if (fold(mentor.division) !== "" && fold(mentee.division) !== "" && fold(mentor.division) !== fold(mentee.division)) {
    push("differentDivision", w.div, "different division");
  }
  if (fold(mentor.location) !== "" && fold(mentee.location) !== "" && fold(mentor.location) !== fold(mentee.location)) {
    push("differentLocation", w.loc, `different location (${mentor.location!.trim()} and ${mentee.location!.trim()})`);
  }
  const languages = sharedLabels(mentee.languages, mentor.languages);
  if (languages.length > 0) push("sharedLanguage", w.lang, `shared language: ${listText(languages)}`);

  for (const attribute of x.rules.diversityAttributes) {
    const a = fold(mentor.diversity?.[attribute]);
    const b = fold(mentee.diversity?.[attribute]);
    if (a !== "" && b !== "" && a !== b) push("diversity", w.diversity, `different ${attribute}`);
  }
  const timeUnits = Math.floor((w.time * Math.min(x.weeklyMinutes, FULL_TIME_MINUTES)) / FULL_TIME_MINUTES);
  if (x.weeklyMinutes > 0) push("sharedWorkingTime", timeUnits, `${hoursText(x.weeklyMinutes)} of shared working time a week`);

  if (x.sameDepartment && w.penalty > 0) {
    const before = reasons.reduce((sum, r) => sum + Math.round(r.points * SCALE), 0);
    // The score is floored at one unit; report the penalty as it actually applied.
    const applied = Math.min(w.penalty, before - x.scoreUnits);
    const text = applied < w.penalty ? `same department (${mentee.department!.trim()}): penalty limited to keep a minimal score` : `same department (${mentee.department!.trim()}): penalised`;
    push("sameDepartment", -applied, text);
  }
  return reasons;
}
