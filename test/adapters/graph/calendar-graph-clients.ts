// The product's Graph clients (msal-node app-only tokens, the SDK with our limiter and metrics) pointed at
// a dev tenant over HTTPS, for the calendar adapter tests and the scheduling benchmark's independent reads.
import type { TrustedHttp } from "../../../src/adapters/auth/trusted-http.js";
import { createMsalTokenProvider } from "../../../src/adapters/auth/msal-token-provider.js";
import { ConcurrencyLimiter } from "../../../src/adapters/graph/concurrency-limiter.js";
import { createGraphClients, type GraphClients } from "../../../src/adapters/graph/graph-client-factory.js";
import { GraphMetrics } from "../../../src/adapters/graph/graph-metrics.js";
import type { DevTenant } from "../../../src/devtenant/index.js";

export interface DevTenantGraph {
  graph: GraphClients;
  metrics: GraphMetrics;
  limiter: ConcurrencyLimiter;
}

export function devTenantGraph(
  dev: DevTenant,
  http: TrustedHttp,
  options: { app?: { clientId: string; clientSecret: string }; maxRetries?: number; retryDelaySeconds?: number; limiter?: ConcurrencyLimiter; metrics?: GraphMetrics } = {},
): DevTenantGraph {
  const app = options.app ?? dev.app;
  const tokens = createMsalTokenProvider({
    authorityHost: dev.authorityHost,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    allowedTenantIds: dev.tenants.map((t) => t.tenantId),
    graphScope: "https://graph.microsoft.com/.default",
    fetch: http.fetch,
  });
  const metrics = options.metrics ?? new GraphMetrics();
  const limiter = options.limiter ?? new ConcurrencyLimiter({ global: 16, perKey: 4 });
  const graph = createGraphClients({
    baseUrl: dev.graphBaseUrl,
    tokens,
    dispatcher: http.dispatcher,
    limiter,
    metrics,
    ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    ...(options.retryDelaySeconds !== undefined ? { retryDelaySeconds: options.retryDelaySeconds } : {}),
  });
  return { graph, metrics, limiter };
}
