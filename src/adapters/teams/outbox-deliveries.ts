// NotificationDeliveries (the admin's view of undelivered notifications) on the Cosmos outbox: "dead"
// messages are the failed ones, "skipped" the ones whose person has not installed the app. Sending one
// again puts it back to pending with its attempts reset, under its ETag, for the dispatcher to pick up.
import type { NotificationDeliveries, UndeliveredNotification } from "../../app/messaging/notification-deliveries.js";
import { ConcurrencyError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import type { Page, PageRequest } from "../../app/ports/page.js";
import type { OutboxStore, StoredOutboxMessage } from "./outbox-store.js";

export class OutboxDeliveries implements NotificationDeliveries {
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
  ) {}

  async listUndelivered(tenantId: string, page: PageRequest): Promise<Page<UndeliveredNotification>> {
    const found = await this.store.listFinished(tenantId.toLowerCase(), ["dead", "skipped"], page);
    return { items: found.items.map(undelivered), continuationToken: found.continuationToken };
  }

  async retry(tenantId: string, id: string): Promise<"requeued" | "notFound" | "notUndelivered"> {
    const message = await this.store.get(tenantId.toLowerCase(), id);
    if (!message) return "notFound";
    if (message.state !== "dead" && message.state !== "skipped") return "notUndelivered";
    const now = this.clock.now();
    const { ttl: _ttl, ...kept } = message;
    const saved = await this.store.update({
      ...kept,
      state: "pending",
      attempts: 0,
      nextAttemptAt: now,
      claimedBy: null,
      claimExpiresAt: null,
      finishedAt: null,
      updatedAt: new Date(now).toISOString(),
    });
    if (!saved) throw new ConcurrencyError("conversations/outbox", id);
    return "requeued";
  }
}

function undelivered(message: StoredOutboxMessage): UndeliveredNotification {
  return {
    id: message.id,
    kind: message.kind,
    reason: message.state === "dead" ? "failed" : "notInstalled",
    recipientId: message.recipient.userId,
    attempts: message.attempts,
    lastError: message.state === "dead" ? message.lastError : null,
    createdAt: message.createdAt,
    finishedAt: message.finishedAt,
  };
}
