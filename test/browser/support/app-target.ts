// The app the browser tests and the tab benchmark drive: the real server (src/main.ts startServer) in
// embedded mode — dev tenant over HTTPS, embedded Cosmos, the built tab from dist/web — on port 0.
import { startServer } from "../../../src/main.js";
import { createLogger } from "../../../src/api/logger.js";
import { loadConfig, type EmbeddedConfig } from "../../../src/config.js";
import { startDevTenant, type DevTenant } from "../../../src/devtenant/index.js";
import { ensureTabBuilt } from "./build-tab.js";

export interface TargetPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export interface AppTarget {
  baseUrl: string;
  /** A Teams-SSO-shaped token for a person, as the host would hand it to the tab. */
  ssoToken(userId: string): Promise<string>;
  /** The first person the dev sign-in offers for a role (read through the API, as the tab does). */
  person(role: "employee" | "executive" | "admin"): Promise<TargetPerson>;
  /** The dev tenant behind the app (its /dev endpoints answer people's invitations as Outlook would). */
  devTenant: DevTenant;
  tenantId: string;
  /** Runs the RSVP poll now (the app runs it every 15 minutes), so answers given in Outlook are read at once. */
  pollRsvp(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface TargetOptions {
  /** People in the primary dev tenant. Tests use a small org; the benchmark `npm start`'s default. */
  users?: number;
}

async function firstPerson(baseUrl: string, role: string): Promise<TargetPerson> {
  const response = await fetch(`${baseUrl}/api/dev/people?role=${role}&limit=1`);
  if (!response.ok) throw new Error(`GET /api/dev/people answered ${response.status}`);
  const { people } = (await response.json()) as { people: TargetPerson[] };
  if (!people[0]) throw new Error(`The dev tenant has no ${role}`);
  return people[0];
}

/** The embedded defaults, as `npm start` runs them: an empty environment selects embedded mode. */
export function embeddedDefaults(): EmbeddedConfig {
  const config = loadConfig({});
  if (config.mode !== "embedded") throw new Error("An empty environment should select embedded mode.");
  return config;
}

export async function startAppTarget(options: TargetOptions = {}): Promise<AppTarget> {
  await ensureTabBuilt();
  const config = embeddedDefaults();
  const devTenant = await startDevTenant({ seed: config.devTenant.seed, users: options.users ?? config.devTenant.users });
  try {
    const server = await startServer({ config, port: 0, devTenant, logger: createLogger("error") });
    const tenantId = devTenant.tenants[0]!.tenantId;
    return {
      baseUrl: server.url,
      ssoToken: (userId) => devTenant.signIn(tenantId, userId),
      person: (role) => firstPerson(server.url, role),
      devTenant,
      tenantId,
      async pollRsvp() {
        if (!server.deps.scheduling) throw new Error("Scheduling is not wired in this server.");
        return { ...(await server.deps.scheduling.rsvp.poll(tenantId)) };
      },
      async stop() {
        await server.stop();
        await devTenant.stop();
      },
    };
  } catch (error) {
    await devTenant.stop();
    throw error;
  }
}
