// Microsoft Graph clients: the official JS client with its middleware chain (auth → retry honouring
// Retry-After → redirect → telemetry → our limiter/counter → HTTP). Pointed at real Graph or the dev tenant
// by configuration only: base URL, custom host, and a dispatcher that trusts the dev CA.
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RedirectHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { Dispatcher } from "undici";
import type { GraphTokenProvider } from "../auth/msal-token-provider.js";
import type { ConcurrencyLimiter } from "./concurrency-limiter.js";
import { endpointTemplate, type GraphMetrics } from "./graph-metrics.js";

export interface GraphClientFactoryOptions {
  /** Graph root with version, e.g. https://graph.microsoft.com/v1.0. */
  baseUrl: string;
  tokens: GraphTokenProvider;
  /** Trusts the dev tenant's CA; null = Node's default TLS trust. */
  dispatcher: Dispatcher | null;
  limiter: ConcurrencyLimiter;
  metrics: GraphMetrics;
  /** Retries of 429/503/504 by the SDK's RetryHandler (it honours Retry-After). Default 3. */
  maxRetries?: number;
  /** Base delay in seconds when no Retry-After is sent. Default 3 (the SDK's). */
  retryDelaySeconds?: number;
}

export interface GraphClients {
  /** App-only client for a tenant (cached: one per tenant for the life of the process). */
  app(tenantId: string): Client;
  /** Delegated client acting as the signed-in user (on-behalf-of). */
  onBehalfOf(tenantId: string, userAssertion: string, scopes: readonly string[]): Client;
  /** The version root, e.g. https://graph.microsoft.com/v1.0. */
  baseUrl: string;
}

const MICROSOFT_GRAPH_HOSTS = new Set(["graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn", "canary.graph.microsoft.com"]);

export function createGraphClients(options: GraphClientFactoryOptions): GraphClients {
  const root = new URL(options.baseUrl);
  const version = root.pathname.replace(/^\/+|\/+$/g, "");
  if (!/^(v1\.0|beta)$/.test(version)) throw new Error(`GRAPH base URL must end with /v1.0 or /beta, got ${options.baseUrl}`);
  const customHosts = MICROSOFT_GRAPH_HOSTS.has(root.hostname) ? undefined : new Set([root.hostname]);
  const appClients = new Map<string, Client>();

  function build(authProvider: AuthenticationProvider): Client {
    const retry = new RetryHandler(new RetryHandlerOptions(options.retryDelaySeconds ?? 3, options.maxRetries ?? 3));
    const chain: Middleware[] = [
      new AuthenticationHandler(authProvider),
      retry,
      new RedirectHandler(),
      new TelemetryHandler(),
      new LimitAndCountHandler(options.limiter, options.metrics),
      new HTTPMessageHandler(),
    ];
    chain.reduce((previous, next) => {
      previous.setNext?.(next);
      return next;
    });
    return Client.initWithMiddleware({
      middleware: chain[0],
      baseUrl: root.origin,
      defaultVersion: version,
      customHosts,
      // Node's fetch takes an undici dispatcher: this is how the dev CA is trusted for Graph calls only.
      ...(options.dispatcher ? { fetchOptions: { dispatcher: options.dispatcher } as Record<string, unknown> } : {}),
    });
  }

  return {
    baseUrl: `${root.origin}/${version}`,
    app(tenantId) {
      const key = tenantId.toLowerCase();
      let client = appClients.get(key);
      if (!client) {
        client = build({ getAccessToken: async () => (await options.tokens.appToken(key)).token });
        appClients.set(key, client);
      }
      return client;
    },
    onBehalfOf(tenantId, userAssertion, scopes) {
      return build({ getAccessToken: async () => (await options.tokens.onBehalfOf(tenantId, userAssertion, scopes)).token });
    },
  };
}

// Outlook resources are limited per mailbox (4 concurrent requests); directory reads are not.
const MAILBOX_RESOURCES = new Set(["calendar", "calendars", "calendarview", "events", "mailboxsettings", "messages", "mailfolders", "calendargroups", "findmeetingtimes", "outlook"]);

/** The mailbox a Graph URL addresses (lower-cased id or UPN), or null for non-mailbox resources. */
export function mailboxOf(url: string): string | null {
  const path = URL.canParse(url) ? new URL(url).pathname : (url.split("?")[0] ?? "");
  const match = /(?:^|\/)users\/([^/]+)\/([^/?]+)/i.exec(decodeURIComponent(path));
  if (!match?.[1] || !match[2]) return null;
  return MAILBOX_RESOURCES.has(match[2].toLowerCase()) ? match[1].toLowerCase() : null;
}

/** Mailboxes touched by the inner requests of a $batch body. */
function batchMailboxes(body: unknown): string[] {
  if (typeof body !== "string") return [];
  try {
    const parsed = JSON.parse(body) as { requests?: Array<{ url?: unknown }> };
    return (parsed.requests ?? []).map((r) => (typeof r.url === "string" ? mailboxOf(r.url) : null)).filter((m): m is string => m !== null);
  } catch {
    return [];
  }
}

/** Holds a concurrency slot for exactly one HTTP attempt, and counts what goes over the wire. */
class LimitAndCountHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly limiter: ConcurrencyLimiter,
    private readonly metrics: GraphMetrics,
  ) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === "string" ? context.request : context.request.url;
    const method = (context.options?.method ?? (typeof context.request === "string" ? "GET" : context.request.method)).toUpperCase();
    const endpoint = endpointTemplate(method, url);
    const mailbox = mailboxOf(url);
    const keys = endpoint.endsWith(" /$batch") ? batchMailboxes(context.options?.body) : mailbox ? [mailbox] : [];
    if (headerOf(context, "Retry-Attempt")) this.metrics.recordRetry();
    this.metrics.recordRequest(endpoint);
    await this.limiter.run(keys, async () => {
      await this.next?.execute(context);
    });
    if (context.response) this.metrics.recordStatus(context.response.status);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

function headerOf(context: Context, name: string): string | null {
  const headers = context.options?.headers;
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  if (Array.isArray(headers)) return headers.find(([k]) => k?.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const entry = Object.entries(headers as Record<string, string>).find(([k]) => k.toLowerCase() === name.toLowerCase());
  return entry?.[1] ?? null;
}
