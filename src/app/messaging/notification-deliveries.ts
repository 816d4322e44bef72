// What the programme team sees of notifications that did not reach people: given up after repeated
// failures ("failed"), or not sent because the person has not installed the app in Teams ("notInstalled",
// the usual reason in a new rollout: ask them to add the app). Listed newest first with the person's name
// from the directory snapshot; either may be sent again (after the cause is fixed, e.g. the app installed).
// The delivery machinery itself (the Cosmos outbox and its dispatcher) lives in src/adapters/teams.
import type { Caller } from "../caller.js";
import type { PeopleStore } from "../directory/directory-sync-ports.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { Page, PageRequest } from "../ports/page.js";

export type UndeliveredReason = "failed" | "notInstalled";

export interface UndeliveredNotification {
  id: string;
  /** matched, session-booked, session-moved, reminder, feedback-prompt, nominated. */
  kind: string;
  reason: UndeliveredReason;
  recipientId: string;
  attempts: number;
  /** Why the last attempt failed (failed only). */
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface NotificationDeliveries {
  /** Undelivered notifications of the tenant, newest first. */
  listUndelivered(tenantId: string, page: PageRequest): Promise<Page<UndeliveredNotification>>;
  /**
   * Queues an undelivered notification for delivery again (attempts start over). "notFound" when there is
   * no such notification (or it was purged after its retention), "notUndelivered" when it is delivered or
   * still on its way. ConcurrencyError when it changed meanwhile.
   */
  retry(tenantId: string, id: string): Promise<"requeued" | "notFound" | "notUndelivered">;
}

export interface DeliveriesDeps {
  deliveries: NotificationDeliveries;
  people: Pick<PeopleStore, "get">;
}

export interface UndeliveredView extends UndeliveredNotification {
  /** From the directory snapshot; null when the person is not in it (left, or no sync yet). */
  recipientName: string | null;
}

export async function listUndelivered(deps: DeliveriesDeps, caller: Caller, page: PageRequest): Promise<Page<UndeliveredView>> {
  const found = await deps.deliveries.listUndelivered(caller.tenantId, page);
  const names = new Map<string, string | null>();
  await Promise.all(
    [...new Set(found.items.map((n) => n.recipientId))].map(async (id) => names.set(id, (await deps.people.get(caller.tenantId, id))?.displayName ?? null)),
  );
  return { items: found.items.map((n) => ({ ...n, recipientName: names.get(n.recipientId) ?? null })), continuationToken: found.continuationToken };
}

export async function retryUndelivered(deps: DeliveriesDeps, caller: Caller, id: string): Promise<void> {
  const outcome = await deps.deliveries.retry(caller.tenantId, id);
  if (outcome === "notFound") throw new NotFoundError(`No notification ${id} in your organisation (finished ones are kept for a limited time).`);
  if (outcome === "notUndelivered") throw new ConflictError(`Notification ${id} is delivered or still on its way; there is nothing to send again.`);
}
