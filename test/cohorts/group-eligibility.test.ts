// Eligibility by Entra group, end to end over real HTTP: the app against the dev tenant's generated groups
// (Graph's checkMemberGroups over HTTPS, transitive through nested groups) and the embedded Cosmos DB.
// Enrolment windows are relative to the real clock (the dev tenant's tokens are checked against it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphGroups } from "../../src/adapters/graph/graph-groups.js";
import { UnavailableError, ValidationError } from "../../src/app/errors.js";
import { EARLY_CAREERS, GRADUATE_PROGRAMME } from "../../src/devtenant/groups/generate-groups.js";
import type { DevGroup, DevPerson } from "../../src/devtenant/index.js";
import { startTestApp, type ApiResponse, type TestApp } from "../helpers/test-app.js";

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
interface CohortView {
  id: string;
  etag: string;
  settings: { eligibility: { mentor: { groups?: string[] | null } } };
}
interface OpenCohort {
  id: string;
  eligibility: { mentor: { eligible: boolean; reasons: string[] }; mentee: { eligible: boolean; reasons: string[] } };
}
interface GroupPage {
  items: Array<{ id: string; displayName: string; description: string | null }>;
  continuationToken: string | null;
}

const DAY = 86_400_000;
const UNKNOWN_GROUP = "00000000-0000-4000-8000-00000000dead";
let t: TestApp;
let admin: string;
let graduate: DevPerson;
let outsider: DevPerson;
let groups: readonly DevGroup[];

const named = (name: string): DevGroup => groups.find((g) => g.displayName === name) as DevGroup;
const canTakePart = (p: DevPerson): boolean => p.accountEnabled && p.userType === "Member" && p.hasMailbox && !p.isProgramAdmin;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signInAs("admin");
  const tid = t.tenantIds[0]!;
  const memberships = t.devTenant.groups(tid);
  groups = memberships.groups();
  const people = t.devTenant.directory(tid).people();
  const inEarlyCareers = (p: DevPerson) => memberships.transitiveGroupsOf(p.id).some((g) => g.id === named(EARLY_CAREERS).id);
  graduate = people.find((p) => canTakePart(p) && named(GRADUATE_PROGRAMME).memberUserIds.includes(p.id)) as DevPerson;
  outsider = people.find((p) => canTakePart(p) && p.managerId !== null && !inEarlyCareers(p)) as DevPerson;
  expect(graduate).toBeDefined();
  expect(outsider).toBeDefined();
});
afterAll(async () => t?.stop());

function window(): { opensAt: string; closesAt: string } {
  const now = Date.now();
  return { opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString() };
}

function problem(res: ApiResponse, status: number): Problem {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return res.body as Problem;
}

async function openCohort(name: string, mentorGroups: string[]): Promise<CohortView> {
  const created = await t.api<CohortView>("POST", "/api/admin/cohorts", { token: admin, body: { name, enrolment: window(), eligibility: { mentor: { groups: mentorGroups }, mentee: {} } } });
  expect(created.status, created.text).toBe(201);
  const opened = await t.api<CohortView>("POST", `/api/admin/cohorts/${created.body.id}/transitions`, { token: admin, body: { to: "enrolling" } });
  expect(opened.status, opened.text).toBe(200);
  return opened.body;
}

const enrol = async (person: DevPerson, cohortId: string) =>
  t.api("POST", `/api/cohorts/${cohortId}/enrolments`, {
    token: await t.signIn(person.id),
    body: { role: "mentor", skills: [], tags: [], languages: ["en"], preferences: { note: null, preferOtherDepartment: false, inPerson: false }, consent: { accepted: true, textVersion: "2026-01" } },
  });

describe("eligibility by Entra group", () => {
  it("lets a group member enrol and refuses someone outside the group with 403 and the reason", async () => {
    const cohort = await openCohort("Graduates mentor executives", [named(GRADUATE_PROGRAMME).id]);
    const accepted = await enrol(graduate, cohort.id);
    expect(accepted.status, accepted.text).toBe(201);
    const refused = problem(await enrol(outsider, cohort.id), 403);
    expect(refused.detail).toContain("Graduates mentor executives");
    expect(refused.detail).toContain(`mentors who are members of "${GRADUATE_PROGRAMME}", and you are not`);
  });

  it("counts membership through a nested group (graduate programme inside the early careers network)", async () => {
    expect(named(EARLY_CAREERS).memberUserIds).not.toContain(graduate.id);
    const cohort = await openCohort("Early careers cohort", [named(EARLY_CAREERS).id]);
    const res = await enrol(graduate, cohort.id);
    expect(res.status, res.text).toBe(201);
  });

  it("checks at most 20 groups per Graph call: a rule naming 25 groups costs two checkMemberGroups calls", async () => {
    const others = groups.filter((g) => g.id !== named(GRADUATE_PROGRAMME).id && g.id !== named(EARLY_CAREERS).id).slice(0, 24);
    expect(others).toHaveLength(24);
    // The graduate programme last, so that only the second chunk can find the membership.
    const cohort = await openCohort("Twenty-five groups", [...others.map((g) => g.id), named(GRADUATE_PROGRAMME).id]);
    const key = "POST /v1.0/users/{id}/checkMemberGroups";
    const before = t.devTenant.counters()[key] ?? 0;
    const res = await enrol(graduate, cohort.id);
    expect(res.status, res.text).toBe(201);
    expect((t.devTenant.counters()[key] ?? 0) - before).toBe(2);
  });

  it("explains the group rule in GET /api/cohorts/open, per person", async () => {
    const cohort = await openCohort("Explained by group", [named(GRADUATE_PROGRAMME).id]);
    const find = async (person: DevPerson): Promise<OpenCohort> => {
      const res = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: await t.signIn(person.id) });
      expect(res.status, res.text).toBe(200);
      return res.body.cohorts.find((c) => c.id === cohort.id) as OpenCohort;
    };
    const mine = await find(graduate);
    expect(mine.eligibility.mentor).toEqual({ eligible: true, reasons: [] });
    const theirs = await find(outsider);
    expect(theirs.eligibility.mentor.eligible).toBe(false);
    expect(theirs.eligibility.mentor.reasons).toEqual([`this cohort takes mentors who are members of "${GRADUATE_PROGRAMME}", and you are not`]);
    // The mentee rule names no group: group membership does not affect it.
    expect(theirs.eligibility.mentee.reasons.some((r) => /group/.test(r))).toBe(false);
  });

  it("names a group id that does not exist in the tenant when the admin saves the cohort (create and update)", async () => {
    const real = named(GRADUATE_PROGRAMME).id;
    const created = problem(
      await t.api("POST", "/api/admin/cohorts", { token: admin, body: { name: "Typo", enrolment: window(), eligibility: { mentor: { groups: [real, UNKNOWN_GROUP] }, mentee: { groups: ["not-a-group-id"] } } } }),
      400,
    );
    expect(created.errors?.map((e) => e.field).sort()).toEqual(["eligibility.mentee.groups[0]", "eligibility.mentor.groups[1]"]);
    expect(created.errors?.find((e) => e.field === "eligibility.mentor.groups[1]")?.message).toContain(UNKNOWN_GROUP);

    const fine = await t.api<CohortView>("POST", "/api/admin/cohorts", { token: admin, body: { name: "Fine", enrolment: window(), eligibility: { mentor: { groups: [real] }, mentee: {} } } });
    expect(fine.status, fine.text).toBe(201);
    const updated = problem(
      await t.api("PUT", `/api/admin/cohorts/${fine.body.id}`, {
        token: admin,
        headers: { "If-Match": fine.body.etag },
        body: { name: "Fine", enrolment: window(), eligibility: { mentor: { groups: [UNKNOWN_GROUP] }, mentee: {} } },
      }),
      400,
    );
    expect(updated.errors?.map((e) => e.field)).toEqual(["eligibility.mentor.groups[0]"]);
  });

  it("a group another tenant owns counts as unknown", async () => {
    const fabrikamGroup = t.devTenant.groups(t.tenantIds[1]!).groups()[0]!.id;
    const res = problem(await t.api("POST", "/api/admin/cohorts", { token: admin, body: { name: "Foreign", enrolment: window(), eligibility: { mentor: { groups: [fabrikamGroup] }, mentee: {} } } }), 400);
    expect(res.errors?.map((e) => e.field)).toEqual(["eligibility.mentor.groups[0]"]);
  });
});

describe("GET /api/admin/groups (the cohort editor's group picker)", () => {
  it("finds groups by a word of their name", async () => {
    const res = await t.api<GroupPage>("GET", "/api/admin/groups?search=graduate", { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toContainEqual({ id: named(GRADUATE_PROGRAMME).id, displayName: GRADUATE_PROGRAMME, description: named(GRADUATE_PROGRAMME).description });
    // Name or description: "Early careers network" says the graduate programme is nested in it.
    const words = (text: string | null) => (text ?? "").toLowerCase().split(/[^a-z0-9]+/);
    for (const g of res.body.items) expect([...words(g.displayName), ...words(g.description)].some((w) => w.startsWith("graduate"))).toBe(true);
    expect(res.body.items.map((g) => g.displayName).sort()).toEqual([EARLY_CAREERS, GRADUATE_PROGRAMME].sort());
    expect(res.body.continuationToken).toBeNull();
    const none = await t.api<GroupPage>("GET", "/api/admin/groups?search=zzzqx", { token: admin });
    expect(none.body).toEqual({ items: [], continuationToken: null });
  });

  it("pages through every group by name with limit and continuationToken", async () => {
    const seen: string[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `limit=7&continuationToken=${encodeURIComponent(token)}` : "limit=7";
      const res: ApiResponse<GroupPage> = await t.api<GroupPage>("GET", `/api/admin/groups?${query}`, { token: admin });
      expect(res.status, res.text).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(7);
      seen.push(...res.body.items.map((g) => g.displayName));
      token = res.body.continuationToken;
    } while (token);
    expect(seen).toHaveLength(groups.length);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it("pages a search too (follow-up pages keep the advanced query)", async () => {
    const departments = groups.filter((g) => g.displayName.endsWith(" department")).length;
    expect(departments).toBeGreaterThan(3);
    let res = await t.api<GroupPage>("GET", "/api/admin/groups?search=department&limit=3", { token: admin });
    const seen = [...res.body.items];
    while (res.body.continuationToken) {
      res = await t.api<GroupPage>("GET", `/api/admin/groups?search=department&limit=3&continuationToken=${res.body.continuationToken}`, { token: admin });
      expect(res.status, res.text).toBe(200);
      seen.push(...res.body.items);
    }
    // Department groups by name, plus division groups whose description speaks of departments.
    expect(seen.filter((g) => g.displayName.endsWith(" department"))).toHaveLength(departments);
    expect(new Set(seen.map((g) => g.id)).size).toBe(seen.length);
  });

  it("describes the groups a cohort names (?ids=), in order, leaving out ids that name no group", async () => {
    const [a, b] = [named(EARLY_CAREERS), named(GRADUATE_PROGRAMME)];
    const res = await t.api<GroupPage>("GET", `/api/admin/groups?ids=${a.id},${UNKNOWN_GROUP},${b.id}`, { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ items: [a, b].map((g) => ({ id: g.id, displayName: g.displayName, description: g.description })), continuationToken: null });
    const bad = problem(await t.api("GET", "/api/admin/groups?ids=nope", { token: admin }), 400);
    expect(bad.errors?.[0]?.field).toMatch(/^query\.ids/);
  });

  it("refuses a continuation token that is not one of its own, and non-admins", async () => {
    const forged = Buffer.from("https://attacker.example/v1.0/groups?$skiptoken=x", "utf8").toString("base64url");
    const bad = problem(await t.api("GET", `/api/admin/groups?continuationToken=${forged}`, { token: admin }), 400);
    expect(bad.errors?.map((e) => e.field)).toEqual(["continuationToken"]);
    problem(await t.api("GET", "/api/admin/groups", { token: await t.signIn(graduate.id) }), 403);
  });
});

describe("GraphGroups (the adapter, against the dev tenant's Graph)", () => {
  const adapter = (): GraphGroups => new GraphGroups(t.server.graph, { sleep: async () => {} });
  const tid = (): string => t.tenantIds[0]!;

  it("answers with the ids as the caller spelled them, and skips values that are no object ids without asking Graph", async () => {
    const upper = named(GRADUATE_PROGRAMME).id.toUpperCase();
    expect(await adapter().memberOf(tid(), graduate.id, [upper, "Graduates", named(EARLY_CAREERS).id])).toEqual([upper, named(EARLY_CAREERS).id]);
    const key = "POST /v1.0/users/{id}/checkMemberGroups";
    const before = t.devTenant.counters()[key] ?? 0;
    expect(await adapter().memberOf(tid(), graduate.id, ["not-an-id"])).toEqual([]);
    expect(t.devTenant.counters()[key] ?? 0).toBe(before);
  });

  it("reports Graph failures as unavailable instead of 'in no group' or 'no such group'", async () => {
    t.devTenant.setFaults({ unavailableRate: 1, retryAfterSeconds: 0.01 });
    try {
      await expect(adapter().memberOf(tid(), graduate.id, [named(GRADUATE_PROGRAMME).id])).rejects.toBeInstanceOf(UnavailableError);
      await expect(adapter().findExisting(tid(), [named(GRADUATE_PROGRAMME).id])).rejects.toBeInstanceOf(UnavailableError);
      await expect(adapter().search(tid(), { search: "graduate", limit: 5, continuationToken: null })).rejects.toBeInstanceOf(UnavailableError);
    } finally {
      t.devTenant.setFaults({ unavailableRate: 0 });
    }
  });

  it("never follows a continuation token that is not a Graph /groups link", async () => {
    await expect(adapter().search(tid(), { search: null, limit: 5, continuationToken: `${t.devTenant.url}/v1.0/users?$skiptoken=x` })).rejects.toBeInstanceOf(ValidationError);
  });
});
