// Errors that use cases raise and the API turns into problem+json. Adapters translate SDK failures into
// these so that routes never see an SDK error type.

export interface FieldProblem {
  /** Dotted path of the failing input field, e.g. "userId" or "sessions[2].start". */
  field: string;
  message: string;
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The request is well-formed but breaks a rule; `errors` names the fields when there are some. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly errors: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** The state changed underneath: an ETag no longer matches, an id already exists, a job already runs. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Optimistic concurrency lost: someone else saved the document since it was read (HTTP 412 from Cosmos). */
export class ConcurrencyError extends ConflictError {
  constructor(
    readonly container: string,
    readonly id: string,
  ) {
    super(`The ${container} item "${id}" was changed by someone else; read it again and retry.`);
    this.name = "ConcurrencyError";
  }
}

/** A dependency (Graph, Entra, Cosmos) could not answer; the caller may retry later. */
export class UnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "UnavailableError";
  }
}
