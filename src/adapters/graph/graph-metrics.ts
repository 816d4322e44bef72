// Counts Graph traffic for benchmarks and diagnostics: requests per endpoint template, throttling and
// retries as seen on the wire.

export interface GraphMetricsSnapshot {
  /** HTTP requests sent (a $batch counts once here). */
  requests: number;
  /** Per "METHOD /path/{id}/template"; inner batch requests as "batch METHOD /path". */
  byEndpoint: Record<string, number>;
  /** 429 answers (top level and inside batches). */
  throttled: number;
  /** Requests re-sent after 429/503/504 (top level and batch items). */
  retries: number;
  /** 5xx answers. */
  serverErrors: number;
}

export class GraphMetrics {
  private data: GraphMetricsSnapshot = emptySnapshot();

  recordRequest(endpoint: string): void {
    this.data.requests++;
    this.data.byEndpoint[endpoint] = (this.data.byEndpoint[endpoint] ?? 0) + 1;
  }

  recordBatchItem(endpoint: string): void {
    const key = `batch ${endpoint}`;
    this.data.byEndpoint[key] = (this.data.byEndpoint[key] ?? 0) + 1;
  }

  recordStatus(status: number): void {
    if (status === 429) this.data.throttled++;
    if (status >= 500) this.data.serverErrors++;
  }

  recordRetry(): void {
    this.data.retries++;
  }

  snapshot(): GraphMetricsSnapshot {
    return { ...this.data, byEndpoint: { ...this.data.byEndpoint } };
  }

  reset(): void {
    this.data = emptySnapshot();
  }
}

function emptySnapshot(): GraphMetricsSnapshot {
  return { requests: 0, byEndpoint: {}, throttled: 0, retries: 0, serverErrors: 0 };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "METHOD /users/{id}/manager" from any Graph URL (absolute or relative to the version root). Ids, UPNs
 * and opaque keys become {id} so that counts group by endpoint, not by person.
 */
export function endpointTemplate(method: string, url: string): string {
  const path = (URL.canParse(url) ? new URL(url).pathname : url.split("?")[0] ?? "")
    .replace(/^\/(v1\.0|beta)(?=\/|$)/, "")
    .split("/")
    .map((segment, i, all) => (isIdentifier(segment, all[i - 1]) ? "{id}" : segment))
    .join("/");
  return `${method.toUpperCase()} ${path.startsWith("/") ? path : `/${path}`}`;
}

const COLLECTIONS_WITH_IDS = new Set(["users", "events", "subscriptions", "calendars", "messages", "groups", "instances", "attachments"]);

function isIdentifier(segment: string, previous: string | undefined): boolean {
  if (segment === "") return false;
  if (GUID.test(segment) || segment.includes("@")) return true;
  return previous !== undefined && COLLECTIONS_WITH_IDS.has(previous) && segment !== "delta" && !segment.startsWith("$");
}
