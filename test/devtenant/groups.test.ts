// Graph's group endpoints on the dev tenant, through msal-node and the real Graph JS client over HTTPS:
// generated groups (deterministic), /groups paging, $filter, $search (ConsistencyLevel), $count,
// checkMemberGroups (≤ 20 ids, transitive through nested groups), memberOf / transitiveMemberOf, permissions.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevGroup, type DevTenant } from "../../src/devtenant/index.js";
import { EARLY_CAREERS, EXECUTIVE_TEAM, GRADUATE_PROGRAMME, SENIOR_LEADERS } from "../../src/devtenant/groups/generate-groups.js";
import { FixtureError, parseFixture } from "../../src/devtenant/org/fixture.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, graphError, msalApp } from "./sdk-clients.js";

let dev: DevTenant;
let agent: Agent;
let client: Client;
let tid: string;
let groups: readonly DevGroup[];

beforeAll(async () => {
  dev = await startDevTenant({ seed: 11, users: 300, extraTenants: [{ displayName: "Fabrikam", users: 40 }] });
  agent = devTenantAgent(dev);
  tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  groups = dev.groups(tid).groups();
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

interface Page {
  "@odata.context": string;
  "@odata.nextLink"?: string;
  "@odata.count"?: number;
  value: Array<Record<string, unknown>>;
}

const named = (name: string): DevGroup => {
  const found = groups.find((g) => g.displayName === name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
};

async function allIds(first: Page): Promise<string[]> {
  const ids = first.value.map((g) => String(g["id"]));
  let page = first;
  while (page["@odata.nextLink"]) {
    page = (await client.api(page["@odata.nextLink"]).get()) as Page;
    ids.push(...page.value.map((g) => String(g["id"])));
  }
  return ids;
}

describe("generated groups", () => {
  it("are equal for equal seeds (even when people change before groups are first read) and hold departments, offices, leadership and nested early-career groups", async () => {
    const again = await startDevTenant({ seed: 11, users: 300, extraTenants: [] });
    try {
      const againId = again.tenants[0]!.tenantId;
      const someone = again.directory(againId).people().find((p) => p.department !== null)!;
      again.directory(againId).update(someone.id, { department: "Moved elsewhere", officeLocation: "Nowhere" });
      expect(again.groups(againId).groups()).toEqual(groups);
    } finally {
      await again.stop();
    }
    const names = groups.map((g) => g.displayName);
    expect(names).toEqual(expect.arrayContaining([GRADUATE_PROGRAMME, EARLY_CAREERS, EXECUTIVE_TEAM, SENIOR_LEADERS, "Seattle office"]));
    expect(names.some((n) => n.endsWith(" department"))).toBe(true);
    expect(named(GRADUATE_PROGRAMME).memberUserIds.length).toBeGreaterThan(0);
    expect(named(EARLY_CAREERS).memberGroupIds).toEqual([named(GRADUATE_PROGRAMME).id]);
    // Every department group is nested in exactly one division group.
    const departmentIds = groups.filter((g) => g.displayName.endsWith(" department")).map((g) => g.id);
    const nested = groups.flatMap((g) => g.memberGroupIds);
    for (const id of departmentIds) expect(nested.filter((n) => n === id)).toHaveLength(1);
  });
});

describe("GET /groups", () => {
  it("pages with $top and an absolute nextLink until every group was read once", async () => {
    const first = (await client.api("/groups").select("id,displayName").top(7).get()) as Page;
    expect(first.value).toHaveLength(7);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${dev.url}/v1.0/groups\\?`));
    expect(Object.keys(first.value[0]!).sort()).toEqual(["displayName", "id"]);
    const ids = await allIds(first);
    expect(ids).toHaveLength(groups.length);
    expect(new Set(ids)).toEqual(new Set(groups.map((g) => g.id)));
  });

  it("returns Graph's default group properties without $select", async () => {
    const page = (await client.api("/groups").top(1).get()) as Page;
    expect(page.value[0]).toMatchObject({ id: groups[0]!.id, displayName: groups[0]!.displayName, groupTypes: expect.any(Array), securityEnabled: expect.any(Boolean), mailNickname: expect.any(String) });
    expect(page.value[0]).toHaveProperty("createdDateTime");
  });

  it("filters with startswith(displayName,…) and id in (…)", async () => {
    const page = (await client.api("/groups").filter("startswith(displayName,'graduate')").select("id,displayName").get()) as Page;
    expect(page.value.map((g) => g["displayName"])).toEqual([GRADUATE_PROGRAMME]);
    const two = [named(EXECUTIVE_TEAM).id, named(SENIOR_LEADERS).id];
    const byIds = (await client.api("/groups").filter(`id in ('${two[0]}','${two[1]}')`).select("id").get()) as Page;
    expect(byIds.value.map((g) => g["id"]).sort()).toEqual([...two].sort());
  });

  it("needs ConsistencyLevel: eventual for $search (400 without it) and counts with $count", async () => {
    const error = await graphError(client.api("/groups").search('"displayName:graduate"').get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Request_UnsupportedQuery");
    expect(error.message).toContain("ConsistencyLevel");
    const found = (await client.api("/groups").header("ConsistencyLevel", "eventual").search('"displayName:graduate"').count(true).select("id,displayName").get()) as Page;
    expect(found.value.map((g) => g["displayName"])).toEqual([GRADUATE_PROGRAMME]);
    expect(found["@odata.count"]).toBe(1);
    const countError = await graphError(client.api("/groups").count(true).get());
    expect(countError.statusCode).toBe(400);
  });

  it("orders by displayName", async () => {
    const ids = await allIds((await client.api("/groups").orderby("displayName").select("id").top(999).get()) as Page);
    const expected = [...groups].sort((a, b) => a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) || a.id.localeCompare(b.id)).map((g) => g.id);
    expect(ids).toEqual(expected);
  });

  it("refuses bad options the way Graph does", async () => {
    expect((await graphError(client.api("/groups").top(1000).get())).statusCode).toBe(400);
    expect((await graphError(client.api("/groups").select("nope").get())).message).toContain("'nope'");
    expect((await graphError(client.api("/groups").query({ $skip: "3" }).get())).statusCode).toBe(400);
  });

  it("reads one group, 404 for an unknown id, 400 for something that is no object id", async () => {
    const graduate = named(GRADUATE_PROGRAMME);
    expect(await client.api(`/groups/${graduate.id}`).select("id,displayName,description").get()).toMatchObject({ id: graduate.id, displayName: GRADUATE_PROGRAMME, description: graduate.description });
    const missing = await graphError(client.api("/groups/00000000-0000-4000-8000-000000000000").get());
    expect([missing.statusCode, missing.code]).toEqual([404, "Request_ResourceNotFound"]);
    expect((await graphError(client.api("/groups/not-a-guid").get())).statusCode).toBe(400);
  });

  it("keeps tenants apart: another tenant's group is not found", async () => {
    const fabrikam = dev.tenants[1]!.tenantId;
    const other = dev.groups(fabrikam).groups()[0]!;
    expect((await graphError(client.api(`/groups/${other.id}`).get())).statusCode).toBe(404);
  });

  it("answers 403 to an app without group permissions", async () => {
    const unconsented = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent, dev.unconsentedApp)));
    const error = await graphError(unconsented.api("/groups").get());
    expect([error.statusCode, error.code]).toEqual([403, "Authorization_RequestDenied"]);
  });
});

describe("membership", () => {
  const graduateMember = (): string => named(GRADUATE_PROGRAMME).memberUserIds[0]!;

  it("checkMemberGroups is transitive: a graduate is in the Early careers network through the nested group", async () => {
    const userId = graduateMember();
    const ids = [named(GRADUATE_PROGRAMME).id, named(EARLY_CAREERS).id, named(EXECUTIVE_TEAM).id, "00000000-0000-4000-8000-000000000000"];
    const answer = (await client.api(`/users/${userId}/checkMemberGroups`).post({ groupIds: ids })) as { value: string[] };
    expect(answer.value.sort()).toEqual([named(GRADUATE_PROGRAMME).id, named(EARLY_CAREERS).id].sort());
    expect(named(EARLY_CAREERS).memberUserIds).not.toContain(userId);
  });

  it("checkMemberGroups takes at most 20 ids (400 above), object ids only, and 404s an unknown user", async () => {
    const twentyOne = groups.slice(0, 21).map((g) => g.id);
    expect(twentyOne).toHaveLength(21);
    const tooMany = await graphError(client.api(`/users/${graduateMember()}/checkMemberGroups`).post({ groupIds: twentyOne }));
    expect(tooMany.statusCode).toBe(400);
    const twenty = (await client.api(`/users/${graduateMember()}/checkMemberGroups`).post({ groupIds: twentyOne.slice(0, 20) })) as { value: string[] };
    expect(Array.isArray(twenty.value)).toBe(true);
    expect((await graphError(client.api(`/users/${graduateMember()}/checkMemberGroups`).post({ groupIds: ["x"] }))).statusCode).toBe(400);
    expect((await graphError(client.api(`/users/${graduateMember()}/checkMemberGroups`).post({}))).statusCode).toBe(400);
    expect((await graphError(client.api("/users/00000000-0000-4000-8000-000000000000/checkMemberGroups").post({ groupIds: [] }))).statusCode).toBe(404);
  });

  it("transitiveMemberOf/microsoft.graph.group lists nested memberships; memberOf only direct ones", async () => {
    const userId = graduateMember();
    const transitive = await allIds((await client.api(`/users/${userId}/transitiveMemberOf/microsoft.graph.group`).select("id,displayName").top(2).get()) as Page);
    expect(transitive).toEqual(expect.arrayContaining([named(GRADUATE_PROGRAMME).id, named(EARLY_CAREERS).id]));
    expect(new Set(transitive)).toEqual(new Set(dev.groups(tid).transitiveGroupsOf(userId).map((g) => g.id)));
    const direct = await allIds((await client.api(`/users/${userId}/memberOf`).top(999).get()) as Page);
    expect(direct).toContain(named(GRADUATE_PROGRAMME).id);
    expect(direct).not.toContain(named(EARLY_CAREERS).id);
    const typed = (await client.api(`/users/${userId}/memberOf`).top(1).get()) as Page;
    expect(typed.value[0]?.["@odata.type"]).toBe("#microsoft.graph.group");
  });

  it("treats $filter on memberOf as an advanced query (ConsistencyLevel + $count, else 400)", async () => {
    const userId = graduateMember();
    const plain = await graphError(client.api(`/users/${userId}/transitiveMemberOf/microsoft.graph.group`).filter("startswith(displayName,'early')").get());
    expect([plain.statusCode, plain.code]).toEqual([400, "Request_UnsupportedQuery"]);
    const advanced = (await client.api(`/users/${userId}/transitiveMemberOf/microsoft.graph.group`).header("ConsistencyLevel", "eventual").count(true).filter("startswith(displayName,'early')").select("id").get()) as Page;
    expect(advanced.value.map((g) => g["id"])).toEqual([named(EARLY_CAREERS).id]);
    expect(advanced["@odata.count"]).toBe(1);
  });

  it("keeps groups read-only over Graph (405)", async () => {
    const error = await graphError(client.api("/groups").post({ displayName: "New", mailEnabled: false, mailNickname: "new", securityEnabled: true }));
    expect(error.statusCode).toBe(405);
  });

  it("department groups reach their division group transitively", async () => {
    const user = dev.directory(tid).people().find((p) => p.department !== null && p.userType === "Member")!;
    const department = named(`${user.department} department`);
    const division = groups.find((g) => g.memberGroupIds.includes(department.id))!;
    const answer = (await client.api(`/users/${user.id}/checkMemberGroups`).post({ groupIds: [division.id] })) as { value: string[] };
    expect(answer.value).toEqual([division.id]);
  });

  it("getMemberGroups returns every transitive group id (security groups only when asked)", async () => {
    const userId = graduateMember();
    const all = (await client.api(`/users/${userId}/getMemberGroups`).post({ securityEnabledOnly: false })) as { value: string[] };
    const security = (await client.api(`/users/${userId}/getMemberGroups`).post({ securityEnabledOnly: true })) as { value: string[] };
    expect(new Set(all.value)).toEqual(new Set(dev.groups(tid).transitiveGroupsOf(userId).map((g) => g.id)));
    expect(security.value.every((id) => dev.groups(tid).find(id)?.securityEnabled)).toBe(true);
  });
});

describe("groups from a fixture", () => {
  const ALL = "10000000-0000-4000-8000-000000000001";
  const LEADS = "10000000-0000-4000-8000-000000000002";
  const NEWS = "10000000-0000-4000-8000-000000000003";

  async function smallOrg(): Promise<{ people: Array<{ id: string }> } & Record<string, unknown>> {
    return JSON.parse(await readFile(join(import.meta.dirname, "..", "fixtures", "small-org.json"), "utf8")) as { people: Array<{ id: string }> };
  }

  it("refuses unknown members, duplicate ids and groups inside Microsoft 365 groups, naming the JSON path", async () => {
    const org = await smallOrg();
    const person = org.people[0]!.id;
    const problems = (() => {
      try {
        parseFixture({ ...org, groups: [
          { id: LEADS, displayName: "Leads", members: [person, "10000000-0000-4000-8000-0000000000ff"] },
          { id: LEADS, displayName: "Again", members: [] },
          { id: NEWS, displayName: "News", kind: "microsoft365", members: [LEADS] },
        ] });
      } catch (error) {
        if (error instanceof FixtureError) return error.problems;
        throw error;
      }
      return [];
    })();
    expect(problems).toEqual([
      "$.groups[1].id: duplicate id (also $.groups[0].id)",
      "$.groups[0].members[1]: no person or group with id 10000000-0000-4000-8000-0000000000ff",
      "$.groups[2].members[0]: a Microsoft 365 group cannot contain groups",
    ]);
  });

  it("serves exactly the fixture's groups, nested membership transitive through Graph", async () => {
    const org = await smallOrg();
    const [first, second] = org.people.map((p) => p.id);
    const dir = await mkdtemp(join(tmpdir(), "groups-fixture-"));
    const path = join(dir, "org.json");
    await writeFile(path, JSON.stringify({ ...org, groups: [
      { id: LEADS, displayName: "Leads", members: [first] },
      { id: ALL, displayName: "Everyone", description: "All of us", members: [LEADS, second] },
      { id: NEWS, displayName: "News", kind: "microsoft365", members: [second] },
    ] }));
    const fixtureDev = await startDevTenant({ fixturePath: path, extraTenants: [] });
    const fixtureAgent = devTenantAgent(fixtureDev);
    try {
      const fid = fixtureDev.tenants[0]!.tenantId;
      const fixtureClient = graphClient(fixtureDev, fixtureAgent, appOnlyAuthProvider(msalApp(fixtureDev, fid, fixtureAgent)));
      const listed = (await fixtureClient.api("/groups").select("id,displayName,groupTypes").get()) as Page;
      expect(listed.value).toEqual([
        { id: LEADS, displayName: "Leads", groupTypes: [] },
        { id: ALL, displayName: "Everyone", groupTypes: [] },
        { id: NEWS, displayName: "News", groupTypes: ["Unified"] },
      ]);
      const check = (await fixtureClient.api(`/users/${first}/checkMemberGroups`).post({ groupIds: [ALL, LEADS, NEWS] })) as { value: string[] };
      expect(check.value.sort()).toEqual([ALL, LEADS].sort());
    } finally {
      await fixtureAgent.close();
      await fixtureDev.stop();
    }
  });
});
