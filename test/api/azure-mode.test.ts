// Azure mode, by configuration only: the same app pointed through its documented variables at an Entra ID,
// Graph and Cosmos DB endpoint (here the dev tenant and an embedded Cosmos with a key, trusted through
// TRUSTED_CA_CERT_PATH). The dev sign-in must not exist, and only the configured tenants may sign in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../src/adapters/cosmos/embedded-cosmos.js";
import { loadConfig } from "../../src/config.js";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

let devTenant: DevTenant;
let cosmos: EmbeddedCosmos;
let app: TestApp;

function azureEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    LOG_LEVEL: "silent",
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DATABASE: `azure-mode-${Object.keys(extra).length}`,
    ENTRA_TENANT_ID: devTenant.tenants[0]!.tenantId,
    AAD_APP_CLIENT_ID: devTenant.app.clientId,
    AAD_APP_CLIENT_SECRET: devTenant.app.clientSecret,
    ENTRA_AUTHORITY_HOST: devTenant.authorityHost,
    GRAPH_BASE_URL: devTenant.graphBaseUrl,
    PUBLIC_BASE_URL: "https://mentoring.contoso.example",
    BOT_ID: "0b6c5c4e-8f5e-4d7a-9c55-1b2f3a4d5e6f",
    BOT_PASSWORD: "bot-secret-for-tests",
    TRUSTED_CA_CERT_PATH: devTenant.caCertPath,
    ...extra,
  };
}

beforeAll(async () => {
  devTenant = await startDevTenant({ seed: 11, users: 120 });
  cosmos = await startEmbeddedCosmos(devTenant.issueServerCert(["127.0.0.1", "localhost"]));
  app = await startTestApp({ devTenant, config: loadConfig(azureEnv()) });
});
afterAll(async () => {
  await app?.stop();
  await cosmos?.stop();
  await devTenant?.stop();
});

describe("Azure mode", () => {
  it("reports azure mode and no dev sign-in to the tab", async () => {
    const res = await app.api("GET", "/api/config");
    expect(res.body).toEqual({ mode: "azure", clientId: devTenant.app.clientId, devSignIn: false });
  });

  it("has no dev sign-in routes at all (404), and does not document them", async () => {
    for (const [method, path] of [
      ["GET", "/api/dev/people?role=admin"],
      ["POST", "/api/dev/signin"],
    ] as const) {
      const res = await app.api(method, path, method === "POST" ? { body: { userId: "anyone" } } : {});
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const doc = (await app.api<{ paths: Record<string, unknown>; servers: Array<{ url: string }> }>("GET", "/api/openapi.json")).body;
    expect(Object.keys(doc.paths).filter((p) => p.startsWith("/api/dev"))).toEqual([]);
    expect(doc.servers[0]?.url).toBe("https://mentoring.contoso.example");
  });

  it("serves /api/me for the home tenant through Entra-style tokens and Graph", async () => {
    const token = await app.signInAs("employee");
    const res = await app.api<{ tenantId: string; roles: string[] }>("GET", "/api/me", { token });
    expect(res.status).toBe(200);
    expect(res.body.tenantId).toBe(devTenant.tenants[0]!.tenantId.toLowerCase());
    expect(res.body.roles).toEqual(["employee"]);
    expect((await app.api("GET", "/healthz")).status).toBe(200);
  });

  it("rejects a validly signed token from a tenant that is not in ALLOWED_TENANT_IDS", async () => {
    const fabrikam = devTenant.tenants[1]!.tenantId;
    const token = await app.signInAs("employee", fabrikam);
    const res = await app.api<{ check: string; detail: string }>("GET", "/api/me", { token });
    expect(res.status).toBe(401);
    expect(res.body.check).toBe("tenant");
    expect(res.body.detail).toContain(fabrikam.toLowerCase());
  });

  it("admits another tenant once ALLOWED_TENANT_IDS lists it", async () => {
    const fabrikam = devTenant.tenants[1]!.tenantId;
    const wider = await startTestApp({ devTenant, config: loadConfig(azureEnv({ ALLOWED_TENANT_IDS: fabrikam })) });
    try {
      const res = await wider.api<{ tenantId: string }>("GET", "/api/me", { token: await wider.signInAs("employee", fabrikam) });
      expect(res.status).toBe(200);
      expect(res.body.tenantId).toBe(fabrikam.toLowerCase());
    } finally {
      await wider.stop();
    }
  });

  it("sends HSTS when served over https", async () => {
    expect((await app.api("GET", "/api/config")).headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});
