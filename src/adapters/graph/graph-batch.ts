// JSON batching ($batch): chunks of at most 20 requests, answers matched by id (they may come back in any
// order), and throttled items retried on their own. Graph's SDKs do not retry inner 429s: the batch as a
// whole is 200. We resend only the items that got 429/503/504 (and those that failed with 424 because
// they depended on one), after the longest Retry-After among them.
import type { Client } from "@microsoft/microsoft-graph-client";
import { UnavailableError } from "../../app/errors.js";
import { endpointTemplate, type GraphMetrics } from "./graph-metrics.js";

export const MAX_BATCH_SIZE = 20;

export interface BatchItem {
  /** Unique in the call (compared case-insensitively, as Graph does). */
  id: string;
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Relative to the version root, e.g. "/users/{id}/manager". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Ids of earlier items in the same chunk of 20 that must succeed first. */
  dependsOn?: string[];
}

export interface BatchResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface BatchOptions {
  metrics?: GraphMetrics;
  /** Resend rounds for throttled items. Default 3. */
  maxRetries?: number;
  /** Waiting is injectable so tests can record the delays instead of sleeping. */
  sleep?: (seconds: number) => Promise<void>;
  /** Delay when a throttled item carries no Retry-After. Default 2 s, doubled per round. */
  defaultRetrySeconds?: number;
}

const RETRYABLE = new Set([429, 503, 504]);

/** Sends the items with $batch and returns every item's final answer, keyed by the item's id. */
export async function sendBatch(client: Client, items: readonly BatchItem[], options: BatchOptions = {}): Promise<Map<string, BatchResult>> {
  checkIds(items);
  const chunks = chunk(items);
  const results = new Map<string, BatchResult>();
  // Chunks go out together; the client's limiter keeps the per-mailbox and global caps.
  await Promise.all(chunks.map(async (c) => (await sendChunkWithRetries(client, c, options)).forEach((r) => results.set(r.id, r))));
  return results;
}

function checkIds(items: readonly BatchItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.id.toLowerCase();
    if (item.id === "" || seen.has(key)) throw new Error(`Batch item ids must be unique and non-empty (case-insensitive): "${item.id}".`);
    seen.add(key);
  }
}

/** Consecutive groups of ≤ 20; an item's dependencies must sit earlier in the same group. */
function chunk(items: readonly BatchItem[]): BatchItem[][] {
  const chunks: BatchItem[][] = [];
  for (let i = 0; i < items.length; i += MAX_BATCH_SIZE) chunks.push(items.slice(i, i + MAX_BATCH_SIZE));
  for (const group of chunks) {
    const ids = new Set<string>();
    for (const item of group) {
      for (const dep of item.dependsOn ?? []) {
        if (!ids.has(dep.toLowerCase())) throw new Error(`Batch item "${item.id}" depends on "${dep}", which is not an earlier item in its chunk of ${MAX_BATCH_SIZE}.`);
      }
      ids.add(item.id.toLowerCase());
    }
  }
  return chunks;
}

async function sendChunkWithRetries(client: Client, items: BatchItem[], options: BatchOptions): Promise<BatchResult[]> {
  const maxRetries = options.maxRetries ?? 3;
  const sleep = options.sleep ?? ((s: number) => new Promise<void>((resolve) => setTimeout(resolve, s * 1000)));
  const final = new Map<string, BatchResult>();
  let pending = items;
  for (let round = 0; pending.length > 0; round++) {
    const answers = await sendOnce(client, pending, options.metrics);
    const retry = retrySet(pending, answers);
    for (const item of pending) {
      const answer = answers.get(item.id.toLowerCase());
      if (answer && (!retry.has(item.id.toLowerCase()) || round >= maxRetries)) final.set(item.id, { ...answer, id: item.id });
    }
    if (round >= maxRetries || retry.size === 0) break;
    pending = pending
      .filter((item) => retry.has(item.id.toLowerCase()))
      // A dependency that already succeeded is not resent, so drop it from dependsOn.
      .map((item) => ({ ...item, dependsOn: item.dependsOn?.filter((d) => retry.has(d.toLowerCase())) }));
    for (let i = 0; i < pending.length; i++) options.metrics?.recordRetry();
    await sleep(waitSeconds(pending, answers, round, options.defaultRetrySeconds ?? 2));
  }
  return items.map((item) => final.get(item.id) ?? missing(item));
}

/** Items worth resending: throttled/unavailable ones, plus 424s whose dependency is being resent. */
function retrySet(items: BatchItem[], answers: Map<string, BatchResult>): Set<string> {
  const retry = new Set<string>();
  for (const item of items) {
    const status = answers.get(item.id.toLowerCase())?.status;
    if (status !== undefined && RETRYABLE.has(status)) retry.add(item.id.toLowerCase());
  }
  for (const item of items) {
    const status = answers.get(item.id.toLowerCase())?.status;
    if (status === 424 && (item.dependsOn ?? []).some((d) => retry.has(d.toLowerCase()))) retry.add(item.id.toLowerCase());
  }
  return retry;
}

function waitSeconds(pending: BatchItem[], answers: Map<string, BatchResult>, round: number, defaultSeconds: number): number {
  let longest = 0;
  for (const item of pending) {
    const retryAfter = headerValue(answers.get(item.id.toLowerCase())?.headers ?? {}, "retry-after");
    const seconds = retryAfter === null ? Number.NaN : Number(retryAfter);
    if (Number.isFinite(seconds)) longest = Math.max(longest, seconds);
  }
  return longest > 0 ? longest : defaultSeconds * 2 ** round;
}

async function sendOnce(client: Client, items: BatchItem[], metrics: GraphMetrics | undefined): Promise<Map<string, BatchResult>> {
  const requests = items.map((item) => ({
    id: item.id,
    method: item.method,
    url: item.url.startsWith("/") ? item.url : `/${item.url}`,
    ...(item.body !== undefined ? { body: item.body, headers: { "Content-Type": "application/json", ...item.headers } } : item.headers ? { headers: item.headers } : {}),
    ...(item.dependsOn && item.dependsOn.length > 0 ? { dependsOn: item.dependsOn } : {}),
  }));
  for (const r of requests) metrics?.recordBatchItem(endpointTemplate(r.method, r.url));
  let response: { responses?: Array<{ id?: unknown; status?: unknown; headers?: unknown; body?: unknown }> };
  try {
    response = await client.api("/$batch").post({ requests });
  } catch (error) {
    throw new UnavailableError(`Microsoft Graph did not accept a batch of ${items.length} requests (${describeGraphError(error)}).`, null, { cause: error });
  }
  const answers = new Map<string, BatchResult>();
  for (const r of response.responses ?? []) {
    if (typeof r.id !== "string" || typeof r.status !== "number") continue;
    metrics?.recordStatus(r.status);
    answers.set(r.id.toLowerCase(), { id: r.id, status: r.status, headers: normaliseHeaders(r.headers), body: r.body ?? null });
  }
  return answers;
}

function normaliseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (typeof v === "string" || typeof v === "number") out[k.toLowerCase()] = String(v);
  }
  return out;
}

function headerValue(headers: Record<string, string>, name: string): string | null {
  return headers[name.toLowerCase()] ?? null;
}

function missing(item: BatchItem): BatchResult {
  // Graph answers every request of a parseable batch; a gap means a broken answer, reported as a 502 item.
  return { id: item.id, status: 502, headers: {}, body: { error: { code: "MissingBatchResponse", message: `Graph returned no answer for batch item ${item.id}.` } } };
}

/** "403 Authorization_RequestDenied" from a GraphError, without message text that could carry data. */
export function describeGraphError(error: unknown): string {
  const e = error as { statusCode?: unknown; code?: unknown } | null;
  const status = typeof e?.statusCode === "number" && e.statusCode > 0 ? String(e.statusCode) : "no HTTP status";
  const code = typeof e?.code === "string" ? e.code : "network error";
  return `${status} ${code}`;
}
