// Parses what Graph POSTs to our webhook: change notifications ({ value: [{ subscriptionId, clientState,
// changeType, resource, resourceData: { id, "@odata.etag" }, tenantId }] }) and lifecycle notifications
// ({ value: [{ lifecycleEvent, subscriptionId, clientState, tenantId }] }). Items we cannot use are reported
// back (and logged by the caller), never thrown: one bad item must not cost the others.
import { z } from "zod";
import { ValidationError } from "../errors.js";

export type ChangeType = "created" | "updated" | "deleted";
export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

export interface ChangeNotification {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string;
  changeType: ChangeType;
  eventId: string;
  /** The event's changeKey as Graph reported it ("W/\"…\"" stripped), when present. */
  etag: string | null;
}

export interface LifecycleNotification {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string;
  lifecycleEvent: LifecycleEvent;
}

const envelope = z.object({ value: z.array(z.unknown()).max(1000) });

const changeItem = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  tenantId: z.string().min(1),
  changeType: z.enum(["created", "updated", "deleted"]),
  resource: z.string().optional(),
  resourceData: z.object({ id: z.string().min(1).optional(), "@odata.etag": z.string().optional() }).passthrough().nullish(),
});

const lifecycleItem = z.object({
  subscriptionId: z.string().min(1),
  clientState: z.string().nullish(),
  tenantId: z.string().min(1),
  lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]),
});

export interface Parsed<T> {
  items: T[];
  /** Items left out, with why (no payload text, so nothing sensitive reaches the log). */
  rejected: Array<{ index: number; reason: string }>;
}

export function parseChangeNotifications(body: unknown): Parsed<ChangeNotification> {
  return parseItems(body, (raw) => {
    const item = changeItem.safeParse(raw);
    if (!item.success) return describe(item.error);
    const eventId = item.data.resourceData?.id ?? eventIdFromResource(item.data.resource);
    if (!eventId) return "no event id in resourceData or resource";
    const etag = item.data.resourceData?.["@odata.etag"] ?? null;
    return {
      subscriptionId: item.data.subscriptionId,
      clientState: item.data.clientState ?? null,
      tenantId: item.data.tenantId,
      changeType: item.data.changeType,
      eventId,
      etag: etag === null ? null : etag.replace(/^W\/"(.*)"$/, "$1"),
    };
  });
}

export function parseLifecycleNotifications(body: unknown): Parsed<LifecycleNotification> {
  return parseItems(body, (raw) => {
    const item = lifecycleItem.safeParse(raw);
    if (!item.success) return describe(item.error);
    return { subscriptionId: item.data.subscriptionId, clientState: item.data.clientState ?? null, tenantId: item.data.tenantId, lifecycleEvent: item.data.lifecycleEvent };
  });
}

function parseItems<T>(body: unknown, one: (raw: unknown) => T | string): Parsed<T> {
  const outer = envelope.safeParse(body);
  if (!outer.success) throw new ValidationError("A Graph notification body is { value: [...] } with at most 1000 items.", [{ field: "value", message: "required array" }]);
  const parsed: Parsed<T> = { items: [], rejected: [] };
  outer.data.value.forEach((raw, index) => {
    const result = one(raw);
    if (typeof result === "string") parsed.rejected.push({ index, reason: result });
    else parsed.items.push(result);
  });
  return parsed;
}

/** "Users/{userId}/Events/{eventId}" (Graph's casing varies) → eventId. */
function eventIdFromResource(resource: string | undefined): string | null {
  const match = /(?:^|\/)events\/([^/?]+)/i.exec(resource ?? "");
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join(".") || "item"}: ${i.message}`).join("; ");
}
