// Graph's group reads, shaped after the v1.0 docs (group-list, group-get, user-checkmembergroups,
// user-getmembergroups, user-list-memberof, user-list-transitivememberof): GET /groups (paging, $select,
// $filter, $search with ConsistencyLevel, $count, $orderby), GET /groups/{id}, POST /users/{id}/checkMemberGroups
// (≤ 20 ids, transitive), POST /users/{id}/getMemberGroups, GET /users/{id}/memberOf and
// /users/{id}/transitiveMemberOf (with the /microsoft.graph.group cast), and their /me forms.
import { createHash } from "node:crypto";
import express, { type Request, type Response, type Router } from "express";
import type { DevPerson, GraphCallContext } from "../model.js";
import { callContext, encodeOptions, requestUrl, requireUserRead, resourceUnits, sendOData, tenantDirectory, type DirectoryRouteDeps } from "../graph/graph-context.js";
import { badRequest, GraphError, insufficientPrivileges, resourceNotFound, unsupportedQuery } from "../graph/graph-error.js";
import { parseTop, queryOptions, type QueryOptions } from "../graph/odata-query.js";
import type { DevGroup, DevGroupDirectory } from "./group-directory.js";
import { groupResource, invalidObjectId, isObjectId, parseGroupFilter, parseGroupOrderBy, parseGroupSearch, parseGroupSelect, type GroupPredicate } from "./group-resource.js";

export interface GroupRouteDeps extends DirectoryRouteDeps {
  groups(tenantId: string): DevGroupDirectory | undefined;
}

/** checkMemberGroups takes at most this many group ids per request (user-checkmembergroups.md). */
export const MAX_CHECK_MEMBER_GROUPS = 20;
const DEFAULT_PAGE_SIZE = 100;

const GROUP_READ = ["GroupMember.Read.All", "GroupMember.ReadWrite.All", "Group.Read.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
const DELEGATED_GROUP_READ = [...GROUP_READ, "Directory.AccessAsUser.All"];

function holds(granted: readonly string[], accepted: readonly string[]): boolean {
  return granted.some((g) => accepted.some((a) => a.toLowerCase() === g.toLowerCase()));
}

/** Reading groups and their members needs GroupMember.Read.All-class permission (application or delegated). */
function requireGroupRead(ctx: GraphCallContext): void {
  if (!(ctx.userId === null ? holds(ctx.roles, GROUP_READ) : holds(ctx.scopes, DELEGATED_GROUP_READ))) throw insufficientPrivileges();
}

function tenantGroups(deps: GroupRouteDeps, ctx: GraphCallContext): DevGroupDirectory {
  const groups = deps.groups(ctx.tenantId);
  if (!groups) throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. The tenant of the token is unknown.");
  return groups;
}

function eventual(req: Request): boolean {
  return (req.get("ConsistencyLevel") ?? "").toLowerCase() === "eventual";
}

function countRequested(options: QueryOptions): boolean {
  const raw = options["$count"];
  if (raw === undefined) return false;
  if (!["true", "false"].includes(raw.toLowerCase())) throw badRequest(`'${raw}' is not a valid value for $count; use true or false.`);
  return raw.toLowerCase() === "true";
}

interface GroupPageToken {
  k: "groups";
  q: string;
  o: number;
}

function optionsHash(options: QueryOptions, path: string): string {
  const canonical = Object.entries(options).filter(([k]) => k !== "$skiptoken").sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(`${path}?${JSON.stringify(canonical)}`).digest("base64url").slice(0, 16);
}

/**
 * One page of `items` from the offset in $skiptoken, with an absolute nextLink carrying the original options.
 * Group lists are fixed for the life of the dev tenant, so an offset is a stable cursor.
 */
function sendGroupPage(deps: GroupRouteDeps, req: Request, res: Response, items: readonly DevGroup[], shape: { context: string; typed: boolean; select: string[] | null; count: boolean }): void {
  const url = requestUrl(req, deps.origin);
  const options = queryOptions(url);
  const top = parseTop(options["$top"]) ?? DEFAULT_PAGE_SIZE;
  const hash = optionsHash(options, url.pathname.toLowerCase());
  let offset = 0;
  if (options["$skiptoken"] !== undefined) {
    const token = deps.tokens.decode<GroupPageToken>(options["$skiptoken"]);
    if (!token || token.k !== "groups" || token.q !== hash) {
      throw new GraphError(400, "Directory_ExpiredPageToken", "The specified page token value has expired and can no longer be included in your request.");
    }
    offset = token.o;
  }
  const body: Record<string, unknown> = { "@odata.context": shape.context };
  if (shape.count && options["$skiptoken"] === undefined) body["@odata.count"] = items.length;
  if (offset + top < items.length) {
    const token = deps.tokens.encode({ k: "groups", q: hash, o: offset + top } satisfies GroupPageToken);
    const pairs = [...url.searchParams].filter(([k]) => !["$skiptoken", "skiptoken"].includes(k.toLowerCase()));
    body["@odata.nextLink"] = `${deps.origin}${url.pathname}?${encodeOptions([...pairs, ["$skiptoken", token]])}`;
  }
  body["value"] = items.slice(offset, offset + top).map((g) => (shape.typed ? { "@odata.type": "#microsoft.graph.group", ...groupResource(g, shape.select) } : groupResource(g, shape.select)));
  sendOData(res, body);
}

interface ListQuery {
  select: string[] | null;
  count: boolean;
  matches: GroupPredicate;
  sort: (items: DevGroup[]) => DevGroup[];
}

/** $select/$filter/$search/$orderby/$count of a group collection; `advancedOnly` = these need ConsistencyLevel + $count. */
function listQuery(req: Request, options: QueryOptions, advancedOnly: boolean): ListQuery {
  if ("$skip" in options) throw badRequest("The query specified in the URI is not valid. Query option 'Skip' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
  const count = countRequested(options);
  if (count && !eventual(req)) throw badRequest("$count is not currently supported.");
  const advanced = eventual(req) && count;
  if (advancedOnly && !advanced && ["$filter", "$search", "$orderby"].some((o) => o in options)) {
    throw unsupportedQuery("This query is supported only as an advanced query: send ConsistencyLevel: eventual and $count=true.");
  }
  const filter = parseGroupFilter(options["$filter"]);
  const search = parseGroupSearch(options["$search"], eventual(req));
  const order = parseGroupOrderBy(options["$orderby"]);
  return {
    select: parseGroupSelect(options["$select"]),
    count,
    matches: (g) => (filter ? filter(g) : true) && (search ? search(g) : true),
    sort: (items) =>
      order ? [...items].sort((a, b) => (order.descending ? -1 : 1) * a.displayName.toLowerCase().localeCompare(b.displayName.toLowerCase()) || a.id.localeCompare(b.id)) : items,
  };
}

function listGroups(deps: GroupRouteDeps, req: Request, res: Response): void {
  const ctx = callContext(res);
  requireGroupRead(ctx);
  const options = queryOptions(requestUrl(req, deps.origin));
  const query = listQuery(req, options, false);
  const items = query.sort(tenantGroups(deps, ctx).groups().filter(query.matches));
  const context = `${deps.origin}/v1.0/$metadata#groups${query.select ? `(${query.select.join(",")})` : ""}`;
  sendGroupPage(deps, req, res, items, { context, typed: false, select: query.select, count: query.count });
}

function findGroup(groups: DevGroupDirectory, raw: string): DevGroup {
  const id = decodeURIComponent(raw);
  if (!isObjectId(id)) throw invalidObjectId(id);
  const group = groups.find(id);
  if (!group) throw resourceNotFound(id);
  return group;
}

function getGroup(deps: GroupRouteDeps, req: Request, res: Response): void {
  const ctx = callContext(res);
  requireGroupRead(ctx);
  const group = findGroup(tenantGroups(deps, ctx), String(req.params["id"]));
  const select = parseGroupSelect(queryOptions(requestUrl(req, deps.origin))["$select"]);
  sendOData(res, { "@odata.context": `${deps.origin}/v1.0/$metadata#groups${select ? `(${select.join(",")})` : ""}/$entity`, ...groupResource(group, select) });
}

/** The user in the path (object id or UPN) or, for /me, the signed-in user. */
function subject(deps: GroupRouteDeps, req: Request, ctx: GraphCallContext, me: boolean): DevPerson {
  const directory = tenantDirectory(deps, ctx);
  if (me && ctx.userId === null) throw badRequest("/me request is only valid with delegated authentication flow.");
  const idOrUpn = me ? (ctx.userId as string) : decodeURIComponent(String(req.params["id"]));
  const person = directory.findPerson(idOrUpn);
  if (!person) throw resourceNotFound(idOrUpn);
  return person;
}

/** checkMemberGroups / getMemberGroups: the caller may read users and group memberships; the user must exist. */
function memberGroupsSubject(deps: GroupRouteDeps, req: Request, res: Response, me: boolean): { ctx: GraphCallContext; person: DevPerson } {
  const ctx = callContext(res);
  requireUserRead(ctx, me);
  requireGroupRead(ctx);
  return { ctx, person: subject(deps, req, ctx, me) };
}

function checkMemberGroups(deps: GroupRouteDeps, req: Request, res: Response, me: boolean): void {
  const { ctx, person } = memberGroupsSubject(deps, req, res, me);
  const body = req.body as { groupIds?: unknown } | undefined;
  const ids = body?.groupIds;
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string")) throw badRequest("The request body must carry 'groupIds', an array of group object ids.");
  if (ids.length > MAX_CHECK_MEMBER_GROUPS) {
    throw badRequest(`The 'groupIds' parameter has ${ids.length} items; at most ${MAX_CHECK_MEMBER_GROUPS} group ids can be checked per request.`);
  }
  for (const id of ids as string[]) if (!isObjectId(id)) throw invalidObjectId(id);
  // Ids of groups that do not exist (or were deleted) are simply not returned, as in Entra.
  const memberOf = new Set(tenantGroups(deps, ctx).transitiveGroupsOf(person.id).map((g) => g.id.toLowerCase()));
  const found = [...new Set((ids as string[]).filter((id) => memberOf.has(id.toLowerCase())))];
  sendOData(res, { "@odata.context": `${deps.origin}/v1.0/$metadata#Collection(Edm.String)`, value: found });
}

function getMemberGroups(deps: GroupRouteDeps, req: Request, res: Response, me: boolean): void {
  const { ctx, person } = memberGroupsSubject(deps, req, res, me);
  const body = req.body as { securityEnabledOnly?: unknown } | undefined;
  if (typeof body?.securityEnabledOnly !== "boolean") throw badRequest("The request body must carry 'securityEnabledOnly' (true or false).");
  const securityOnly = body.securityEnabledOnly;
  const ids = tenantGroups(deps, ctx).transitiveGroupsOf(person.id).filter((g) => !securityOnly || g.securityEnabled).map((g) => g.id);
  sendOData(res, { "@odata.context": `${deps.origin}/v1.0/$metadata#Collection(Edm.String)`, value: ids });
}

function listMemberships(deps: GroupRouteDeps, req: Request, res: Response, me: boolean, transitive: boolean, cast: boolean): void {
  const ctx = callContext(res);
  requireUserRead(ctx, me);
  const person = subject(deps, req, ctx, me);
  const options = queryOptions(requestUrl(req, deps.origin));
  const query = listQuery(req, options, true);
  const groups = tenantGroups(deps, ctx);
  const found = transitive ? groups.transitiveGroupsOf(person.id) : groups.directGroupsOf(person.id);
  const context = `${deps.origin}/v1.0/$metadata#${cast ? "groups" : "directoryObjects"}${query.select ? `(${query.select.join(",")})` : ""}`;
  sendGroupPage(deps, req, res, query.sort(found.filter(query.matches)), { context, typed: true, select: query.select, count: query.count });
}

type Handler = (deps: GroupRouteDeps, req: Request, res: Response) => void;

/** Routes relative to /v1.0. The directory is read-only over Graph: writes on these paths are 405. */
export function groupRoutes(deps: GroupRouteDeps): Router {
  const router = express.Router();
  const wrap = (fn: Handler) => (req: Request, res: Response): void => fn(deps, req, res);
  const json = express.json({ limit: "1mb", type: ["application/json", "application/*+json", "text/json"] });
  router.use(/^\/(groups|users|me|directoryObjects)(\/|$)/i, (req, res, next) => {
    if (/^\/groups/i.test(req.path) || /\/(checkMemberGroups|getMemberGroups|memberOf|transitiveMemberOf)/i.test(req.path)) resourceUnits(res, 1);
    next();
  });
  router.get("/groups", wrap(listGroups));
  router.get("/groups/:id", wrap(getGroup));
  for (const [base, me] of [["/users/:id", false], ["/directoryObjects/:id", false], ["/me", true]] as const) {
    router.post(`${base}/checkMemberGroups`, json, wrap((d, req, res) => checkMemberGroups(d, req, res, me)));
    router.post(`${base}/getMemberGroups`, json, wrap((d, req, res) => getMemberGroups(d, req, res, me)));
    if (base === "/directoryObjects/:id") continue;
    router.get(`${base}/memberOf`, wrap((d, req, res) => listMemberships(d, req, res, me, false, false)));
    router.get(`${base}/memberOf/microsoft.graph.group`, wrap((d, req, res) => listMemberships(d, req, res, me, false, true)));
    router.get(`${base}/transitiveMemberOf`, wrap((d, req, res) => listMemberships(d, req, res, me, true, false)));
    router.get(`${base}/transitiveMemberOf/microsoft.graph.group`, wrap((d, req, res) => listMemberships(d, req, res, me, true, true)));
  }
  const notAllowed = (): never => {
    throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  };
  router.all(["/groups", "/groups/:id"], notAllowed);
  return router;
}
