// Serves the built tab (dist/web) at "/" with an SPA fallback: any GET for an HTML page that is not an API
// path gets index.html, so deep links into the tab work. Hashed assets are cached for a year.
import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { type Router } from "express";

export function findWebRoot(candidate: string): string | null {
  return existsSync(join(candidate, "index.html")) ? candidate : null;
}

export function staticWeb(webRoot: string): Router {
  const router = express.Router();
  router.use(
    express.static(webRoot, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader("Cache-Control", /[\\/]assets[\\/]/.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.get("/{*path}", (req, res, next) => {
    if (req.path.startsWith("/api/") || req.path === "/api" || !req.accepts("html")) {
      next();
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(join(webRoot, "index.html"));
  });
  return router;
}
