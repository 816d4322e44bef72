// JSON batching through the Graph JS client: inner requests reach the same handlers (directory and calendar),
// are counted as "batch …", carry their own status (including 429 with Retry-After), respect dependsOn (424)
// and the per-mailbox parallelism; malformed batches are 400.
import { BatchRequestContent, BatchResponseContent, type Client } from "@microsoft/microsoft-graph-client";
import type { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp, graphError } from "./sdk-clients.js";

let dev: DevTenant;
let agent: Agent;
let client: Client;
let people: readonly DevPerson[];

beforeAll(async () => {
  dev = await startDevTenant({ seed: 21, users: 150, extraTenants: [] });
  agent = devTenantAgent(dev);
  const tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  people = dev.directory(tid).people();
});
afterEach(() => {
  dev.setFaults({ throttleRate: 0, unavailableRate: 0, latencyMs: [0, 0], mailboxConcurrency: 4 });
  dev.resetCounters();
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

interface InnerResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown> & { error?: { code: string; message: string } };
}

const withManager = (): DevPerson => people.find((p) => p.managerId !== null && p.hasMailbox && p.accountEnabled) as DevPerson;
const get = (id: string, url: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id, method: "GET", url, ...extra });
const postBatch = async (requests: unknown[]): Promise<InnerResponse[]> => ((await client.api("/$batch").post({ requests })) as { responses: InnerResponse[] }).responses;

describe("$batch", () => {
  it("runs inner requests through the same handlers, with their own statuses, via the SDK's batch content", async () => {
    const p = withManager();
    // Graph client 3.0.7's BatchRequestContent strips only scheme and host, so steps are written without the
    // version segment (microsoftgraph/msgraph-sdk-javascript#1451); the batch itself goes to /v1.0/$batch.
    const content = new BatchRequestContent([
      { id: "manager", request: new Request(`${dev.url}/users/${p.id}/manager?$select=id,displayName`, { method: "GET" }) },
      { id: "settings", request: new Request(`${dev.url}/users/${p.userPrincipalName}/mailboxSettings`, { method: "GET" }) },
      { id: "missing", request: new Request(`${dev.url}/users/ffffffff-0000-4000-8000-000000000000`, { method: "GET" }) },
      { id: "versioned", request: new Request(`${dev.graphBaseUrl}/users/${p.id}`, { method: "GET" }) },
    ]);
    const reply = new BatchResponseContent(await client.api("/$batch").post(await content.getContent()));
    const manager = reply.getResponseById("manager");
    expect(manager?.status).toBe(200);
    expect(await manager?.json()).toMatchObject({ id: p.managerId });
    expect(reply.getResponseById("settings")?.status).toBe(200);
    const settings = (await reply.getResponseById("settings")?.json()) as { timeZone: string };
    expect(settings.timeZone).toBe(p.timeZone);
    expect(reply.getResponseById("missing")?.status).toBe(404);
    // Like Graph, a version segment inside a batch url is an unknown segment.
    const versioned = reply.getResponseById("versioned");
    expect(versioned?.status).toBe(400);
    expect(((await versioned?.json()) as { error: { message: string } }).error.message).toBe("Resource not found for the segment 'v1.0'.");
    expect(dev.counters()).toMatchObject({
      "POST /v1.0/$batch": 1,
      "batch GET /v1.0/users/{id}/manager": 1,
      "batch GET /v1.0/users/{id}/mailboxSettings": 1,
      "batch GET /v1.0/users/{id}": 1,
    });
  });

  it("accepts urls without a leading slash and echoes ids in the responses", async () => {
    const p = withManager();
    const responses = await postBatch([get("A1", `users/${p.id}?$select=displayName`)]);
    expect(responses).toEqual([{ id: "A1", status: 200, headers: expect.objectContaining({ "Content-Type": expect.stringContaining("application/json") }), body: expect.objectContaining({ id: p.id, displayName: p.displayName }) }]);
  });

  it("rejects more than 20 requests, duplicate ids (case-insensitive), absolute urls and bodies without Content-Type", async () => {
    const p = withManager();
    const tooMany = await graphError(postBatch(Array.from({ length: 21 }, (_, i) => get(String(i), `/users/${p.id}`))));
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.message).toMatch(/maximum number of requests in a batch is 20/);
    const duplicate = await graphError(postBatch([get("a", `/users/${p.id}`), get("A", `/users/${p.id}`)]));
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.message).toBe("Request Id A has to be unique in a batch.");
    const absolute = await graphError(postBatch([get("1", `${dev.graphBaseUrl}/users/${p.id}`)]));
    expect(absolute.statusCode).toBe(400);
    const noType = await graphError(postBatch([{ id: "1", method: "POST", url: `/users/${p.id}/events`, body: { subject: "x" } }]));
    expect(noType.statusCode).toBe(400);
    expect(noType.message).toMatch(/does not contain Content-Type header/);
    const unknownDependency = await graphError(postBatch([get("1", `/users/${p.id}`, { dependsOn: ["9"] })]));
    expect(unknownDependency.statusCode).toBe(400);
    expect(dev.counters()["batch GET /v1.0/users/{id}"]).toBeUndefined();
  });

  it("fails dependants of a failed request with 424 and runs chains in order", async () => {
    const p = withManager();
    const responses = await postBatch([
      get("1", "/users/ffffffff-0000-4000-8000-000000000000"),
      get("2", `/users/${p.id}`, { dependsOn: ["1"] }),
      get("3", `/users/${p.id}/manager`),
      get("4", `/users/${p.id}/directReports`, { dependsOn: ["3"] }),
    ]);
    const status = Object.fromEntries(responses.map((r) => [r.id, r.status]));
    expect(status).toEqual({ "1": 404, "2": 424, "3": 200, "4": 200 });
    expect(responses.find((r) => r.id === "2")?.body?.error?.code).toBe("FailedDependency");
    expect(dev.counters()["batch GET /v1.0/users/{id}"]).toBe(1);
  });

  it("reports throttled items as 429 with Retry-After in the item's headers while the batch is 200", async () => {
    const p = withManager();
    dev.setFaults({ throttleRate: 1, retryAfterSeconds: 7 });
    const responses = await postBatch([get("1", `/users/${p.id}`), get("2", `/users/${p.id}/mailboxSettings`)]);
    for (const r of responses) {
      expect(r.status).toBe(429);
      expect(r.headers["Retry-After"]).toBe("7");
      expect(r.body?.error?.code).toBe("TooManyRequests");
    }
  });

  it("runs at most four inner requests per mailbox at once, so a batch never trips the mailbox limit by itself", async () => {
    const p = withManager();
    dev.setFaults({ latencyMs: [150, 150] });
    const requests = Array.from({ length: 10 }, (_, i) => get(String(i), `/users/${p.id}/mailboxSettings`));
    const responses = await postBatch(requests);
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(dev.counters()["batch GET /v1.0/users/{id}/mailboxSettings"]).toBe(10);
  });

  it("requires the caller's token for inner requests too", async () => {
    const unconsented = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, dev.tenants[0]!.tenantId, agent, dev.unconsentedApp)));
    const reply = (await unconsented.api("/$batch").post({ requests: [get("1", "/users")] })) as { responses: InnerResponse[] };
    expect(reply.responses[0]?.status).toBe(403);
  });
});
