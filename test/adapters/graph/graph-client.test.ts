// The Graph adapter through the real SDKs (msal-node + @microsoft/microsoft-graph-client) over HTTPS
// against the dev tenant: paging, $batch chunking and throttled-item retries, Retry-After, the per-mailbox
// and global limits as the server enforces them, and the directory profile.
import type { Client } from "@microsoft/microsoft-graph-client";
import { decodeJwt } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMsalTokenProvider, type GraphTokenProvider } from "../../../src/adapters/auth/msal-token-provider.js";
import { createTrustedHttp, type TrustedHttp } from "../../../src/adapters/auth/trusted-http.js";
import { ConcurrencyLimiter } from "../../../src/adapters/graph/concurrency-limiter.js";
import { sendBatch } from "../../../src/adapters/graph/graph-batch.js";
import { createGraphClients } from "../../../src/adapters/graph/graph-client-factory.js";
import { GraphDirectory } from "../../../src/adapters/graph/graph-directory.js";
import { GraphMetrics } from "../../../src/adapters/graph/graph-metrics.js";
import { ForbiddenError, UnavailableError } from "../../../src/app/errors.js";
import { startDevTenant, type DevTenant } from "../../../src/devtenant/index.js";

let dev: DevTenant;
let http: TrustedHttp;
let tokens: GraphTokenProvider;
let tenant: string;

function clients(options: { perKey?: number; global?: number; maxRetries?: number } = {}) {
  const metrics = new GraphMetrics();
  const limiter = new ConcurrencyLimiter({ global: options.global ?? 16, perKey: options.perKey ?? 4 });
  const graph = createGraphClients({ baseUrl: dev.graphBaseUrl, tokens, dispatcher: http.dispatcher, limiter, metrics, maxRetries: options.maxRetries ?? 5, retryDelaySeconds: 0.05 });
  return { graph, metrics, limiter, client: graph.app(tenant) };
}

beforeAll(async () => {
  dev = await startDevTenant({ seed: 5, users: 150 });
  http = createTrustedHttp(dev.caCertPem);
  tenant = dev.tenants[0]!.tenantId;
  tokens = createMsalTokenProvider({
    authorityHost: dev.authorityHost,
    clientId: dev.app.clientId,
    clientSecret: dev.app.clientSecret,
    allowedTenantIds: dev.tenants.map((t) => t.tenantId),
    graphScope: "https://graph.microsoft.com/.default",
    fetch: http.fetch,
  });
});
afterAll(async () => {
  await http?.close();
  await dev?.stop();
});
afterEach(() => dev.setFaults({ throttleRate: 0, unavailableRate: 0, latencyMs: [0, 0], retryAfterSeconds: 2 }));

describe("msal-node token provider", () => {
  it("gets app-only Graph tokens per tenant and reuses its cache", async () => {
    const first = await tokens.appToken(tenant);
    const claims = decodeJwt(first.token);
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", tid: tenant, idtyp: "app" });
    expect(claims.roles).toEqual(expect.arrayContaining(["User.Read.All"]));
    expect((await tokens.appToken(tenant)).token).toBe(first.token);
    const other = await tokens.appToken(dev.tenants[1]!.tenantId);
    expect(decodeJwt(other.token).tid).toBe(dev.tenants[1]!.tenantId);
  });

  it("exchanges a user's SSO token on behalf of the user", async () => {
    const person = dev.directory(tenant).people().find((p) => p.accountEnabled && p.userType === "Member")!;
    const sso = await dev.signIn(tenant, person.id);
    const obo = await tokens.onBehalfOf(tenant, sso, ["https://graph.microsoft.com/User.Read"]);
    expect(decodeJwt(obo.token)).toMatchObject({ oid: person.id, aud: "https://graph.microsoft.com" });
    expect(String(decodeJwt(obo.token).scp)).toContain("User.Read");
  });

  it("refuses tenants outside the allow-list without asking the authority", async () => {
    await expect(tokens.appToken("99999999-9999-4999-8999-999999999999")).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("reports rejected app credentials clearly", async () => {
    const bad = createMsalTokenProvider({
      authorityHost: dev.authorityHost,
      clientId: dev.app.clientId,
      clientSecret: "wrong-secret",
      allowedTenantIds: [tenant],
      graphScope: "https://graph.microsoft.com/.default",
      fetch: http.fetch,
    });
    const attempt = bad.appToken(tenant);
    await expect(attempt).rejects.toBeInstanceOf(UnavailableError);
    await expect(attempt).rejects.toThrow(/invalid_client/);
    await expect(attempt).rejects.not.toThrow(/wrong-secret/);
  });
});

describe("Graph client", () => {
  it("follows absolute @odata.nextLink pages over HTTPS to the whole directory", async () => {
    const { client, metrics } = clients();
    const ids: string[] = [];
    let page = (await client.api("/users").select("id").top(40).get()) as { value: Array<{ id: string }>; "@odata.nextLink"?: string };
    ids.push(...page.value.map((u) => u.id));
    while (page["@odata.nextLink"]) {
      page = await client.api(page["@odata.nextLink"]).get();
      ids.push(...page.value.map((u) => u.id));
    }
    expect(new Set(ids).size).toBe(dev.directory(tenant).people().length);
    expect(metrics.snapshot().byEndpoint["GET /users"]).toBe(Math.ceil(ids.length / 40));
  });

  it("retries 429 answers after their Retry-After and counts throttling", async () => {
    dev.setFaults({ throttleRate: 0.3, retryAfterSeconds: 0.01 });
    const { client, metrics } = clients();
    const people = dev.directory(tenant).people().slice(0, 20);
    for (const p of people) expect(((await client.api(`/users/${p.id}`).select("id").get()) as { id: string }).id).toBe(p.id);
    const m = metrics.snapshot();
    expect(m.throttled).toBeGreaterThan(0);
    expect(m.retries).toBe(m.throttled);
    expect(m.byEndpoint["GET /users/{id}"]).toBe(20 + m.retries);
  });
});

describe("$batch helper", () => {
  const userItems = (count: number) =>
    dev
      .directory(tenant)
      .people()
      .slice(0, count)
      .map((p, i) => ({ id: `u${i}`, method: "GET" as const, url: `/users/${p.id}?$select=id,displayName`, personId: p.id }));

  it("sends chunks of at most 20 and maps every answer by id, including per-item errors", async () => {
    const { client, metrics } = clients();
    const items = [...userItems(44), { id: "missing", method: "GET" as const, url: "/users/00000000-0000-4000-8000-000000000000", personId: "" }];
    const results = await sendBatch(client, items, { metrics });
    expect(metrics.snapshot().byEndpoint["POST /$batch"]).toBe(3);
    expect(results.size).toBe(45);
    for (const item of items.slice(0, 44)) {
      expect(results.get(item.id)).toMatchObject({ status: 200, body: { id: item.personId } });
    }
    expect(results.get("missing")).toMatchObject({ status: 404, body: { error: { code: "Request_ResourceNotFound" } } });
  });

  it("resends only throttled items, after the longest Retry-After, until they succeed", async () => {
    dev.setFaults({ throttleRate: 0.4, retryAfterSeconds: 0.7 });
    const { client, metrics } = clients();
    const waits: number[] = [];
    const items = userItems(30);
    const results = await sendBatch(client, items, { metrics, maxRetries: 10, sleep: async (s) => void waits.push(s) });
    for (const item of items) expect(results.get(item.id)?.status).toBe(200);
    const m = metrics.snapshot();
    expect(m.throttled).toBeGreaterThan(0);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((w) => w === 0.7)).toBe(true);
    // Every item went out once, plus exactly one resend per throttled answer: nothing that succeeded was resent.
    expect(m.byEndpoint["batch GET /users/{id}"]).toBe(30 + m.throttled);
    expect(m.retries).toBe(m.throttled);
  });

  it("gives up after maxRetries and returns the last answer instead of throwing", async () => {
    dev.setFaults({ unavailableRate: 1, retryAfterSeconds: 0.01 });
    const { client } = clients();
    const results = await sendBatch(client, userItems(3), { maxRetries: 1, sleep: async () => undefined });
    expect([...results.values()].map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it("refuses duplicate ids and dependencies outside a chunk before sending anything", async () => {
    const { client, metrics } = clients();
    await expect(sendBatch(client, [{ id: "A", method: "GET", url: "/users" }, { id: "a", method: "GET", url: "/users" }], { metrics })).rejects.toThrow(/unique/);
    const far = [...userItems(21).map(({ id, method, url }) => ({ id, method, url })), { id: "late", method: "GET" as const, url: "/users", dependsOn: ["u0"] }];
    await expect(sendBatch(client, far, { metrics })).rejects.toThrow(/depends on "u0"/);
    expect(metrics.snapshot().requests).toBe(0);
  });
});

describe("concurrency limits on the wire", () => {
  async function hammerOneMailbox(client: Client, count: number): Promise<number[]> {
    const person = dev.directory(tenant).people().find((p) => p.hasMailbox && p.accountEnabled)!;
    return Promise.all(
      Array.from({ length: count }, () =>
        client
          .api(`/users/${person.id}/mailboxSettings`)
          .get()
          .then(
            () => 200,
            (e: { statusCode?: number }) => e.statusCode ?? -1,
          ),
      ),
    );
  }

  it("keeps ≤ 4 requests in flight per mailbox, so Exchange's 5th-request throttling never triggers", async () => {
    dev.setFaults({ latencyMs: [40, 40] });
    const { client, limiter, metrics } = clients({ perKey: 4, maxRetries: 0 });
    expect(await hammerOneMailbox(client, 12)).toEqual(Array(12).fill(200));
    expect(limiter.snapshot().maxInFlightPerKey).toBe(4);
    expect(metrics.snapshot().throttled).toBe(0);
  });

  it("(control) without the per-mailbox limit the dev tenant answers 429 like Exchange", async () => {
    dev.setFaults({ latencyMs: [40, 40] });
    const { client } = clients({ perKey: 12, maxRetries: 0 });
    expect(await hammerOneMailbox(client, 12)).toContain(429);
  });

  it("caps concurrent requests globally", async () => {
    dev.setFaults({ latencyMs: [20, 20] });
    const { client, limiter } = clients({ global: 2 });
    const people = dev.directory(tenant).people().slice(0, 8);
    await Promise.all(people.map((p) => client.api(`/users/${p.id}/mailboxSettings`).get().catch(() => null)));
    expect(limiter.snapshot().maxInFlight).toBe(2);
  });
});

describe("GraphDirectory", () => {
  it("reads a profile in one $batch round trip: user, manager, direct reports, mailbox time zone", async () => {
    const { graph, metrics } = clients();
    const directory = new GraphDirectory(graph, { metrics });
    const person = dev.directory(tenant).people().find((p) => p.managerId && p.hasMailbox && p.accountEnabled && p.timeZone === "Pacific Standard Time")!;
    const manager = dev.directory(tenant).findPerson(person.managerId!)!;
    const profile = await directory.getProfile(tenant, person.id);
    expect(profile).toEqual({
      id: person.id,
      displayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
      mail: person.mail,
      jobTitle: person.jobTitle,
      department: person.department,
      officeLocation: person.officeLocation,
      manager: { id: manager.id, displayName: manager.displayName },
      hasDirectReports: dev.directory(tenant).directReports(person.id).length > 0,
      timeZone: { windows: "Pacific Standard Time", iana: "America/Los_Angeles" },
    });
    expect(metrics.snapshot().requests).toBe(1);
  });

  it("treats a missing manager as null, knows who leads people, and answers null for an unknown user", async () => {
    const { graph } = clients();
    const directory = new GraphDirectory(graph);
    const ceo = dev.directory(tenant).people().find((p) => p.generatedLevel === 0)!;
    const profile = await directory.getProfile(tenant, ceo.id);
    expect(profile?.manager).toBeNull();
    expect(profile?.hasDirectReports).toBe(true);
    expect(await directory.getProfile(tenant, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("surfaces a Graph outage as UnavailableError, not as an empty profile", async () => {
    dev.setFaults({ unavailableRate: 1, retryAfterSeconds: 0.01 });
    const { graph } = clients({ maxRetries: 0 });
    const directory = new GraphDirectory(graph, { maxRetries: 1, sleep: async () => undefined });
    const person = dev.directory(tenant).people()[3]!;
    await expect(directory.getProfile(tenant, person.id)).rejects.toBeInstanceOf(UnavailableError);
  });
});
