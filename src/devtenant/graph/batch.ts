// POST /v1.0/$batch: JSON batching as Graph does it. Inner requests run through the same HTTPS pipeline as
// top-level requests (loopback calls marked as batch-internal with a per-start secret), so they hit the same
// auth, faults, counters and handlers — including the calendar routes. At most 4 inner requests per mailbox
// run at once (Outlook's rule); dependsOn chains run in order and a failed dependency gives 424.
import { randomBytes, timingSafeEqual } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import { Agent, request as undiciRequest } from "undici";
import type { DevDirectoryView, GraphCallContext } from "../model.js";
import { graphErrorBody } from "./errors.js";
import { callContext, sendOData } from "./graph-context.js";
import { GraphError } from "./graph-error.js";
import { mailboxOf } from "./pipeline.js";

export const MAX_BATCH_REQUESTS = 20;
/** Inner requests of one batch in flight per mailbox. */
export const BATCH_MAILBOX_PARALLELISM = 4;
export const BATCH_MARKER_HEADER = "x-devtenant-batch";

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export interface BatchResponseItem {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Response headers carried into a batch item (the subset Graph shows; request ids live in error bodies). */
const FORWARDED_HEADERS = ["cache-control", "x-ms-resource-unit", "odata-version", "content-type", "retry-after", "location", "preference-applied", "etag"];
const CANONICAL_HEADER: Record<string, string> = {
  "content-type": "Content-Type",
  "retry-after": "Retry-After",
  location: "Location",
  "cache-control": "Cache-Control",
  "x-ms-resource-unit": "x-ms-resource-unit",
  "odata-version": "OData-Version",
  "preference-applied": "Preference-Applied",
  etag: "ETag",
};

const bad = (message: string): GraphError => new GraphError(400, "BadRequest", message);

function parseItems(body: unknown): BatchItem[] {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { requests?: unknown }).requests)) {
    throw bad("Invalid batch payload format: the body must be a JSON object with a 'requests' array.");
  }
  const raw = (body as { requests: unknown[] }).requests;
  if (raw.length === 0) throw bad("Invalid batch payload format: 'requests' is empty.");
  if (raw.length > MAX_BATCH_REQUESTS) throw bad(`The batch contains ${raw.length} requests. The maximum number of requests in a batch is ${MAX_BATCH_REQUESTS}.`);
  const seen = new Set<string>();
  const items = raw.map((entry, index): BatchItem => {
    if (typeof entry !== "object" || entry === null) throw bad(`Invalid batch payload format: request ${index} is not an object.`);
    const e = entry as Record<string, unknown>;
    if (typeof e["id"] !== "string" || e["id"] === "") throw bad(`Invalid batch payload format: request ${index} has no 'id' string.`);
    const id = e["id"];
    if (seen.has(id.toLowerCase())) throw bad(`Request Id ${id} has to be unique in a batch.`);
    seen.add(id.toLowerCase());
    if (typeof e["method"] !== "string" || !/^(GET|POST|PUT|PATCH|DELETE)$/i.test(e["method"])) throw bad(`Invalid method for request id : ${id}.`);
    if (typeof e["url"] !== "string" || e["url"] === "") throw bad(`Invalid batch payload format: request id ${id} has no 'url'.`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(e["url"])) throw bad(`Invalid request URL for request id : ${id}. Batch request URLs must be relative to the version root, e.g. /users.`);
    const headers: Record<string, string> = {};
    if (e["headers"] !== undefined) {
      if (typeof e["headers"] !== "object" || e["headers"] === null) throw bad(`Invalid headers for request id : ${id}.`);
      for (const [k, v] of Object.entries(e["headers"] as Record<string, unknown>)) headers[k] = String(v);
    }
    if (e["body"] !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) {
      throw bad(`Write request id : ${id} does not contain Content-Type header or body.`);
    }
    const dependsOn = e["dependsOn"] === undefined ? [] : e["dependsOn"];
    if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== "string")) throw bad(`Invalid dependsOn for request id : ${id}.`);
    const url = e["url"].startsWith("/") ? e["url"] : `/${e["url"]}`;
    if (/^\/\$batch(\?|$)/i.test(url)) throw bad(`Request id : ${id} cannot be a nested $batch.`);
    return { id, method: e["method"].toUpperCase(), url, headers, body: e["body"], dependsOn: dependsOn as string[] };
  });
  const byId = new Map(items.map((i) => [i.id.toLowerCase(), i]));
  for (const item of items) {
    for (const dep of item.dependsOn) {
      if (!byId.has(dep.toLowerCase())) throw bad(`Request id : ${item.id} depends on the id ${dep}, which is not in the batch.`);
    }
  }
  assertAcyclic(items, byId);
  return items;
}

function assertAcyclic(items: readonly BatchItem[], byId: ReadonlyMap<string, BatchItem>): void {
  const state = new Map<string, "visiting" | "done">();
  const visit = (item: BatchItem): void => {
    const key = item.id.toLowerCase();
    if (state.get(key) === "done") return;
    if (state.get(key) === "visiting") throw bad(`The dependsOn chain of request id : ${item.id} is circular.`);
    state.set(key, "visiting");
    item.dependsOn.forEach((d) => visit(byId.get(d.toLowerCase()) as BatchItem));
    state.set(key, "done");
  };
  items.forEach(visit);
}

/** A tiny per-key semaphore: at most `limit` holders per key. */
function keyedLimiter(limit: number): (key: string | null, task: () => Promise<BatchResponseItem>) => Promise<BatchResponseItem> {
  const active = new Map<string, number>();
  const waiting = new Map<string, Array<() => void>>();
  return async (key, task) => {
    if (key === null) return task();
    while ((active.get(key) ?? 0) >= limit) {
      await new Promise<void>((resolve) => {
        const queue = waiting.get(key) ?? [];
        queue.push(resolve);
        waiting.set(key, queue);
      });
    }
    active.set(key, (active.get(key) ?? 0) + 1);
    try {
      return await task();
    } finally {
      active.set(key, (active.get(key) ?? 1) - 1);
      waiting.get(key)?.shift()?.();
    }
  };
}

export interface BatchDeps {
  origin: string;
  caCertPem: string;
  directory(tenantId: string): DevDirectoryView | undefined;
}

export interface BatchRouter {
  router: Router;
  /** True when a request is an inner request of a batch (carries this start's secret marker). */
  isInner(req: Request): boolean;
  close(): Promise<void>;
}

export function batchRoutes(deps: BatchDeps): BatchRouter {
  const secret = randomBytes(24).toString("base64url");
  const agent = new Agent({ connect: { ca: deps.caCertPem }, keepAliveTimeout: 10_000, connections: 32 });

  async function dispatch(item: BatchItem, authorization: string, requestId: string): Promise<BatchResponseItem> {
    const headers: Record<string, string> = { ...item.headers, authorization, [BATCH_MARKER_HEADER]: secret, "client-request-id": requestId };
    let body: string | undefined;
    if (item.body !== undefined) body = typeof item.body === "string" ? item.body : JSON.stringify(item.body);
    const reply = await undiciRequest(`${deps.origin}/v1.0${item.url}`, {
      method: item.method as "GET",
      headers,
      body,
      dispatcher: agent,
    });
    const out: BatchResponseItem = { id: item.id, status: reply.statusCode, headers: {} };
    for (const name of FORWARDED_HEADERS) {
      const value = reply.headers[name];
      if (value !== undefined) out.headers[CANONICAL_HEADER[name] as string] = Array.isArray(value) ? value.join(", ") : value;
    }
    const text = await reply.body.text();
    if (text !== "") {
      const type = String(reply.headers["content-type"] ?? "");
      out.body = type.includes("json") ? JSON.parse(text) : text;
    }
    return out;
  }

  async function run(items: readonly BatchItem[], ctx: GraphCallContext, authorization: string, requestId: string): Promise<BatchResponseItem[]> {
    const limiter = keyedLimiter(BATCH_MAILBOX_PARALLELISM);
    const results = new Map<string, Promise<BatchResponseItem>>();
    const directory = deps.directory(ctx.tenantId);
    const start = (item: BatchItem): Promise<BatchResponseItem> => {
      const key = item.id.toLowerCase();
      const existing = results.get(key);
      if (existing) return existing;
      const promise = (async (): Promise<BatchResponseItem> => {
        const deps = await Promise.all(item.dependsOn.map((d) => start(items.find((i) => i.id.toLowerCase() === d.toLowerCase()) as BatchItem)));
        if (deps.some((d) => d.status < 200 || d.status >= 300)) {
          return { id: item.id, status: 424, headers: { "Content-Type": "application/json" }, body: graphErrorBody("FailedDependency", "The request could not be executed because a request it depends on failed.", requestId) };
        }
        const path = item.url.split("?")[0] as string;
        return limiter(mailboxOf(path, ctx, directory), () => dispatch(item, authorization, requestId));
      })();
      results.set(key, promise);
      return promise;
    };
    return Promise.all(items.map(start));
  }

  const router = express.Router();
  router.post("/\\$batch", express.json({ limit: "4mb" }), async (req: Request, res: Response) => {
    const ctx = callContext(res);
    const items = parseItems(req.body);
    const responses = await run(items, ctx, req.get("authorization") ?? "", String(res.locals["requestId"]));
    sendOData(res, { responses });
  });

  return {
    router,
    isInner(req: Request): boolean {
      const given = req.get(BATCH_MARKER_HEADER);
      if (!given || given.length !== secret.length) return false;
      return timingSafeEqual(Buffer.from(given), Buffer.from(secret));
    },
    close: () => agent.close(),
  };
}
