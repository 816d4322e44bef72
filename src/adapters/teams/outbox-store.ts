// The durable notification outbox: one document per notification to one person, in the `conversations`
// container (type "outbox", partition /tenantId). The notifier writes it; dispatchers on any instance claim
// it with an ETag-guarded write, deliver it and record the outcome. Implemented on Cosmos DB in
// outbox-store-cosmos.ts.
import type { Recipient } from "../../app/messaging/notifier.js";
import type { Page, PageRequest } from "../../app/ports/page.js";
import type { NotificationMessage } from "./cards/notification-cards.js";

/**
 * pending: waiting for its (next) attempt at `nextAttemptAt` → sending: claimed by `claimedBy` until
 * `claimExpiresAt` (a dispatcher that dies mid-send leaves it to be claimed again after that) →
 * delivered | skipped (the person has not installed the app) | dead (gave up; `lastError` says why).
 */
export type OutboxState = "pending" | "sending" | "delivered" | "skipped" | "dead";

export interface OutboxMessage {
  id: string;
  tenantId: string;
  kind: string;
  /** Kind and recipient id, for logs. */
  label: string;
  recipient: Recipient;
  /** The rendered card (rendered when the use case notified, so errors surface at the source). */
  message: NotificationMessage;
  state: OutboxState;
  /** Delivery attempts started so far. */
  attempts: number;
  /** ms since the epoch: not before this. */
  nextAttemptAt: number;
  claimedBy: string | null;
  claimExpiresAt: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Seconds until Cosmos DB removes a finished message (kept a while for audit). */
  ttl?: number;
}

export type StoredOutboxMessage = OutboxMessage & { etag: string };

export interface OutboxStore {
  /** Stores a new message; storing the same id again is a no-op (a retried write that had succeeded). */
  add(message: OutboxMessage): Promise<void>;
  /** Messages ready for an attempt: pending and due, or claimed by a dispatcher whose claim expired. Oldest first. */
  due(tenantId: string, now: number, limit: number): Promise<StoredOutboxMessage[]>;
  /** Conditional write (ETag); null when someone else changed the message first. */
  update(message: StoredOutboxMessage): Promise<StoredOutboxMessage | null>;
  get(tenantId: string, id: string): Promise<StoredOutboxMessage | null>;
  /** Finished messages in these states, most recently finished first (for the admin's view). */
  listFinished(tenantId: string, states: ReadonlyArray<Extract<OutboxState, "delivered" | "skipped" | "dead">>, page: PageRequest): Promise<Page<StoredOutboxMessage>>;
  /**
   * Deletes up to `limit` finished messages (delivered, skipped, dead) that finished before `before`; returns
   * how many. Cosmos DB's TTL normally removed them already; this covers stores without TTL (the embedded one).
   */
  purgeFinished(tenantId: string, before: string, limit: number): Promise<number>;
}
