// What every calendar Graph operation shares: the request/reply shape independent of express, resolving
// /users/{id|upn} and /me to a mailbox, the output zone from `Prefer: outlook.timezone`, OData context
// URLs and absolute @odata.nextLink paging.
import type { DevDirectoryView, DevPerson, GraphCallContext } from "../model.js";
import { GraphFailure, invalidUser, mailboxNotEnabled } from "./errors.js";
import { encodeSkipToken } from "./event-query.js";
import type { CalendarService } from "./index.js";
import { preferredBodyType, preferredTimeZone, resolveZone, UTC_ZONE, type ResolvedZone } from "./time-zones.js";

export interface GraphRequest {
  ctx: GraphCallContext;
  /** Path below /v1.0, e.g. "/users/adele@contoso.example/events". */
  path: string;
  /** The user segment of the path ("me" for /me routes). */
  user: string;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  prefer: string | string[] | undefined;
  body: unknown;
}

export interface GraphReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Mailbox {
  directory: DevDirectoryView;
  person: DevPerson;
  /** How the path named the user, for @odata.context ("users('…')"). */
  contextSegment: string;
}

export function directoryFor(svc: CalendarService, ctx: GraphCallContext): DevDirectoryView {
  const directory = svc.deps.directory(ctx.tenantId);
  // The core authenticates the tenant before routing; a missing one means the tenant was removed.
  if (directory === undefined) throw new GraphFailure(401, "InvalidAuthenticationToken", "The tenant of the access token does not exist.");
  return directory;
}

/** Resolve the path's user to a person (any mailbox state). */
export function resolveUser(svc: CalendarService, req: GraphRequest): { directory: DevDirectoryView; person: DevPerson; contextSegment: string } {
  const directory = directoryFor(svc, req.ctx);
  if (req.user.toLowerCase() === "me") {
    if (req.ctx.userId === null) throw new GraphFailure(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    const me = directory.findPerson(req.ctx.userId);
    if (me === undefined) throw invalidUser(req.ctx.userId);
    return { directory, person: me, contextSegment: `users('${me.id}')` };
  }
  const person = directory.findPerson(req.user);
  if (person === undefined) throw invalidUser(req.user);
  return { directory, person, contextSegment: `users('${req.user}')` };
}

/** Resolve the path's user and require a mailbox (Outlook endpoints). */
export function resolveMailbox(svc: CalendarService, req: GraphRequest): Mailbox {
  const resolved = resolveUser(svc, req);
  if (!resolved.person.hasMailbox) throw mailboxNotEnabled();
  return resolved;
}

export interface OutputFormat {
  zone: ResolvedZone;
  bodyType: "html" | "text";
  /** Preference-Applied header value when the client asked for a zone. */
  applied: Record<string, string>;
}

/** Output zone and body type from the Prefer header (UTC and HTML by default). */
export function outputFormat(req: GraphRequest, fallbackZone: ResolvedZone = UTC_ZONE): OutputFormat {
  const zoneName = preferredTimeZone(req.prefer);
  const bodyType = preferredBodyType(req.prefer);
  const applied: string[] = [];
  let zone = fallbackZone;
  if (zoneName !== null) {
    zone = resolveZone(zoneName);
    applied.push(`outlook.timezone="${zoneName}"`);
  }
  if (bodyType === "text") applied.push('outlook.body-content-type="text"');
  return { zone, bodyType, applied: applied.length === 0 ? {} : { "Preference-Applied": applied.join(", ") } };
}

export function graphRoot(svc: CalendarService): string {
  return `${svc.deps.origin}/v1.0`;
}

export function contextUrl(svc: CalendarService, fragment: string): string {
  return `${graphRoot(svc)}/$metadata#${fragment}`;
}

/** Absolute nextLink: same path and query options, with $skiptoken for the next offset. */
export function nextLink(svc: CalendarService, req: GraphRequest, offset: number): string {
  const url = new URL(`${graphRoot(svc)}${req.path}`);
  for (const [key, value] of Object.entries(req.query)) {
    if (key !== "$skiptoken" && value !== undefined) url.searchParams.set(key, value);
  }
  url.searchParams.set("$skiptoken", encodeSkipToken(offset));
  return url.toString();
}
