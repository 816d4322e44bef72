// The dev tenant's express app: request ids and counters for everything, identity endpoints, dev control
// endpoints, and Graph v1.0 behind authentication and fault injection (directory, delta, $batch, calendar).
import { randomUUID } from "node:crypto";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { RequestCounters } from "./counters.js";
import { endpointKey } from "./counters.js";
import type { FaultInjector } from "./faults.js";
import { sendGraphError } from "./graph/errors.js";
import { GraphError } from "./graph/graph-error.js";
import { graphAuth, graphFaults } from "./graph/pipeline.js";
import type { TokenService } from "./identity/token-service.js";
import type { DevDirectoryView } from "./model.js";

export interface DevTenantAppParts {
  counters: RequestCounters;
  faults: FaultInjector;
  tokens: TokenService;
  directory(tenantId: string): DevDirectoryView | undefined;
  identity: Router;
  dev: Router[];
  /** Graph routers relative to /v1.0, in mounting order (delta before directory, calendar last). */
  graph: Router[];
  isBatchInner(req: Request): boolean;
  onError(error: unknown, req: Request): void;
}

const KNOWN_ROOTS = new Set(["users", "me", "subscriptions", "$batch", "groups", "directoryobjects"]);

export function createDevTenantApp(parts: DevTenantAppParts): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);

  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    res.locals["requestId"] = requestId;
    res.set({ "request-id": requestId, "client-request-id": req.get("client-request-id") ?? requestId });
    if (!req.path.startsWith("/dev/")) {
      const key = endpointKey(req.method, req.path);
      parts.counters.increment(parts.isBatchInner(req) ? `batch ${key}` : key);
    }
    next();
  });

  const graph = express.Router();
  graph.use(graphAuth(parts.tokens));
  graph.use(graphFaults({ faults: parts.faults, directory: parts.directory, exempt: (req) => req.method === "POST" && /^\/\$batch\/?$/i.test(req.path) }));
  parts.graph.forEach((router) => graph.use(router));
  graph.use((req: Request, res: Response) => {
    // Graph names the first segment it could not resolve; for known roots that is (approximately) the last one.
    const segments = req.path.split("/").filter(Boolean);
    const segment = (KNOWN_ROOTS.has((segments[0] ?? "").toLowerCase()) ? segments.at(-1) : segments[0]) ?? "";
    sendGraphError(res, 400, "BadRequest", `Resource not found for the segment '${segment}'.`);
  });
  app.use("/v1.0", graph);

  parts.dev.forEach((router) => app.use("/dev", router));
  app.use("/dev", (_req: Request, res: Response) => {
    res.status(404).json({ error: { code: "notFound", field: null, message: "No such dev endpoint. See src/devtenant/README.md." } });
  });
  app.use(parts.identity);

  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return;
    if (error instanceof GraphError) {
      sendGraphError(res, error.status, error.code, error.message, error.headers);
      return;
    }
    if (error instanceof SyntaxError && "status" in error) {
      sendGraphError(res, 400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
      return;
    }
    parts.onError(error, req);
    sendGraphError(res, 500, "generalException", "An unexpected error occurred in the dev tenant.");
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: "not_found", error_description: "No such endpoint on the dev tenant." });
  });
  return app;
}
