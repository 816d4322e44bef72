import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_ENV_VARS, ConfigError, loadConfig } from "../src/config.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT = "11111111-2222-4333-8444-555555555555";
const BOT = "0b6c5c4e-8f5e-4d7a-9c55-1b2f3a4d5e6f";

const AZURE: Record<string, string> = {
  COSMOS_ENDPOINT: "https://contoso-mentoring.documents.azure.com:443/",
  COSMOS_KEY: "c2VjcmV0LWtleQ==",
  COSMOS_DATABASE: "mentoring",
  ENTRA_TENANT_ID: TENANT,
  AAD_APP_CLIENT_ID: CLIENT,
  AAD_APP_CLIENT_SECRET: "super-secret-value",
  PUBLIC_BASE_URL: "https://mentoring.contoso.com/",
  BOT_ID: BOT,
  BOT_PASSWORD: "bot-password-value",
};

function problemsOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("defaults to embedded mode with documented defaults", () => {
    expect(loadConfig({})).toEqual({
      mode: "embedded",
      port: 3978,
      logLevel: "info",
      adminAppRole: "Program.Admin",
      graphMaxConcurrency: 16,
      teamsAppId: null,
      bot: null,
      publicBaseUrl: null,
      cosmosDatabase: "reverse-mentorship",
      devTenant: { seed: 42, users: 2000, fixturePath: null },
    });
  });

  it("reads embedded knobs and treats empty values (NAME=) as unset", () => {
    const config = loadConfig({ PORT: "0", DEV_TENANT_SEED: "7", DEV_TENANT_USERS: "500", DEV_TENANT_FIXTURE: "fixtures/org.json", LOG_LEVEL: "", BOT_ID: "" });
    expect(config).toMatchObject({ mode: "embedded", port: 0, logLevel: "info", bot: null, devTenant: { seed: 7, users: 500, fixturePath: "fixtures/org.json" } });
  });

  it("reads TEAMS_APP_ID (the manifest id, for deep links into Teams) and names it when it is not a GUID", () => {
    expect(loadConfig({ TEAMS_APP_ID: "0B6F3F4A-4A4D-4C55-9D0A-7D0F3A0C1A11" }).teamsAppId).toBe("0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11");
    expect(loadConfig({ TEAMS_APP_ID: "" }).teamsAppId).toBeNull();
    expect(() => loadConfig({ TEAMS_APP_ID: "my-app" })).toThrow(/TEAMS_APP_ID: must be a GUID/);
  });

  it("switches to Azure mode when Azure variables are set, with defaults for Entra and Graph", () => {
    const config = loadConfig(AZURE);
    expect(config).toEqual({
      mode: "azure",
      port: 3978,
      logLevel: "info",
      adminAppRole: "Program.Admin",
      graphMaxConcurrency: 16,
      teamsAppId: null,
      bot: { id: BOT, password: "bot-password-value" },
      publicBaseUrl: "https://mentoring.contoso.com",
      cosmos: { endpoint: "https://contoso-mentoring.documents.azure.com:443", database: "mentoring", auth: { kind: "key", key: "c2VjcmV0LWtleQ==" } },
      entra: { tenantId: TENANT, clientId: CLIENT, clientSecret: "super-secret-value", authorityHost: "https://login.microsoftonline.com", allowedTenantIds: [TENANT] },
      graphBaseUrl: "https://graph.microsoft.com/v1.0",
      trustedCaCertPath: null,
    });
  });

  it("supports managed identity for Cosmos DB and more allowed tenants", () => {
    const { COSMOS_KEY: _key, ...rest } = AZURE;
    const other = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee";
    const config = loadConfig({ ...rest, COSMOS_USE_MANAGED_IDENTITY: "true", COSMOS_MANAGED_IDENTITY_CLIENT_ID: CLIENT, ALLOWED_TENANT_IDS: ` ${other.toUpperCase()} , ${TENANT}` });
    expect(config.mode === "azure" && config.cosmos.auth).toEqual({ kind: "managedIdentity", clientId: CLIENT });
    expect(config.mode === "azure" && config.entra.allowedTenantIds).toEqual([TENANT, other]);
  });

  it("stops a partial Azure configuration with one message naming every missing variable", () => {
    const error = problemsOf({ COSMOS_ENDPOINT: AZURE.COSMOS_ENDPOINT! });
    expect(error.mode).toBe("azure");
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      ["AAD_APP_CLIENT_ID", "AAD_APP_CLIENT_SECRET", "BOT_ID", "BOT_PASSWORD", "COSMOS_DATABASE", "COSMOS_KEY", "ENTRA_TENANT_ID", "PUBLIC_BASE_URL"].sort(),
    );
    expect(error.message).toMatch(/^Invalid configuration \(azure mode, because COSMOS_ENDPOINT is set\)/);
    for (const p of error.problems) expect(error.message).toContain(`  - ${p.variable}: `);
  });

  it("names malformed variables and shows non-secret values but never secrets", () => {
    const error = problemsOf({
      ...AZURE,
      PORT: "http",
      AAD_APP_CLIENT_ID: "my-app",
      ENTRA_AUTHORITY_HOST: "http://login.example.com",
      GRAPH_BASE_URL: "https://graph.microsoft.com",
      ALLOWED_TENANT_IDS: "contoso.com",
      LOG_LEVEL: "verbose",
      COSMOS_USE_MANAGED_IDENTITY: "yes",
      BOT_ID: "bot",
    });
    const byVariable = Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
    expect(Object.keys(byVariable).sort()).toEqual(["AAD_APP_CLIENT_ID", "ALLOWED_TENANT_IDS", "BOT_ID", "COSMOS_USE_MANAGED_IDENTITY", "ENTRA_AUTHORITY_HOST", "GRAPH_BASE_URL", "LOG_LEVEL", "PORT"].sort());
    expect(byVariable.PORT).toBe('must be an integer between 0 and 65535 (got "http")');
    expect(byVariable.AAD_APP_CLIENT_ID).toMatch(/GUID/);
    expect(byVariable.ENTRA_AUTHORITY_HOST).toMatch(/https/);
    expect(byVariable.GRAPH_BASE_URL).toMatch(/\/v1\.0/);
    expect(error.message).not.toContain("super-secret-value");
    expect(error.message).not.toContain("c2VjcmV0LWtleQ==");
    expect(error.message).not.toContain("bot-password-value");
  });

  it("rejects contradictory settings", () => {
    expect(problemsOf({ ...AZURE, COSMOS_USE_MANAGED_IDENTITY: "true" }).problems.map((p) => p.variable)).toEqual(["COSMOS_KEY"]);
    expect(problemsOf({ APP_MODE: "embedded", ENTRA_TENANT_ID: TENANT }).problems).toEqual([
      { variable: "ENTRA_TENANT_ID", message: "is an Azure variable but APP_MODE=embedded; unset it or set APP_MODE=azure" },
    ]);
    expect(problemsOf({ ...AZURE, DEV_TENANT_USERS: "100" }).problems.map((p) => p.variable)).toEqual(["DEV_TENANT_USERS"]);
    expect(problemsOf({ BOT_ID: BOT }).problems).toEqual([{ variable: "BOT_PASSWORD", message: "must be set together with BOT_ID" }]);
    expect(problemsOf({ APP_MODE: "cloud" }).problems.map((p) => p.variable)).toEqual(["APP_MODE"]);
    expect(problemsOf({ ...AZURE, TRUSTED_CA_CERT_PATH: "/nonexistent/ca.pem" }).problems.map((p) => p.variable)).toEqual(["TRUSTED_CA_CERT_PATH"]);
  });

  it("APP_MODE=azure with nothing set lists every required Azure variable", () => {
    const required = CONFIG_ENV_VARS.filter((v) => v.requiredInAzure).map((v) => v.name);
    const named = problemsOf({ APP_MODE: "azure" }).problems.map((p) => p.variable);
    for (const name of required) expect(named).toContain(name);
  });

  it("documents exactly the variables it reads (CONFIG_ENV_VARS) — the list infra and README follow", () => {
    const source = readFileSync(new URL("../src/config.ts", import.meta.url), "utf8");
    const read = new Set([...source.matchAll(/reader\.(?:optional|required|raw)\("([A-Z0-9_]+)"/g)].map((m) => m[1]));
    for (const name of source.match(/"(COSMOS|ENTRA|AAD|GRAPH|ALLOWED|DEV_TENANT|BOT|APP|PORT|PUBLIC|LOG|ADMIN|TRUSTED)[A-Z0-9_]*"/g) ?? []) read.add(name.slice(1, -1));
    expect([...read].sort()).toEqual(CONFIG_ENV_VARS.map((v) => v.name).sort());
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    for (const v of CONFIG_ENV_VARS) expect(readme, `README documents ${v.name}`).toContain(`\`${v.name}\``);
  });
});
