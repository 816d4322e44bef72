import fc from "fast-check";
import type { MatchingInput, MenteeCandidate, MentorCandidate, PairRef } from "../../../src/domain/matching/index.js";
import { REFERENCE_WEEK, hours, rules } from "./people.js";

// Weighted towards compatible pairs so the optimum is contested, with every rare case still present.
const ZONES = ["America/New_York", "America/New_York", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Sydney", "Pacific/Honolulu"];
const HOUR_PATTERNS: Array<[string, string]> = [["09:00", "17:00"], ["09:00", "17:00"], ["09:00", "17:00"], ["08:00", "12:00"], ["13:00", "21:00"], ["22:00", "06:00"]];
const TOPICS = ["GenAI tools", "Power BI", "TikTok", "Python", "Accessibility"];
const LANGUAGES = ["English", "Spanish", "Hindi"];

// A small management tree: m0 is the CEO; m1, m2 head divisions; m3–m6 sit at level 2; m7, m8 at level 3.
const MANAGER_OF: Record<string, string> = { m1: "m0", m2: "m0", m3: "m1", m4: "m1", m5: "m2", m6: "m2", m7: "m3", m8: "m5" };
function chainAbove(manager: string): string[] {
  const chain = [manager];
  for (let m = MANAGER_OF[manager]; m !== undefined; m = MANAGER_OF[m]) chain.push(m);
  return chain;
}

const personFeatures = (managers: readonly string[], dense: boolean) => fc.record({
  manager: fc.constantFrom(...managers),
  levelKnown: fc.integer({ min: 0, max: 14 }).map((n) => n > 0),
  department: fc.constantFrom("Sales", "Finance", "Engineering", null),
  division: fc.constantFrom("d1", "d2", null),
  location: fc.constantFrom("London", "Seattle", null),
  zone: dense ? fc.constantFrom("America/New_York", "Europe/London") : fc.constantFrom(...ZONES),
  hours: dense ? fc.constant<[string, string]>(["09:00", "17:00"]) : fc.constantFrom(...HOUR_PATTERNS),
  languages: fc.subarray(LANGUAGES),
  topics: fc.subarray(TOPICS),
  generation: fc.constantFrom("Gen Z", "Gen X", null),
  capacity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 3 }),
});

export interface RandomCohortOptions {
  maxMentors: number;
  maxMentees: number;
  withLocks?: boolean;
  /** Mostly compatible pairs (two close zones, common hours), so the optimum is heavily contested. */
  dense?: boolean;
}

/** Small random cohorts covering every hard rule and soft term (chains cross both ways on purpose). */
export function randomCohort(opts: RandomCohortOptions): fc.Arbitrary<MatchingInput> {
  return fc
    .record({
      // Mentors mostly sit lower than executives (as in real cohorts), with overlap so level rules still bite.
      mentors: fc.array(personFeatures(["m3", "m4", "m5", "m6", "m7", "m8", "m7", "m8"], opts.dense === true), { maxLength: opts.maxMentors }),
      mentees: fc.array(personFeatures(["m0", "m1", "m2", "m3", "m5"], opts.dense === true), { minLength: 1, maxLength: opts.maxMentees }),
      links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 3 }),
      lists: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom("earlier", "forbidden", "veto", "lock", "lock")), { maxLength: 4 }),
      minLevelGap: fc.constantFrom(0, 0, 0, 1, 2),
      separationLevel: fc.constantFrom(null, null, null, 0, 1, 2),
      sameDepartment: fc.constantFrom("forbid" as const, "penalise" as const, "allow" as const),
      maxTz: fc.constantFrom(null, null, null, 3, 8),
      sessionMinutes: fc.constantFrom(30, 30, 60, 120),
      objective: fc.constantFrom("maxScore" as const, "maxMatchedThenScore" as const),
      weights: fc.record({
        base: fc.constantFrom(0.001, 0.5, 1, 2),
        skillMatch: fc.integer({ min: 0, max: 20 }),
        differentDepartment: fc.integer({ min: 0, max: 5 }),
        differentDivision: fc.integer({ min: 0, max: 5 }),
        differentLocation: fc.integer({ min: 0, max: 5 }),
        sharedLanguage: fc.integer({ min: 0, max: 5 }),
        diversity: fc.integer({ min: 0, max: 5 }),
        sharedWorkingTime: fc.constantFrom(0, 1.5, 4),
        sameDepartmentPenalty: fc.constantFrom(0, 3, 50),
      }),
      defaultCapacity: fc.integer({ min: 1, max: 2 }),
    })
    .map((r) => {
      const mentorIds = r.mentors.map((_, i) => `j${i}`);
      const menteeIds = r.mentees.map((_, i) => `e${i}`);
      const mentors: MentorCandidate[] = r.mentors.map((f, i) => ({
        id: mentorIds[i]!,
        displayName: `Mentor ${i}`,
        chain: chainAbove(f.manager),
        level: f.levelKnown ? chainAbove(f.manager).length : null,
        department: f.department,
        division: f.division,
        location: f.location,
        workingHours: hours(f.zone, f.hours[0], f.hours[1]),
        languages: f.languages,
        diversity: { generation: f.generation },
        skillsOffered: f.topics,
      }));
      const mentees: MenteeCandidate[] = r.mentees.map((f, i) => {
        const m: MenteeCandidate = {
          id: menteeIds[i]!,
          displayName: `Exec ${i}`,
          chain: chainAbove(f.manager),
          level: f.levelKnown ? chainAbove(f.manager).length : null,
          department: f.department,
          division: f.division,
          location: f.location,
          workingHours: hours(f.zone, f.hours[0], f.hours[1]),
          languages: f.languages,
          diversity: { generation: f.generation },
          topicsWanted: f.topics,
        };
        if (f.capacity !== undefined) m.capacity = f.capacity;
        return m;
      });
      // Extra reporting lines in both directions: a mentee above a mentor, or (odd but possible) a mentor above a mentee.
      for (const [a, b, menteeAbove] of r.links) {
        if (mentors.length === 0) break;
        const j = mentors[a % mentors.length]!;
        const e = mentees[b % mentees.length]!;
        if (menteeAbove) (j.chain as string[]).unshift(e.id);
        else (e.chain as string[]).unshift(j.id);
      }
      const lists: Record<string, PairRef[]> = { earlier: [], forbidden: [], veto: [], lock: [] };
      for (const [a, b, kind] of r.lists) {
        if (mentors.length === 0) break;
        lists[kind]!.push({ mentorId: mentorIds[a % mentorIds.length]!, menteeId: menteeIds[b % menteeIds.length]! });
      }
      const cohort: MatchingInput = {
        mentors,
        mentees,
        rules: rules({
          constraints: { minLevelGap: r.minLevelGap, separationLevel: r.separationLevel, sameDepartment: r.sameDepartment, maxTimeZoneDistanceHours: r.maxTz },
          weights: r.weights,
          objective: r.objective,
          defaultCapacity: r.defaultCapacity,
          sessionMinutes: r.sessionMinutes,
          diversityAttributes: ["generation"],
        }),
        referenceWeekStart: REFERENCE_WEEK,
        earlierPairs: lists.earlier,
        forbiddenPairs: lists.forbidden,
        vetoes: lists.veto,
      };
      if (opts.withLocks) cohort.locks = lists.lock;
      return cohort;
    });
}

/** Deterministic shuffle (for "input order does not matter"). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const k = s % (i + 1);
    [out[i], out[k]] = [out[k]!, out[i]!];
  }
  return out;
}
