// The API's errors are application/problem+json; this turns any failed response into one typed
// ApiError so that screens can show a title, a detail, and field errors next to the fields.
import type { FieldError, Problem } from "./types.js";

export type ApiErrorKind =
  /** The server answered with an error status (problem+json or not). */
  | "http"
  /** The request never got an answer (offline, server down, DNS, CORS). */
  | "network"
  /** A 2xx answer that is not the JSON we expect (e.g. an HTML page from a proxy). */
  | "unexpected";

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | null;
  readonly fieldErrors: readonly FieldError[];

  constructor(init: { kind: ApiErrorKind; status: number; type?: string; title: string; detail?: string | null; fieldErrors?: readonly FieldError[] }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = "ApiError";
    this.kind = init.kind;
    this.status = init.status;
    this.type = init.type ?? "about:blank";
    this.title = init.title;
    this.detail = init.detail ?? null;
    this.fieldErrors = init.fieldErrors ?? [];
  }

  /** The message for one form field, if the server rejected it. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === field)?.message;
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: "The request was not valid",
  401: "You are not signed in",
  403: "You do not have access to this",
  404: "Not found",
  409: "This conflicts with the current state",
  413: "The request is too large",
  429: "Too many requests; try again in a moment",
  500: "The server had a problem",
  502: "The server is not reachable",
  503: "The service is temporarily unavailable",
  504: "The server took too long to answer",
};

function fallbackTitle(status: number): string {
  return STATUS_TITLES[status] ?? `The server answered ${status}`;
}

function parseFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e): FieldError[] => {
    if (typeof e !== "object" || e === null) return [];
    const { field, message } = e as Record<string, unknown>;
    return typeof field === "string" && typeof message === "string" ? [{ field, message }] : [];
  });
}

/** Reads a problem+json body if there is one; never throws (an error page can be anything). */
export function problemFromBody(status: number, contentType: string | null, bodyText: string): Problem {
  const fallback: Problem = { type: "about:blank", title: fallbackTitle(status), status };
  if (!contentType || !/json/i.test(contentType) || bodyText.trim() === "") return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return fallback;
  }
  if (typeof parsed !== "object" || parsed === null) return fallback;
  const o = parsed as Record<string, unknown>;
  const errors = parseFieldErrors(o.errors);
  return {
    type: typeof o.type === "string" ? o.type : "about:blank",
    title: typeof o.title === "string" && o.title.trim() !== "" ? o.title : fallback.title,
    status,
    ...(typeof o.detail === "string" ? { detail: o.detail } : {}),
    ...(errors.length > 0 ? { errors } : {}),
  };
}

export function apiErrorFromProblem(problem: Problem): ApiError {
  return new ApiError({
    kind: "http",
    status: problem.status,
    type: problem.type,
    title: problem.title,
    detail: problem.detail ?? null,
    fieldErrors: problem.errors ?? [],
  });
}
