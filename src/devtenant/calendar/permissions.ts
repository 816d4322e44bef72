// Graph's permission model for the calendar endpoints. App-only tokens carry application permissions in
// `roles`; delegated (OBO) tokens carry `scp` scopes and may only touch the signed-in user's own mailbox
// (there is no calendar sharing in the dev tenant). A broader permission implies the narrower one.
import type { GraphCallContext } from "../model.js";
import { accessDenied } from "./errors.js";

export type CalendarPermission = "Calendars.Read" | "Calendars.ReadWrite" | "MailboxSettings.Read";

const SATISFIED_BY: Record<CalendarPermission, readonly string[]> = {
  "Calendars.Read": ["Calendars.Read", "Calendars.ReadWrite"],
  "Calendars.ReadWrite": ["Calendars.ReadWrite"],
  "MailboxSettings.Read": ["MailboxSettings.Read", "MailboxSettings.ReadWrite"],
};

// Delegated free/busy also works with the *.Shared scopes.
const DELEGATED_EXTRA: Partial<Record<CalendarPermission, readonly string[]>> = {
  "Calendars.Read": ["Calendars.Read.Shared", "Calendars.ReadWrite.Shared"],
};

export function isDelegated(ctx: GraphCallContext): boolean {
  return ctx.userId !== null;
}

export function hasPermission(ctx: GraphCallContext, permission: CalendarPermission): boolean {
  const granted = isDelegated(ctx) ? ctx.scopes : ctx.roles;
  const accepted = [...SATISFIED_BY[permission], ...(isDelegated(ctx) ? (DELEGATED_EXTRA[permission] ?? []) : [])];
  return granted.some((g) => accepted.some((a) => a.toLowerCase() === g.toLowerCase()));
}

/** Throw 403 ErrorAccessDenied unless the caller holds the permission (and, delegated, owns the mailbox). */
export function requirePermission(ctx: GraphCallContext, permission: CalendarPermission, mailboxOwnerId?: string): void {
  if (!hasPermission(ctx, permission)) throw accessDenied();
  if (mailboxOwnerId !== undefined && isDelegated(ctx) && ctx.userId !== mailboxOwnerId) throw accessDenied();
}
