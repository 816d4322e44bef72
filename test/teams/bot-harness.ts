// An Express app with the bot mounted the way the server will mount it (mountBot on our app), listening on
// loopback, plus the stand-ins and test data the bot tests share.
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { mountBot, type BotAuth, type BotDeps, type BotHandle } from "../../src/adapters/teams/mount-bot.js";
import { createEmbeddedBotTokenProvider, type BotTokenProvider } from "../../src/adapters/teams/bot-token-provider.js";
import type { LogSink } from "../../src/adapters/teams/bot-logger.js";
import { BOT_ID, OTHER_TENANT, TENANT, USER } from "./activities.js";
import { startConnectorStandIn, type ConnectorStandIn } from "./connector-stand-in.js";
import { InMemoryConversations, InMemoryDirectory, InMemoryNominations, InMemoryProgramSearch, person } from "./in-memory-ports.js";

export const TAB_ENDPOINT = "https://mentoring.contoso.example";
export const TEAMS_APP_ID = "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11";

export const PEOPLE = {
  nominator: USER.aadObjectId,
  ravi: "d4c5b6a7-1111-4222-8333-444455556666",
  grace: "a1b2c3d4-2222-4333-8444-555566667777",
  lee: "0f9e8d7c-3333-4444-8555-666677778888",
};

export function programFixture(): InMemoryProgramSearch {
  return new InMemoryProgramSearch(
    [
      { tenantId: TENANT, id: "cohort-2030-spring", name: "Spring 2030: AI for leaders", description: "Hands-on sessions on generative AI, led by juniors who use it daily.", topics: ["Generative AI", "Prompting"], startsOn: "2030-04-01", endsOn: "2030-06-24", cadence: { sessions: 6, minutes: 30, everyWeeks: 2 }, enrolment: "open", enrolmentClosesOn: "2030-03-20" },
      { tenantId: TENANT, id: "cohort-2030-autumn", name: "Autumn 2030: Inclusive leadership", description: null, topics: ["Inclusion"], startsOn: "2030-09-02", endsOn: null, cadence: null, enrolment: "open", enrolmentClosesOn: null },
      { tenantId: TENANT, id: "cohort-2029-pilot", name: "Pilot 2029", description: "The first cohort.", topics: ["Digital habits"], startsOn: "2029-09-01", endsOn: "2029-12-15", cadence: { sessions: 6, minutes: 45, everyWeeks: 1 }, enrolment: "closed", enrolmentClosesOn: null },
      { tenantId: OTHER_TENANT, id: "cohort-other", name: "Fabrikam leaders", description: "Another organisation's cohort.", topics: ["Generative AI"], startsOn: "2030-05-01", endsOn: null, cadence: null, enrolment: "open", enrolmentClosesOn: null },
    ],
    [
      { tenantId: TENANT, userId: PEOPLE.ravi, displayName: "Ravi Kumar", searchableSkills: ["Generative AI", "Power BI"], shared: { jobTitle: "Data Analyst", skills: ["Generative AI", "Power BI"], languages: ["English", "Hindi"] }, cohort: { id: "cohort-2030-spring", name: "Spring 2030: AI for leaders" } },
      // Grace did not agree to share her department or office: they must never appear on her card.
      { tenantId: TENANT, userId: PEOPLE.grace, displayName: "Grace Obi", searchableSkills: ["Generative AI", "TikTok"], shared: { skills: ["Generative AI", "TikTok"] }, cohort: { id: "cohort-2030-spring", name: "Spring 2030: AI for leaders" } },
      { tenantId: TENANT, userId: PEOPLE.lee, displayName: "Lee Chen", searchableSkills: ["Accessibility"], shared: { jobTitle: "UX Designer", department: "Design", officeLocation: "Leeds", skills: ["Accessibility"], about: "**Click** [here](https://evil.example) for tips" }, cohort: { id: "cohort-2030-autumn", name: "Autumn 2030: Inclusive leadership" } },
      { tenantId: OTHER_TENANT, userId: "99999999-0000-4000-8000-000000000001", displayName: "Gina Outsider", searchableSkills: ["Generative AI"], shared: { skills: ["Generative AI"] }, cohort: { id: "cohort-other", name: "Fabrikam leaders" } },
    ],
  );
}

export function directoryFixture(): InMemoryDirectory {
  return new InMemoryDirectory([
    person(TENANT, PEOPLE.nominator, USER.name),
    person(TENANT, PEOPLE.ravi, "Ravi Kumar"),
    person(TENANT, PEOPLE.grace, "Grace Obi"),
    person(TENANT, PEOPLE.lee, "Lee Chen"),
  ]);
}

export interface RecordedLog {
  level: "debug" | "info" | "warn" | "error";
  fields: object;
  message: string;
}

export function recordingLog(): LogSink & { entries: RecordedLog[] } {
  const entries: RecordedLog[] = [];
  const add = (level: RecordedLog["level"]) => (fields: object, message: string) => void entries.push({ level, fields, message });
  return { entries, debug: add("debug"), info: add("info"), warn: add("warn"), error: add("error") };
}

export interface BotHarness {
  url: string;
  bot: BotHandle;
  connector: ConnectorStandIn;
  programs: InMemoryProgramSearch;
  nominations: InMemoryNominations;
  conversations: InMemoryConversations;
  directory: InMemoryDirectory;
  log: ReturnType<typeof recordingLog>;
  post(activity: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: unknown; contentType: string | null }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  auth?: BotAuth;
  tokens?: BotTokenProvider;
  allowedTenantIds?: readonly string[] | null;
  overrides?: Partial<BotDeps>;
  /** Share a connector stand-in between harnesses (e.g. an app "restart"); then stop() leaves it running. */
  connector?: ConnectorStandIn;
}

export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const connector = options.connector ?? (await startConnectorStandIn());
  const programs = programFixture();
  const nominations = new InMemoryNominations();
  const conversations = new InMemoryConversations();
  const directory = directoryFixture();
  const log = recordingLog();
  const app = express();
  const bot = mountBot(app, {
    botId: BOT_ID,
    auth: options.auth ?? { mode: "embedded-dev" },
    tokens: options.tokens ?? createEmbeddedBotTokenProvider({ botId: BOT_ID }),
    allowedTenantIds: options.allowedTenantIds === undefined ? [TENANT] : options.allowedTenantIds,
    links: { teamsAppId: TEAMS_APP_ID, tabEndpoint: TAB_ENDPOINT },
    conversations,
    programs,
    nominations,
    directory,
    clock: { now: () => Date.UTC(2030, 2, 4, 9, 15) },
    log,
    // Retries in tests: no real waiting.
    delivery: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options.overrides,
  });
  // What the foundation's server does after mounting routes: unknown paths are 404.
  app.use((_req, res) => void res.status(404).json({ title: "Not found" }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await bot.ready;
  return {
    url,
    bot,
    connector,
    programs,
    nominations,
    conversations,
    directory,
    log,
    async post(activity, headers = {}) {
      const response = await fetch(`${url}/api/messages`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(activity) });
      const text = await response.text();
      return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown), contentType: response.headers.get("content-type") };
    },
    async stop() {
      await bot.stop(1_000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!options.connector) await connector.stop();
    },
  };
}
