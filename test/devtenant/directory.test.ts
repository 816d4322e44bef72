// Graph's directory reads, through the real Graph JS client over HTTPS: paging, $select, $top, $filter, $count,
// single users, manager and directReports.
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp, graphError } from "./sdk-clients.js";

const USERS = 450;
let dev: DevTenant;
let agent: Agent;
let client: Client;
let tid: string;
let people: readonly DevPerson[];

beforeAll(async () => {
  dev = await startDevTenant({ seed: 5, users: USERS, extraTenants: [] });
  agent = devTenantAgent(dev);
  tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  people = dev.directory(tid).people();
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

async function allPages(first: Page): Promise<Page[]> {
  const pages = [first];
  let page = first;
  while (page["@odata.nextLink"]) {
    page = (await client.api(page["@odata.nextLink"]).get()) as Page;
    pages.push(page);
  }
  return pages;
}

const person = (predicate: (p: DevPerson) => boolean): DevPerson => {
  const found = people.find(predicate);
  if (!found) throw new Error("no such person");
  return found;
};

describe("GET /users paging", () => {
  it("pages 100 at a time by default with absolute nextLinks, and the pages together are the directory", async () => {
    const pages = await allPages((await client.api("/users").get()) as Page);
    expect(pages.map((p) => p.value.length)).toEqual([100, 100, 100, 100, 50]);
    const first = pages[0] as Page;
    expect(first["@odata.context"]).toBe(`${dev.graphBaseUrl}/$metadata#users`);
    expect(first["@odata.nextLink"]).toMatch(new RegExp(`^${dev.graphBaseUrl.replace(/\./g, "\\.")}/users\\?\\$skiptoken=[\\w.-]+$`));
    const ids = pages.flatMap((p) => p.value.map((u) => u["id"]));
    expect(new Set(ids).size).toBe(USERS);
    expect(new Set(ids)).toEqual(new Set(people.map((p) => p.id)));
  });

  it("carries the original options in nextLinks and honours $top up to 999", async () => {
    const first = (await client.api("/users").select("displayName,mail").top(120).get()) as Page;
    expect(first["@odata.nextLink"]).toContain("$select=displayName%2Cmail");
    expect(first["@odata.nextLink"]).toContain("$top=120");
    const pages = await allPages(first);
    expect(pages.map((p) => p.value.length)).toEqual([120, 120, 120, 90]);
    for (const page of pages) for (const user of page.value) expect(Object.keys(user).sort()).toEqual(["displayName", "id", "mail"]);
    const big = (await client.api("/users").top(999).get()) as Page;
    expect(big.value).toHaveLength(USERS);
    expect(big["@odata.nextLink"]).toBeUndefined();
  });

  it("rejects $top outside 1–999, $skip and tampered skip tokens like Graph", async () => {
    for (const top of ["0", "1000", "abc"]) {
      const error = await graphError(client.api(`/users?$top=${top}`).get());
      expect(error.statusCode).toBe(400);
      expect(error.message).toBe(`Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`);
    }
    const skip = await graphError(client.api("/users?$skip=10").get());
    expect(skip.statusCode).toBe(400);
    expect(skip.message).toMatch(/Query option 'Skip' is not allowed/);
    const first = (await client.api("/users").top(5).get()) as Page;
    const tampered = (first["@odata.nextLink"] as string).replace(/\$top=5/, "$top=6");
    const error = await graphError(client.api(tampered).get());
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("Directory_ExpiredPageToken");
  });
});

describe("GET /users $select and default properties", () => {
  it("returns Graph's default property set without $select", async () => {
    const page = (await client.api("/users").top(1).get()) as Page;
    expect(Object.keys(page.value[0] as object).sort()).toEqual(
      ["businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName"].sort(),
    );
  });

  it("always returns id, names the selection in @odata.context, and rejects unknown or single-user-only properties", async () => {
    const page = (await client.api("/users").select("displayName,department,accountEnabled,userType").top(3).get()) as Page;
    expect(page["@odata.context"]).toBe(`${dev.graphBaseUrl}/$metadata#users(displayName,department,accountEnabled,userType)`);
    expect(Object.keys(page.value[0] as object).sort()).toEqual(["accountEnabled", "department", "displayName", "id", "userType"]);
    const unknown = await graphError(client.api("/users").select("displayName,favouriteColour").get());
    expect(unknown.statusCode).toBe(400);
    expect(unknown.message).toBe("Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.");
    const singleOnly = await graphError(client.api("/users").select("skills").get());
    expect(singleOnly.statusCode).toBe(501);
    expect(singleOnly.code).toBe("NotImplemented");
    const one = person((p) => p.userType === "Member");
    expect(await client.api(`/users/${one.id}`).select("skills,displayName").get()).toMatchObject({ skills: [], displayName: one.displayName });
  });
});

describe("GET /users $filter and $count", () => {
  it("filters by id, mail, userPrincipalName, id in (...) and accountEnabled", async () => {
    const [a, b, c] = people.filter((p) => p.mail !== null);
    const byId = (await client.api("/users").filter(`id eq '${a!.id}'`).get()) as Page;
    expect(byId.value.map((u) => u["id"])).toEqual([a!.id]);
    const byMail = (await client.api("/users").filter(`mail eq '${b!.mail!.toUpperCase()}'`).get()) as Page;
    expect(byMail.value.map((u) => u["id"])).toEqual([b!.id]);
    const byUpn = (await client.api("/users").filter(`userPrincipalName eq '${c!.userPrincipalName}'`).get()) as Page;
    expect(byUpn.value.map((u) => u["id"])).toEqual([c!.id]);
    const several = (await client.api("/users").filter(`id in ('${a!.id}', '${c!.id}', 'ffffffff-0000-4000-8000-000000000000')`).get()) as Page;
    expect(new Set(several.value.map((u) => u["id"]))).toEqual(new Set([a!.id, c!.id]));
    const disabled = (await client.api("/users").filter("accountEnabled eq false").select("id,accountEnabled").top(999).get()) as Page;
    expect(disabled.value.length).toBe(people.filter((p) => !p.accountEnabled).length);
    expect(disabled.value.every((u) => u["accountEnabled"] === false)).toBe(true);
  });

  it("needs ConsistencyLevel: eventual and $count=true for advanced queries, then counts on the first page only", async () => {
    // '#' must be sent as %23 (the Graph client does not encode it; Graph's own docs write %23EXT%23).
    const withoutHeader = await graphError(client.api("/users").filter("endsWith(userPrincipalName,'%23EXT%23@contoso.example')").get());
    expect(withoutHeader.statusCode).toBe(400);
    expect(withoutHeader.code).toBe("Request_UnsupportedQuery");
    const countWithoutHeader = await graphError(client.api("/users").count(true).get());
    expect(countWithoutHeader.statusCode).toBe(400);

    const guests = (await client.api("/users").header("ConsistencyLevel", "eventual").count(true).filter("endsWith(userPrincipalName,'%23EXT%23@contoso.example')").select("id,userPrincipalName").get()) as Page;
    const expected = people.filter((p) => p.userType === "Guest").length;
    expect(guests["@odata.count"]).toBe(expected);
    expect(guests.value).toHaveLength(expected);

    const first = (await client.api("/users").header("ConsistencyLevel", "eventual").count(true).top(200).get()) as Page;
    expect(first["@odata.count"]).toBe(USERS);
    const second = (await client.api(first["@odata.nextLink"] as string).header("ConsistencyLevel", "eventual").get()) as Page;
    expect(second["@odata.count"]).toBeUndefined();
    expect(second.value).toHaveLength(200);
  });

  it("reports unsupported filters as 400", async () => {
    const error = await graphError(client.api("/users").filter("shoeSize eq 42").get());
    expect(error.statusCode).toBe(400);
    const malformed = await graphError(client.api("/users").filter("id eq 'unterminated").get());
    expect(malformed.statusCode).toBe(400);
  });
});

describe("single users, managers and direct reports", () => {
  it("reads a user by id or userPrincipalName and answers 404 for unknown users", async () => {
    const p = person((x) => x.userType === "Member");
    const byId = await client.api(`/users/${p.id}`).get();
    expect(byId).toMatchObject({ "@odata.context": `${dev.graphBaseUrl}/$metadata#users/$entity`, id: p.id, displayName: p.displayName, userPrincipalName: p.userPrincipalName });
    expect((await client.api(`/users/${encodeURIComponent(p.userPrincipalName)}`).get()).id).toBe(p.id);
    const missing = await graphError(client.api("/users/ffffffff-0000-4000-8000-000000000000").get());
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe("Request_ResourceNotFound");
  });

  it("returns the manager, and 404 Request_ResourceNotFound when there is none", async () => {
    const employee = person((p) => p.managerId !== null && p.generatedLevel === 3);
    const manager = people.find((p) => p.id === employee.managerId) as DevPerson;
    const reply = await client.api(`/users/${employee.id}/manager`).get();
    expect(reply).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: manager.id, displayName: manager.displayName, jobTitle: manager.jobTitle });
    const ceo = person((p) => p.generatedLevel === 0);
    const none = await graphError(client.api(`/users/${ceo.id}/manager`).get());
    expect(none.statusCode).toBe(404);
    expect(none.code).toBe("Request_ResourceNotFound");
    expect(none.message).toMatch(/^Resource 'manager' does not exist/);
  });

  it("lists direct reports as the generator built them, and expands managers", async () => {
    const vp = person((p) => p.generatedLevel === 2 && people.some((r) => r.managerId === p.id));
    const expected = people.filter((p) => p.managerId === vp.id).map((p) => p.id);
    const reply = (await client.api(`/users/${vp.id}/directReports`).select("id,displayName").get()) as Page;
    expect(new Set(reply.value.map((r) => r["id"]))).toEqual(new Set(expected));
    expect(reply.value.every((r) => r["@odata.type"] === "#microsoft.graph.user")).toBe(true);
    const expanded = (await client.api("/users").expand("manager($select=id,displayName)").select("id").top(999).get()) as Page;
    expect(expanded.value).toHaveLength(100);
    const withManager = expanded.value.find((u) => u["manager"] !== undefined) as { id: string; manager: { id: string } };
    expect(withManager.manager.id).toBe(people.find((p) => p.id === withManager.id)?.managerId);
  });

  it("counts every call per endpoint template", async () => {
    dev.resetCounters();
    const p = person((x) => x.managerId !== null);
    await client.api(`/users/${p.id}/manager`).get();
    await client.api(`/users/${p.id}/manager`).get();
    await client.api("/users").top(1).get();
    expect(dev.counters()).toMatchObject({ "GET /v1.0/users/{id}/manager": 2, "GET /v1.0/users": 1 });
  });
});
