import type { CohortRole, CohortSettings, EligibilityRule } from "./cohort-settings.js";

/** What eligibility looks at; the adapters fill it from the directory (level from the hierarchy). */
export interface EligibilityPerson {
  id: string;
  /** Depth from the CEO; null when the org chart cannot place the person (missing manager, cycle). */
  level: number | null;
  jobTitle: string | null;
  department: string | null;
  /** Entra group ids the person belongs to (transitively, as the adapter resolves them). */
  groupIds: readonly string[];
  accountEnabled: boolean;
  userType: string;
  hasMailbox: boolean;
}

export interface RoleEligibility {
  eligible: boolean;
  /** Why not, in words the person can act on; empty when eligible. */
  reasons: string[];
}

/** Display names the reasons may use: Entra group names by lower-cased group id. All optional. */
export interface EligibilityNames {
  groups?: ReadonlyMap<string, string>;
}

export interface EligibilityExplanation {
  eligibleRoles: CohortRole[];
  mentor: RoleEligibility;
  mentee: RoleEligibility;
}

/**
 * Which roles a person may enrol in for a cohort, and — for each role they may not — every reason why.
 * With `names`, a group rule names the groups (otherwise it speaks of "specific groups").
 */
export function explainEligibility(person: EligibilityPerson, cohort: Pick<CohortSettings, "eligibility">, names: EligibilityNames = {}): EligibilityExplanation {
  const common = commonReasons(person);
  const mentor = [...common, ...ruleReasons(person, cohort.eligibility.mentor, "mentor", names)];
  const mentee = [...common, ...ruleReasons(person, cohort.eligibility.mentee, "mentee", names)];
  const eligibleRoles: CohortRole[] = [];
  if (mentor.length === 0) eligibleRoles.push("mentor");
  if (mentee.length === 0) eligibleRoles.push("mentee");
  return {
    eligibleRoles,
    mentor: { eligible: mentor.length === 0, reasons: mentor },
    mentee: { eligible: mentee.length === 0, reasons: mentee },
  };
}

function commonReasons(person: EligibilityPerson): string[] {
  const reasons: string[] = [];
  if (!person.accountEnabled) reasons.push("your account is disabled");
  if (person.userType.toLowerCase() === "guest") reasons.push("guest accounts cannot take part; the program is for employees");
  if (!person.hasMailbox) reasons.push("you have no Exchange mailbox, so sessions cannot be booked in your calendar");
  return reasons;
}

const roleWord: Record<CohortRole, string> = { mentor: "mentors", mentee: "executives (mentees)" };

function ruleReasons(person: EligibilityPerson, rule: EligibilityRule, role: CohortRole, names: EligibilityNames): string[] {
  const reasons: string[] = [];
  const levels = rule.levels;
  if (levels && (levels.min != null || levels.max != null)) {
    if (person.level === null) {
      reasons.push("your place in the org chart is unknown (your manager is missing or part of a loop in Entra ID); ask HR to fix it");
    } else if (levels.min != null && person.level < levels.min) {
      reasons.push(`this cohort takes ${roleWord[role]} from org level ${levels.min} down; you are at level ${person.level}`);
    } else if (levels.max != null && person.level > levels.max) {
      reasons.push(`this cohort takes ${roleWord[role]} down to org level ${levels.max}; you are at level ${person.level}`);
    }
  }
  if (rule.titlePattern != null && !titleMatches(rule.titlePattern, person.jobTitle ?? "")) {
    reasons.push(person.jobTitle ? `your job title "${person.jobTitle}" is not among the titles this cohort takes as ${roleWord[role]}` : "you have no job title in the directory, and this cohort selects by title");
  }
  if (rule.departments != null) {
    const wanted = new Set(rule.departments.map(fold));
    if (person.department === null || !wanted.has(fold(person.department))) {
      reasons.push(`this cohort takes ${roleWord[role]} from ${listWords(rule.departments)}${person.department ? `, not ${person.department}` : ""}`);
    }
  }
  if (rule.groups != null) {
    // Entra object ids are GUIDs: compare them without regard to case.
    const groups = new Set(rule.groups.map((g) => g.toLowerCase()));
    if (!person.groupIds.some((g) => groups.has(g.toLowerCase()))) reasons.push(groupReason(rule.groups, role, names));
  }
  return reasons;
}

function groupReason(groupIds: readonly string[], role: CohortRole, names: EligibilityNames): string {
  const named = groupIds.map((id) => names.groups?.get(id.toLowerCase()));
  if (named.length === 0 || named.some((n) => n === undefined)) return `this cohort takes ${roleWord[role]} from specific groups you are not in`;
  return `this cohort takes ${roleWord[role]} who are members of ${listWords((named as string[]).map((n) => `"${n}"`), "groups")}, and you are not`;
}

function titleMatches(pattern: string, title: string): boolean {
  try {
    return new RegExp(pattern, "i").test(title);
  } catch {
    // validateCohortSettings refuses such patterns; a stored one that slipped through matches nobody.
    return false;
  }
}

function fold(text: string): string {
  return text.trim().toLocaleLowerCase("en");
}

function listWords(items: readonly string[], noun = "departments"): string {
  if (items.length <= 1) return items.join("");
  if (items.length <= 4) return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
  return `${items.slice(0, 3).join(", ")} and ${items.length - 3} other ${noun}`;
}

export type EnrolmentWindowState = "notYetOpen" | "open" | "closed";

/** Where `now` falls in the enrolment window (opensAt inclusive, closesAt exclusive). */
export function enrolmentWindowState(window: { opensAtMs: number; closesAtMs: number }, nowMs: number): EnrolmentWindowState {
  if (nowMs < window.opensAtMs) return "notYetOpen";
  if (nowMs >= window.closesAtMs) return "closed";
  return "open";
}
