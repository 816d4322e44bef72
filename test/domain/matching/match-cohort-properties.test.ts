import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildHierarchy, type DirectoryEntry } from "../../../src/domain/hierarchy/index.js";
import { evaluatePair, matchCohort, prepareMatching, type MatchingInput, type MenteeCandidate, type MentorCandidate, type PairRef } from "../../../src/domain/matching/index.js";
import { hours, mentee, mentor, REFERENCE_WEEK, rules } from "../support/people.js";
import { shuffled } from "../support/random-cohort.js";

const ZONES = ["America/New_York", "Europe/London", "Asia/Kolkata"];

/**
 * A random org (each person's manager is an earlier person, with some missing managers and a cycle),
 * run through the real hierarchy builder; executives are drawn from the upper half by depth, mentors from
 * the rest, so many candidate pairs share a reporting line.
 */
const orgCohort = fc
  .record({
    size: fc.integer({ min: 8, max: 60 }),
    managers: fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
    broken: fc.array(fc.nat({ max: 59 }), { maxLength: 3 }),
    withCycle: fc.boolean(),
    pickMentee: fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
    attrs: fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 3 }), fc.subarray(["Python", "TikTok", "GenAI"])), { minLength: 60, maxLength: 60 }),
    capacity: fc.integer({ min: 1, max: 3 }),
    lockPicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    vetoPicks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
    objective: fc.constantFrom("maxScore" as const, "maxMatchedThenScore" as const),
    gap: fc.constantFrom(0, 1),
  })
  .map((r) => {
    const people: DirectoryEntry[] = Array.from({ length: r.size }, (_, i) => ({
      id: `p${String(i).padStart(2, "0")}`,
      managerId: i === 0 ? null : `p${String(r.managers[i]! % i).padStart(2, "0")}`,
      accountEnabled: true,
      userType: "Member",
      hasMailbox: true,
    }));
    for (const b of r.broken) if (b > 0 && b < people.length) people[b]!.managerId = b % 2 ? null : "ghost";
    if (r.withCycle && people.length > 5) {
      people[people.length - 1]!.managerId = people[people.length - 2]!.id;
      people[people.length - 2]!.managerId = people[people.length - 1]!.id;
    }
    const h = buildHierarchy(people);
    const mentees: MenteeCandidate[] = [];
    const mentors: MentorCandidate[] = [];
    for (const [i, p] of people.entries()) {
      const pos = h.position(p.id)!;
      const [zone, dept, topics] = r.attrs[i]!;
      const base = { chain: pos.chain, level: pos.level, division: pos.division, department: `d${dept}`, workingHours: hours(ZONES[zone]!) };
      const upper = pos.chain.length <= 2;
      if (upper && r.pickMentee[i]) mentees.push(mentee(p.id, { ...base, topicsWanted: topics }));
      else if (!upper) mentors.push(mentor(p.id, { ...base, skillsOffered: topics }));
    }
    const pick = (picks: [number, number][]): PairRef[] =>
      mentors.length === 0 || mentees.length === 0 ? [] : picks.map(([a, b]) => ({ mentorId: mentors[a % mentors.length]!.id, menteeId: mentees[b % mentees.length]!.id }));
    const cohort: MatchingInput = {
      mentors,
      mentees,
      rules: rules({ objective: r.objective, defaultCapacity: r.capacity, constraints: { minLevelGap: r.gap } }),
      referenceWeekStart: REFERENCE_WEEK,
      locks: pick(r.lockPicks),
      vetoes: pick(r.vetoPicks),
    };
    return { cohort, hierarchy: h };
  });

describe("matching on random orgs (with bad data) keeps every promise", () => {
  it("no pair inside one reporting chain, capacity never exceeded, locks honoured or reported, everyone accounted for", () => {
    fc.assert(
      fc.property(orgCohort, ({ cohort, hierarchy }) => {
        const result = matchCohort(cohort);
        const prepared = prepareMatching(cohort);
        const perMentee = new Map<string, number>();
        const seenMentors = new Set<string>();
        for (const p of result.pairs) {
          expect(hierarchy.inSameChain(p.mentorId, p.menteeId)).toBe(false);
          expect(evaluatePair(prepared, p)!.violations).toEqual([]);
          expect(seenMentors.has(p.mentorId)).toBe(false);
          seenMentors.add(p.mentorId);
          perMentee.set(p.menteeId, (perMentee.get(p.menteeId) ?? 0) + 1);
        }
        for (const [id, n] of perMentee) expect(n).toBeLessThanOrEqual(cohort.mentees.find((m) => m.id === id)!.capacity ?? cohort.rules.defaultCapacity);
        // Every lock is either kept (as a locked pair) or reported with its problems.
        for (const lock of cohort.locks ?? []) {
          const kept = result.pairs.some((p) => p.locked && p.mentorId === lock.mentorId && p.menteeId === lock.menteeId);
          const rejected = result.rejectedLocks.some((l) => l.mentorId === lock.mentorId && l.menteeId === lock.menteeId && l.problems.length > 0);
          expect(kept || rejected).toBe(true);
        }
        for (const v of cohort.vetoes ?? []) expect(result.pairs.some((p) => p.mentorId === v.mentorId && p.menteeId === v.menteeId)).toBe(false);
        // Everyone is either paired or has a reason.
        const paired = new Set(result.pairs.flatMap((p) => [p.mentorId, p.menteeId]));
        const unmatched = new Set(result.unmatched.map((u) => u.id));
        for (const person of [...cohort.mentors, ...cohort.mentees]) expect(paired.has(person.id) !== unmatched.has(person.id)).toBe(true);
        for (const u of result.unmatched) expect(u.reason.length).toBeGreaterThan(10);
      }),
      { numRuns: 150, seed: 31 },
    );
  });

  it("equal inputs give equal output, whatever the order of mentors, executives and locks", () => {
    fc.assert(
      fc.property(orgCohort, fc.integer(), ({ cohort }, seed) => {
        const a = matchCohort(cohort);
        const b = matchCohort({ ...cohort, mentors: shuffled(cohort.mentors, seed), mentees: shuffled(cohort.mentees, seed + 1), locks: shuffled(cohort.locks ?? [], seed + 2) });
        expect(b).toEqual(a);
      }),
      { numRuns: 80, seed: 32 },
    );
  });
});
