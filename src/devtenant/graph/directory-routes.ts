// Graph's directory reads: /users (paging, $select, $filter, $count, $orderby, $search, $expand=manager),
// /users/{id|upn}, /users/{id}/manager, /users/{id}/directReports and their /me forms.
import { createHash } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { DevDirectoryMutable } from "../directory/directory-store.js";
import type { DevPerson, GraphCallContext } from "../model.js";
import { callContext, encodeOptions, requestUrl, requireUserRead, resourceUnits, sendOData, tenantDirectory, type DirectoryRouteDeps } from "./graph-context.js";
import { badRequest, GraphError, resourceNotFound } from "./graph-error.js";
import { isAdvancedQuery, parseExpand, type ExpandManager, parseFilter, parseOrderBy, parseSearch, parseSelect, parseTop, queryOptions, type QueryOptions } from "./odata-query.js";
import { userResource, type Json } from "./user-resource.js";

export const DEFAULT_PAGE_SIZE = 100;
/** Graph caps pages at 100 when $expand is used. */
const EXPAND_PAGE_CAP = 100;

interface UsersPageToken {
  k: "users" | "reports";
  /** Hash of the query options the token belongs to. */
  q: string;
  /** Slot cursor (unsorted) or offset (sorted). */
  c: number;
  s: boolean;
}

export const expiredPageToken = (): GraphError =>
  new GraphError(400, "Directory_ExpiredPageToken", "The specified page token value has expired and can no longer be included in your request.");

function optionsHash(options: QueryOptions, path: string): string {
  const canonical = Object.entries(options).filter(([k]) => k !== "$skiptoken").sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(`${path}?${JSON.stringify(canonical)}`).digest("base64url").slice(0, 16);
}

function contextUrl(origin: string, entitySet: string, select: readonly string[] | null, entity = false): string {
  return `${origin}/v1.0/$metadata#${entitySet}${select ? `(${select.join(",")})` : ""}${entity ? "/$entity" : ""}`;
}

/** The user named in the path: an object id or a userPrincipalName (or mail), like Graph's /users/{id | userPrincipalName}. */
function resolveUser(directory: DevDirectoryMutable, idOrUpn: string): DevPerson {
  const person = directory.findPerson(decodeURIComponent(idOrUpn));
  if (!person) throw resourceNotFound(idOrUpn);
  return person;
}

function meOf(ctx: GraphCallContext, directory: DevDirectoryMutable): DevPerson {
  if (ctx.userId === null) throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  return resolveUser(directory, ctx.userId);
}


/** Adds `manager` (and, with $levels, the chain above it, stopping at the root or at a cycle). */
function withManager(directory: DevDirectoryMutable, person: DevPerson, body: Record<string, unknown>, expand: ExpandManager, extra: (p: DevPerson) => (name: string) => Json | undefined): Record<string, unknown> {
  const seen = new Set([person.id]);
  let target = body;
  let current = person;
  for (let level = 0; level < (expand.levels ?? 1); level++) {
    const manager = current.managerId ? directory.findPerson(current.managerId) : undefined;
    if (!manager || seen.has(manager.id)) break;
    seen.add(manager.id);
    const node: Record<string, unknown> = { "@odata.type": "#microsoft.graph.user", ...userResource(manager, expand.select, extra(manager)) };
    target["manager"] = node;
    target = node;
    current = manager;
  }
  return body;
}

/** Values kept outside DevPerson, looked up only when selected. */
function extrasFor(deps: DirectoryRouteDeps, tenantId: string): (p: DevPerson) => (name: string) => Json | undefined {
  return (p) => (name) => (name === "signInActivity" ? ({ ...deps.signIns.activity(tenantId, p.id) } as unknown as Json) : undefined);
}

function listUsers(deps: DirectoryRouteDeps, req: Request, res: Response): void {
  const ctx = callContext(res);
  requireUserRead(ctx);
  const directory = tenantDirectory(deps, ctx);
  const url = requestUrl(req, deps.origin);
  const options = queryOptions(url);
  if ("$skip" in options) {
    throw badRequest("The query specified in the URI is not valid. Query option 'Skip' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
  }
  const consistency = req.get("ConsistencyLevel");
  const advanced = isAdvancedQuery(consistency, options);
  const countRequested = (options["$count"] ?? "").toLowerCase() === "true";
  if (options["$count"] !== undefined && !["true", "false"].includes(options["$count"].toLowerCase())) {
    throw badRequest(`'${options["$count"]}' is not a valid value for $count; use true or false.`);
  }
  if (countRequested && !advanced) throw badRequest("$count is not currently supported.");
  const select = parseSelect(options["$select"], true);
  const filter = parseFilter(options["$filter"], advanced);
  const search = parseSearch(options["$search"], (consistency ?? "").toLowerCase() === "eventual");
  const orderBy = parseOrderBy(options["$orderby"], advanced);
  const expand = parseExpand(options["$expand"]);
  if (expand && countRequested) throw badRequest("$expand is not supported together with $count (advanced queries).");
  if (expand?.levels) throw badRequest("$levels in $expand is supported only when reading a single user.");
  const extra = extrasFor(deps, ctx.tenantId);
  const top = Math.min(parseTop(options["$top"]) ?? DEFAULT_PAGE_SIZE, expand ? EXPAND_PAGE_CAP : 999);
  const hash = optionsHash(options, "users");

  let cursor = 0;
  if (options["$skiptoken"] !== undefined) {
    const token = deps.tokens.decode<UsersPageToken>(options["$skiptoken"]);
    if (!token || token.k !== "users" || token.q !== hash || token.s !== (orderBy !== null)) throw expiredPageToken();
    cursor = token.c;
  }
  const matches = (p: DevPerson): boolean => (filter ? filter.predicate(p) : true) && (search ? search(p) : true);

  const items: DevPerson[] = [];
  let next: number | null = null;
  if (orderBy) {
    const sorted = directory.people().filter(matches);
    const key = (p: DevPerson): string => String((userResource(p, [orderBy.property])[orderBy.property] as string | null) ?? "").toLowerCase();
    sorted.sort((a, b) => (orderBy.descending ? -1 : 1) * key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
    items.push(...sorted.slice(cursor, cursor + top));
    next = cursor + top < sorted.length ? cursor + top : null;
  } else {
    // Unsorted pages walk the directory's append-only slot order, so paging stays stable while users change.
    const total = directory.entryCount();
    let i = cursor;
    for (; i < total && items.length < top; i++) {
      const entry = directory.entryAt(i);
      if (entry?.kind === "person" && matches(entry.person)) items.push(entry.person);
    }
    for (; i < total; i++) {
      const entry = directory.entryAt(i);
      if (entry?.kind === "person" && matches(entry.person)) {
        next = i;
        break;
      }
    }
  }

  const body: Record<string, unknown> = { "@odata.context": contextUrl(deps.origin, "users", select) };
  if (countRequested && options["$skiptoken"] === undefined) body["@odata.count"] = directory.people().filter(matches).length;
  if (next !== null) {
    const token = deps.tokens.encode({ k: "users", q: hash, c: next, s: orderBy !== null } satisfies UsersPageToken);
    const pairs = [...url.searchParams].filter(([k]) => k.toLowerCase() !== "$skiptoken" && k.toLowerCase() !== "skiptoken");
    body["@odata.nextLink"] = `${deps.origin}/v1.0/users?${encodeOptions([...pairs, ["$skiptoken", token]])}`;
  }
  body["value"] = items.map((p) => (expand ? withManager(directory, p, userResource(p, select, extra(p)), expand, extra) : userResource(p, select, extra(p))));
  sendOData(res, body);
}

function countUsers(deps: DirectoryRouteDeps, req: Request, res: Response): void {
  const ctx = callContext(res);
  requireUserRead(ctx);
  if ((req.get("ConsistencyLevel") ?? "").toLowerCase() !== "eventual") {
    throw badRequest("Count is not supported without the ConsistencyLevel: eventual header.");
  }
  const directory = tenantDirectory(deps, ctx);
  const options = queryOptions(requestUrl(req, deps.origin));
  const filter = parseFilter(options["$filter"], true);
  const count = directory.people().filter((p) => (filter ? filter.predicate(p) : true)).length;
  res.status(200).type("text/plain").send(String(count));
}

function getUser(deps: DirectoryRouteDeps, req: Request, res: Response, me: boolean): void {
  const ctx = callContext(res);
  requireUserRead(ctx, me);
  const directory = tenantDirectory(deps, ctx);
  const person = me ? meOf(ctx, directory) : resolveUser(directory, String(req.params["id"]));
  const options = queryOptions(requestUrl(req, deps.origin));
  if (/(^|,)\s*mailboxSettings\s*(,|$)/i.test(options["$select"] ?? "")) {
    throw new GraphError(501, "NotImplemented", "The dev tenant serves mailboxSettings at /users/{id}/mailboxSettings, not through $select.");
  }
  const select = parseSelect(options["$select"], false);
  const expand = parseExpand(options["$expand"]);
  if (expand?.levels && (req.get("ConsistencyLevel") ?? "").toLowerCase() !== "eventual") {
    throw badRequest("$levels in $expand needs the ConsistencyLevel: eventual header.");
  }
  const extra = extrasFor(deps, ctx.tenantId);
  const body: Record<string, unknown> = { "@odata.context": contextUrl(deps.origin, "users", select, true), ...userResource(person, select, extra(person)) };
  sendOData(res, expand ? withManager(directory, person, body, expand, extra) : body);
}

function getManager(deps: DirectoryRouteDeps, req: Request, res: Response, me: boolean): void {
  const ctx = callContext(res);
  requireUserRead(ctx, me);
  const directory = tenantDirectory(deps, ctx);
  const person = me ? meOf(ctx, directory) : resolveUser(directory, String(req.params["id"]));
  const manager = person.managerId ? directory.findPerson(person.managerId) : undefined;
  if (!manager) throw resourceNotFound("manager");
  const select = parseSelect(queryOptions(requestUrl(req, deps.origin))["$select"], false);
  sendOData(res, { "@odata.context": `${deps.origin}/v1.0/$metadata#directoryObjects/$entity`, "@odata.type": "#microsoft.graph.user", ...userResource(manager, select, extrasFor(deps, ctx.tenantId)(manager)) });
}

function listDirectReports(deps: DirectoryRouteDeps, req: Request, res: Response, me: boolean): void {
  const ctx = callContext(res);
  requireUserRead(ctx, me);
  const directory = tenantDirectory(deps, ctx);
  const person = me ? meOf(ctx, directory) : resolveUser(directory, String(req.params["id"]));
  const url = requestUrl(req, deps.origin);
  const options = queryOptions(url);
  const select = parseSelect(options["$select"], true);
  const top = parseTop(options["$top"]) ?? DEFAULT_PAGE_SIZE;
  const hash = optionsHash(options, `reports/${person.id}`);
  let offset = 0;
  if (options["$skiptoken"] !== undefined) {
    const token = deps.tokens.decode<UsersPageToken>(options["$skiptoken"]);
    if (!token || token.k !== "reports" || token.q !== hash) throw expiredPageToken();
    offset = token.c;
  }
  const reports = directory.directReports(person.id);
  const body: Record<string, unknown> = { "@odata.context": `${deps.origin}/v1.0/$metadata#directoryObjects` };
  if (offset + top < reports.length) {
    const token = deps.tokens.encode({ k: "reports", q: hash, c: offset + top, s: false } satisfies UsersPageToken);
    const pairs = [...url.searchParams].filter(([k]) => k.toLowerCase() !== "$skiptoken");
    body["@odata.nextLink"] = `${deps.origin}/v1.0${url.pathname.replace(/^\/v1\.0/, "")}?${encodeOptions([...pairs, ["$skiptoken", token]])}`;
  }
  const extra = extrasFor(deps, ctx.tenantId);
  body["value"] = reports.slice(offset, offset + top).map((p) => ({ "@odata.type": "#microsoft.graph.user", ...userResource(p, select, extra(p)) }));
  sendOData(res, body);
}

type Handler = (deps: DirectoryRouteDeps, req: Request, res: Response) => void;

/** Routes relative to /v1.0. Register after the delta router (so /users/delta is not read as a user id). */
export function directoryRoutes(deps: DirectoryRouteDeps): Router {
  const router = express.Router();
  const wrap = (fn: Handler) => (req: Request, res: Response): void => fn(deps, req, res);
  // Directory requests are costed in resource units (throttling.md); listing users costs 2.
  router.use((req, res, next) => {
    if (/^\/users\/?$/i.test(req.path)) resourceUnits(res, 2);
    else if (/^\/(users\/[^/]+|me)(\/(manager|directReports))?\/?$/i.test(req.path) && !/^\/users\/delta\/?$/i.test(req.path)) resourceUnits(res, 1);
    next();
  });
  router.get("/users", wrap(listUsers));
  router.get("/users/:id", wrap((d, req, res) => (req.params["id"] === "$count" ? countUsers(d, req, res) : getUser(d, req, res, false))));
  router.get("/users/:id/manager", wrap((d, req, res) => getManager(d, req, res, false)));
  router.get("/users/:id/directReports", wrap((d, req, res) => listDirectReports(d, req, res, false)));
  router.get("/me", wrap((d, req, res) => getUser(d, req, res, true)));
  router.get("/me/manager", wrap((d, req, res) => getManager(d, req, res, true)));
  router.get("/me/directReports", wrap((d, req, res) => listDirectReports(d, req, res, true)));
  // The dev tenant's directory is read-only over Graph (tests change it through DevTenant.directory()).
  const notAllowed = (): never => {
    throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  };
  router.all(["/users", "/users/:id", "/users/:id/manager", "/users/:id/directReports", "/me", "/me/manager", "/me/directReports"], notAllowed);
  return router;
}
