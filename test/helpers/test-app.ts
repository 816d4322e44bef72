// The shared integration harness: the real app (startServer) on port 0 in embedded mode, against a small
// dev tenant over HTTPS and the embedded Cosmos DB, spoken to over real HTTP. Reuse it in any test that
// needs the API:
//
//   const t = await startTestApp();                      // 200-person Contoso + 60-person Fabrikam
//   const token = await t.signInAs("executive");          // a Teams-SSO-shaped token
//   const res = await t.api("GET", "/api/me", { token }); // { status, headers, body, text }
//   await t.stop();
//
// Several app instances can share one dev tenant (startTestApp({ devTenant: t.devTenant })), e.g. to run
// the app with a different clock or configuration.
import type { Logger } from "pino";
import type { DevPersonSummary, DevRole } from "../../src/app/ports/dev-sign-in.js";
import type { Clock } from "../../src/app/ports/clock.js";
import type { Notifier } from "../../src/app/messaging/notifier.js";
import { createTrustedHttp } from "../../src/adapters/auth/trusted-http.js";
import { createLogger } from "../../src/api/logger.js";
import { loadConfig, type AppConfig } from "../../src/config.js";
import { startDevTenant, type DevTenant, type DevTenantOptions } from "../../src/devtenant/index.js";
import { startServer, type RunningServer } from "../../src/main.js";

export interface TestAppOptions {
  /** People in the primary dev tenant. Default 200 (fast). */
  users?: number;
  seed?: number;
  /** Share a running dev tenant (then stop() leaves it running). */
  devTenant?: DevTenant;
  devTenantOptions?: DevTenantOptions;
  /** Extra environment variables (as the app would read them). */
  env?: Record<string, string>;
  /** A complete configuration instead of env (e.g. Azure mode). */
  config?: AppConfig;
  clock?: Clock;
  logger?: Logger;
  webRoot?: string | null;
  /** Receives every notification the use cases send (instead of the Teams bot). */
  notifier?: Notifier;
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else null. */
  body: T;
  text: string;
}

export interface TestApp {
  server: RunningServer;
  devTenant: DevTenant;
  baseUrl: string;
  /** [0] Contoso (primary), [1] Fabrikam. */
  tenantIds: string[];
  /** A person of the dev tenant by role (the same list the tab's dev sign-in shows). */
  person(role: DevRole, tenantId?: string, index?: number): Promise<DevPersonSummary>;
  /** A Teams-SSO-shaped token for a person (object id or UPN) of a tenant (default: primary). */
  signIn(user: string, tenantId?: string): Promise<string>;
  /** Signs in the first person with that role. */
  signInAs(role: DevRole, tenantId?: string): Promise<string>;
  api<T = unknown>(method: string, path: string, options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDevTenant = !options.devTenant;
  const devTenant = options.devTenant ?? (await startDevTenant({ seed: options.seed ?? 7, users: options.users ?? 200, ...options.devTenantOptions }));
  try {
    const config = options.config ?? loadConfig({ LOG_LEVEL: "silent", ...options.env });
    const server = await startServer({
      config,
      port: 0,
      host: "127.0.0.1",
      devTenant,
      logger: options.logger ?? createLogger("silent"),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.notifier ? { notifier: options.notifier } : {}),
      webRoot: options.webRoot === undefined ? null : options.webRoot,
    });
    const tenantIds = devTenant.tenants.map((t) => t.tenantId);
    const person = async (role: DevRole, tenantId?: string, index = 0) => {
      const list = await devPeople(devTenant, role, index + 1, tenantId ?? tenantIds[0]!);
      const found = list[index];
      if (!found) throw new Error(`The dev tenant has no ${role} #${index} in ${tenantId ?? "the primary tenant"}.`);
      return found;
    };
    const signIn = (user: string, tenantId?: string) => devTenant.signIn(tenantId ?? tenantIds[0]!, user);
    return {
      server,
      devTenant,
      baseUrl: server.url,
      tenantIds,
      person,
      signIn,
      signInAs: async (role, tenantId) => signIn((await person(role, tenantId)).id, tenantId),
      api: (method, path, requestOptions = {}) => callApi(server.url, method, path, requestOptions),
      stop: async () => {
        await server.stop();
        if (ownDevTenant) await devTenant.stop();
      },
    };
  } catch (error) {
    if (ownDevTenant) await devTenant.stop();
    throw error;
  }
}

/** People by role from the dev tenant's own /dev/people endpoint (works whatever mode the app runs in). */
async function devPeople(devTenant: DevTenant, role: DevRole, limit: number, tenantId: string): Promise<DevPersonSummary[]> {
  const http = createTrustedHttp(devTenant.caCertPem);
  try {
    const response = await http.fetch(`${devTenant.url}/dev/people?${new URLSearchParams({ tenantId, role, limit: String(limit) })}`);
    if (!response.ok) throw new Error(`GET /dev/people answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { people: DevPersonSummary[] }).people;
  } finally {
    await http.close();
  }
}

export async function callApi<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["Content-Type"] ??= "application/json";
  }
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = /json/.test(response.headers.get("content-type") ?? "");
  return { status: response.status, headers: response.headers, body: (isJson && text ? JSON.parse(text) : null) as T, text };
}
