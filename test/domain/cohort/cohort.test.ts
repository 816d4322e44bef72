import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  canTransition,
  enrolmentWindowState,
  explainEligibility,
  transitionCohort,
  validateCohortSettings,
  withCohortDefaults,
  type CohortSettings,
  type EligibilityPerson,
} from "../../../src/domain/cohort/index.js";
import { matchingRulesOf } from "../../../src/domain/matching/index.js";

const cohort = (over: Partial<CohortSettings> = {}): CohortSettings => ({
  ...withCohortDefaults({ name: "Spring 2025", enrolment: { opensAt: "2025-03-01T00:00:00Z", closesAt: "2025-03-21T00:00:00Z" } }),
  ...over,
});

const employee = (over: Partial<EligibilityPerson> = {}): EligibilityPerson => ({
  id: "u1",
  level: 5,
  jobTitle: "Software Engineer",
  department: "Engineering",
  groupIds: ["g-early-careers"],
  accountEnabled: true,
  userType: "Member",
  hasMailbox: true,
  ...over,
});

describe("cohort settings validation", () => {
  it("accepts the defaults", () => {
    expect(validateCohortSettings(cohort())).toEqual([]);
  });

  it("names every invalid field", () => {
    const bad = cohort({
      name: " ",
      enrolment: { opensAt: "2025-03-21T00:00:00Z", closesAt: "2025-03-01T00:00:00Z" },
      cadence: { everyWeeks: 0, sessionMinutes: 33, sessions: 6 },
      eligibility: { mentor: { levels: { min: 6, max: 4 }, titlePattern: "([" }, mentee: { departments: [] } },
      constraints: { minLevelGap: -1, separationLevel: 1.5, sameDepartment: "maybe" as never, maxTimeZoneDistanceHours: 13 },
      weights: { ...cohort().weights, skillMatch: -1, base: 0, differentLocation: 1.2345 },
      menteeCapacity: 0,
      organiserMode: "programMailbox",
      programMailbox: null,
      objective: "best" as never,
    });
    const paths = validateCohortSettings(bad).map((i) => i.path);
    expect(paths.sort()).toEqual(
      [
        "name",
        "enrolment.closesAt",
        "cadence.everyWeeks",
        "cadence.sessionMinutes",
        "eligibility.mentor.levels",
        "eligibility.mentor.titlePattern",
        "eligibility.mentee.departments",
        "constraints.minLevelGap",
        "constraints.separationLevel",
        "constraints.sameDepartment",
        "constraints.maxTimeZoneDistanceHours",
        "weights.skillMatch",
        "weights.differentLocation",
        "weights.base",
        "menteeCapacity",
        "programMailbox",
        "objective",
      ].sort(),
    );
  });

  it("refuses an enrolment window given as wall-clock time without an offset", () => {
    const issues = validateCohortSettings(cohort({ enrolment: { opensAt: "2025-03-01T09:00", closesAt: "2025-03-21T00:00:00Z" } }));
    expect(issues).toEqual([expect.objectContaining({ path: "enrolment.opensAt", message: expect.stringMatching(/offset/) })]);
  });

  it("gives the matcher its rules", () => {
    const rules = matchingRulesOf(cohort({ menteeCapacity: 2, diversityAttributes: ["generation"] }));
    expect(rules).toMatchObject({ defaultCapacity: 2, sessionMinutes: 30, objective: "maxScore", diversityAttributes: ["generation"] });
  });
});

describe("eligibility with reasons", () => {
  const rules = cohort({
    eligibility: {
      mentor: { levels: { min: 4 }, titlePattern: "engineer|analyst", groups: ["g-early-careers"] },
      mentee: { levels: { max: 2 }, departments: ["Sales", "Finance"] },
    },
  }).eligibility;

  it("lets an early-career engineer enrol as a mentor only, and says why not as a mentee", () => {
    const e = explainEligibility(employee(), { eligibility: rules });
    expect(e.eligibleRoles).toEqual(["mentor"]);
    expect(e.mentee.reasons).toEqual([
      "this cohort takes executives (mentees) down to org level 2; you are at level 5",
      "this cohort takes executives (mentees) from Sales or Finance, not Engineering",
    ]);
  });

  it("explains title, group and unknown-level problems", () => {
    const e = explainEligibility(employee({ jobTitle: "Designer", groupIds: [], level: null }), { eligibility: rules });
    expect(e.mentor.reasons).toEqual([
      expect.stringMatching(/place in the org chart is unknown/),
      'your job title "Designer" is not among the titles this cohort takes as mentors',
      "this cohort takes mentors from specific groups you are not in",
    ]);
  });

  it("keeps out disabled accounts, guests and people without a mailbox", () => {
    const e = explainEligibility(employee({ accountEnabled: false, userType: "Guest", hasMailbox: false, level: 1, department: "Sales" }), { eligibility: rules });
    expect(e.eligibleRoles).toEqual([]);
    expect(e.mentee.reasons).toHaveLength(3);
  });

  it("knows where now falls in the enrolment window", () => {
    const w = { opensAtMs: 1000, closesAtMs: 2000 };
    expect([999, 1000, 1999, 2000].map((t) => enrolmentWindowState(w, t))).toEqual(["notYetOpen", "open", "open", "closed"]);
  });
});

describe("cohort lifecycle", () => {
  it("walks draft → enrolling → matching → published → scheduled → closed", () => {
    let state = "draft" as Parameters<typeof transitionCohort>[0];
    for (const to of ["enrolling", "matching", "published", "scheduled", "closed"] as const) {
      const r = transitionCohort(state, to);
      expect(r).toEqual({ ok: true, state: to });
      if (r.ok) state = r.state;
    }
  });

  it("refuses skipping ahead, going back after publishing, and anything after closing", () => {
    expect(transitionCohort("draft", "published")).toEqual({ ok: false, error: "a cohort cannot move from draft to published: from draft it can move to enrolling, closed" });
    expect(canTransition("published", "matching")).toBe(false);
    expect(canTransition("matching", "enrolling")).toBe(true);
    expect(allowedTransitions("closed")).toEqual([]);
    expect(transitionCohort("closed", "draft")).toMatchObject({ ok: false, error: expect.stringMatching(/closed cohort cannot change/) });
  });
});
