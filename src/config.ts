// The only reader of the environment. Validates every variable once at start-up and fails fast with ONE
// message that names each bad variable (never echoing secrets), so a half-configured deployment cannot
// start and quietly run against the wrong data.
//
// Two modes:
// - embedded (default): the dev tenant (local Microsoft 365 stand-in) and an in-memory Cosmos DB are
//   started in-process; no Azure variables may be set.
// - azure: selected by APP_MODE=azure or by setting any Azure variable; then every required Azure
//   variable must be present and well-formed.
import { existsSync } from "node:fs";
import { z } from "zod";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface BotCredentials {
  /** The Azure Bot's Microsoft App ID (Agents Toolkit: BOT_ID). */
  id: string;
  password: string;
}

interface CommonConfig {
  port: number;
  logLevel: LogLevel;
  /** The app role (in the token's `roles`) that makes someone a program admin. */
  adminAppRole: string;
  /** Global cap on concurrent Graph requests from this process (per mailbox the cap is always 4). */
  graphMaxConcurrency: number;
  bot: BotCredentials | null;
  /** Teams app id (manifest `id`): cards deep-link into the app in Teams; null = links open the web tab. */
  teamsAppId: string | null;
}

export interface EmbeddedConfig extends CommonConfig {
  mode: "embedded";
  /** When set, the base URL users reach (e.g. a dev tunnel); otherwise http://localhost:PORT. */
  publicBaseUrl: string | null;
  cosmosDatabase: string;
  devTenant: { seed: number; users: number; fixturePath: string | null };
}

export type CosmosAuth = { kind: "key"; key: string } | { kind: "managedIdentity"; clientId: string | null };

export interface AzureConfig extends CommonConfig {
  mode: "azure";
  publicBaseUrl: string;
  cosmos: { endpoint: string; database: string; auth: CosmosAuth };
  entra: {
    /** The home tenant of the app registration. */
    tenantId: string;
    clientId: string;
    clientSecret: string;
    /** e.g. https://login.microsoftonline.com (no trailing slash). */
    authorityHost: string;
    /** Tenants whose users may call the API (always includes the home tenant). */
    allowedTenantIds: string[];
  };
  /** Graph root including the version segment, e.g. https://graph.microsoft.com/v1.0. */
  graphBaseUrl: string;
  bot: BotCredentials;
  /** PEM file of one more CA to trust for Entra, Graph and Cosmos (a TLS-inspecting proxy); null = system roots. */
  trustedCaCertPath: string | null;
}

export type AppConfig = EmbeddedConfig | AzureConfig;

export interface EnvVarDoc {
  name: string;
  /** Which mode reads it. */
  modes: ReadonlyArray<"embedded" | "azure">;
  /** Required in Azure mode. */
  requiredInAzure: boolean;
  /** Never printed, never logged; keep in *.user env files or Key Vault. */
  secret: boolean;
  defaultValue: string | null;
  description: string;
}

const BOTH = ["embedded", "azure"] as const;
const AZURE = ["azure"] as const;
const EMBEDDED = ["embedded"] as const;

/** Every variable the app reads, in README order. Infra (Bicep app settings) is checked against this list. */
export const CONFIG_ENV_VARS: readonly EnvVarDoc[] = [
  { name: "APP_MODE", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: "embedded, or azure when an Azure variable is set", description: "Explicit mode: embedded | azure." },
  { name: "PORT", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: "3978", description: "HTTP port (0 = any free port)." },
  { name: "PUBLIC_BASE_URL", modes: BOTH, requiredInAzure: true, secret: false, defaultValue: "http://localhost:PORT (embedded)", description: "Public https origin of the app (tab URLs, deep links, webhook URLs)." },
  { name: "LOG_LEVEL", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: "info", description: "fatal | error | warn | info | debug | trace | silent." },
  { name: "ADMIN_APP_ROLE", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: "Program.Admin", description: "App role (token `roles` claim) that makes a user a program admin." },
  { name: "GRAPH_MAX_CONCURRENCY", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: "16", description: "Global cap on concurrent Microsoft Graph requests per instance (per mailbox always ≤ 4)." },
  { name: "COSMOS_ENDPOINT", modes: AZURE, requiredInAzure: true, secret: false, defaultValue: null, description: "Cosmos DB account endpoint, https://<account>.documents.azure.com:443/." },
  { name: "COSMOS_KEY", modes: AZURE, requiredInAzure: false, secret: true, defaultValue: null, description: "Cosmos DB account key. Set this or COSMOS_USE_MANAGED_IDENTITY=true." },
  { name: "COSMOS_USE_MANAGED_IDENTITY", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: "false", description: "true = authenticate to Cosmos DB with the App Service managed identity (data-plane RBAC)." },
  { name: "COSMOS_MANAGED_IDENTITY_CLIENT_ID", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: "system-assigned", description: "Client id of a user-assigned managed identity for Cosmos DB." },
  { name: "COSMOS_DATABASE", modes: BOTH, requiredInAzure: true, secret: false, defaultValue: "reverse-mentorship (embedded)", description: "Cosmos DB database name; created with its containers if missing." },
  { name: "ENTRA_TENANT_ID", modes: AZURE, requiredInAzure: true, secret: false, defaultValue: null, description: "Home tenant id (GUID) of the app registration (Agents Toolkit: AAD_APP_TENANT_ID)." },
  { name: "AAD_APP_CLIENT_ID", modes: AZURE, requiredInAzure: true, secret: false, defaultValue: null, description: "Client id (GUID) of the Entra app registration; the audience of Teams SSO tokens." },
  { name: "AAD_APP_CLIENT_SECRET", modes: AZURE, requiredInAzure: true, secret: true, defaultValue: null, description: "Client secret of the app registration (app-only Graph and on-behalf-of)." },
  { name: "ENTRA_AUTHORITY_HOST", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: "https://login.microsoftonline.com", description: "Entra ID authority host (https)." },
  { name: "GRAPH_BASE_URL", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: "https://graph.microsoft.com/v1.0", description: "Microsoft Graph root including the version (https)." },
  { name: "ALLOWED_TENANT_IDS", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: "ENTRA_TENANT_ID", description: "Comma-separated tenant ids (GUIDs) whose users may sign in; the home tenant is always allowed." },
  { name: "TRUSTED_CA_CERT_PATH", modes: AZURE, requiredInAzure: false, secret: false, defaultValue: null, description: "PEM file with one extra CA to trust for Entra ID, Graph and Cosmos DB (e.g. a TLS-inspecting proxy, or the dev tenant when trying Azure mode locally). TLS verification always stays on." },
  { name: "BOT_ID", modes: BOTH, requiredInAzure: true, secret: false, defaultValue: null, description: "Azure Bot Microsoft App ID (GUID). Optional in embedded mode." },
  { name: "BOT_PASSWORD", modes: BOTH, requiredInAzure: true, secret: true, defaultValue: null, description: "Azure Bot client secret. Set together with BOT_ID." },
  { name: "TEAMS_APP_ID", modes: BOTH, requiredInAzure: false, secret: false, defaultValue: null, description: "Teams app id (GUID, manifest `id`; written by Agents Toolkit provision). Notification cards then deep-link into the app in Teams; without it they link to the web tab." },
  { name: "DEV_TENANT_SEED", modes: EMBEDDED, requiredInAzure: false, secret: false, defaultValue: "42", description: "Seed of the generated dev organisation and calendars." },
  { name: "DEV_TENANT_USERS", modes: EMBEDDED, requiredInAzure: false, secret: false, defaultValue: "2000", description: "People in the generated primary dev tenant (10–100000)." },
  { name: "DEV_TENANT_FIXTURE", modes: EMBEDDED, requiredInAzure: false, secret: false, defaultValue: null, description: "Path to a JSON org fixture that replaces the generated primary dev tenant." },
];

/** Variables whose presence selects Azure mode. BOT_* and PUBLIC_BASE_URL are also useful locally. */
const AZURE_SELECTORS = [
  "COSMOS_ENDPOINT",
  "COSMOS_KEY",
  "COSMOS_USE_MANAGED_IDENTITY",
  "COSMOS_MANAGED_IDENTITY_CLIENT_ID",
  "ENTRA_TENANT_ID",
  "AAD_APP_CLIENT_ID",
  "AAD_APP_CLIENT_SECRET",
  "ENTRA_AUTHORITY_HOST",
  "GRAPH_BASE_URL",
  "ALLOWED_TENANT_IDS",
] as const;

const EMBEDDED_ONLY = ["DEV_TENANT_SEED", "DEV_TENANT_USERS", "DEV_TENANT_FIXTURE"] as const;

export class ConfigError extends Error {
  constructor(
    readonly mode: "embedded" | "azure",
    readonly problems: ReadonlyArray<{ variable: string; message: string }>,
    reason: string,
  ) {
    super(
      `Invalid configuration (${mode} mode${reason}); fix these environment variables:\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n") +
        "\nSee README.md, section \"Configuration\".",
    );
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const guid = z.string().regex(GUID, "must be a GUID like 00000000-0000-0000-0000-000000000000");
const httpsUrl = z
  .string()
  .refine((v) => URL.canParse(v), "must be an absolute URL")
  .refine((v) => !URL.canParse(v) || new URL(v).protocol === "https:", "must use https://")
  .transform((v) => v.replace(/\/+$/, ""));
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be an integer between ${min} and ${max}`);
const bool = z.enum(["true", "false"], { error: "must be true or false" }).transform((v) => v === "true");
const nonEmpty = z.string().min(1);

/** Collects per-variable problems so that one run reports all of them. */
class EnvReader {
  readonly problems: Array<{ variable: string; message: string }> = [];
  private readonly secrets = new Set(CONFIG_ENV_VARS.filter((v) => v.secret).map((v) => v.name));

  constructor(private readonly env: Env) {}

  /** Empty strings count as unset: Agents Toolkit env files contain `NAME=` lines. */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  optional<T>(name: string, schema: z.ZodType<T, string>): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const shown = this.secrets.has(name) ? "" : ` (got "${value.length > 80 ? `${value.slice(0, 80)}…` : value}")`;
    this.problems.push({ variable: name, message: `${parsed.error.issues[0]?.message ?? "is not valid"}${shown}` });
    return undefined;
  }

  required<T>(name: string, schema: z.ZodType<T, string>, what: string): T | undefined {
    if (this.raw(name) === undefined) {
      this.problems.push({ variable: name, message: `is required in Azure mode (${what})` });
      return undefined;
    }
    return this.optional(name, schema);
  }

  problem(variable: string, message: string): void {
    this.problems.push({ variable, message });
  }
}

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const reader = new EnvReader(env);
  const { mode, reason } = selectMode(reader);
  const config = mode === "azure" ? readAzure(reader) : readEmbedded(reader);
  if (reader.problems.length > 0 || config === null) throw new ConfigError(mode, reader.problems, reason);
  return config;
}

function selectMode(reader: EnvReader): { mode: "embedded" | "azure"; reason: string } {
  const explicit = reader.optional("APP_MODE", z.enum(["embedded", "azure"], { error: "must be embedded or azure" }));
  const selectors = AZURE_SELECTORS.filter((name) => reader.raw(name) !== undefined);
  if (explicit === "embedded") {
    for (const name of selectors) reader.problem(name, "is an Azure variable but APP_MODE=embedded; unset it or set APP_MODE=azure");
    return { mode: "embedded", reason: ", APP_MODE=embedded" };
  }
  if (explicit === "azure") return { mode: "azure", reason: ", APP_MODE=azure" };
  if (selectors.length > 0) return { mode: "azure", reason: `, because ${selectors.join(", ")} ${selectors.length === 1 ? "is" : "are"} set` };
  return { mode: "embedded", reason: "" };
}

function readCommon(reader: EnvReader, mode: "embedded" | "azure") {
  const port = reader.optional("PORT", integer(0, 65535)) ?? 3978;
  const logLevel =
    reader.optional("LOG_LEVEL", z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" })) ?? "info";
  const adminAppRole = reader.optional("ADMIN_APP_ROLE", z.string().regex(/^[A-Za-z0-9._-]{1,120}$/, "must be an app role value (letters, digits, '.', '_', '-')")) ?? "Program.Admin";
  const graphMaxConcurrency = reader.optional("GRAPH_MAX_CONCURRENCY", integer(1, 256)) ?? 16;
  const bot = readBot(reader, mode);
  const teamsAppId = reader.optional("TEAMS_APP_ID", guid)?.toLowerCase() ?? null;
  return { port, logLevel, adminAppRole, graphMaxConcurrency, bot, teamsAppId };
}

function readBot(reader: EnvReader, mode: "embedded" | "azure"): BotCredentials | null {
  if (mode === "azure") {
    const id = reader.required("BOT_ID", guid, "the Azure Bot's Microsoft App ID");
    const password = reader.required("BOT_PASSWORD", nonEmpty, "the Azure Bot's client secret");
    return id && password ? { id, password } : null;
  }
  const id = reader.optional("BOT_ID", guid);
  const password = reader.optional("BOT_PASSWORD", nonEmpty);
  if (reader.raw("BOT_ID") !== undefined && reader.raw("BOT_PASSWORD") === undefined) reader.problem("BOT_PASSWORD", "must be set together with BOT_ID");
  if (reader.raw("BOT_PASSWORD") !== undefined && reader.raw("BOT_ID") === undefined) reader.problem("BOT_ID", "must be set together with BOT_PASSWORD");
  return id && password ? { id, password } : null;
}

function readEmbedded(reader: EnvReader): EmbeddedConfig | null {
  const common = readCommon(reader, "embedded");
  const publicBaseUrl = reader.optional("PUBLIC_BASE_URL", z.string().refine((v) => URL.canParse(v), "must be an absolute URL").transform((v) => v.replace(/\/+$/, ""))) ?? null;
  const cosmosDatabase = reader.optional("COSMOS_DATABASE", cosmosDatabaseName) ?? "reverse-mentorship";
  const seed = reader.optional("DEV_TENANT_SEED", integer(0, 2 ** 31 - 1)) ?? 42;
  const users = reader.optional("DEV_TENANT_USERS", integer(10, 100_000)) ?? 2000;
  const fixturePath = reader.optional("DEV_TENANT_FIXTURE", nonEmpty) ?? null;
  return { mode: "embedded", ...common, publicBaseUrl, cosmosDatabase, devTenant: { seed, users, fixturePath } };
}

// Cosmos DB database ids: 1–255 characters, none of / \ # ? and no trailing space.
const cosmosDatabaseName = z.string().regex(/^[^/\\#?]{1,255}$/, "must be 1–255 characters without / \\ # ?");

function readAzure(reader: EnvReader): AzureConfig | null {
  const common = readCommon(reader, "azure");
  for (const name of EMBEDDED_ONLY) {
    if (reader.raw(name) !== undefined) reader.problem(name, "is only used in embedded mode; unset it in Azure mode");
  }
  const publicBaseUrl = reader.required("PUBLIC_BASE_URL", httpsUrl, "the app's public https origin");
  const cosmos = readCosmos(reader);
  const entra = readEntra(reader);
  const graphBaseUrl =
    reader.optional("GRAPH_BASE_URL", httpsUrl.refine((v) => /\/(v1\.0|beta)$/.test(v), "must end with the API version, e.g. /v1.0")) ?? "https://graph.microsoft.com/v1.0";
  const trustedCaCertPath = reader.optional("TRUSTED_CA_CERT_PATH", z.string().refine((p) => existsSync(p), "must be the path of an existing PEM file")) ?? null;
  if (!publicBaseUrl || !cosmos || !entra || !common.bot) return null;
  return { mode: "azure", ...common, bot: common.bot, publicBaseUrl, cosmos, entra, graphBaseUrl, trustedCaCertPath };
}

function readCosmos(reader: EnvReader): AzureConfig["cosmos"] | null {
  const endpoint = reader.required("COSMOS_ENDPOINT", httpsUrl, "the Cosmos DB account endpoint");
  const database = reader.required("COSMOS_DATABASE", cosmosDatabaseName, "the Cosmos DB database name");
  const key = reader.optional("COSMOS_KEY", nonEmpty);
  const useIdentity = reader.optional("COSMOS_USE_MANAGED_IDENTITY", bool) ?? false;
  const identityClientId = reader.optional("COSMOS_MANAGED_IDENTITY_CLIENT_ID", guid) ?? null;
  let auth: CosmosAuth | null = null;
  if (key !== undefined && useIdentity) {
    reader.problem("COSMOS_KEY", "set either COSMOS_KEY or COSMOS_USE_MANAGED_IDENTITY=true, not both");
  } else if (key !== undefined) {
    auth = { kind: "key", key };
    if (identityClientId) reader.problem("COSMOS_MANAGED_IDENTITY_CLIENT_ID", "is only used with COSMOS_USE_MANAGED_IDENTITY=true");
  } else if (useIdentity) {
    auth = { kind: "managedIdentity", clientId: identityClientId };
  } else if (reader.raw("COSMOS_KEY") === undefined && reader.raw("COSMOS_USE_MANAGED_IDENTITY") === undefined) {
    reader.problem("COSMOS_KEY", "is required in Azure mode unless COSMOS_USE_MANAGED_IDENTITY=true");
  }
  return endpoint && database && auth ? { endpoint, database, auth } : null;
}

function readEntra(reader: EnvReader): AzureConfig["entra"] | null {
  const tenantId = reader.required("ENTRA_TENANT_ID", guid, "the home tenant id");
  const clientId = reader.required("AAD_APP_CLIENT_ID", guid, "the Entra app registration's client id");
  const clientSecret = reader.required("AAD_APP_CLIENT_SECRET", nonEmpty, "the app registration's client secret");
  const authorityHost = reader.optional("ENTRA_AUTHORITY_HOST", httpsUrl) ?? "https://login.microsoftonline.com";
  const allowed =
    reader.optional(
      "ALLOWED_TENANT_IDS",
      z
        .string()
        .transform((v) => v.split(",").map((s) => s.trim()).filter((s) => s !== ""))
        .refine((ids) => ids.length > 0 && ids.every((id) => GUID.test(id)), "must be a comma-separated list of tenant GUIDs"),
    ) ?? [];
  if (!tenantId || !clientId || !clientSecret) return null;
  const allowedTenantIds = [...new Set([tenantId, ...allowed].map((id) => id.toLowerCase()))];
  return { tenantId: tenantId.toLowerCase(), clientId: clientId.toLowerCase(), clientSecret, authorityHost, allowedTenantIds };
}
