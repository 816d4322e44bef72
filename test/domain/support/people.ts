import { DEFAULT_WEIGHTS, type MatchingConstraints, type MatchingWeights } from "../../../src/domain/cohort/index.js";
import type { MatchingInput, MatchingRules, MenteeCandidate, MentorCandidate } from "../../../src/domain/matching/index.js";
import type { WorkingHours } from "../../../src/domain/time/index.js";

export const WEEKDAYS_MON_FRI = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

export function hours(timeZone: string, startTime = "09:00", endTime = "17:00", days: WorkingHours["daysOfWeek"] = WEEKDAYS_MON_FRI): WorkingHours {
  return { daysOfWeek: [...days], startTime, endTime, timeZone };
}

type Base = Omit<MentorCandidate, "skillsOffered">;

function base(id: string, over: Partial<Base>): Base {
  return {
    id,
    displayName: over.displayName ?? id,
    chain: [],
    level: 3,
    department: null,
    division: null,
    location: null,
    workingHours: hours("America/New_York"),
    languages: [],
    ...over,
  };
}

export function mentor(id: string, over: Partial<MentorCandidate> = {}): MentorCandidate {
  return { ...base(id, { level: 5, ...over }), skillsOffered: over.skillsOffered ?? [] };
}

export function mentee(id: string, over: Partial<MenteeCandidate> = {}): MenteeCandidate {
  const m: MenteeCandidate = { ...base(id, { level: 1, ...over }), topicsWanted: over.topicsWanted ?? [] };
  if (over.capacity !== undefined) m.capacity = over.capacity;
  return m;
}

export function rules(over: { constraints?: Partial<MatchingConstraints>; weights?: Partial<MatchingWeights> } & Partial<Omit<MatchingRules, "constraints" | "weights">> = {}): MatchingRules {
  return {
    constraints: { minLevelGap: 0, separationLevel: null, sameDepartment: "allow", maxTimeZoneDistanceHours: null, ...over.constraints },
    weights: { ...DEFAULT_WEIGHTS, ...over.weights },
    objective: over.objective ?? "maxScore",
    defaultCapacity: over.defaultCapacity ?? 1,
    sessionMinutes: over.sessionMinutes ?? 30,
    diversityAttributes: over.diversityAttributes ?? [],
  };
}

/** A Monday 00:00 UTC in March 2025 — before the US (Mar 9) and EU (Mar 30) DST changes. */
export const REFERENCE_WEEK = "2025-03-03T00:00:00Z";

export function input(mentors: MentorCandidate[], mentees: MenteeCandidate[], over: Partial<MatchingInput> = {}): MatchingInput {
  return { mentors, mentees, rules: rules(), referenceWeekStart: REFERENCE_WEEK, ...over };
}
