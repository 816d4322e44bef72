// RFC 9457 problem details: every error the API returns is application/problem+json with a stable `type`,
// a human title, the status, a `detail` that says what went wrong, and `errors` naming failing fields.
import type { Response } from "express";
import { z } from "zod";
import type { FieldProblem } from "../app/errors.js";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const PROBLEM_TYPES = {
  validation: { status: 400, title: "The request is not valid" },
  unauthenticated: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  "not-found": { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict with the current state" },
  "precondition-failed": { status: 412, title: "The resource changed since it was read" },
  "payload-too-large": { status: 413, title: "The request body is too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "precondition-required": { status: 428, title: "A precondition (If-Match) is required" },
  internal: { status: 500, title: "Internal server error" },
  unavailable: { status: 503, title: "A service the app depends on is unavailable" },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

/** Stable, non-dereferenceable problem type URIs (RFC 9457 §3.1.1 allows any URI). */
export function problemTypeUri(kind: ProblemKind): string {
  return `urn:reverse-mentorship:problem:${kind}`;
}

export const problemSchema = z
  .object({
    type: z.string().describe("URI identifying the kind of problem."),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string().describe('Failing input, e.g. "userId" (body), "query.limit", "path.jobId".'), message: z.string() }))
      .optional(),
  })
  .catchall(z.unknown())
  .meta({ id: "Problem" });

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/** An error that already knows its problem body (thrown by API middleware). */
export class ProblemError extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly extras: { errors?: FieldProblem[]; headers?: Record<string, string>; members?: Record<string, unknown> } = {},
  ) {
    super(detail);
    this.name = "ProblemError";
  }
}

export function problemBody(kind: ProblemKind, detail: string, extras: { errors?: FieldProblem[]; members?: Record<string, unknown> } = {}): Problem {
  const { status, title } = PROBLEM_TYPES[kind];
  return { type: problemTypeUri(kind), title, status, detail, ...(extras.errors && extras.errors.length > 0 ? { errors: extras.errors } : {}), ...extras.members };
}

export function sendProblem(res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
