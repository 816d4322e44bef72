// Conformance with Microsoft's own example payloads (shared/graph-reference/examples): for every directory-related
// example, the simulator's reply to the same request has the same fields, JSON types and @odata annotations.
// Allowances are listed per example with the reason (mostly: the docs shortened their example).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ResponseType, RetryHandlerOptions, type Client } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevDirectoryMutable, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { annotations, compareShape, type ShapeOptions } from "./shape.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp, graphError } from "./sdk-clients.js";

// The official payloads live beside the repository (../shared/graph-reference), in CI too.
const EXAMPLES = fileURLToPath(new URL("../../../shared/graph-reference/examples/", import.meta.url));
type Json = Record<string, unknown>;
const example = (name: string): Json => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Json;

let dev: DevTenant;
let agent: Agent;
let client: Client;
let directory: DevDirectoryMutable;
let tid: string;

beforeAll(async () => {
  dev = await startDevTenant({ seed: 17, users: 450, extraTenants: [] });
  agent = devTenantAgent(dev);
  tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  directory = dev.directory(tid);
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

/** The shapes agree and so do the @odata annotations (beyond the listed allowances). */
function expectConforms(name: string, actual: unknown, options: ShapeOptions = {}): void {
  expect(compareShape(example(name), actual, options), name).toEqual([]);
}

/** Picks, from a reply's `value`, the item whose shape is closest to the example's first item (Graph omits unset properties in delta). */
function withBestItem(reply: Json, exampleName: string, index = 0): Json {
  const wanted = (example(exampleName)["value"] as Json[])[index] as Json;
  const items = reply["value"] as Json[];
  const best = [...items].sort((a, b) => compareShape(wanted, a).length - compareShape(wanted, b).length)[0];
  return { ...reply, value: best ? [best] : [] };
}

const someone = (predicate: (p: DevPerson) => boolean): DevPerson => directory.people().find(predicate) as DevPerson;
const full = (p: DevPerson): boolean => p.userType === "Member" && p.accountEnabled && p.mail !== null && p.mobilePhone !== null && p.businessPhones.length > 0 && p.jobTitle !== null && p.managerId !== null;

async function deltaRound(url: string, prefer?: string): Promise<Json[]> {
  const get = (u: string): Promise<Json> => (prefer ? client.api(u).header("Prefer", prefer) : client.api(u)).get();
  const pages = [await get(url)];
  while (pages.at(-1)?.["@odata.nextLink"]) pages.push(await get(pages.at(-1)?.["@odata.nextLink"] as string));
  return pages;
}

describe("users", () => {
  it("users-list.response.json ← GET /users", async () => {
    const reply = (await client.api("/users").get()) as Json;
    // 450 users: the reply also carries @odata.nextLink, which the docs' two-user example has no reason to show.
    expectConforms("users-list.response.json", reply, { allowExtra: { $: ["@odata.nextLink"] } });
  });

  it("users-list-select.response.json ← GET /users?$select=displayName,userPrincipalName,signInActivity", async () => {
    const user = someone(full);
    await dev.signIn(tid, user.id);
    const reply = (await client.api("/users").select("displayName,userPrincipalName,signInActivity").top(999).get()) as Json;
    expectConforms("users-list-select.response.json", reply);
    const signedIn = (reply["value"] as Json[]).find((u) => u["id"] === user.id) as { signInActivity: { lastSignInDateTime: string } };
    expect(signedIn.signInActivity.lastSignInDateTime).not.toBe("0001-01-01T00:00:00Z");
  });

  it("users-list-select-filter-count.response.json ← $select, endsWith(#EXT#) filter, $count with ConsistencyLevel", async () => {
    const reply = (await client
      .api("/users")
      .header("ConsistencyLevel", "eventual")
      .query("$select=id,displayName,mail,identities&$filter=endsWith(userPrincipalName,'%23EXT%23@contoso.example')&$count=true")
      .get()) as Json;
    expectConforms("users-list-select-filter-count.response.json", reply);
    expect(reply["@odata.count"]).toBeGreaterThan(0);
  });

  it("users-list.nextlink.fragment.json ← GET /users?$top=5 (nextLink carries $top and a $skiptoken)", async () => {
    const reply = (await client.api("/users").top(5).get()) as Json;
    expectConforms("users-list.nextlink.fragment.json", reply, { allowExtra: { $: ["@odata.context", "value"] } });
    expect(reply["@odata.nextLink"]).toMatch(/\/v1\.0\/users\?\$top=5&\$skiptoken=\S+$/);
  });
});

describe("manager and direct reports", () => {
  // Graph returns navigation targets as directoryObjects with @odata.context and @odata.type; the docs' examples
  // for these pages are shortened and omit both (README: "The shortened example shows only id").
  const directoryObject: ShapeOptions = { allowExtra: { $: ["@odata.context", "@odata.type"] } };

  it("user-manager.response.json ← GET /users/{id}/manager", async () => {
    const user = someone(full);
    const reply = (await client.api(`/users/${user.id}/manager`).select("id,displayName,jobTitle,mail,userPrincipalName").get()) as Json;
    expectConforms("user-manager.response.json", reply, directoryObject);
    const unselected = (await client.api(`/users/${user.id}/manager`).get()) as Json;
    expect(compareShape(example("user-manager.response.json"), unselected, { allowExtra: { $: ["@odata.context", "@odata.type", "businessPhones", "givenName", "mobilePhone", "officeLocation", "preferredLanguage", "surname"] } })).toEqual([]);
  });

  it("user-manager-chain.response.json ← GET /me?$expand=manager($levels=max;$select=id,displayName)&$select=id,displayName", async () => {
    const user = someone((p) => full(p) && p.generatedLevel >= 4);
    const obo = await msalApp(dev, tid, agent).acquireTokenOnBehalfOf({ oboAssertion: await dev.signIn(tid, user.id), scopes: ["https://graph.microsoft.com/.default"] });
    const delegated = graphClient(dev, agent, { getAccessToken: async () => obo?.accessToken as string });
    const reply = (await delegated.api("/me").header("ConsistencyLevel", "eventual").query("$expand=manager($levels=max;$select=id,displayName)&$select=id,displayName").get()) as Json;
    const nested = ["$.manager", "$.manager.manager", "$.manager.manager.manager"];
    expectConforms("user-manager-chain.response.json", reply, {
      allowExtra: { $: ["@odata.context"], ...Object.fromEntries(nested.map((path) => [path, ["@odata.type", "manager"]])) },
    });
    // The chain ends at the CEO.
    let depth = 0;
    for (let node = reply["manager"] as Json | undefined; node; node = node["manager"] as Json | undefined) depth++;
    expect(depth).toBe(user.generatedLevel);
  });

  it("user-directreports.response.json ← GET /users/{id}/directReports", async () => {
    const manager = someone((p) => directory.directReports(p.id).length > 0 && p.generatedLevel === 2);
    const reply = (await client.api(`/users/${manager.id}/directReports`).select("id").get()) as Json;
    expectConforms("user-directreports.response.json", reply, { allowExtra: { $: ["@odata.context"], "$.value[]": ["@odata.type"] } });
  });
});

describe("users/delta", () => {
  it("user-delta-initial.response.json ← GET /users/delta (first page)", async () => {
    const reply = (await client.api("/users/delta").get()) as Json;
    expectConforms("user-delta-initial.response.json", withBestItem(reply, "user-delta-initial.response.json"));
  });

  it("user-delta-select.response.json ← GET /users/delta?$select=displayName,jobTitle,mobilePhone", async () => {
    const reply = (await client.api("/users/delta").select("displayName,jobTitle,mobilePhone").get()) as Json;
    // Graph always returns id (README §4); the docs' example leaves it out.
    expectConforms("user-delta-select.response.json", withBestItem(reply, "user-delta-select.response.json"), { allowExtra: { "$.value[]": ["id"] } });
  });

  it("user-delta-minimal.response.json ← a deltaLink with Prefer: return=minimal after displayName/jobTitle changes", async () => {
    const link = (await deltaRound("/users/delta?$select=displayName,jobTitle")).at(-1)?.["@odata.deltaLink"] as string;
    // Enough changes for more than one page, so the reply has a nextLink like the example.
    for (const p of directory.people().slice(0, 250)) directory.update(p.id, { displayName: `${p.surname} ${p.givenName}`, jobTitle: "Product Marketing Manager" });
    const reply = (await client.api(link).header("Prefer", "return=minimal").get()) as Json;
    expectConforms("user-delta-minimal.response.json", reply, { allowExtra: { "$.value[]": ["id"] } });
  });

  it("delta-users.1…5 ← a full $select round, an unchanged deltaLink and a deltaLink after changes", async () => {
    const pages = await deltaRound("/users/delta?$select=displayName,givenName,surname");
    expect(pages).toHaveLength(3);
    expectConforms("delta-users.1-initial.response.json", withBestItem(pages[0] as Json, "delta-users.1-initial.response.json"));
    expect(annotations(pages[0] as Json)).toEqual(annotations(example("delta-users.1-initial.response.json")));
    expectConforms("delta-users.2-nextlink.response.json", pages[1]);
    expectConforms("delta-users.3-final-page-deltalink.response.json", pages[2]);

    const unchanged = (await client.api(pages[2]?.["@odata.deltaLink"] as string).get()) as Json;
    expectConforms("delta-users.4-deltalink-no-changes.response.json", unchanged);
    expect(unchanged["value"]).toEqual([]);

    const renamed = someone(full);
    directory.update(renamed.id, { displayName: "MOD Administrator", givenName: "MOD", surname: "Administrator" });
    directory.remove(someone((p) => p.id !== renamed.id && directory.directReports(p.id).length === 0).id, "changed");
    const changed = (await client.api(unchanged["@odata.deltaLink"] as string).get()) as Json;
    const items = changed["value"] as Json[];
    const changes = example("delta-users.5-deltalink-changes.response.json");
    expect(compareShape(changes, { ...changed, value: [items.find((i) => !("@removed" in i))] })).toEqual([]);
    expect(compareShape((changes["value"] as Json[])[1], items.find((i) => "@removed" in i))).toEqual([]);
  });

  it("user-delta.manager-delta.response.json ← a deltaLink with manager tracked, after a move and a removal", async () => {
    const select = "businessPhones,displayName,givenName,jobTitle,mail,officeLocation,preferredLanguage,surname,userPrincipalName,manager";
    const link = (await deltaRound(`/users/delta?$select=${select}`)).at(-1)?.["@odata.deltaLink"] as string;
    const mover = someone((p) => full(p) && directory.directReports(p.id).length === 0 && p.generatedLevel >= 3);
    const newManager = someone((p) => p.generatedLevel === 1);
    directory.update(mover.id, { managerId: newManager.id });
    directory.remove(someone((p) => p.id !== mover.id && directory.directReports(p.id).length === 0 && p.userType === "Member").id, "changed");
    const reply = (await client.api(link).get()) as Json;
    const items = reply["value"] as Json[];
    const wanted = example("user-delta.manager-delta.response.json");
    expect(compareShape(wanted, { ...reply, value: [items.find((i) => i["id"] === mover.id)] })).toEqual([]);
    expect(compareShape((wanted["value"] as Json[])[1], items.find((i) => "@removed" in i))).toEqual([]);
  });
});

describe("$batch", () => {
  it("batch.response.json ← a batch whose items succeed, are denied, use a wrong method and use advanced queries", async () => {
    const user = someone(full);
    const reply = (await client.api("/$batch").post({
      requests: [
        { id: "1", method: "GET", url: "/users?$top=1&$select=id,displayName" },
        { id: "3", method: "DELETE", url: `/users/${user.id}` },
        { id: "4", method: "POST", url: `/users/${user.id}/manager`, body: {}, headers: { "Content-Type": "application/json" } },
        { id: "5", method: "GET", url: "users?$select=id,displayName,userPrincipalName&$filter=city eq null&$count=true", headers: { ConsistencyLevel: "eventual" } },
      ],
    })) as { responses: Json[] };
    const denied = (await graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent, dev.unconsentedApp))).api("/$batch").post({
      requests: [{ id: "3", method: "DELETE", url: "/groups/0e226165-c685-41ce-8bfc-df8360ab325d" }, { id: "2", method: "GET", url: "/users" }],
    })) as { responses: Json[] };
    const expected = example("batch.response.json")["responses"] as Json[];
    const byId = (list: Json[], id: string): Json => list.find((r) => r["id"] === id) as Json;
    // Item 1 in the docs lists directoryRoles (/me/memberOf), ours lists users: compare the envelope, not the entity.
    expect(compareShape(expected[0], byId(reply.responses, "1"), { allowExtra: { "$.body.value[]": ["userPrincipalName"] }, allowMissing: { "$.body.value[]": ["@odata.type", "deletedDateTime", "description", "roleTemplateId"] } })).toEqual([]);
    // Item 2 in the docs comes from Planner (another service); Graph's directory answers 403 like item 3.
    expect(compareShape(expected[2], byId(denied.responses, "2"))).toEqual([]);
    expect(byId(denied.responses, "2")["status"]).toBe(403);
    expect(compareShape(expected[3], byId(reply.responses, "3"))).toEqual([]);
    expect(byId(reply.responses, "3")["status"]).toBe(405);
    expect(byId(reply.responses, "4")["status"]).toBe(405);
    expect(compareShape(expected[4], byId(reply.responses, "5"))).toEqual([]);
    expect(byId(reply.responses, "5")["status"]).toBe(200);
  });
});

describe("errors", () => {
  it("error.example.json ← any Graph error (here 404 on an unknown user)", async () => {
    const reply = await fetchJson(`/users/ffffffff-0000-4000-8000-000000000000`);
    // Graph's current errors carry client-request-id as well (see batch.response.json's inner errors).
    expectConforms("error.example.json", reply.body, { allowExtra: { "$.error.innerError": ["client-request-id"] } });
  });

  it("error.not-implemented-501.response.json ← GET /users?$select=skills", async () => {
    const reply = await fetchJson("/users/?$select=skills");
    expect(reply.status).toBe(501);
    expectConforms("error.not-implemented-501.response.json", reply.body, { allowExtra: { "$.error.innerError": ["client-request-id"] } });
  });

  it("error.throttling-429.response.json ← a throttled request", async () => {
    dev.setFaults({ throttleRate: 1, retryAfterSeconds: 2.128 });
    try {
      const error = await graphError(client.api("/users").middlewareOptions([new RetryHandlerOptions(0, 0)]).get());
      expect(error.statusCode).toBe(429);
      expect(error.headers?.get("retry-after")).toBe("2.128");
      const reply = await fetchJson("/users");
      expect(reply.status).toBe(429);
      expectConforms("error.throttling-429.response.json", reply.body);
    } finally {
      dev.setFaults({ throttleRate: 0 });
    }
  });
});

/** Whole error bodies, read through the Graph client's RAW response type (a GraphError keeps only the inner `error`). */
async function fetchJson(path: string, c: Client = client): Promise<{ status: number; body: unknown }> {
  const response = (await c.api(path).middlewareOptions([new RetryHandlerOptions(0, 0)]).responseType(ResponseType.RAW).get()) as Response;
  return { status: response.status, body: await response.json() };
}
