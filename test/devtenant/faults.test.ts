// Fault injection seen through the Graph JS client: 429 with Retry-After (honoured by the client's RetryHandler),
// 503, and Exchange's per-mailbox concurrency limit; plus the /dev/faults control endpoint.
import { RetryHandlerOptions, type Client, type GraphError } from "@microsoft/microsoft-graph-client";
import { request, type Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp, graphError } from "./sdk-clients.js";

let dev: DevTenant;
let agent: Agent;
let client: Client;
let mailboxOwner: DevPerson;

const NO_RETRY = [new RetryHandlerOptions(0, 0)];

beforeAll(async () => {
  dev = await startDevTenant({ seed: 3, users: 120, extraTenants: [] });
  agent = devTenantAgent(dev);
  const tid = dev.tenants[0]!.tenantId;
  client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tid, agent)));
  mailboxOwner = dev.directory(tid).people().find((p) => p.hasMailbox && p.accountEnabled) as DevPerson;
  // Warm msal's token cache so token requests never interleave with the fault sequence.
  await client.api("/users").top(1).get();
  dev.resetCounters();
});
afterEach(() => {
  dev.setFaults({ throttleRate: 0, unavailableRate: 0, latencyMs: [0, 0], retryAfterSeconds: 2, mailboxConcurrency: 4 });
  dev.resetCounters();
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

describe("throttling (429)", () => {
  it("answers 429 with Retry-After and Graph's throttling body", async () => {
    dev.setFaults({ throttleRate: 1, retryAfterSeconds: 2.128 });
    const error = await graphError(client.api("/users").middlewareOptions(NO_RETRY).get());
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("TooManyRequests");
    expect(error.message).toBe("Please retry again later.");
    expect(error.headers?.get("retry-after")).toBe("2.128");
    expect(dev.counters()["GET /v1.0/users"]).toBe(1);
  });

  it("is retried by the Graph client, which honours Retry-After and gives up after its retries", async () => {
    dev.setFaults({ throttleRate: 1, retryAfterSeconds: 0.01 });
    const error = await graphError(client.api("/users").middlewareOptions([new RetryHandlerOptions(0, 3)]).get());
    expect(error.statusCode).toBe(429);
    // One attempt plus three retries reached the server.
    expect(dev.counters()["GET /v1.0/users"]).toBe(4);
  });

  it("lets retried requests through when only some are throttled", async () => {
    dev.setFaults({ throttleRate: 0.5, retryAfterSeconds: 0.01 });
    for (let i = 0; i < 8; i++) {
      const page = await client.api("/users").top(1).middlewareOptions([new RetryHandlerOptions(0, 10)]).get();
      expect(page.value).toHaveLength(1);
    }
    expect(dev.counters()["GET /v1.0/users"]).toBeGreaterThan(8);
  });
});

describe("service unavailable (503)", () => {
  it("answers 503 serviceNotAvailable with Retry-After", async () => {
    dev.setFaults({ unavailableRate: 1, retryAfterSeconds: 1 });
    const error = await graphError(client.api(`/users/${mailboxOwner.id}`).middlewareOptions(NO_RETRY).get());
    expect(error.statusCode).toBe(503);
    expect(error.code).toBe("serviceNotAvailable");
    expect(error.headers?.get("retry-after")).toBe("1");
  });

  it("does not touch the identity endpoints", async () => {
    dev.setFaults({ unavailableRate: 1 });
    const cca = msalApp(dev, dev.tenants[0]!.tenantId, agent);
    await expect(cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] })).resolves.toMatchObject({ accessToken: expect.any(String) });
  });
});

describe("mailbox concurrency", () => {
  it("answers one request more than the mailbox allows with 429 ApplicationThrottled", async () => {
    // Requests hold their mailbox slot for the injected latency, so the third concurrent one finds both slots taken.
    dev.setFaults({ mailboxConcurrency: 2, latencyMs: [1500, 1500] });
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => client.api(`/users/${mailboxOwner.userPrincipalName}/mailboxSettings`).middlewareOptions(NO_RETRY).get()),
    );
    const throttled = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(throttled).toHaveLength(1);
    const error = throttled[0]?.reason as GraphError;
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("ApplicationThrottled");
    expect(error.message).toMatch(/MailboxConcurrency/);
    // Directory reads are not mailbox requests and never count against the limit.
    dev.setFaults({ mailboxConcurrency: 1, latencyMs: [0, 0] });
    const reads = await Promise.all([0, 1, 2].map(() => client.api(`/users/${mailboxOwner.id}`).get()));
    expect(reads.every((r) => r.id === mailboxOwner.id)).toBe(true);
  });
});

describe("/dev/faults", () => {
  it("reads and writes the knobs, naming the field of bad values", async () => {
    const put = await request(`${dev.url}/dev/faults`, { method: "PUT", dispatcher: agent, headers: { "content-type": "application/json" }, body: JSON.stringify({ throttleRate: 0.25, latencyMs: [5, 10] }) });
    expect(put.statusCode).toBe(200);
    expect(await put.body.json()).toEqual({ throttleRate: 0.25, retryAfterSeconds: 2, unavailableRate: 0, latencyMs: [5, 10], mailboxConcurrency: 4 });
    for (const [body, field] of [[{ throttleRate: 2 }, "throttleRate"], [{ latencyMs: [10, 5] }, "latencyMs"], [{ mailboxConcurrency: 0 }, "mailboxConcurrency"], [{ chaos: true }, "chaos"]] as const) {
      const bad = await request(`${dev.url}/dev/faults`, { method: "PUT", dispatcher: agent, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(bad.statusCode).toBe(400);
      expect(await bad.body.json()).toMatchObject({ error: { code: "badRequest", field } });
    }
    const get = await request(`${dev.url}/dev/faults`, { dispatcher: agent });
    expect(await get.body.json()).toMatchObject({ throttleRate: 0.25, latencyMs: [5, 10] });
    expect(() => dev.setFaults({ unavailableRate: -1 })).toThrow(/unavailableRate/);
  });

  it("draws the same fault sequence for the same seed", async () => {
    const sequence = async (tenant: DevTenant): Promise<number[]> => {
      const a = devTenantAgent(tenant);
      const c = graphClient(tenant, a, appOnlyAuthProvider(msalApp(tenant, tenant.tenants[0]!.tenantId, a)));
      await c.api("/users").top(1).get();
      tenant.setFaults({ throttleRate: 0.3, unavailableRate: 0.2 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push(await c.api("/users").top(1).middlewareOptions(NO_RETRY).get().then(() => 200, (e: GraphError) => e.statusCode));
      }
      await a.close();
      return statuses;
    };
    const other = await startDevTenant({ seed: 3, users: 120, extraTenants: [] });
    try {
      const first = await sequence(other);
      expect(first.some((s) => s !== 200)).toBe(true);
      expect(first.some((s) => s === 200)).toBe(true);
      // The shared tenant has drawn faults before; a fresh one with the same seed repeats the first sequence.
      const again = await startDevTenant({ seed: 3, users: 120, extraTenants: [] });
      try {
        expect(await sequence(again)).toEqual(first);
      } finally {
        await again.stop();
      }
    } finally {
      await other.stop();
    }
  });
});
