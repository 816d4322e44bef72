// The Teams bot endpoint on OUR Express app (POST /api/messages) with the Teams SDK v2 (@microsoft/teams.apps
// 2.0.x, the line that runs on Node 20). Every SDK option that would otherwise fall back to process.env
// (CLIENT_ID, CLIENT_SECRET, TENANT_ID, MANAGED_IDENTITY_CLIENT_ID, SERVICE_URL, CLOUD, OAUTH_URL,
// DANGEROUSLY_ALLOW_UNAUTHENTICATED_REQUESTS, LOG, LOG_LEVEL) is passed explicitly from our config.
//
// Inbound: in "bot-framework" mode the SDK validates the Bot Framework JWT (RS256, issuer
// https://api.botframework.com, signing keys from the Bot Framework OpenID metadata, audience = our bot id,
// `serviceurl` claim = the activity's serviceUrl, 5 minutes clock skew). Only "embedded-dev" mode accepts
// unauthenticated requests, for the local stand-ins.
// Outbound: replies and proactive messages go to the activity's / stored serviceUrl with a token from our
// BotTokenProvider (embedded mode never calls an identity provider).
import express, { type NextFunction, type Request, type Response } from "express";
import { PUBLIC, withOverrides, type CloudEnvironment } from "@microsoft/teams.api";
import { App, type HttpRouteHandler, type IHttpServerAdapter } from "@microsoft/teams.apps";
import type { Clock } from "../../app/ports/clock.js";
import type { Directory } from "../../app/ports/directory.js";
import type { ConversationReferenceStore } from "../../app/messaging/conversation-reference.js";
import type { NominationRepository } from "../../app/messaging/nominate-colleague.js";
import type { Notifier } from "../../app/messaging/notifier.js";
import type { ProgramSearch } from "../../app/messaging/program-search.js";
import { sdkLogger, type LogSink } from "./bot-logger.js";
import { BOT_FRAMEWORK_SCOPE, type BotTokenProvider } from "./bot-token-provider.js";
import type { TabLinks } from "./cards/deep-links.js";
import { DeliveryQueue, type DeliveryOptions } from "./delivery-queue.js";
import { activityTenantId, helpMessage, referenceFromActivity, welcomeMessage } from "./installation.js";
import { handleFetchTask, handleQuery, handleQueryLink, handleSubmit, type InvokeActor, type MessageExtensionDeps } from "./message-extension.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./cards/card-elements.js";
import { createProactiveSender } from "./proactive-sender.js";
import { createRenderingNotifier, queueSink } from "./teams-notifier.js";
import { createOutboxSink, type OutboxSinkOptions } from "./outbox-notifier.js";
import { OutboxDispatcher, type DispatcherOptions, type DispatchStats } from "./outbox-dispatcher.js";
import type { OutboxStore } from "./outbox-store.js";

export type BotAuth =
  /** Production: Bot Framework JWTs required. `openIdMetadataUrl` overrides the public cloud's (tests only). */
  | { mode: "bot-framework"; openIdMetadataUrl?: string }
  /** Embedded dev mode (`npm start` with local stand-ins): requests are NOT authenticated. */
  | { mode: "embedded-dev" };

export interface BotDeps {
  /** The Azure Bot's Microsoft App ID (config BOT_ID). */
  botId: string;
  auth: BotAuth;
  tokens: BotTokenProvider;
  /** Tenants whose activities are served (config allowed tenants); null = any, only in embedded-dev mode. */
  allowedTenantIds: readonly string[] | null;
  links: TabLinks;
  conversations: ConversationReferenceStore;
  programs: ProgramSearch;
  nominations: NominationRepository;
  directory: Directory;
  clock: Clock;
  log: LogSink;
  /** Default /api/messages. */
  messagingEndpoint?: `/${string}`;
  /** Default 4000 ms (Teams gives a search 5 s in total). */
  searchTimeoutMs?: number;
  delivery?: Partial<DeliveryOptions>;
  /**
   * The durable outbox (Cosmos DB). With it, notifications are stored and delivered by a dispatcher that
   * survives restarts and coordinates instances; without it they go to the in-memory queue only.
   */
  outbox?: {
    store: OutboxStore;
    /** Identifies this instance in claims. */
    instanceId: string;
    /** Tenants whose outboxes this instance dispatches. */
    tenants: () => readonly string[];
    /** Default true; tests drive `dispatchOnce()` themselves. */
    autoStart?: boolean;
    dispatcher?: Partial<DispatcherOptions>;
    writes?: Partial<OutboxSinkOptions>;
  };
}

export interface BotHandle {
  /** The Notifier port for the use cases: proactive Teams messages, queued and retried. */
  notifier: Notifier;
  /** Resolves when the SDK has initialised; requests that arrive earlier wait for it. */
  ready: Promise<void>;
  /** Queue statistics, for health and tests. */
  deliveryStats(): ReturnType<DeliveryQueue["stats"]>;
  /** Resolves when no notification is being written to the outbox, or queued, backing off or in flight in memory. */
  idle(): Promise<void>;
  /** One outbox delivery pass now (null without an outbox). */
  dispatchOnce(): Promise<DispatchStats> | null;
  /** Stops the outbox dispatcher (pending messages stay stored for the next start) and waits up to `timeoutMs` for in-memory ones. */
  stop(timeoutMs?: number): Promise<void>;
}

const MAX_ACTIVITY_BYTES = "256kb";

export function mountBot(app: express.Express, deps: BotDeps): BotHandle {
  assertSafeConfiguration(deps);
  const endpoint = deps.messagingEndpoint ?? "/api/messages";
  const adapter = new ExpressRouteAdapter(app, endpoint);
  const cloud: CloudEnvironment =
    deps.auth.mode === "bot-framework" && deps.auth.openIdMetadataUrl ? withOverrides(PUBLIC, { openIdMetadataUrl: deps.auth.openIdMetadataUrl }) : PUBLIC;

  const teams = new App({
    clientId: deps.botId,
    // Empty (not undefined) so the SDK never falls back to CLIENT_SECRET from the environment; tokens come from `token`.
    clientSecret: "",
    tenantId: deps.allowedTenantIds?.[0] ?? "",
    token: (scope) => deps.tokens.getToken(Array.isArray(scope) ? scope.join(" ") : scope),
    // Never used (the token factory above wins), but set so MANAGED_IDENTITY_CLIENT_ID is not read either.
    managedIdentityClientId: deps.botId,
    serviceUrl: "https://smba.trafficmanager.net/teams",
    cloud,
    apiClientSettings: { oauthUrl: cloud.tokenServiceUrl },
    oauth: { fetchUserToken: false },
    dangerouslyAllowUnauthenticatedRequests: deps.auth.mode === "embedded-dev",
    logger: sdkLogger(deps.log),
    client: { timeout: 15_000, logger: sdkLogger(deps.log, "teams-sdk/http") },
    httpServerAdapter: adapter,
    messagingEndpoint: endpoint,
  });

  const queue = new DeliveryQueue(deps.log, deps.delivery);
  const sender = createProactiveSender({ botId: deps.botId, tokens: deps.tokens, log: deps.log });
  const delivery = { conversations: deps.conversations, sender, log: deps.log };
  const inMemory = queueSink({ ...delivery, queue });
  const dispatcher = deps.outbox
    ? new OutboxDispatcher({ ...delivery, store: deps.outbox.store, clock: deps.clock, instanceId: deps.outbox.instanceId, tenants: deps.outbox.tenants }, deps.outbox.dispatcher)
    : null;
  const outbox = deps.outbox
    ? createOutboxSink({ store: deps.outbox.store, fallback: inMemory, clock: deps.clock, log: deps.log, onStored: () => dispatcher?.poke() }, deps.outbox.writes)
    : null;
  const notifier = createRenderingNotifier(deps.links, deps.log, outbox ? outbox.sink : inMemory);
  const meDeps: MessageExtensionDeps = {
    programs: deps.programs,
    nominations: deps.nominations,
    directory: deps.directory,
    conversations: deps.conversations,
    notifier,
    clock: deps.clock,
    links: deps.links,
    log: deps.log,
    searchTimeoutMs: deps.searchTimeoutMs ?? 4_000,
  };

  registerHandlers(teams, deps, meDeps);
  const ready = teams.initialize();
  adapter.setReady(ready);
  ready.catch((error: unknown) => deps.log.error({ reason: (error as Error).message }, "The Teams bot failed to initialise"));

  if (dispatcher && deps.outbox?.autoStart !== false) dispatcher.start();

  return {
    notifier,
    ready,
    deliveryStats: () => queue.stats(),
    idle: async () => {
      await outbox?.flushed();
      await queue.idle();
    },
    dispatchOnce: () => dispatcher?.dispatchOnce() ?? null,
    stop: async (timeoutMs = 10_000) => {
      await dispatcher?.stop();
      await outbox?.flushed();
      await queue.stop(timeoutMs);
    },
  };
}

function assertSafeConfiguration(deps: BotDeps): void {
  if (deps.auth.mode === "bot-framework" && deps.tokens.kind !== "entra") {
    throw new Error("mountBot: authenticated (bot-framework) mode needs Entra bot credentials, not the embedded token provider.");
  }
  if (deps.auth.mode === "embedded-dev" && deps.tokens.kind !== "embedded") {
    throw new Error("mountBot: embedded-dev mode must not use real bot credentials (it accepts unauthenticated requests).");
  }
  if (deps.allowedTenantIds === null && deps.auth.mode !== "embedded-dev") {
    throw new Error("mountBot: allowedTenantIds is required outside embedded-dev mode.");
  }
  if (deps.auth.mode === "bot-framework" && deps.auth.openIdMetadataUrl && !URL.canParse(deps.auth.openIdMetadataUrl)) {
    throw new Error("mountBot: auth.openIdMetadataUrl must be an absolute URL.");
  }
}

type TeamsApp = App;
type HandlerContext = Parameters<Parameters<TeamsApp["use"]>[0]>[0];

function registerHandlers(teams: TeamsApp, deps: BotDeps, meDeps: MessageExtensionDeps): void {
  const allowed = deps.allowedTenantIds ? new Set(deps.allowedTenantIds.map((t) => t.toLowerCase())) : null;

  // First in the chain: activities from tenants we do not serve go no further.
  teams.use(async (ctx: HandlerContext) => {
    const tenantId = activityTenantId(ctx.activity);
    if (allowed && (!tenantId || !allowed.has(tenantId))) {
      deps.log.warn({ tenantId, type: ctx.activity.type }, "Bot activity from a tenant that is not allowed was refused");
      return ctx.activity.type === "invoke" ? { status: 403, body: { error: "This organisation is not set up to use the app." } } : undefined;
    }
    return ctx.next();
  });

  teams.on("install.add", async (ctx) => {
    const built = referenceFromActivity(ctx.activity, deps.clock.now());
    if ("problem" in built) {
      deps.log.warn({ reason: built.problem }, "Installation activity without a usable conversation reference");
      return;
    }
    await deps.conversations.save(built.reference);
    deps.log.info({ scope: built.reference.scope, tenantId: built.reference.tenantId }, "Bot installed; conversation reference stored");
    if (built.reference.scope === "personal") {
      const welcome = welcomeMessage(deps.links);
      try {
        await ctx.send({ type: "message", summary: welcome.summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: welcome.card }] });
      } catch (error) {
        // The installation is recorded; a lost welcome message must not make Teams redeliver it.
        deps.log.warn({ reason: (error as Error).message }, "Welcome message could not be sent");
      }
    }
  });

  teams.on("install.remove", async (ctx) => {
    const tenantId = activityTenantId(ctx.activity);
    const conversationId = ctx.activity.conversation?.id;
    if (tenantId && conversationId) await deps.conversations.remove(tenantId, conversationId);
    deps.log.info({ tenantId }, "Bot uninstalled; conversation reference removed");
  });

  teams.on("message", async (ctx) => {
    // The bot is notification-only in Teams; other clients (Agents Playground) may still send text.
    if (ctx.activity.conversation?.conversationType !== "personal") return;
    const help = helpMessage(deps.links);
    await ctx.send({ type: "message", summary: help.summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: help.card }] });
  });

  teams.on("message.ext.query", (ctx) => handleQuery(meDeps, actorOf(ctx.activity), ctx.activity.value));
  teams.on("message.ext.open", (ctx) => handleFetchTask(meDeps, actorOf(ctx.activity), ctx.activity.value));
  teams.on("message.ext.submit", (ctx) => handleSubmit(meDeps, actorOf(ctx.activity), ctx.activity.value));
  teams.on("message.ext.query-link", (ctx) => handleQueryLink(meDeps, actorOf(ctx.activity), ctx.activity.value));

  teams.event("error", ({ error, activity }) => {
    deps.log.error({ reason: error.message, activityType: activity?.type, invoke: activity?.type === "invoke" ? activity.name : undefined }, "Bot activity handler failed");
  });
}

function actorOf(activity: Parameters<typeof activityTenantId>[0] & { from?: { aadObjectId?: string } | null }): InvokeActor {
  // The tenant guard above already refused activities without an allowed tenant.
  return { tenantId: activityTenantId(activity) ?? "", userId: activity.from?.aadObjectId?.toLowerCase() ?? null };
}

/**
 * The SDK's HTTP seam: it asks us to register its POST handler. We register our Express route
 * synchronously at mount time (so it sits before the app's 404 handler) and forward to the SDK's handler
 * once the SDK has initialised.
 */
class ExpressRouteAdapter implements IHttpServerAdapter {
  private handler: HttpRouteHandler | null = null;
  private ready: Promise<void> | null = null;

  constructor(app: express.Express, private readonly path: string) {
    app.post(path, express.json({ limit: MAX_ACTIVITY_BYTES }), (req, res, next) => void this.handle(req, res, next));
  }

  setReady(ready: Promise<void>): void {
    this.ready = ready;
  }

  registerRoute(method: "POST", path: string, handler: HttpRouteHandler): void {
    if (method !== "POST" || path !== this.path) throw new Error(`Unexpected bot route ${method} ${path}`);
    this.handler = handler;
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      if (!req.is("application/json")) {
        res.status(415).type("application/problem+json").json({ title: "Activities must be sent as application/json", status: 415 });
        return;
      }
      const body = req.body as unknown;
      if (body === null || typeof body !== "object" || typeof (body as { type?: unknown }).type !== "string") {
        res.status(400).type("application/problem+json").json({ title: "The request body is not a Bot Framework activity", status: 400 });
        return;
      }
      await this.ready;
      if (!this.handler) {
        res.status(503).type("application/problem+json").json({ title: "The bot is not ready", status: 503 });
        return;
      }
      const response = await this.handler({ body, headers: req.headers as Record<string, string | string[]> });
      if (response.body === undefined) res.status(response.status).end();
      else res.status(response.status).json(response.body);
    } catch (error) {
      next(error);
    }
  }
}

export { BOT_FRAMEWORK_SCOPE };
