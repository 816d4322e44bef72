// "Why not" for group rules: the domain names the groups when it is given their names (and compares group
// ids without regard to case); the app helper looks the names up only for groups the person is not in, and
// keeps the generic wording when Graph cannot answer (the verdict never depends on names).
import { describe, expect, it } from "vitest";
import { groupNamesForReasons } from "../../src/app/cohorts/eligibility-groups.js";
import { UnavailableError } from "../../src/app/errors.js";
import type { GroupDirectory, GroupSummary } from "../../src/app/ports/groups.js";
import { explainEligibility, type EligibilityPerson } from "../../src/domain/cohort/index.js";

const GRADS = "6f1d2c3b-0000-4000-8000-000000000001";
const ERG = "6f1d2c3b-0000-4000-8000-000000000002";

const person = (groupIds: string[]): EligibilityPerson => ({ id: "p", level: 6, jobTitle: "Analyst", department: "Finance", groupIds, accountEnabled: true, userType: "Member", hasMailbox: true });
const cohort = (groups: string[]) => ({ eligibility: { mentor: { groups }, mentee: {} } });

/** A GroupDirectory whose findExisting answers from a list, or fails like Graph being down; it records what was asked. */
function directory(known: GroupSummary[] | "down"): GroupDirectory & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    memberOf: async () => [],
    search: async () => ({ items: [], continuationToken: null }),
    findExisting: async (_tenant, ids) => {
      asked.push([...ids]);
      if (known === "down") throw new UnavailableError("Microsoft Graph could not read group: 503.");
      return new Map(known.filter((g) => ids.includes(g.id)).map((g) => [g.id, g]));
    },
  };
}

describe("group reasons in the domain", () => {
  it("names the groups when their names are known, generic otherwise", () => {
    const names = { groups: new Map([[GRADS, "Graduate programme 2026"], [ERG, "Pride Network ERG"]]) };
    expect(explainEligibility(person([]), cohort([GRADS, ERG]), names).mentor.reasons).toEqual([
      'this cohort takes mentors who are members of "Graduate programme 2026" or "Pride Network ERG", and you are not',
    ]);
    expect(explainEligibility(person([]), cohort([GRADS, ERG]), { groups: new Map([[GRADS, "Graduate programme 2026"]]) }).mentor.reasons).toEqual([
      "this cohort takes mentors from specific groups you are not in",
    ]);
  });

  it("compares group ids without regard to case", () => {
    expect(explainEligibility(person([GRADS.toUpperCase()]), cohort([GRADS])).mentor.eligible).toBe(true);
  });
});

describe("groupNamesForReasons", () => {
  it("looks up only the groups the person is not in, keyed by lower-cased id", async () => {
    const groups = directory([{ id: ERG, displayName: "Pride Network ERG", description: null }]);
    const names = await groupNamesForReasons(groups, "t", [cohort([GRADS, ERG])], [GRADS.toUpperCase()]);
    expect(groups.asked).toEqual([[ERG]]);
    expect(names.groups).toEqual(new Map([[ERG, "Pride Network ERG"]]));
    const none = directory([]);
    expect(await groupNamesForReasons(none, "t", [cohort([GRADS])], [GRADS])).toEqual({});
    expect(none.asked).toEqual([]);
  });

  it("keeps generic reasons when Graph cannot answer, but lets other failures through", async () => {
    expect(await groupNamesForReasons(directory("down"), "t", [cohort([GRADS])], [])).toEqual({});
    const broken: GroupDirectory = { ...directory([]), findExisting: async () => Promise.reject(new TypeError("bug")) };
    await expect(groupNamesForReasons(broken, "t", [cohort([GRADS])], [])).rejects.toBeInstanceOf(TypeError);
  });
});
