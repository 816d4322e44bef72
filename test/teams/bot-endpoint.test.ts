// /api/messages on our Express app: Bot Framework authentication in production mode, the embedded-dev
// exception, tenant isolation and malformed requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEntraBotTokenProvider } from "../../src/adapters/teams/bot-token-provider.js";
import { createMsalNetworkClient } from "../../src/adapters/auth/msal-network-client.js";
import { BOT_ID, OTHER_TENANT, TENANT, USER, composeQuery, installationAdd } from "./activities.js";
import { startBotHarness, type BotHarness } from "./bot-harness.js";
import { startBotFrameworkIdentity, startEntraTokenEndpoint, type BotFrameworkIdentity, type EntraTokenEndpoint } from "./identity-stand-ins.js";

describe("authenticated (bot-framework) mode", () => {
  let identity: BotFrameworkIdentity;
  let entra: EntraTokenEndpoint;
  let harness: BotHarness;

  beforeAll(async () => {
    identity = await startBotFrameworkIdentity();
    entra = await startEntraTokenEndpoint();
    const loopbackFetch = (input: string | URL, init?: RequestInit) => fetch(String(input).replace(entra.authorityHost, entra.origin), init);
    harness = await startBotHarness({
      auth: { mode: "bot-framework", openIdMetadataUrl: identity.openIdMetadataUrl },
      tokens: createEntraBotTokenProvider({
        botId: BOT_ID,
        botPassword: "bot-secret-value",
        tenantId: TENANT,
        authorityHost: entra.authorityHost,
        networkClient: createMsalNetworkClient(loopbackFetch),
      }),
    });
  });

  afterAll(async () => {
    await harness.stop();
    await identity.stop();
    await entra.stop();
  });

  const install = () => installationAdd({ serviceUrl: harness.connector.serviceUrl });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("refuses a request without a token", async () => {
    const response = await harness.post(install());
    expect(response.status).toBe(401);
    expect(harness.conversations.references).toHaveLength(0);
  });

  it.each([
    ["signed by a key Bot Framework does not publish", () => identity.signWithUnknownKey({ audience: BOT_ID, serviceUrl: harness.connector.serviceUrl })],
    ["for another bot", () => identity.sign({ audience: "00000000-1111-2222-3333-444444444444", serviceUrl: harness.connector.serviceUrl })],
    ["from another issuer", () => identity.sign({ audience: BOT_ID, serviceUrl: harness.connector.serviceUrl, issuer: "https://sts.windows.net/evil/" })],
    ["for another serviceUrl", () => identity.sign({ audience: BOT_ID, serviceUrl: "https://smba.trafficmanager.net/emea" })],
    ["expired more than 5 minutes ago", () => identity.sign({ audience: BOT_ID, serviceUrl: harness.connector.serviceUrl, expiresIn: -600 })],
  ])("refuses a token %s", async (_what, token) => {
    const response = await harness.post(install(), bearer(await token()));
    expect(response.status).toBe(401);
    expect(harness.conversations.references).toHaveLength(0);
  });

  it("accepts a valid Bot Framework token, stores the reference and replies with a token from Entra", async () => {
    const token = await identity.sign({ audience: BOT_ID, serviceUrl: harness.connector.serviceUrl });
    const response = await harness.post(install(), bearer(token));
    expect(response.status).toBe(200);
    expect(harness.conversations.references).toEqual([
      expect.objectContaining({ tenantId: TENANT, scope: "personal", userId: USER.aadObjectId, serviceUrl: harness.connector.serviceUrl }),
    ]);
    // The welcome card went to the activity's serviceUrl with the bot's own token from the token endpoint.
    const [welcome] = await harness.connector.waitForActivities(1);
    expect(welcome?.authorization).toBe(`Bearer ${entra.accessToken}`);
    expect(entra.requests).toEqual([
      { tenant: TENANT, clientId: BOT_ID, clientSecret: "bot-secret-value", scope: "https://api.botframework.com/.default", grantType: "client_credentials" },
    ]);
    expect(identity.keyRequests()).toBeGreaterThan(0);
  });
});

describe("embedded-dev mode and request hygiene", () => {
  let harness: BotHarness;
  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(() => harness.stop());
  afterEach(() => {
    harness.conversations.references.length = 0;
  });

  it("accepts unauthenticated activities only because the mode says so", async () => {
    const response = await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl }));
    expect(response.status).toBe(200);
    expect(harness.conversations.references).toHaveLength(1);
    const [welcome] = await harness.connector.waitForActivities(1);
    // The embedded token provider never calls an identity provider; it still sends a well-formed JWT.
    expect(welcome?.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it("refuses invokes from a tenant that is not allowed, and ignores its other activities", async () => {
    const invoke = await harness.post(composeQuery({ serviceUrl: harness.connector.serviceUrl, tenantId: OTHER_TENANT }, "findCohorts", [{ name: "keyword", value: "" }]));
    expect(invoke.status).toBe(403);
    const install = await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl, tenantId: OTHER_TENANT }));
    expect(install.status).toBe(200);
    expect(harness.conversations.references).toHaveLength(0);
    expect(harness.programs.calls.filter((c) => c.method === "findCohorts")).toHaveLength(0);
  });

  it("answers 415 to a non-JSON body and 400 to JSON that is not an activity", async () => {
    const text = await fetch(`${harness.url}/api/messages`, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" });
    expect(text.status).toBe(415);
    expect(text.headers.get("content-type")).toContain("application/problem+json");
    const notActivity = await harness.post({ hello: "world" });
    expect(notActivity.status).toBe(400);
  });

  it("leaves other routes to the rest of the app", async () => {
    const response = await fetch(`${harness.url}/api/other`, { method: "POST" });
    expect(response.status).toBe(404);
  });
});

describe("options come from our config, never from the SDK's own environment reads", () => {
  const planted = {
    CLIENT_ID: "00000000-aaaa-4bbb-8ccc-000000000001",
    CLIENT_SECRET: "env-secret-must-not-be-used",
    TENANT_ID: "00000000-aaaa-4bbb-8ccc-000000000002",
    DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS: "true",
    SERVICE_URL: "https://attacker.example/teams",
    CLOUD: "USGov",
  };
  let identity: BotFrameworkIdentity;
  let entra: EntraTokenEndpoint;
  let harness: BotHarness;

  beforeAll(async () => {
    Object.assign(process.env, planted);
    identity = await startBotFrameworkIdentity();
    entra = await startEntraTokenEndpoint();
    harness = await startBotHarness({
      auth: { mode: "bot-framework", openIdMetadataUrl: identity.openIdMetadataUrl },
      tokens: createEntraBotTokenProvider({
        botId: BOT_ID,
        botPassword: "config-secret",
        tenantId: TENANT,
        authorityHost: entra.authorityHost,
        networkClient: createMsalNetworkClient((input, init) => fetch(String(input).replace(entra.authorityHost, entra.origin), init)),
      }),
    });
  });

  afterAll(async () => {
    for (const name of Object.keys(planted)) delete process.env[name];
    await harness.stop();
    await identity.stop();
    await entra.stop();
  });

  it("still requires a Bot Framework token and uses the configured bot credentials", async () => {
    expect((await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl }))).status).toBe(401);
    const token = await identity.sign({ audience: BOT_ID, serviceUrl: harness.connector.serviceUrl });
    expect((await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl }), { authorization: `Bearer ${token}` })).status).toBe(200);
    await harness.connector.waitForActivities(1);
    expect(entra.requests.map((r) => [r.clientId, r.clientSecret, r.tenant])).toEqual([[BOT_ID, "config-secret", TENANT]]);
  });
});

describe("mountBot configuration guards", () => {
  it("will not run unauthenticated with real credentials, or authenticated with the embedded tokens", async () => {
    await expect(startBotHarness({ auth: { mode: "bot-framework" } })).rejects.toThrow(/needs Entra bot credentials/);
    await expect(
      startBotHarness({ tokens: { kind: "entra", getToken: async () => "x" } }),
    ).rejects.toThrow(/must not use real bot credentials/);
  });
});
