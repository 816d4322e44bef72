// The Graph request pipeline in front of every resource router: authentication (tenant taken from the token),
// then fault injection (random 429/503, latency, the per-mailbox concurrency limit).
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { FaultInjector } from "../faults.js";
import { GRAPH_APP_ID, GRAPH_RESOURCE } from "../identity/app-registry.js";
import { TokenValidationError, type TokenService } from "../identity/token-service.js";
import type { DevDirectoryView, GraphCallContext } from "../model.js";
import { graphErrorBody, sendGraphError } from "./errors.js";

const WWW_AUTHENTICATE = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`;

const MESSAGES: Record<TokenValidationError["reason"], string> = {
  malformed: "IDX14100: JWT is not well formed.",
  unknownKey: "Access token validation failure. The signing key was not found.",
  badSignature: "Access token validation failure.",
  expired: "Lifetime validation failed, the token is expired.",
  notYetValid: "Lifetime validation failed, the token is not yet valid.",
  badIssuer: "Access token validation failure. Invalid issuer.",
  badAudience: "Access token validation failure. Invalid audience.",
};

/** Bearer token → res.locals.graph (GraphCallContext). 401 InvalidAuthenticationToken like Graph otherwise. */
export function graphAuth(tokens: TokenService): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      sendGraphError(res, 401, "InvalidAuthenticationToken", header ? "CompactToken parsing failed with error code: 80049217" : "Access token is empty.", { "WWW-Authenticate": WWW_AUTHENTICATE });
      return;
    }
    try {
      const claims = await tokens.verify(match[1] as string, [GRAPH_RESOURCE, GRAPH_APP_ID]);
      const delegated = typeof claims.scp === "string";
      const ctx: GraphCallContext = {
        tenantId: claims.tid,
        appId: claims.azp,
        roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
        userId: delegated ? claims.oid : null,
        scopes: delegated ? (claims.scp as string).split(" ").filter(Boolean) : [],
        requestId: String(res.locals["requestId"]),
      };
      res.locals["graph"] = ctx;
      next();
    } catch (error) {
      if (!(error instanceof TokenValidationError)) throw error;
      sendGraphError(res, 401, "InvalidAuthenticationToken", MESSAGES[error.reason], { "WWW-Authenticate": WWW_AUTHENTICATE });
    }
  };
}

/** The mailbox a request touches, if any: /users/{id|upn}/(calendar|calendars|events|calendarView|mailboxSettings)… or /me/…. */
export function mailboxOf(path: string, ctx: GraphCallContext, directory: DevDirectoryView | undefined): string | null {
  const m = /^\/(?:users\/([^/]+)|me)\/(calendar|calendars|calendarview|events|mailboxsettings|calendargroups)(?:\/|$)/i.exec(path);
  if (!m) return null;
  const who = m[1] !== undefined ? decodeURIComponent(m[1]) : ctx.userId;
  if (!who) return null;
  // UPN, mail and object id all name the same mailbox.
  const person = directory?.findPerson(who);
  return `${ctx.tenantId}/${(person?.id ?? who).toLowerCase()}`;
}

/** Graph's throttling body, exactly as in error.throttling-429.response.json. */
export function throttlingBody(requestId: string, now: Date = new Date()): unknown {
  return {
    error: {
      code: "TooManyRequests",
      innerError: { code: "429", date: now.toISOString().replace(/\.\d{3}Z$/, ""), message: "Please retry after", "request-id": requestId, status: "429" },
      message: "Please retry again later.",
    },
  };
}

export interface FaultMiddlewareOptions {
  faults: FaultInjector;
  directory(tenantId: string): DevDirectoryView | undefined;
  /** Requests exempt from random faults (the outer $batch POST: its inner requests are judged one by one). */
  exempt(req: Request): boolean;
}

export function graphFaults(options: FaultMiddlewareOptions): RequestHandler {
  return async (req, res, next): Promise<void> => {
    if (options.exempt(req)) {
      next();
      return;
    }
    const requestId = String(res.locals["requestId"]);
    const decision = options.faults.decide();
    if (decision.kind !== "pass") {
      if (decision.kind === "throttle") {
        res.status(429).set({ "Retry-After": String(decision.retryAfterSeconds), "request-id": requestId, "client-request-id": requestId }).json(throttlingBody(requestId));
        return;
      }
      res.status(503).set({ "Retry-After": String(decision.retryAfterSeconds), "request-id": requestId, "client-request-id": requestId })
        .json(graphErrorBody("serviceNotAvailable", "The service is temporarily unavailable. Please retry after the time in the Retry-After header.", requestId));
      return;
    }
    const ctx = res.locals["graph"] as GraphCallContext;
    const mailbox = mailboxOf(req.path, ctx, options.directory(ctx.tenantId));
    if (mailbox) {
      const release = options.faults.acquireMailbox(mailbox);
      if (!release) {
        sendGraphError(res, 429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", { "Retry-After": "1" });
        return;
      }
      res.once("finish", release);
      res.once("close", release);
    }
    if (decision.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    next();
  };
}
