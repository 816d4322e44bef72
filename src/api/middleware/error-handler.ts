// Turns every error into a problem+json answer. Known errors map to their status with a detail written
// for the caller; anything else is a 500 whose detail carries only the request id (details go to the log).
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError, ValidationError } from "../../app/errors.js";
import { JobAlreadyRunningError } from "../../app/jobs/job-runner.js";
import { TokenRejectedError } from "../../adapters/auth/token-validator.js";
import { problemBody, ProblemError, sendProblem, type Problem } from "../problem.js";

interface Mapped {
  problem: Problem;
  headers?: Record<string, string>;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const requestId = String(res.locals.requestId ?? "");
    const mapped = mapError(error, requestId);
    const log = (res.locals.log as Logger | undefined) ?? logger;
    if (mapped.problem.status >= 500) log.error({ err: error, path: req.path }, "request failed");
    else log.debug({ status: mapped.problem.status, check: (error as { check?: unknown }).check }, "request rejected");
    sendProblem(res, mapped.problem, mapped.headers);
  };
}

/** 404 for anything no route claimed (under /api and elsewhere when no tab is served). */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ProblemError("not-found", `No resource at ${req.method} ${req.path}.`));
};

function mapError(error: unknown, requestId: string): Mapped {
  if (error instanceof ProblemError) return { problem: problemBody(error.kind, error.detail, error.extras), headers: error.extras.headers };
  if (error instanceof TokenRejectedError) {
    // RFC 6750: no error code when no credentials were sent; invalid_token otherwise.
    const challenge = error.check === "missing" ? 'Bearer realm="api"' : `Bearer realm="api", error="invalid_token", error_description="${error.message.replace(/["\\]/g, "'")}"`;
    return { problem: problemBody("unauthenticated", error.message, { members: { check: error.check } }), headers: { "WWW-Authenticate": challenge } };
  }
  if (error instanceof ValidationError) return { problem: problemBody("validation", error.message, { errors: [...error.errors] }) };
  if (error instanceof NotFoundError) return { problem: problemBody("not-found", error.message) };
  if (error instanceof ForbiddenError) return { problem: problemBody("forbidden", error.message) };
  if (error instanceof JobAlreadyRunningError) return { problem: problemBody("conflict", error.message, { members: { jobId: error.runningJobId } }) };
  if (error instanceof ConflictError) return { problem: problemBody("conflict", error.message) };
  if (error instanceof UnavailableError) {
    return { problem: problemBody("unavailable", error.message), headers: error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {} };
  }
  const bodyError = mapBodyParserError(error);
  if (bodyError) return bodyError;
  return { problem: problemBody("internal", `An unexpected error occurred. Quote request id ${requestId} when reporting it.`) };
}

/** Errors raised by express.json (body-parser) carry a `type`. */
function mapBodyParserError(error: unknown): Mapped | null {
  const e = error as { type?: unknown; limit?: unknown; status?: unknown } | null;
  switch (e?.type) {
    case "entity.too.large":
      return { problem: problemBody("payload-too-large", `The request body exceeds the limit of ${typeof e.limit === "number" ? `${e.limit} bytes` : "the API"}.`) };
    case "entity.parse.failed":
      return { problem: problemBody("validation", "The request body is not valid JSON.", { errors: [{ field: "body", message: "Invalid JSON" }] }) };
    case "encoding.unsupported":
    case "charset.unsupported":
      return { problem: problemBody("unsupported-media-type", "The request body's encoding or charset is not supported; send UTF-8 JSON.") };
    case "request.aborted":
    case "request.size.invalid":
      return { problem: problemBody("validation", "The request body was incomplete.") };
    default:
      return null;
  }
}
