import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../src/domain/domain-error.js";
import { evaluatePair, matchCohort, prepareMatching, rematchAroundLocks, replaceMentor, swapMentors } from "../../../src/domain/matching/index.js";
import { hours, input, mentee, mentor, rules } from "../support/people.js";

describe("pairs carry their score and every reason", () => {
  it("explains a pair in words, and the points add up to the score", () => {
    const dana = mentee("dana", {
      displayName: "Dana",
      chain: ["ceo"],
      department: "Sales",
      division: "div-sales",
      location: "New York",
      languages: ["English", "Spanish"],
      topicsWanted: ["GenAI tools", "TikTok"],
      // Dana works Mondays only: 4 h a week overlap with a London mentor in mid-March (US on DST, UK not yet).
      workingHours: hours("America/New_York", "09:00", "17:00", ["monday"]),
    });
    const sam = mentor("sam", {
      chain: ["lead", "head-eng", "ceo"],
      department: "Engineering",
      division: "div-eng",
      location: "London",
      languages: ["spanish"],
      skillsOffered: ["genai tools", "Python"],
      workingHours: hours("Europe/London"),
    });
    const result = matchCohort(input([sam], [dana], { referenceWeekStart: "2025-03-10T00:00:00Z", rules: rules({ weights: { base: 1, skillMatch: 10, differentDepartment: 3, differentDivision: 2, differentLocation: 1, sharedLanguage: 2, sharedWorkingTime: 5 } }) }));
    expect(result.pairs).toHaveLength(1);
    const pair = result.pairs[0]!;
    expect(pair.reasons.map((r) => [r.term, r.points, r.text])).toEqual([
      ["base", 1, "compatible pair (baseline)"],
      ["skills", 10, "teaches GenAI tools that Dana wants to learn"],
      ["differentDepartment", 3, "different department"],
      ["differentDivision", 2, "different division"],
      ["differentLocation", 1, "different location (London and New York)"],
      ["sharedLanguage", 2, "shared language: Spanish"],
      ["sharedWorkingTime", 2, "4 h of shared working time a week"],
    ]);
    expect(pair.score).toBe(21);
    expect(pair.scoreUnits).toBe(21_000);
    expect(pair.sharedMinutesPerWeek).toBe(240);
    expect(result.stats).toMatchObject({ pairs: 1, matchedMenteeShare: 1, crossDepartmentShare: 1, averageScore: 21 });
  });

  it("reports a same-department penalty as a negative reason, floored so the pair keeps a minimal score", () => {
    const m = mentor("m", { department: "Finance" });
    const e = mentee("e", { department: "finance " });
    const penalised = matchCohort(input([m], [e], { rules: rules({ constraints: { sameDepartment: "penalise" }, weights: { sameDepartmentPenalty: 50 } }) }));
    const reasons = penalised.pairs[0]!.reasons;
    expect(reasons.at(-1)).toMatchObject({ term: "sameDepartment", text: expect.stringMatching(/penalty limited/) });
    expect(penalised.pairs[0]!.scoreUnits).toBe(1);
    expect(Math.round(reasons.reduce((s, r) => s + r.points * 1000, 0))).toBe(1);
    const forbidden = matchCohort(input([m], [e], { rules: rules({ constraints: { sameDepartment: "forbid" } }) }));
    expect(forbidden.pairs).toEqual([]);
    expect(forbidden.unmatched.find((u) => u.id === "m")!.reason).toBe("no compatible executive: 1 in your department");
  });
});

describe("hard rules", () => {
  it("never pairs anyone with a person above or below them, in either direction", () => {
    // j1 reports (indirectly) to e1; e2 reports to j2 (a data oddity, but a reporting line all the same).
    const j1 = mentor("j1", { chain: ["mgr", "e1", "ceo"], skillsOffered: ["Python"] });
    const j2 = mentor("j2", { chain: ["ceo"], skillsOffered: ["Python"] });
    const e1 = mentee("e1", { chain: ["ceo"], topicsWanted: ["Python"] });
    const e2 = mentee("e2", { chain: ["j2", "ceo"] });
    const result = matchCohort(input([j1, j2], [e1, e2]));
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([
      ["j2", "e1"],
      ["j1", "e2"],
    ]);
    const prepared = prepareMatching(input([j1, j2], [e1, e2]));
    expect(evaluatePair(prepared, { mentorId: "j1", menteeId: "e1" })!.violations).toEqual([{ rule: "reportingLine", message: "e1 is in j1's management chain" }]);
    expect(evaluatePair(prepared, { mentorId: "j2", menteeId: "e2" })!.violations).toEqual([{ rule: "reportingLine", message: "j2 is in e2's management chain" }]);
  });

  it("applies level gap, separation, time-zone distance and working-hours overlap", () => {
    const e = mentee("e", { level: 2, chain: ["div1", "ceo"], workingHours: hours("Europe/London") });
    const candidates = [
      mentor("closeLevel", { level: 3, chain: ["x", "y", "ceo"] }),
      mentor("sameDivision", { level: 5, chain: ["a", "b", "c", "div1", "ceo"] }),
      mentor("farZone", { level: 5, chain: ["a", "b", "c", "div2", "ceo"], workingHours: hours("Australia/Sydney", "00:00", "00:00") }),
      mentor("noOverlap", { level: 5, chain: ["a", "b", "c", "div2", "ceo"], workingHours: hours("Asia/Kolkata", "09:00", "13:00") }),
      mentor("fine", { level: 5, chain: ["a", "b", "c", "div2", "ceo"], workingHours: hours("Europe/Berlin") }),
    ];
    const r = rules({ constraints: { minLevelGap: 2, separationLevel: 0, maxTimeZoneDistanceHours: 6 } });
    const prepared = prepareMatching(input(candidates, [e], { rules: r }));
    const first = (id: string) => evaluatePair(prepared, { mentorId: id, menteeId: "e" })!.violations.map((v) => v.rule);
    expect(first("closeLevel")).toEqual(["levelGap"]);
    expect(first("sameDivision")).toEqual(["separation"]);
    expect(first("farZone")).toEqual(["timeZoneDistance"]);
    expect(first("noOverlap")).toEqual(["workingHours"]);
    expect(first("fine")).toEqual([]);
    const result = matchCohort(input(candidates, [e], { rules: r }));
    expect(result.pairs.map((p) => p.mentorId)).toEqual(["fine"]);
  });

  it("honours earlier pairs, admin forbids and executive vetoes", () => {
    const ms = [mentor("a"), mentor("b"), mentor("c"), mentor("d")];
    const e = mentee("e", { capacity: 4 });
    const result = matchCohort(
      input(ms, [e], {
        earlierPairs: [{ mentorId: "a", menteeId: "e" }],
        forbiddenPairs: [{ mentorId: "b", menteeId: "e" }],
        vetoes: [{ mentorId: "c", menteeId: "e" }],
      }),
    );
    expect(result.pairs.map((p) => p.mentorId)).toEqual(["d"]);
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.id, u.reason]));
    expect(reasons).toEqual({
      a: "no compatible executive: 1 you were paired with in an earlier cohort",
      b: "no compatible executive: 1 excluded by the program admin",
      c: "no compatible executive: 1 not available to you", // a mentor is never told about a veto
    });
  });
});

describe("the optimum over the whole cohort", () => {
  const r = rules({ weights: { base: 1, skillMatch: 10, sharedWorkingTime: 0, sharedLanguage: 0 } });

  it("maxScore may leave an executive out when that scores more; maxMatchedThenScore matches as many as possible first", () => {
    const x = mentor("x", { skillsOffered: ["Python", "TikTok"] });
    const y = mentor("y", { chain: ["ez"] });
    const ex = mentee("ex", { topicsWanted: ["Python", "TikTok"] });
    const ez = mentee("ez", { topicsWanted: [] });
    // maxScore: x→ex scores 21, y cannot take ez (reporting line), y→ex scores 1; x→ez scores 1.
    const best = matchCohort(input([x, y], [ex, ez], { rules: r }));
    expect(best.pairs.map((p) => `${p.mentorId}→${p.menteeId}`)).toEqual(["x→ex"]);
    const most = matchCohort(input([x, y], [ex, ez], { rules: { ...r, objective: "maxMatchedThenScore" } }));
    expect(most.pairs.map((p) => `${p.mentorId}→${p.menteeId}`)).toEqual(["y→ex", "x→ez"]);
    expect(most.stats.matchedMentees).toBe(2);
  });

  it("gives an executive with capacity 2 two mentors and says why others are left", () => {
    const ms = [mentor("a", { skillsOffered: ["Python"] }), mentor("b"), mentor("c")];
    const result = matchCohort(input(ms, [mentee("e", { capacity: 2, topicsWanted: ["Python"] })]));
    expect(result.pairs.map((p) => p.mentorId)).toEqual(["a", "b"]);
    expect(result.unmatched).toEqual([
      { id: "c", role: "mentor", code: "partnersTakenElsewhere", reason: "the one compatible executive is at capacity", compatiblePartners: 1, blockedBy: {} },
    ]);
  });

  it("says when nobody is outside someone's reporting line, and when a profile is unusable", () => {
    const boss = mentee("boss");
    const report = mentor("report", { chain: ["boss"] });
    const broken = mentor("broken", { workingHours: hours("Eastern Standard Time") });
    const result = matchCohort(input([report, broken], [boss]));
    const byId = Object.fromEntries(result.unmatched.map((u) => [u.id, u]));
    expect(byId.report).toMatchObject({ code: "noCompatiblePartner", reason: "no eligible executive outside your reporting line", blockedBy: { reportingLine: 1 } });
    expect(byId.broken).toMatchObject({ code: "invalidProfile", reason: expect.stringMatching(/not an IANA time zone/) });
    expect(byId.boss).toMatchObject({ code: "noCompatiblePartner", reason: "no eligible mentor outside your reporting line" });
  });

  it("is deterministic whatever order people arrive in", () => {
    const ms = Array.from({ length: 8 }, (_, i) => mentor(`m${i}`, { skillsOffered: i % 2 ? ["Python"] : ["TikTok"] }));
    const es = Array.from({ length: 5 }, (_, i) => mentee(`e${i}`, { topicsWanted: ["Python", "TikTok"] }));
    const a = matchCohort(input(ms, es));
    const b = matchCohort(input([...ms].reverse(), [...es].reverse()));
    expect(b).toEqual(a);
  });

  it("refuses structurally broken input with every problem named", () => {
    const twice = mentor("same");
    expect(() => matchCohort(input([twice], [mentee("same", { capacity: 0 })]))).toThrow(DomainValidationError);
    try {
      matchCohort(input([twice], [mentee("same", { capacity: 0 })]));
    } catch (e) {
      expect((e as DomainValidationError).issues.map((i) => i.path)).toEqual(["mentees[0].id", "mentees[0].capacity"]);
    }
  });
});

describe("admin locks, swaps and re-runs", () => {
  const ms = [mentor("a", { skillsOffered: ["Python"] }), mentor("b"), mentor("c", { chain: ["e2"] })];
  const es = [mentee("e1", { topicsWanted: ["Python"] }), mentee("e2")];

  it("keeps valid locks even when suboptimal, and reports the ones that break rules", () => {
    const result = matchCohort(
      input(ms, es, {
        locks: [
          { mentorId: "b", menteeId: "e1" },
          { mentorId: "c", menteeId: "e2" }, // reporting line
          { mentorId: "b", menteeId: "e2" }, // b already locked
          { mentorId: "zed", menteeId: "e2" }, // not enrolled
        ],
      }),
    );
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId, p.locked])).toEqual([
      ["b", "e1", true],
      ["a", "e2", false],
    ]);
    expect(result.rejectedLocks.map((l) => [l.mentorId, l.menteeId, l.problems.map((p) => p.rule)])).toEqual([
      ["b", "e2", ["mentorAlreadyLocked"]],
      ["c", "e2", ["reportingLine"]],
      ["zed", "e2", ["notEnrolled"]],
    ]);
  });

  it("swaps mentors after checking both new pairs, and refuses swaps that break a rule", () => {
    const cohort = input(ms, es);
    const prepared = prepareMatching(cohort);
    const result = matchCohort(cohort);
    expect(result.pairs.map((p) => `${p.mentorId}→${p.menteeId}`)).toEqual(["a→e1", "b→e2"]);
    const swapped = swapMentors(prepared, result.pairs, { mentorId: "a", menteeId: "e1" }, { mentorId: "b", menteeId: "e2" });
    expect(swapped.ok && swapped.pairs.map((p) => `${p.mentorId}→${p.menteeId}:${p.score}`)).toEqual(["b→e1:3", "a→e2:3"]);

    // A proposal c→e1, a→e2: swapping would put c with e2, who is in c's management chain.
    const proposal = [evaluatePair(prepared, { mentorId: "c", menteeId: "e1" })!.pair, evaluatePair(prepared, { mentorId: "a", menteeId: "e2" })!.pair];
    const refused = swapMentors(prepared, proposal, { mentorId: "c", menteeId: "e1" }, { mentorId: "a", menteeId: "e2" });
    expect(refused).toMatchObject({ ok: false, violations: [{ mentorId: "c", menteeId: "e2", violations: [{ rule: "reportingLine" }] }] });
    const locked = swapMentors(prepared, [{ ...result.pairs[0]!, locked: true }, result.pairs[1]!], result.pairs[0]!, result.pairs[1]!);
    expect(locked).toMatchObject({ ok: false, error: expect.stringMatching(/locked/) });
    const replaced = replaceMentor(prepared, result.pairs, { mentorId: "b", menteeId: "e2" }, "c");
    expect(replaced).toMatchObject({ ok: false, violations: [{ mentorId: "c", menteeId: "e2", violations: [{ rule: "reportingLine" }] }] });
  });

  it("re-runs the optimum around the pairs an admin keeps", () => {
    const cohort = input(ms, es);
    const rerun = rematchAroundLocks(cohort, [{ mentorId: "a", menteeId: "e2" }]);
    expect(rerun.pairs.map((p) => [p.mentorId, p.menteeId, p.locked])).toEqual([
      ["b", "e1", false],
      ["a", "e2", true],
    ]);
  });
});
