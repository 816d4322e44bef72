// How an API route is written: one declaration holds the path, who may call it, zod schemas for path
// params, query, body and response, and the handler. The same schemas validate requests, check responses
// and generate the OpenAPI document, so the three cannot drift apart.
//
//   export const getJob = defineRoute({
//     method: "get", path: "/api/admin/jobs/:jobId", operationId: "getJob", summary: "…", tags: ["jobs"],
//     access: "admin",
//     params: z.object({ jobId: z.string() }),
//     response: { status: 200, description: "The job", schema: jobSchema },
//     handle: ({ params, caller }, deps) => getJobUseCase(deps, caller, params.jobId),
//   });
//
// Then add it to the list in routes/index.ts. Handlers stay thin: parse (done here), call a use case,
// return its result. Errors are thrown and become problem+json.
import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { Caller } from "../app/caller.js";
import { ValidationError, type FieldProblem } from "../app/errors.js";
import type { ApiDeps } from "./api-deps.js";
import { authenticate, requireAdmin } from "./middleware/authenticate.js";
import { ProblemError } from "./problem.js";

export type Access = "public" | "user" | "admin";
export type Method = "get" | "post" | "put" | "patch" | "delete";

type AnySchema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteResponse<R extends AnySchema | undefined> {
  status: 200 | 201 | 202 | 204;
  description: string;
  /** Omit for 204. */
  schema: R;
}

export interface HandlerInput<A extends Access, P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: A extends "public" ? null : Caller;
  req: Request;
  res: Response;
}

export interface RouteDefinition<A extends Access = Access, P extends AnySchema | undefined = AnySchema | undefined, Q extends AnySchema | undefined = AnySchema | undefined, B extends AnySchema | undefined = AnySchema | undefined, R extends AnySchema | undefined = AnySchema | undefined> {
  method: Method;
  /** Express path, parameters as ":name". */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: A;
  params?: P;
  query?: Q;
  body?: B;
  response: RouteResponse<R>;
  /** Extra problem statuses worth documenting (400/401/403/413/500/503 are added from the declaration). */
  problems?: number[];
  handle(input: HandlerInput<A, Out<P>, Out<Q>, Out<B>>, deps: ApiDeps): Promise<R extends AnySchema ? z.input<R> : void>;
}

/** Identity function that gives a route declaration its types. */
export function defineRoute<A extends Access, P extends AnySchema | undefined = undefined, Q extends AnySchema | undefined = undefined, B extends AnySchema | undefined = undefined, R extends AnySchema | undefined = undefined>(
  route: RouteDefinition<A, P, Q, B, R>,
): RouteDefinition<A, P, Q, B, R> {
  return route;
}

// Routes of any shape, for lists; handlers are only called through mountRoutes, which validates inputs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<Access, any, any, any, any>;

export function mountRoutes(router: Router, routes: readonly AnyRoute[], deps: ApiDeps): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const caller = route.access === "public" ? null : await authenticate(req, deps.tokenValidator);
      if (caller) res.locals.caller = caller;
      if (route.access === "admin" && caller) requireAdmin(caller, deps.adminAppRole);
      const problems: FieldProblem[] = [];
      const params = parsePart(route.params, req.params, "path.", problems);
      const query = parsePart(route.query, req.query, "query.", problems);
      let body: unknown = undefined;
      if (route.body) {
        if (!req.is("application/json") && !req.is("application/*+json")) {
          throw new ProblemError("unsupported-media-type", "Send the request body as application/json.");
        }
        body = parsePart(route.body, req.body, "", problems);
      }
      if (problems.length > 0) throw new ValidationError(summarise(problems), problems);
      const result = await route.handle({ params, query, body, caller, req, res }, deps);
      if (res.headersSent) return;
      if (route.response.status === 204 || !route.response.schema) {
        res.status(route.response.status).end();
        return;
      }
      // The response must match the documented schema: a mismatch is our bug, not the caller's.
      const checked = route.response.schema.safeParse(result);
      if (!checked.success) throw new Error(`Response of ${route.operationId} does not match its schema: ${z.prettifyError(checked.error)}`);
      res.status(route.response.status).json(checked.data);
    });
  }
}

function parsePart(schema: AnySchema | undefined, value: unknown, prefix: string, problems: FieldProblem[]): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) problems.push({ field: fieldName(prefix, issue.path), message: issue.message });
  return undefined;
}

/** "userId", "sessions[2].start", "query.limit", "path.jobId"; the whole body is "body". */
function fieldName(prefix: string, path: readonly PropertyKey[]): string {
  let name = "";
  for (const part of path) name += typeof part === "number" ? `[${part}]` : name === "" ? String(part) : `.${String(part)}`;
  if (name === "") return prefix === "" ? "body" : prefix.slice(0, -1);
  return `${prefix}${name}`;
}

function summarise(problems: FieldProblem[]): string {
  const fields = [...new Set(problems.map((p) => p.field))];
  return `Invalid ${fields.length === 1 ? "field" : "fields"}: ${fields.join(", ")}.`;
}
