// Translates @azure/cosmos failures into the app's error types, so use cases and routes never depend on
// the SDK.
import { ConcurrencyError, ConflictError, NotFoundError, UnavailableError } from "../../app/errors.js";

interface CosmosLikeError {
  code?: number | string;
  retryAfterInMs?: number;
  retryAfterInMilliseconds?: number;
}

export function statusOf(error: unknown): number | null {
  const code = (error as CosmosLikeError | null)?.code;
  return typeof code === "number" ? code : null;
}

export function translateCosmosError(error: unknown, context: { container: string; id?: string }): Error {
  const status = statusOf(error);
  const what = context.id ? `${context.container} item "${context.id}"` : `the ${context.container} container`;
  if (status === 412) return new ConcurrencyError(context.container, context.id ?? "?");
  if (status === 409) return new ConflictError(`The ${what} already exists.`);
  if (status === 404) return new NotFoundError(`The ${what} does not exist.`);
  if (status === 429 || status === 503 || status === 408 || isNetworkFailure(error)) {
    const e = error as CosmosLikeError;
    const retryMs = e?.retryAfterInMs ?? e?.retryAfterInMilliseconds ?? null;
    return new UnavailableError(`The database could not be reached (${what}).`, retryMs === null ? null : Math.ceil(retryMs / 1000), { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Connection-level failures (refused, reset, DNS, TLS, timeouts) as Node and the SDK report them. */
function isNetworkFailure(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown; cause?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === "string" && /^(E[A-Z_]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|CERT_[A-Z_]+)$/.test(e.code)) return true;
  if (e.name === "TimeoutError" || e.name === "AbortError") return true;
  return e.cause !== undefined && e.cause !== error && isNetworkFailure(e.cause);
}
