// What the Graph resource routers of the directory half need from the server, and small shared helpers.
import type { Request, Response } from "express";
import type { DevDirectoryMutable } from "../directory/directory-store.js";
import type { SignInLog } from "../directory/sign-in-log.js";
import type { GraphCallContext } from "../model.js";
import { GraphError, insufficientPrivileges } from "./graph-error.js";
import type { PageTokenCodec } from "./page-token.js";

export interface DirectoryRouteDeps {
  /** "https://127.0.0.1:PORT" — nextLinks/deltaLinks and @odata.context are absolute URLs on this origin. */
  origin: string;
  directory(tenantId: string): DevDirectoryMutable | undefined;
  tokens: PageTokenCodec;
  /** Dev clock (ms) — delta tokens age by it. */
  now(): number;
  signIns: SignInLog;
}

export const ODATA_JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

export function callContext(res: Response): GraphCallContext {
  const ctx = res.locals["graph"] as GraphCallContext | undefined;
  if (!ctx) throw new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.");
  return ctx;
}

export function tenantDirectory(deps: DirectoryRouteDeps, ctx: GraphCallContext): DevDirectoryMutable {
  const directory = deps.directory(ctx.tenantId);
  if (!directory) throw new GraphError(401, "InvalidAuthenticationToken", "Access token validation failure. The tenant of the token is unknown.");
  return directory;
}

const APP_READ_ROLES = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "User.ReadBasic.All"];
const DELEGATED_READ_SCOPES = ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All", "Directory.AccessAsUser.All"];

const holds = (granted: readonly string[], accepted: readonly string[]): boolean => granted.some((g) => accepted.some((a) => a.toLowerCase() === g.toLowerCase()));

/** Reading other users needs User.Read.All-class permissions; reading /me with a delegated token needs only User.Read. */
export function requireUserRead(ctx: GraphCallContext, self = false): void {
  const ok = ctx.userId === null ? holds(ctx.roles, APP_READ_ROLES) : holds(ctx.scopes, self ? [...DELEGATED_READ_SCOPES, "User.Read"] : DELEGATED_READ_SCOPES);
  if (!ok) throw insufficientPrivileges();
}

/** The full request URL as the client sent it (query options are read from it verbatim). */
export function requestUrl(req: Request, origin: string): URL {
  return new URL(req.originalUrl, origin);
}

/** Rebuilds query options for a next/delta link: `$` kept literal, values percent-encoded. */
export function encodeOptions(pairs: ReadonlyArray<[string, string]>): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/^%24/, "$")}=${encodeURIComponent(v)}`).join("&");
}

/** Graph's directory cost header (throttling.md: identity requests are costed in resource units). */
export function resourceUnits(res: Response, units: number): void {
  res.setHeader("x-ms-resource-unit", String(units));
}

export function sendOData(res: Response, body: unknown, status = 200): void {
  // setHeader + end: express's send() would re-format the OData media type parameters.
  res.status(status);
  res.setHeader("Content-Type", ODATA_JSON);
  res.setHeader("OData-Version", "4.0");
  res.setHeader("Cache-Control", "no-cache");
  res.end(JSON.stringify(body));
}
