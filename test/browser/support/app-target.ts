// The app the browser tests drive. The real server (src/main.ts startServer, embedded dev tenant +
// Cosmos) as soon as it exists; until then the interim contract double (contract-double.ts).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureTabBuilt, repoRoot } from "./build-tab.js";
import { startContractDouble } from "./contract-double.js";

export interface TargetPerson {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export interface AppTarget {
  baseUrl: string;
  kind: "app" | "contract-double";
  /** A Teams-SSO-shaped token for a person, as the host would hand it to the tab. */
  ssoToken(userId: string): Promise<string>;
  /** The first person the dev sign-in offers for a role (read through the API, as the tab does). */
  person(role: "employee" | "executive" | "admin"): Promise<TargetPerson>;
  stop(): Promise<void>;
}

async function firstPerson(baseUrl: string, role: string): Promise<TargetPerson> {
  const response = await fetch(`${baseUrl}/api/dev/people?role=${role}&limit=1`);
  if (!response.ok) throw new Error(`GET /api/dev/people answered ${response.status}`);
  const { people } = (await response.json()) as { people: TargetPerson[] };
  if (!people[0]) throw new Error(`The dev tenant has no ${role}`);
  return people[0];
}

interface MainModule {
  startServer?: unknown;
}

async function realServerAvailable(): Promise<boolean> {
  const main = join(repoRoot, "src/main.ts");
  if (!existsSync(main)) return false;
  const mod = (await import(pathToFileURL(main).href)) as MainModule;
  return typeof mod.startServer === "function";
}

export async function startAppTarget(): Promise<AppTarget> {
  await ensureTabBuilt();
  if (await realServerAvailable()) {
    throw new Error("src/main.ts now exports startServer: wire app-target.ts to it (test/helpers) and delete the contract double.");
  }
  const double = await startContractDouble({ mode: "embedded" });
  return {
    baseUrl: double.baseUrl,
    kind: "contract-double",
    ssoToken: async (userId) => double.signIn(userId),
    person: (role) => firstPerson(double.baseUrl, role),
    stop: () => double.stop(),
  };
}
