// The Express application: security headers, request log, JSON body limits, the API routes, the tab's
// static files and problem+json errors. main.ts mounts the bot on it (POST /api/messages).
import express, { type Express } from "express";
import type { ApiDeps } from "./api-deps.js";
import { errorHandler, notFoundHandler } from "./middleware/error-handler.js";
import { requestLog } from "./middleware/request-log.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { mountRoutes } from "./route.js";
import { apiRoutes } from "./routes/index.js";
import { staticWeb } from "./static-web.js";

export interface CreatedApp {
  app: Express;
  /** Call after extra mounts (the bot) to add the static tab, 404 and error handlers last. */
  finish(): void;
}

export function createApp(deps: ApiDeps): CreatedApp {
  const app = express();
  app.disable("x-powered-by");
  // App Service terminates TLS in front of the app: trust one proxy hop for req.protocol/req.ip.
  app.set("trust proxy", deps.mode === "azure" ? 1 : false);
  app.use(securityHeaders({ https: deps.publicBaseUrl.startsWith("https://") }));
  app.use(requestLog(deps.logger));
  app.use("/api", express.json({ limit: deps.jsonBodyLimit ?? "100kb", type: ["application/json", "application/*+json"] }));
  const router = express.Router();
  mountRoutes(router, apiRoutes(deps), deps);
  app.use(router);
  return {
    app,
    finish() {
      if (deps.webRoot) app.use(staticWeb(deps.webRoot));
      app.use(notFoundHandler);
      app.use(errorHandler(deps.logger));
    },
  };
}
