// Wiring and start-up. Reads the configuration once, builds the adapters, hands the use cases and routes
// one plain deps object, and listens. `startServer()/stopServer()` are what tests, benchmarks and `npm start`
// use; run directly (node dist/src/main.js) it prints how to open and sign in, and drains on SIGTERM.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Logger } from "pino";
import { createDevSignInClient } from "./adapters/auth/dev-sign-in-client.js";
import { createMsalTokenProvider } from "./adapters/auth/msal-token-provider.js";
import { createTokenValidator } from "./adapters/auth/token-validator.js";
import { createTrustedHttp, type TrustedHttp } from "./adapters/auth/trusted-http.js";
import { CosmosJobStore } from "./adapters/cosmos/cosmos-job-store.js";
import { CosmosLeaseStore } from "./adapters/cosmos/cosmos-lease-store.js";
import { CosmosCohortRepository } from "./adapters/cosmos/cohort-repository.js";
import { CosmosEnrolmentRepository } from "./adapters/cosmos/enrolment-repository.js";
import { CosmosPreferencesRepository } from "./adapters/cosmos/preferences-repository.js";
import { CosmosSessionRepository } from "./adapters/cosmos/session-repository.js";
import { GraphAvailabilityReader } from "./adapters/graph/graph-availability-reader.js";
import { GraphCalendarBooking } from "./adapters/graph/graph-calendar-booking.js";
import { createSchedulingServices, scheduleSessionPoll } from "./app/scheduling/scheduling-services.js";
import { CosmosCohortRoster } from "./adapters/cosmos/cohort-roster.js";
import { CosmosPairRepository } from "./adapters/cosmos/pair-repository.js";
import { CosmosProposalRepository } from "./adapters/cosmos/proposal-repository.js";
import { GraphMailboxSettingsReader } from "./adapters/graph/mailbox-settings-reader.js";
import { CosmosNominationRepository } from "./adapters/cosmos/nomination-repository-cosmos.js";
import { CosmosProgramSearch } from "./adapters/cosmos/program-search-cosmos.js";
import { CosmosFeedbackRepository } from "./adapters/cosmos/feedback-repository.js";
import { CosmosCohortHealthQueries } from "./adapters/cosmos/health-queries.js";
import { createEmbeddedBotTokenProvider, createEntraBotTokenProvider } from "./adapters/teams/bot-token-provider.js";
import { createCosmosConversationStore } from "./adapters/teams/conversation-store-cosmos.js";
import { mountBot } from "./adapters/teams/mount-bot.js";
import { CosmosNotificationInbox } from "./adapters/cosmos/notification-inbox.js";
import { CosmosWatchSubscriptionStore } from "./adapters/cosmos/watch-subscription-repository.js";
import { GraphEventSubscriptions } from "./adapters/graph/graph-event-subscriptions.js";
import { CalendarWatch, scheduleCalendarWatch } from "./app/calendar-watch/calendar-watch.js";
import { sessionOrganisers } from "./app/calendar-watch/session-organisers.js";
import { createCosmosOutboxStore } from "./adapters/teams/outbox-store-cosmos.js";
import { OutboxDeliveries } from "./adapters/teams/outbox-deliveries.js";
import { CosmosReminderStore } from "./adapters/cosmos/reminder-store.js";
import { scheduleSessionNotifications } from "./app/reminders/send-session-reminders.js";
import { DeferredNotifier } from "./app/messaging/deferred-notifier.js";
import type { Notifier } from "./app/messaging/notifier.js";
import { DirectoryParticipantProfiles } from "./app/enrolment/participant-profiles.js";
import { CosmosDirectorySyncStateStore, CosmosPeopleStore } from "./adapters/cosmos/people-store.js";
import { GraphDirectoryChangeSource } from "./adapters/graph/directory-sync-source.js";
import { createDirectorySyncService, scheduleDirectorySync } from "./app/directory/directory-sync-service.js";
import { openCosmosDatabase, type CosmosConnection, type CosmosDatabase } from "./adapters/cosmos/cosmos-database.js";
import { startEmbeddedCosmos } from "./adapters/cosmos/embedded-cosmos.js";
import { ConcurrencyLimiter } from "./adapters/graph/concurrency-limiter.js";
import { createGraphClients, type GraphClients } from "./adapters/graph/graph-client-factory.js";
import { GraphDirectory } from "./adapters/graph/graph-directory.js";
import { GraphGroups } from "./adapters/graph/graph-groups.js";
import { GraphMetrics } from "./adapters/graph/graph-metrics.js";
import type { ApiDeps } from "./api/api-deps.js";
import { createApp } from "./api/create-app.js";
import { createLogger } from "./api/logger.js";
import { findWebRoot } from "./api/static-web.js";
import { createJobRunner, type JobRunner } from "./app/jobs/job-runner.js";
import { systemClock, type Clock } from "./app/ports/clock.js";
import type { DevSignIn } from "./app/ports/dev-sign-in.js";
import { ConfigError, loadConfig, type AppConfig } from "./config.js";
import { startDevTenant, type DevTenant } from "./devtenant/index.js";

/** The bot id in embedded dev mode without BOT_ID (any fixed GUID; the Agents Playground uses it). */
const EMBEDDED_BOT_ID = "00000000-0000-4000-8000-00000000b07d";

export interface StartOptions {
  /** Defaults to loadConfig(process.env). */
  config?: AppConfig;
  /** Overrides the configured port (tests use 0). */
  port?: number;
  /** Embedded mode: use this running dev tenant (it is not stopped by stopServer). */
  devTenant?: DevTenant;
  clock?: Clock;
  logger?: Logger;
  /** Directory with the built tab; default <repo>/dist/web when it holds an index.html. null = none. */
  webRoot?: string | null;
  /** How long in-flight requests may take to finish on stop. Default 10 s. */
  drainTimeoutMs?: number;
  /** Listening address; default 127.0.0.1 in embedded mode (dev sign-in must stay local), 0.0.0.0 in Azure. */
  host?: string;
  /** Receives every notification instead of the Teams bot (tests observe what use cases send). */
  notifier?: Notifier;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  port: number;
  config: AppConfig;
  /** The dev tenant in embedded mode, else null. */
  devTenant: DevTenant | null;
  deps: ApiDeps;
  graph: GraphClients;
  graphMetrics: GraphMetrics;
  graphLimiter: ConcurrencyLimiter;
  cosmos: CosmosDatabase;
  jobRunner: JobRunner;
  /** Identifies this app instance in job leases. */
  instanceId: string;
  stop(): Promise<void>;
}

interface Environment {
  trustedHttp: TrustedHttp;
  cosmos: CosmosConnection;
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  allowedTenantIds: string[];
  graphBaseUrl: string;
  devSignIn: DevSignIn | null;
  devTenant: DevTenant | null;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = options.config ?? loadConfig();
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const instanceId = randomUUID();
  const cleanup: Array<() => Promise<void> | void> = [];
  try {
    const env = await prepareEnvironment(config, options, cleanup);
    const cosmos = await openCosmosDatabase(env.cosmos);
    cleanup.push(() => cosmos.close());

    const tokens = createMsalTokenProvider({
      authorityHost: env.authorityHost,
      clientId: env.clientId,
      clientSecret: env.clientSecret,
      allowedTenantIds: env.allowedTenantIds,
      graphScope: graphScopeFor(env.graphBaseUrl),
      fetch: env.trustedHttp.dispatcher ? env.trustedHttp.fetch : null,
      log: (level, message) => logger[level]({ component: "msal" }, message),
    });
    const graphMetrics = new GraphMetrics();
    const graphLimiter = new ConcurrencyLimiter({ global: config.graphMaxConcurrency, perKey: 4 });
    const graph = createGraphClients({ baseUrl: env.graphBaseUrl, tokens, dispatcher: env.trustedHttp.dispatcher, limiter: graphLimiter, metrics: graphMetrics });
    const jobs = new CosmosJobStore(cosmos.container("jobs"));
    const jobRunner = createJobRunner({
      jobs,
      leases: new CosmosLeaseStore(cosmos.container("jobs"), clock),
      clock,
      instanceId,
      onError: (error, job) => logger.error({ err: error, ...job }, "job error"),
    });
    const people = new CosmosPeopleStore(cosmos.container("people"));
    const directorySync = createDirectorySyncService({
      source: new GraphDirectoryChangeSource(graph),
      people,
      state: new CosmosDirectorySyncStateStore(cosmos.container("tenants")),
      clock,
      jobRunner,
      jobs,
    });
    const syncSchedule = scheduleDirectorySync(directorySync, () => env.allowedTenantIds, {
      onError: (error, tenantId) => logger.warn({ err: error, tenantId }, "scheduled directory sync did not start"),
    });
    cleanup.push(() => syncSchedule.stop());

    const notifier = new DeferredNotifier();
    // Scheduling: sessions, the schedule-cohort job, RSVP handling (fed by the calendar watch) and its periodic poll.
    const scheduling = createSchedulingServices({
      sessions: new CosmosSessionRepository(cosmos.container("programs")),
      preferences: new CosmosPreferencesRepository(cosmos.container("programs")),
      pairs: new CosmosPairRepository(cosmos.container("programs")),
      cohorts: new CosmosCohortRepository(cosmos.container("programs")),
      availability: new GraphAvailabilityReader(graph),
      booking: new GraphCalendarBooking(graph),
      notifier,
      clock,
    });
    const sessionPoll = scheduleSessionPoll(scheduling.rsvp, () => env.allowedTenantIds, {
      onError: (error, tenantId) => logger.warn({ err: error, tenantId }, "session poll failed"),
    });
    cleanup.push(() => sessionPoll.stop());
    // Reminders before sessions and feedback prompts after them, every 5 minutes (once per session: session.notified).
    const sessionNotifications = scheduleSessionNotifications({ sessions: new CosmosReminderStore(cosmos.container("programs")), notifier, clock, log: logger }, () => env.allowedTenantIds, {
      onError: (error, tenantId) => logger.warn({ err: error, tenantId }, "session reminders and feedback prompts failed"),
    });
    cleanup.push(() => sessionNotifications.stop());
    const server = createServer();
    const port = await listen(server, options.port ?? config.port, options.host ?? (config.mode === "embedded" ? "127.0.0.1" : "0.0.0.0"));
    const publicBaseUrl = config.publicBaseUrl ?? `http://localhost:${port}`;
    const directory = new GraphDirectory(graph, { metrics: graphMetrics });
    const groups = new GraphGroups(graph, { metrics: graphMetrics });
    const healthQueries = new CosmosCohortHealthQueries(cosmos.container("programs"));
    // Calendar watch: Graph change notifications on organisers' calendars feed RSVP handling (the poll is the safety net).
    const calendarWatch = new CalendarWatch({
      subscriptions: new GraphEventSubscriptions(graph),
      store: new CosmosWatchSubscriptionStore(cosmos.container("programs")),
      inbox: new CosmosNotificationInbox(cosmos.container("programs")),
      organisers: sessionOrganisers(scheduling.sessions, clock),
      sink: scheduling.rsvp,
      clock,
      log: logger.child({ component: "calendar-watch" }),
      notificationUrl: `${publicBaseUrl}/api/graph/notifications`,
      lifecycleNotificationUrl: `${publicBaseUrl}/api/graph/lifecycle`,
    });
    const watchSchedule = scheduleCalendarWatch(calendarWatch, () => env.allowedTenantIds, {
      intervalMs: 5 * 60_000,
      onError: (error, tenantId) => logger.warn({ err: error, tenantId }, "calendar watch maintenance failed"),
    });
    // Runs before the database closes (cleanup runs in reverse): notifications already accepted finish first;
    // retries still waiting are dropped (the poll covers them).
    cleanup.push(async () => {
      watchSchedule.stop();
      calendarWatch.stop();
      await calendarWatch.idle();
    });
    // Durable notifications: stored in Cosmos, delivered by a dispatcher on every instance (ETag claims).
    const outboxStore = createCosmosOutboxStore(cosmos.container("conversations"));
    const deps: ApiDeps = {
      mode: config.mode,
      clientId: env.clientId,
      adminAppRole: config.adminAppRole,
      logger,
      clock,
      tokenValidator: createTokenValidator({
        authorityHost: env.authorityHost,
        clientId: env.clientId,
        allowedTenantIds: env.allowedTenantIds,
        adminAppRole: config.adminAppRole,
        clock,
        fetch: env.trustedHttp.fetch,
      }),
      directory,
      jobs,
      jobRunner,
      directorySync,
      programme: {
        cohorts: new CosmosCohortRepository(cosmos.container("programs")),
        enrolments: new CosmosEnrolmentRepository(cosmos.container("programs")),
        participants: new DirectoryParticipantProfiles(directory, people, groups),
        groups,
      },
      matching: {
        cohorts: new CosmosCohortRepository(cosmos.container("programs")),
        roster: new CosmosCohortRoster(cosmos.container("programs")),
        enrolments: new CosmosEnrolmentRepository(cosmos.container("programs")),
        people,
        mailboxes: new GraphMailboxSettingsReader(graph, { metrics: graphMetrics }),
        groups,
        pairs: new CosmosPairRepository(cosmos.container("programs")),
        proposals: new CosmosProposalRepository(cosmos.container("programs")),
        jobRunner,
        jobs,
        notifier,
        clock,
      },
      notifier,
      scheduling,
      calendarWatch,
      feedback: new CosmosFeedbackRepository(cosmos.container("programs")),
      health: { source: healthQueries, exports: healthQueries },
      notificationDeliveries: new OutboxDeliveries(outboxStore, clock),
      healthChecks: [{ name: "cosmos", check: () => cosmos.ping() }],
      devSignIn: env.devSignIn,
      webRoot: options.webRoot === undefined ? findWebRoot(join(repoRoot(), "dist", "web")) : options.webRoot,
      publicBaseUrl,
    };
    const { app, finish } = createApp(deps);
    // The Teams bot and message extension (POST /api/messages), before finish() (the 404 handler).
    // Authenticated whenever real bot credentials exist; unauthenticated only with the local stand-ins.
    const bot = mountBot(app, {
      botId: config.bot?.id ?? EMBEDDED_BOT_ID,
      auth: config.bot ? { mode: "bot-framework" } : { mode: "embedded-dev" },
      tokens: config.bot
        ? createEntraBotTokenProvider({
            botId: config.bot.id,
            botPassword: config.bot.password,
            tenantId: config.mode === "azure" ? config.entra.tenantId : (env.allowedTenantIds[0] ?? ""),
            authorityHost: env.authorityHost,
            log: (level, message) => logger[level]({ component: "bot-token" }, message),
          })
        : createEmbeddedBotTokenProvider({ botId: EMBEDDED_BOT_ID }),
      allowedTenantIds: env.allowedTenantIds,
      links: { teamsAppId: config.teamsAppId, tabEndpoint: publicBaseUrl },
      conversations: createCosmosConversationStore(cosmos.container("conversations")),
      outbox: { store: outboxStore, instanceId, tenants: () => env.allowedTenantIds },
      programs: new CosmosProgramSearch(cosmos.container("programs"), clock),
      nominations: new CosmosNominationRepository(cosmos.container("programs")),
      directory,
      clock,
      log: logger,
    });
    notifier.attach(options.notifier ?? bot.notifier);
    finish();
    server.on("request", app);

    const stop = once(async () => {
      await drain(server, options.drainTimeoutMs ?? 10_000);
      await sessionNotifications.stop();
      // Waits for queued notifications, then drops (and logs) the rest.
      await bot.stop(10_000);
      await jobRunner.stop();
      await runCleanup(cleanup, logger);
    });
    return { url: `http://127.0.0.1:${port}`, port, config, devTenant: env.devTenant, deps, graph, graphMetrics, graphLimiter, cosmos, jobRunner, instanceId, stop };
  } catch (error) {
    await runCleanup(cleanup, logger);
    throw error;
  }
}

export async function stopServer(server: RunningServer): Promise<void> {
  await server.stop();
}

async function prepareEnvironment(config: AppConfig, options: StartOptions, cleanup: Array<() => Promise<void> | void>): Promise<Environment> {
  if (config.mode === "azure") {
    const extraCa = config.trustedCaCertPath ? readFileSync(config.trustedCaCertPath, "utf8") : null;
    const trustedHttp = createTrustedHttp(extraCa);
    cleanup.push(() => trustedHttp.close());
    const { cosmos, entra } = config;
    return {
      trustedHttp,
      cosmos:
        cosmos.auth.kind === "key"
          ? { kind: "key", endpoint: cosmos.endpoint, key: cosmos.auth.key, database: cosmos.database, caCertPem: extraCa }
          : { kind: "managedIdentity", endpoint: cosmos.endpoint, clientId: cosmos.auth.clientId, database: cosmos.database, caCertPem: extraCa },
      authorityHost: entra.authorityHost,
      clientId: entra.clientId,
      clientSecret: entra.clientSecret,
      allowedTenantIds: entra.allowedTenantIds,
      graphBaseUrl: config.graphBaseUrl,
      devSignIn: null,
      devTenant: null,
    };
  }
  const devTenant =
    options.devTenant ??
    (await startDevTenant({ seed: config.devTenant.seed, users: config.devTenant.users, ...(config.devTenant.fixturePath ? { fixturePath: config.devTenant.fixturePath } : {}) }));
  if (!options.devTenant) cleanup.push(() => devTenant.stop());
  // Trust the dev tenant's CA explicitly, for our own connections only (TLS checks stay on).
  const trustedHttp = createTrustedHttp(devTenant.caCertPem);
  cleanup.push(() => trustedHttp.close());
  const embeddedCosmos = await startEmbeddedCosmos(devTenant.issueServerCert(["127.0.0.1", "localhost"]));
  cleanup.push(() => embeddedCosmos.stop());
  return {
    trustedHttp,
    cosmos: { kind: "embedded", endpoint: embeddedCosmos.endpoint, key: embeddedCosmos.key, database: config.cosmosDatabase, caCertPem: devTenant.caCertPem },
    authorityHost: devTenant.authorityHost,
    clientId: devTenant.app.clientId,
    clientSecret: devTenant.app.clientSecret,
    allowedTenantIds: devTenant.tenants.map((t) => t.tenantId.toLowerCase()),
    graphBaseUrl: devTenant.graphBaseUrl,
    devSignIn: createDevSignInClient(devTenant.url, trustedHttp.fetch),
    devTenant,
  };
}

/** App-only scope: national clouds have their own Graph resource; any other host (the dev tenant) uses the global one. */
function graphScopeFor(graphBaseUrl: string): string {
  const { origin, hostname } = new URL(graphBaseUrl);
  return /(^|\.)graph\.microsoft\.(com|us)$|^microsoftgraph\.chinacloudapi\.cn$/.test(hostname) ? `${origin}/.default` : "https://graph.microsoft.com/.default";
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting connections, lets in-flight requests finish (up to the timeout), then closes the rest. */
async function drain(server: Server, timeoutMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // Keep-alive connections that become idle after their last response are closed as they go idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
  }
}

async function runCleanup(cleanup: Array<() => Promise<void> | void>, logger: Logger): Promise<void> {
  for (const step of cleanup.splice(0).reverse()) {
    try {
      await step();
    } catch (error) {
      logger.warn({ err: error }, "cleanup step failed");
    }
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

async function printWelcome(running: RunningServer): Promise<void> {
  const base = running.deps.publicBaseUrl;
  const lines = [``, `Reverse Mentorship is running (${running.config.mode} mode).`, ``, `  Open          ${base}`];
  if (running.deps.devSignIn && running.devTenant) {
    const samples = await Promise.all(
      (["admin", "executive", "employee"] as const).map(async (role) => (await running.deps.devSignIn!.people(role, 1, null)).people[0]).map((p) => p.catch(() => undefined)),
    );
    const primary = running.devTenant.tenants[0];
    lines.push(
      `  Sign in       Outside Teams the tab shows a dev sign-in page: pick any person of the dev tenant.`,
      ...samples.filter((p) => p !== undefined).map((p) => `                  ${p.role.padEnd(10)} ${p.userPrincipalName}  (${p.jobTitle ?? "no title"})`),
      `  Dev tenant    ${running.devTenant.url}  (Graph ${running.devTenant.graphBaseUrl}; ${running.devTenant.tenants.map((t) => `${t.displayName} ${running.devTenant!.directory(t.tenantId).people().length} people`).join(", ")})`,
      `                tenant id ${primary?.tenantId ?? "?"}, dev CA ${running.devTenant.caCertPath}`,
      `  Data          Embedded Cosmos DB, in memory only: everything is gone when you stop the app.`,
    );
    if (!running.deps.webRoot) lines.push(`  Tab           not built (dist/web missing): run "npm run build:web"; the API works without it.`);
  }
  lines.push(`  Health        ${base}/healthz`, `  API (OpenAPI) ${base}/api/openapi.json`, ``, `Stop with Ctrl+C.`, ``);
  process.stdout.write(lines.join("\n"));
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer({ config, logger });
  await printWelcome(running);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining requests");
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const code = (error as { code?: unknown } | null)?.code;
    const hint = code === "EADDRINUSE" ? " (the port is taken: stop the other process or set PORT)" : "";
    process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}${hint}\n`);
    process.exit(1);
  });
}
