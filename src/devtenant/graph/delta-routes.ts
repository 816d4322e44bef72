// GET /users/delta: Graph's change tracking for users. Rounds are paged (nextLink with $skiptoken) and end with a
// deltaLink ($deltatoken); a deltaLink call returns users changed since (latest state, once per user) and
// `@removed` tombstones. Tokens are signed version watermarks; they expire after 7 days of dev-clock time (410).
import express, { type Request, type Response, type Router } from "express";
import type { DirectoryEntry, DevDirectoryMutable } from "../directory/directory-store.js";
import { callContext, encodeOptions, requestUrl, requireUserRead, resourceUnits, sendOData, tenantDirectory, type DirectoryRouteDeps } from "./graph-context.js";
import { GraphError, unsupportedQuery } from "./graph-error.js";
import { parseFilter, parseSelect, queryOptions } from "./odata-query.js";
import { DEFAULT_USER_PROPERTIES, userResource } from "./user-resource.js";

/** Users per delta page (Graph's directory delta pages hold about 200 objects). */
export const DELTA_PAGE_SIZE = 200;
/** Directory delta tokens live seven days. */
export const DELTA_TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
/** Slots examined per page at most; sparse changes give short (even empty) pages with a nextLink, as Graph may. */
const SCAN_LIMIT = 20_000;
const MAX_FILTER_IDS = 50;

/** What the first request asked for; carried inside every token of the round and of later rounds. */
interface DeltaQuery {
  sel: string[] | null;
  mgr: boolean;
  ids: string[] | null;
}

interface SkipToken extends DeltaQuery {
  k: "delta-page";
  tid: string;
  /** Changes after this version are returned; -1 = initial round (everything present). */
  from: number;
  /** Directory version when the round started: the next deltaLink's watermark. */
  to: number;
  c: number;
  /** Dev-clock time the round's base token was issued (rounds inherit the age of their deltaLink). */
  t: number;
}

interface DeltaToken extends DeltaQuery {
  k: "delta-link";
  tid: string;
  v: number;
  t: number;
}

/** DevPerson fields → the Graph properties they feed (for Prefer: return=minimal). */
const SOURCES: Record<string, readonly string[]> = {
  userPrincipalName: ["userPrincipalName", "mailNickname", "identities"],
  mail: ["mail", "proxyAddresses", "imAddresses"],
  hasMailbox: ["mail", "proxyAddresses", "imAddresses"],
  userType: ["userType", "externalUserState", "creationType"],
};

function changedProperties(keys: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) (SOURCES[k] ?? [k]).forEach((p) => out.add(p));
  return out;
}

function parseDeltaQuery(options: Record<string, string>): DeltaQuery {
  for (const unsupported of ["$expand", "$top", "$orderby", "$search", "$count", "$skip"]) {
    if (unsupported in options) throw unsupportedQuery(`The query option '${unsupported}' is not supported with delta queries on users.`);
  }
  let mgr = false;
  let sel: string[] | null = null;
  if (options["$select"] !== undefined) {
    const names = options["$select"].split(",").map((s) => s.trim()).filter(Boolean);
    mgr = names.some((n) => n.toLowerCase() === "manager");
    const rest = names.filter((n) => n.toLowerCase() !== "manager");
    sel = rest.length > 0 ? parseSelect(rest.join(","), true) : ["id"];
  }
  let ids: string[] | null = null;
  if (options["$filter"] !== undefined) {
    const filter = parseFilter(options["$filter"], false);
    if (!filter || !filter.onlyIdEq) throw unsupportedQuery("Delta queries on users support $filter only as id eq '{id}' clauses (joined with or).");
    if (filter.ids.length > MAX_FILTER_IDS) throw unsupportedQuery(`Delta queries on users support at most ${MAX_FILTER_IDS} ids in $filter.`);
    ids = filter.ids.map((id) => id.toLowerCase());
  }
  return { sel, mgr, ids };
}

function managerDelta(entry: Extract<DirectoryEntry, { kind: "person" }>, directory: DevDirectoryMutable, initial: boolean): unknown[] | undefined {
  const managerId = entry.person.managerId;
  if (managerId && directory.findPerson(managerId)) return [{ "@odata.type": "#microsoft.graph.user", id: managerId }];
  if (!initial && entry.previousManagerId) return [{ "@odata.type": "#microsoft.graph.user", id: entry.previousManagerId, "@removed": { reason: "deleted" } }];
  return undefined;
}

function renderPerson(entry: Extract<DirectoryEntry, { kind: "person" }>, q: DeltaQuery, from: number, minimal: boolean, directory: DevDirectoryMutable): Record<string, unknown> {
  const selection = q.sel ?? DEFAULT_USER_PROPERTIES;
  const changed = minimal && from >= 0 ? entry.changedSince(from) : null;
  const properties = changed ? changedProperties(changed) : null;
  const body: Record<string, unknown> = userResource(entry.person, properties ? selection.filter((p) => p === "id" || properties.has(p)) : selection);
  // Graph leaves never-set properties out of default delta replies ("properties that were never set are left out").
  if (!minimal) for (const [k, v] of Object.entries(body)) if (v === null) delete body[k];
  if (q.mgr && (!properties || properties.has("managerId"))) {
    const delta = managerDelta(entry, directory, from < 0);
    if (delta) body["manager@delta"] = delta;
  }
  return body;
}

function includes(entry: DirectoryEntry, q: DeltaQuery, from: number): boolean {
  const id = entry.kind === "person" ? entry.person.id : entry.tombstone.id;
  if (q.ids && !q.ids.includes(id.toLowerCase())) return false;
  if (entry.kind === "removed") return from >= 0 && entry.tombstone.version > from;
  return from < 0 || entry.version > from;
}

function deltaUsers(deps: DirectoryRouteDeps, req: Request, res: Response): void {
  const ctx = callContext(res);
  requireUserRead(ctx);
  const directory = tenantDirectory(deps, ctx);
  const url = requestUrl(req, deps.origin);
  const options = queryOptions(url);
  const now = deps.now();
  const minimal = /(^|[,;\s])return=minimal\b/i.test(req.get("prefer") ?? "");
  const base = `${deps.origin}/v1.0/users/delta`;

  let round: SkipToken;
  let firstPage = false;
  if (options["$skiptoken"] !== undefined) {
    const token = deps.tokens.decode<SkipToken>(options["$skiptoken"]);
    if (!token || token.k !== "delta-page" || token.tid !== ctx.tenantId) throw syncStateNotFound(base);
    if (now - token.t > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound(restartUrl(base, token));
    round = token;
  } else if (options["$deltatoken"] !== undefined && options["$deltatoken"].toLowerCase() !== "latest") {
    const token = deps.tokens.decode<DeltaToken>(options["$deltatoken"]);
    if (!token || token.k !== "delta-link" || token.tid !== ctx.tenantId) throw syncStateNotFound(base);
    if (now - token.t > DELTA_TOKEN_LIFETIME_MS) throw syncStateNotFound(restartUrl(base, token));
    round = { k: "delta-page", tid: ctx.tenantId, sel: token.sel, mgr: token.mgr, ids: token.ids, from: token.v, to: directory.version(), c: 0, t: now };
  } else {
    const q = parseDeltaQuery(options);
    firstPage = true;
    if (options["$deltatoken"] !== undefined) {
      // $deltatoken=latest: start tracking from now, no data.
      const link: DeltaToken = { k: "delta-link", tid: ctx.tenantId, ...q, v: directory.version(), t: now };
      sendOData(res, { "@odata.context": context(deps.origin, q.sel, q.mgr), "@odata.deltaLink": `${base}?${encodeOptions([["$deltatoken", deps.tokens.encode(link)]])}`, value: [] });
      return;
    }
    round = { k: "delta-page", tid: ctx.tenantId, ...q, from: -1, to: directory.version(), c: 0, t: now };
  }

  const value: Array<Record<string, unknown>> = [];
  const total = directory.entryCount();
  let cursor = round.c;
  const scanEnd = Math.min(total, cursor + SCAN_LIMIT);
  for (; cursor < scanEnd && value.length < DELTA_PAGE_SIZE; cursor++) {
    const entry = directory.entryAt(cursor);
    if (!entry || !includes(entry, round, round.from)) continue;
    value.push(entry.kind === "person" ? renderPerson(entry, round, round.from, minimal, directory) : { id: entry.tombstone.id, "@removed": { reason: entry.tombstone.reason } });
  }
  const body: Record<string, unknown> = { "@odata.context": context(deps.origin, firstPage ? round.sel : null, firstPage && round.mgr) };
  if (cursor < total) {
    body["@odata.nextLink"] = `${base}?${encodeOptions([["$skiptoken", deps.tokens.encode({ ...round, c: cursor } satisfies SkipToken)]])}`;
  } else {
    const link: DeltaToken = { k: "delta-link", tid: ctx.tenantId, sel: round.sel, mgr: round.mgr, ids: round.ids, v: round.to, t: now };
    body["@odata.deltaLink"] = `${base}?${encodeOptions([["$deltatoken", deps.tokens.encode(link)]])}`;
  }
  body["value"] = value;
  if (minimal) res.set("Preference-Applied", "return=minimal");
  sendOData(res, body);
}

function context(origin: string, sel: string[] | null, mgr: boolean): string {
  const names = sel ? [...sel.filter((s) => s !== "id" || sel.length === 1), ...(mgr ? ["manager"] : [])] : null;
  return `${origin}/v1.0/$metadata#users${names && names.length > 0 ? `(${names.join(",")})` : ""}`;
}

/** Where to start over: the original query as a fresh first request. */
function restartUrl(base: string, q: DeltaQuery): string {
  const pairs: Array<[string, string]> = [];
  const select = [...(q.sel ?? []), ...(q.mgr ? ["manager"] : [])];
  if (q.sel || q.mgr) pairs.push(["$select", select.join(",")]);
  if (q.ids) pairs.push(["$filter", q.ids.map((id) => `id eq '${id}'`).join(" or ")]);
  return pairs.length > 0 ? `${base}?${encodeOptions(pairs)}` : base;
}

function syncStateNotFound(location: string): GraphError {
  return new GraphError(
    410,
    "syncStateNotFound",
    "The sync state generation is not found or has expired. Start a full synchronization again from the URL in the Location header.",
    { Location: location },
  );
}

export function deltaRoutes(deps: DirectoryRouteDeps): Router {
  const router = express.Router();
  router.get("/users/delta", (req, res) => {
    resourceUnits(res, 5);
    deltaUsers(deps, req, res);
  });
  // Delta is read-only.
  router.all("/users/delta", () => {
    throw new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
  });
  return router;
}
