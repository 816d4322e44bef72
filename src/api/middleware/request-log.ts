// One log line per request: method, route, status, duration, request id, and the tenant/user ids once
// authenticated. Never headers, never the query string (tokens and webhook secrets travel there), never bodies.
import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { Caller } from "../../app/caller.js";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.locals.log = logger.child({ requestId });
    res.setHeader("X-Request-Id", requestId);
    res.on("finish", () => {
      const caller = res.locals.caller as Caller | undefined;
      const route = (req.route as { path?: string } | undefined)?.path;
      (res.locals.log as Logger).info(
        {
          method: req.method,
          route: route ?? req.path,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          ...(caller ? { tenantId: caller.tenantId, userId: caller.userId } : {}),
        },
        "request",
      );
    });
    next();
  };
}
