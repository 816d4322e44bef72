// The proposal's statistics after edits, and the reference week a run compares working hours in.
import { describe, expect, it } from "vitest";
import { proposalStats } from "../../src/app/matching/proposal-stats.js";
import { nextWeekStart } from "../../src/app/matching/run-matching.js";

const person = (id: string, department: string | null) => ({ id, displayName: id, jobTitle: null, department, timeZone: null, mail: null });

describe("proposalStats", () => {
  it("counts matched people once, shares over enrolled people, cross-department only where both departments are known", () => {
    const stats = proposalStats({
      mentors: 4,
      mentees: 3,
      pairs: [
        { mentor: person("j1", "Sales"), mentee: person("e1", " sales "), score: 10.5, locked: true },
        { mentor: person("j2", "IT"), mentee: person("e1", "Sales"), score: 3.25, locked: false },
        { mentor: person("j3", null), mentee: person("e2", "Legal"), score: 1.001, locked: false },
      ],
      objective: "maxScore",
      feasibleEdges: 9,
      candidateEdges: 7,
    });
    expect(stats).toEqual({
      mentors: 4,
      mentees: 3,
      pairs: 3,
      lockedPairs: 1,
      matchedMentees: 2,
      matchedMenteeShare: 2 / 3,
      matchedMentorShare: 3 / 4,
      crossDepartmentShare: 1 / 3,
      averageScore: 14.751 / 3,
      totalScore: 14.751,
      totalScoreUnits: 14751,
      feasibleEdges: 9,
      candidateEdges: 7,
      objective: "maxScore",
    });
  });

  it("is all zeros, not NaN, for an empty proposal", () => {
    const stats = proposalStats({ mentors: 0, mentees: 0, pairs: [], objective: "maxMatchedThenScore", feasibleEdges: 0, candidateEdges: 0 });
    expect([stats.matchedMenteeShare, stats.matchedMentorShare, stats.crossDepartmentShare, stats.averageScore]).toEqual([0, 0, 0, 0]);
  });
});

describe("nextWeekStart", () => {
  it("is Monday 00:00 UTC of the following week, from any day of the week", () => {
    expect(nextWeekStart(Date.parse("2030-03-06T15:20:00Z"))).toBe("2030-03-11T00:00:00.000Z"); // a Wednesday
    expect(nextWeekStart(Date.parse("2030-03-10T23:59:59Z"))).toBe("2030-03-11T00:00:00.000Z"); // Sunday night
    expect(nextWeekStart(Date.parse("2030-03-11T00:00:00Z"))).toBe("2030-03-18T00:00:00.000Z"); // Monday midnight
  });
});
