// infra/azure.bicep checked structurally (no Bicep CLI offline) and against the app: every app setting is a
// variable src/config.ts reads, the settings form a configuration loadConfig accepts, and the Cosmos
// containers match the app's container definitions.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONTAINER_DEFINITIONS } from "../../src/adapters/cosmos/containers.js";
import { CONFIG_ENV_VARS, loadConfig } from "../../src/config.js";
import { blockEntries, bracketProblem, declarationBody, readBicep, stripCommentsAndStrings } from "./bicep-reader.js";

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), "utf8");
const bicep = readBicep(read("infra/azure.bicep"));
const parameters = JSON.parse(read("infra/azure.parameters.json")) as { parameters: Record<string, { value: unknown }> };

// Settings App Service itself reads (not our code), each with the reason it is there.
const PLATFORM_SETTINGS: Record<string, string> = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: "App Service Application Insights auto-instrumentation target",
  ApplicationInsightsAgent_EXTENSION_VERSION: "turns on App Service auto-instrumentation for Node on Linux",
  WEBSITE_RUN_FROM_PACKAGE: "runs the zip-deployed package read-only",
  SCM_DO_BUILD_DURING_DEPLOYMENT: "the package is built before deployment (npm run build), not on the server",
};

const appSettings = blockEntries(declarationBody(bicep, "resource", "webAppSettings"), "properties");

describe("Bicep structure", () => {
  it("has balanced brackets outside strings and comments, and strings that close", () => {
    expect(bracketProblem(bicep.code)).toBeNull();
  });

  it("the structural reader catches the mistakes it is meant to", () => {
    expect(bracketProblem(stripCommentsAndStrings("resource a 'x@1' = {\n  p: [\n}\n"))).toMatch(/unexpected "}"/);
    expect(bracketProblem(stripCommentsAndStrings("var a = '{' // }\n"))).toBeNull();
    expect(() => stripCommentsAndStrings("var a = 'open\n")).toThrow(/unterminated string/);
  });

  it("declares each param once, uses every param, and defines every identifier it references as a resource parent or dependency", () => {
    const names = bicep.params.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      const uses = bicep.code.match(new RegExp(`\\b${name}\\b`, "g"))?.length ?? 0;
      const interpolated = bicep.text.match(new RegExp(`\\$\\{[^}]*\\b${name}\\b[^}]*\\}`, "g"))?.length ?? 0;
      expect(uses - 1 + interpolated, `param ${name} is declared but never used`).toBeGreaterThan(0);
    }
    const symbols = new Set([...bicep.resources.map((r) => r.symbol), ...bicep.vars, ...names]);
    for (const match of bicep.code.matchAll(/\bparent:\s*(\w+)/g)) expect(symbols.has(match[1] ?? ""), `parent ${match[1]}`).toBe(true);
    const dependsOn = /dependsOn:\s*\[([^\]]*)\]/.exec(bicep.code)?.[1] ?? "";
    for (const dep of dependsOn.split(/\s+/).filter(Boolean)) expect(symbols.has(dep), `dependsOn ${dep}`).toBe(true);
  });

  it("names resource types and API versions in the documented form", () => {
    expect(bicep.resources.length).toBeGreaterThanOrEqual(15);
    for (const r of bicep.resources) {
      expect(r.type, r.symbol).toMatch(/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+$/);
      expect(r.apiVersion, r.symbol).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
    const types = new Set(bicep.resources.map((r) => r.type));
    for (const required of [
      "Microsoft.Web/serverfarms",
      "Microsoft.Web/sites",
      "Microsoft.DocumentDB/databaseAccounts",
      "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers",
      "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
      "Microsoft.KeyVault/vaults",
      "Microsoft.KeyVault/vaults/secrets",
      "Microsoft.Authorization/roleAssignments",
      "Microsoft.BotService/botServices",
      "Microsoft.BotService/botServices/channels",
      "Microsoft.Insights/components",
      "Microsoft.OperationalInsights/workspaces",
    ]) {
      expect(types.has(required), required).toBe(true);
    }
  });

  it("hardens the Web App: Node 20 on Linux, HTTPS only, TLS 1.2, managed identity, health check", () => {
    const webApp = declarationBody(bicep, "resource", "webApp");
    expect(webApp).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(webApp).toContain("httpsOnly: true");
    expect(webApp).toContain("minTlsVersion: '1.2'");
    expect(webApp).toContain("ftpsState: 'Disabled'");
    expect(webApp).toMatch(/identity:\s*\{\s*type: 'SystemAssigned'/);
    expect(webApp).toContain("healthCheckPath: '/healthz'");
    expect(webApp).toContain("appCommandLine: 'node dist/src/main.js'");
  });

  it("points the Azure Bot at /api/messages with the Teams and Microsoft 365 channels", () => {
    expect(declarationBody(bicep, "resource", "bot")).toMatch(/endpoint: 'https:\/\/\$\{publicHost\}\/api\/messages'/);
    expect(declarationBody(bicep, "resource", "bot")).toContain("msaAppType: 'SingleTenant'");
    expect(declarationBody(bicep, "resource", "teamsChannel")).toContain("channelName: 'MsTeamsChannel'");
    expect(declarationBody(bicep, "resource", "microsoft365Channel")).toContain("channelName: 'M365Extensions'");
  });

  it("gives the Web App's identity Key Vault Secrets User and Cosmos DB data contributor, and keeps Cosmos keys off", () => {
    expect(declarationBody(bicep, "resource", "keyVaultSecretsUser")).toMatch(/principalId: webApp\.identity\.principalId/);
    expect(bicep.text).toContain("var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'");
    expect(declarationBody(bicep, "resource", "cosmosDataContributor")).toMatch(/sqlRoleDefinitions\/\$\{cosmosDataContributorRoleId\}/);
    expect(bicep.text).toContain("var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'");
    expect(declarationBody(bicep, "resource", "cosmosAccount")).toContain("disableLocalAuth: true");
    expect(declarationBody(bicep, "resource", "keyVault")).toContain("enableRbacAuthorization: true");
  });
});

describe("Bicep ↔ app configuration", () => {
  const configNames = new Map(CONFIG_ENV_VARS.map((v) => [v.name, v]));

  it("sets only variables src/config.ts reads, plus documented App Service platform settings", () => {
    for (const name of appSettings.keys()) {
      expect(configNames.has(name) || name in PLATFORM_SETTINGS, `app setting ${name} is not read by src/config.ts`).toBe(true);
    }
  });

  it("sets every variable Azure mode requires, and nothing only embedded mode reads", () => {
    for (const v of CONFIG_ENV_VARS) {
      if (v.requiredInAzure) expect(appSettings.has(v.name), `${v.name} is required in Azure mode`).toBe(true);
      if (!v.modes.includes("azure")) expect(appSettings.has(v.name), `${v.name} is embedded-only`).toBe(false);
    }
  });

  it("keeps secrets in Key Vault: every secret setting is a Key Vault reference", () => {
    for (const v of CONFIG_ENV_VARS.filter((c) => c.secret)) {
      const value = appSettings.get(v.name);
      if (value !== undefined) expect(value, v.name).toMatch(/^'@Microsoft\.KeyVault\(SecretUri=\$\{\w+\.properties\.secretUri\}\)'$/);
    }
    expect(bicep.params.filter((p) => /password|secret/i.test(p.name)).every((p) => p.secure)).toBe(true);
  });

  it("forms a configuration loadConfig accepts in Azure mode (Cosmos through the managed identity)", () => {
    // Values Azure resolves at deployment time, replaced by representative ones.
    const resolved: Record<string, string> = {
      aadAppClientId: "11111111-2222-3333-4444-555555555555",
      aadAppTenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
      botId: "9e3d1c7a-5a1f-4f59-9b0f-4c3a2b1d0e11",
      cosmosDatabaseName: "reverse-mentorship",
      logLevel: "info",
      allowedTenantIds: "",
      teamsAppId: "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11",
      "cosmosAccount.properties.documentEndpoint": "https://rmabc-cosmos.documents.azure.com:443/",
      "appInsights.properties.ConnectionString": "InstrumentationKey=00000000-0000-0000-0000-000000000000",
    };
    const env: Record<string, string> = {};
    for (const [name, raw] of appSettings) {
      if (/^'[^'$]*'$/.test(raw)) env[name] = raw.slice(1, -1);
      else if (raw.startsWith("'@Microsoft.KeyVault(")) env[name] = "value-from-key-vault";
      else if (raw === "'https://${publicHost}'") env[name] = "https://rmabc.azurewebsites.net";
      else if (raw in resolved) env[name] = resolved[raw] as string;
      else throw new Error(`No representative value for ${name} = ${raw}`);
    }
    const config = loadConfig(env);
    expect(config.mode).toBe("azure");
    if (config.mode !== "azure") return;
    expect(config.cosmos.auth).toEqual({ kind: "managedIdentity", clientId: null });
    expect(config.bot).toEqual({ id: resolved.botId, password: "value-from-key-vault" });
    expect(config.publicBaseUrl).toBe("https://rmabc.azurewebsites.net");
  });

  it("creates exactly the Cosmos containers the app uses, with the same partition keys", () => {
    const body = declarationBody(bicep, "var", "cosmosContainers");
    const declared = [...body.matchAll(/name: '([^']+)'\s+partitionKeyPath: '([^']+)'/g)].map((m) => ({ name: m[1], partitionKeyPath: m[2] }));
    const expected = CONTAINER_DEFINITIONS.map((d) => ({ name: d.name, partitionKeyPath: d.partitionKeyPath }));
    expect(declared.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
  });
});

describe("parameters file", () => {
  it("passes only declared params, and every param without a default", () => {
    const declared = new Map(bicep.params.map((p) => [p.name, p]));
    for (const name of Object.keys(parameters.parameters)) expect(declared.has(name), `unknown parameter ${name}`).toBe(true);
    for (const p of bicep.params.filter((x) => !x.hasDefault)) expect(parameters.parameters[p.name], `missing parameter ${p.name}`).toBeDefined();
  });

  it("feeds secure params only from SECRET_* environment variables", () => {
    for (const p of bicep.params.filter((x) => x.secure)) {
      expect(String(parameters.parameters[p.name]?.value)).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
    for (const p of bicep.params.filter((x) => !x.secure)) {
      expect(String(parameters.parameters[p.name]?.value ?? "")).not.toContain("SECRET_");
    }
  });
});
