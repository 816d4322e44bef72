// m365agents.yml / m365agents.local.yml against the Agents Toolkit v1.11 project schema (required `with`
// and `writeToEnvironmentFile` keys of the actions we use, from the official yaml.schema.json), and the
// chain of environment variables: every ${{VAR}} the project files, manifests and Bicep parameters use is
// produced by an earlier step, is a toolkit built-in, or is documented as set by hand.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONFIG_ENV_VARS } from "../../src/config.js";
import { readBicep } from "./bicep-reader.js";
import { parseYaml, type YamlValue } from "./mini-yaml.js";

const path = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const read = (p: string) => readFileSync(path(p), "utf8");

type Action = { uses: string; name?: string; with?: Record<string, YamlValue>; writeToEnvironmentFile?: Record<string, string>; env?: Record<string, string> };
type Project = { version: string; environmentFolderPath?: string; provision?: Action[]; deploy?: Action[]; publish?: Action[] };

const SCHEMA_VERSION = "v1.11";

// From the official v1.11 yaml.schema.json (packages/fx-core/resource/yaml-schema/v1.11): required keys.
const REQUIRED_WITH: Record<string, string[]> = {
  "aadApp/create": ["name", "generateClientSecret", "signInAudience"],
  "aadApp/update": ["manifestPath", "outputFilePath"],
  "arm/deploy": ["subscriptionId", "resourceGroupName", "templates"],
  "teamsApp/create": ["name"],
  "teamsApp/validateManifest": ["manifestPath"],
  "teamsApp/zipAppPackage": ["manifestPath", "outputZipPath", "outputFolder"],
  "teamsApp/validateAppPackage": ["appPackagePath"],
  "teamsApp/update": ["appPackagePath"],
  "teamsApp/extendToM365": ["appPackagePath"],
  "teamsApp/publishAppPackage": ["appPackagePath"],
  "botFramework/create": ["botId", "name", "messagingEndpoint"],
  "cli/runNpmCommand": ["args"],
  "azureAppService/zipDeploy": ["artifactFolder", "resourceId"],
  "file/createOrUpdateEnvironmentFile": ["envs", "target"],
};
const REQUIRED_OUTPUTS: Record<string, string[]> = {
  "aadApp/create": ["clientId", "objectId"],
  "teamsApp/create": ["teamsAppId"],
  "teamsApp/publishAppPackage": ["publishedAppId"],
  "teamsApp/extendToM365": ["titleId", "appId"],
};

/** Provided by the toolkit itself (or asked for interactively when empty). */
const BUILT_INS = new Set(["TEAMSFX_ENV", "AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP_NAME", "AAD_APP_ACCESS_AS_USER_PERMISSION_ID"]);
/** Set by people in env/.env.<env> (infra/README.md, "Environment file"). */
const SET_BY_HAND = new Set(["APP_NAME_SUFFIX", "PRIVACY_URL", "TERMS_OF_USE_URL"]);
/** Written by the toolkit's local tunnel task before provisioning the local environment. */
const FROM_TUNNEL = new Set(["BOT_ENDPOINT", "BOT_DOMAIN"]);

const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1] as string);

function load(file: string): Project {
  return parseYaml(read(file)) as unknown as Project;
}

function allActions(project: Project): Action[] {
  return [...(project.provision ?? []), ...(project.deploy ?? []), ...(project.publish ?? [])];
}

function checkSchema(file: string, project: Project): void {
  const text = read(file);
  expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${SCHEMA_VERSION}/yaml.schema.json`);
  expect(project.version).toBe(SCHEMA_VERSION);
  expect(Object.keys(project).filter((k) => !["version", "environmentFolderPath", "provision", "deploy", "publish", "projectId", "additionalMetadata"].includes(k))).toEqual([]);
  for (const action of allActions(project)) {
    const required = REQUIRED_WITH[action.uses];
    expect(required, `${file}: action ${action.uses} is not one this test knows from the schema`).toBeDefined();
    for (const key of required ?? []) expect(action.with?.[key], `${file}: ${action.uses} needs with.${key}`).toBeDefined();
    for (const key of REQUIRED_OUTPUTS[action.uses] ?? []) expect(action.writeToEnvironmentFile?.[key], `${file}: ${action.uses} needs writeToEnvironmentFile.${key}`).toBeDefined();
    if (action.uses === "aadApp/create" && action.with?.generateClientSecret === "true") {
      expect(action.writeToEnvironmentFile?.clientSecret, `${file}: generated client secrets must go to a SECRET_ variable`).toMatch(/^SECRET_/);
    }
  }
}

/** Walks the steps in order: each placeholder must be known before the step that uses it. */
function checkVariableChain(file: string, project: Project, extraKnown: ReadonlySet<string>): void {
  const known = new Set([...BUILT_INS, ...SET_BY_HAND, ...extraKnown]);
  const bicepOutputs = readBicep(read("infra/azure.bicep")).outputs.map((o) => o.name);
  const manifestVars = placeholders(read("appPackage/manifest.json"));
  const aadVars = placeholders(read("appPackage/aad.manifest.json"));
  const parameterVars = placeholders(read("infra/azure.parameters.json"));
  for (const stage of [project.provision ?? [], project.deploy ?? [], project.publish ?? []]) {
    for (const action of stage) {
      const used = placeholders(JSON.stringify(action.with ?? {}));
      if (action.uses === "teamsApp/validateManifest" || action.uses === "teamsApp/zipAppPackage") used.push(...manifestVars);
      if (action.uses === "aadApp/update") used.push(...aadVars);
      if (action.uses === "arm/deploy") used.push(...parameterVars);
      // aadApp/create reads its own outputs when they are already set (idempotent re-provision).
      const own = new Set(Object.values(action.writeToEnvironmentFile ?? {}));
      for (const name of used) {
        if (action.uses === "aadApp/update" && name === "AAD_APP_ACCESS_AS_USER_PERMISSION_ID") continue;
        expect(known.has(name) || own.has(name), `${file}: ${action.uses} uses \${{${name}}} before any step sets it`).toBe(true);
      }
      for (const produced of own) known.add(produced);
      if (action.uses === "arm/deploy") for (const output of bicepOutputs) known.add(output);
      if (action.uses === "file/createOrUpdateEnvironmentFile" && String(action.with?.target).startsWith("./env/.env.")) {
        for (const key of Object.keys((action.with?.envs as Record<string, string>) ?? {})) known.add(key);
      }
    }
  }
}

describe("m365agents.yml (cloud environments)", () => {
  const project = load("m365agents.yml");

  it("follows the Agents Toolkit project schema", () => checkSchema("m365agents.yml", project));

  it("provisions, deploys and publishes in the documented order", () => {
    expect(project.environmentFolderPath).toBe("./env");
    expect(project.provision?.map((a) => a.uses)).toEqual([
      "aadApp/create",
      "aadApp/create",
      "teamsApp/create",
      "arm/deploy",
      "aadApp/update",
      "teamsApp/validateManifest",
      "teamsApp/zipAppPackage",
      "teamsApp/validateAppPackage",
      "teamsApp/update",
      "teamsApp/extendToM365",
    ]);
    expect(project.deploy?.map((a) => a.uses)).toEqual(["cli/runNpmCommand", "cli/runNpmCommand", "azureAppService/zipDeploy"]);
    expect(project.deploy?.[1]?.with?.args).toBe("run build");
    expect(project.publish?.map((a) => a.uses).at(-1)).toBe("teamsApp/publishAppPackage");
  });

  it("creates the bot and app registrations whose ids the manifest, Bicep and app settings use", () => {
    const outputs = (project.provision ?? []).filter((a) => a.uses === "aadApp/create").map((a) => a.writeToEnvironmentFile ?? {});
    expect(outputs).toEqual([
      expect.objectContaining({ clientId: "AAD_APP_CLIENT_ID", clientSecret: "SECRET_AAD_APP_CLIENT_SECRET", tenantId: "AAD_APP_TENANT_ID", objectId: "AAD_APP_OBJECT_ID" }),
      expect.objectContaining({ clientId: "BOT_ID", clientSecret: "SECRET_BOT_PASSWORD" }),
    ]);
  });

  it("sets every variable before it is used (manifest, Entra manifest, Bicep parameters)", () => checkVariableChain("m365agents.yml", project, new Set()));

  it("deploys to the Web App the Bicep creates, skipping what the server does not need", () => {
    const zipDeploy = project.deploy?.find((a) => a.uses === "azureAppService/zipDeploy");
    expect(zipDeploy?.with?.resourceId).toBe("${{AZURE_APP_SERVICE_RESOURCE_ID}}");
    expect(readBicep(read("infra/azure.bicep")).outputs.map((o) => o.name)).toContain("AZURE_APP_SERVICE_RESOURCE_ID");
    const ignoreFile = String(zipDeploy?.with?.ignoreFile);
    expect(existsSync(path(ignoreFile))).toBe(true);
    const patterns = read(ignoreFile).split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
    // Unanchored folder names would also drop dist/src or node_modules/*/src.
    for (const p of patterns) expect(p.startsWith("/") || p.startsWith("*."), `pattern "${p}" must be anchored`).toBe(true);
    expect(patterns).not.toContain("/dist");
    expect(patterns).not.toContain("/node_modules");
  });

  it("points arm/deploy at the Bicep template and its parameters file", () => {
    const arm = project.provision?.find((a) => a.uses === "arm/deploy");
    const template = (arm?.with?.templates as Array<Record<string, string>>)[0];
    expect(existsSync(path(template?.path ?? ""))).toBe(true);
    expect(existsSync(path(template?.parameters ?? ""))).toBe(true);
  });
});

describe("m365agents.local.yml (local environment behind a dev tunnel)", () => {
  const project = load("m365agents.local.yml");

  it("follows the Agents Toolkit project schema", () => checkSchema("m365agents.local.yml", project));

  it("registers the bot on the tunnel endpoint with the Teams and Microsoft 365 channels", () => {
    const bot = project.provision?.find((a) => a.uses === "botFramework/create");
    expect(bot?.with).toMatchObject({ botId: "${{BOT_ID}}", messagingEndpoint: "${{BOT_ENDPOINT}}/api/messages" });
    expect(bot?.with?.channels).toEqual([{ name: "msteams" }, { name: "m365extensions" }]);
  });

  it("sets every variable before it is used", () => checkVariableChain("m365agents.local.yml", project, FROM_TUNNEL));

  it("writes only variables the app reads to a git-ignored runtime file", () => {
    const runtime = project.deploy?.find((a) => a.uses === "file/createOrUpdateEnvironmentFile");
    expect(String(runtime?.with?.target)).toMatch(/^\.\/env\/\.env\.[\w.-]+\.user$/);
    const names = new Set(CONFIG_ENV_VARS.map((v) => v.name));
    for (const key of Object.keys((runtime?.with?.envs as Record<string, string>) ?? {})) expect(names.has(key), `${key} is not read by src/config.ts`).toBe(true);
  });
});

describe("mini YAML reader", () => {
  it("reads the subset it claims and refuses the rest", () => {
    expect(parseYaml("a: 1 # note\nb:\n  - x: '#not a comment'\n    y: \"q\"\n  - plain\nc:\n")).toEqual({ a: "1", b: [{ x: "#not a comment", y: "q" }, "plain"], c: "" });
    expect(() => parseYaml("a: [1, 2]\n")).toThrow(/flow collections/);
    expect(() => parseYaml("a: 1\na: 2\n")).toThrow(/duplicate key/);
    expect(() => parseYaml("a:\n\tb: 1\n")).toThrow(/tabs/);
  });
});
