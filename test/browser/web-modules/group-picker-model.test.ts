// The cohort editor's group picker without a browser: which ids it still has to name, what a tag shows
// (name, or "Group not found" for a deleted group), what it offers, the group page decoder and the URLs.
import { describe, expect, it } from "vitest";
import { decodeGroupPage } from "../../../src/web/api/admin-decoders.js";
import { adminEndpoints } from "../../../src/web/api/endpoints.js";
import { cohortInput, emptyCohortForm } from "../../../src/web/areas/admin/cohort-form.js";
import { MAX_IDS_PER_LOOKUP, groupTag, pickableGroups, searchStatus, unresolvedGroupIds, withGroups } from "../../../src/web/areas/admin/group-picker-model.js";

const FINANCE = { id: "11111111-1111-4111-8111-111111111111", displayName: "Finance", description: "Everyone in Finance" };
const GRADUATES = { id: "22222222-2222-4222-8222-222222222222", displayName: "Graduate programme 2026", description: null };
const GONE = "33333333-3333-4333-8333-333333333333";

describe("group picker model", () => {
  it("asks for each unknown id once, at most one lookup's worth", () => {
    const known = withGroups(new Map(), [FINANCE]);
    expect(unresolvedGroupIds([FINANCE.id, GONE, GONE], known)).toEqual([GONE]);
    const afterLookup = withGroups(known, [], [GONE]);
    expect(unresolvedGroupIds([FINANCE.id, GONE], afterLookup)).toEqual([]);
    const many = Array.from({ length: 60 }, (_, i) => `id-${i}`);
    expect(unresolvedGroupIds(many, new Map())).toHaveLength(MAX_IDS_PER_LOOKUP);
  });

  it("marks ids the lookup did not return as missing, never a known group", () => {
    const known = withGroups(withGroups(new Map(), [FINANCE]), [GRADUATES], [FINANCE.id, GRADUATES.id, GONE]);
    expect(known.get(FINANCE.id)).toEqual(FINANCE);
    expect(known.get(GRADUATES.id)).toEqual(GRADUATES);
    expect(known.get(GONE)).toBeNull();
  });

  it("shows a chosen group by name, a deleted one as not found with its id, an unresolved one as its id", () => {
    const known = withGroups(new Map(), [FINANCE], [GONE]);
    expect(groupTag(FINANCE.id, known)).toEqual({ text: "Finance", secondary: null });
    expect(groupTag(GONE, known)).toEqual({ text: "Group not found", secondary: GONE });
    expect(groupTag(GRADUATES.id, known)).toEqual({ text: GRADUATES.id, secondary: null });
  });

  it("offers only the groups not chosen yet", () => {
    expect(pickableGroups([FINANCE, GRADUATES], [FINANCE.id])).toEqual([GRADUATES]);
    expect(pickableGroups([FINANCE], [FINANCE.id])).toEqual([]);
  });

  it("says what the list holds when there is nothing to pick", () => {
    expect(searchStatus({ state: "loading" }, "fin", 0)).toBe("Searching…");
    expect(searchStatus({ state: "failed", message: "Network down" }, "fin", 0)).toBe("Could not search the groups: Network down");
    expect(searchStatus({ state: "done", items: [FINANCE] }, "fin", 1)).toBeNull();
    expect(searchStatus({ state: "done", items: [FINANCE] }, "fin", 0)).toBe("Every group found is already chosen");
    expect(searchStatus({ state: "done", items: [] }, " zzz ", 0)).toBe('No group has a word starting with "zzz"');
    expect(searchStatus({ state: "done", items: [] }, "", 0)).toBe("Your organisation has no groups");
  });

  it("sends the chosen ids in order, and no groups as null", () => {
    const form = emptyCohortForm();
    form.mentee = { ...form.mentee, groups: [GRADUATES.id, FINANCE.id] };
    const body = cohortInput(form) as { eligibility: { mentor: { groups: unknown }; mentee: { groups: unknown } } };
    expect(body.eligibility.mentee.groups).toEqual([GRADUATES.id, FINANCE.id]);
    expect(body.eligibility.mentor.groups).toBeNull();
  });
});

describe("group API", () => {
  it("decodes a page of groups and refuses a malformed one", () => {
    expect(decodeGroupPage({ items: [FINANCE, GRADUATES], continuationToken: null })).toEqual({ items: [FINANCE, GRADUATES], continuationToken: null });
    expect(() => decodeGroupPage({ items: [{ id: FINANCE.id }], continuationToken: null })).toThrow(/displayName/);
  });

  it("builds the search and lookup URLs with the query encoded", () => {
    expect(adminEndpoints.searchGroups("R&D team", 10)).toBe("/api/admin/groups?search=R%26D%20team&limit=10");
    expect(adminEndpoints.groupsByIds([FINANCE.id, GONE])).toBe(`/api/admin/groups?ids=${FINANCE.id},${GONE}`);
  });
});
