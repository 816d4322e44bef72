import { HARD_RULES, type HardRule, type MatchParticipant, type MatchingRules } from "./matching-types.js";

type Role = "mentor" | "mentee";

/** Phrases for "N possible partners were ruled out because …", from the unmatched person's point of view. */
function phrase(rule: HardRule, n: number, role: Role, rules: MatchingRules): string {
  const k = rules.constraints;
  switch (rule) {
    case "reportingLine":
      return `${n} in your reporting line`;
    case "earlierPair":
      return `${n} you were paired with in an earlier cohort`;
    case "forbidden":
      return `${n} excluded by the program admin`;
    case "veto":
      // A mentor is never told that an executive vetoed them.
      return role === "mentee" ? `${n} you vetoed` : `${n} not available to you`;
    case "levelGap":
      return role === "mentor" ? `${n} fewer than ${k.minLevelGap} levels above you` : `${n} fewer than ${k.minLevelGap} levels below you`;
    case "separation":
      return `${n} in the same part of the organisation`;
    case "sameDepartment":
      return `${n} in your department`;
    case "timeZoneDistance":
      return `${n} more than ${k.maxTimeZoneDistanceHours} h of time-zone difference away`;
    case "workingHours":
      return `${n} without ${rules.sessionMinutes} min of shared working hours`;
    case "invalidProfile":
      return `${n} with an unusable profile`;
  }
}

/** The reason text for someone with no compatible partner at all. */
export function noPartnerReason(person: MatchParticipant, role: Role, blocked: Partial<Record<HardRule, number>>, rules: MatchingRules): string {
  const other = role === "mentor" ? "executive" : "mentor";
  const levelRules = rules.constraints.minLevelGap > 0 || rules.constraints.separationLevel !== null;
  if (person.level === null && levelRules && ((blocked.levelGap ?? 0) > 0 || (blocked.separation ?? 0) > 0)) {
    return `your place in the org chart is unknown (a missing manager or a loop in the directory), so the cohort's level rules cannot be checked for you`;
  }
  const entries = HARD_RULES.map((rule) => [rule, blocked[rule] ?? 0] as const).filter(([, n]) => n > 0);
  if (entries.length === 1 && entries[0]![0] === "reportingLine") return `no eligible ${other} outside your reporting line`;
  entries.sort((a, b) => b[1] - a[1] || HARD_RULES.indexOf(a[0]) - HARD_RULES.indexOf(b[0]));
  return `no compatible ${other}: ${entries.map(([rule, n]) => phrase(rule, n, role, rules)).join(", ")}`;
}

/** The reason text for someone whose compatible partners all went elsewhere in the optimum. */
export function takenElsewhereReason(role: Role, compatible: number): string {
  if (role === "mentor") {
    return compatible === 1
      ? "the one compatible executive is at capacity"
      : `all ${compatible} compatible executives are at capacity`;
  }
  return compatible === 1
    ? "the one compatible mentor is paired with another executive, which gives the cohort a better overall result"
    : `all ${compatible} compatible mentors are paired with other executives, which gives the cohort a better overall result`;
}
