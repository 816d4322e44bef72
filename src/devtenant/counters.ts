// Request counters per endpoint template, e.g. "GET /v1.0/users/{id}/manager" or, for requests inside a
// $batch, "batch GET /v1.0/users/{id}/manager". Tests and benchmarks read them to count Graph round trips.

export interface RequestCounters {
  increment(key: string): void;
  snapshot(): Record<string, number>;
  reset(): void;
}

export function createRequestCounters(): RequestCounters {
  const counts = new Map<string, number>();
  return {
    increment: (key) => void counts.set(key, (counts.get(key) ?? 0) + 1),
    snapshot: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b))),
    reset: () => counts.clear(),
  };
}

/** Collections whose next segment is an id (or a UPN), not a function or navigation property. */
const COLLECTIONS = new Set(["users", "events", "subscriptions", "calendars", "instances", "calendargroups", "messages", "attachments", "tenants", "groups", "directoryobjects"]);
/** Segments that may follow a collection but are functions/special segments, not ids. */
const NOT_IDS = new Set(["delta", "$count", "$ref"]);
const TOP_LEVEL = new Set(["v1.0", "beta", "dev", "common", "organizations", "consumers"]);

/** "GET", "/v1.0/users/0f3.../manager" → "GET /v1.0/users/{id}/manager". */
export function endpointKey(method: string, path: string): string {
  const segments = path.split("?")[0]?.split("/").filter(Boolean) ?? [];
  const out: string[] = [];
  segments.forEach((segment, i) => {
    const previous = (segments[i - 1] ?? "").toLowerCase();
    if (i === 0 && !TOP_LEVEL.has(segment.toLowerCase())) out.push("{tenant}");
    else if (COLLECTIONS.has(previous) && !NOT_IDS.has(segment.toLowerCase())) out.push("{id}");
    else out.push(segment);
  });
  return `${method.toUpperCase()} /${out.join("/")}`;
}
