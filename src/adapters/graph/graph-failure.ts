// Turns a failed Graph SDK call into the app's error types (routes and use cases never see GraphError).
// 404 is answered by the callers themselves where "gone" is a normal outcome (events, subscriptions).
import { ForbiddenError, NotFoundError, UnavailableError, ValidationError } from "../../app/errors.js";
import { describeGraphError } from "./graph-batch.js";

/** The HTTP status of a Graph SDK failure, or null for network errors. */
export function graphStatus(error: unknown): number | null {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status > 0 ? status : null;
}

/** The Graph error code ("ErrorItemNotFound") of a Graph SDK failure, or null. */
export function graphCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** An app error for a Graph failure while doing `what` (e.g. "create the meeting"). Never includes payload text. */
export function graphFailure(error: unknown, what: string): Error {
  const status = graphStatus(error);
  const described = describeGraphError(error);
  if (status === 401 || status === 403) {
    return new ForbiddenError(`Microsoft Graph refused to ${what} (${described}) — check the app's calendar permissions and admin consent.`);
  }
  if (status === 404) return new NotFoundError(`Microsoft Graph could not ${what}: the mailbox or item does not exist (${described}).`);
  if (status === 400 || status === 409 || status === 422) {
    return new ValidationError(`Microsoft Graph refused to ${what} (${described}).`);
  }
  return new UnavailableError(`Microsoft Graph could not ${what} (${described}).`, null, { cause: error });
}
