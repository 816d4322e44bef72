// The write side of the durable outbox: a NotificationSink that stores each rendered notification in
// Cosmos DB and returns at once. The write runs in the background with a few quick retries; when the
// database stays unreachable the notification falls back to the in-memory delivery queue (and that is
// logged), so a Cosmos outage delays durability but never loses a notification that this process can
// still deliver, and never fails the use case that notified.
import { randomUUID } from "node:crypto";
import type { Clock } from "../../app/ports/clock.js";
import type { LogSink } from "./bot-logger.js";
import type { OutboxMessage, OutboxStore } from "./outbox-store.js";
import type { NotificationEnvelope, NotificationSink } from "./teams-notifier.js";

export interface OutboxSinkOptions {
  /** Write attempts before falling back to memory. Default 4. */
  writeAttempts: number;
  /** First retry delay; doubles each time. Default 250 ms. */
  writeRetryDelayMs: number;
  /** Writes in flight at once (publishing a big cohort notifies thousands of people in one go). Default 8. */
  maxConcurrentWrites: number;
}

export interface OutboxSink {
  sink: NotificationSink;
  /** Resolves when every notification handed over so far is stored (or handed to the fallback). */
  flushed(): Promise<void>;
}

export function createOutboxSink(
  deps: { store: OutboxStore; fallback: NotificationSink; clock: Clock; log: LogSink; onStored?: () => void },
  options: Partial<OutboxSinkOptions> = {},
): OutboxSink {
  const writeAttempts = options.writeAttempts ?? 4;
  const retryDelayMs = options.writeRetryDelayMs ?? 250;
  const maxConcurrent = options.maxConcurrentWrites ?? 8;
  const waiting: NotificationEnvelope[] = [];
  let active = 0;
  let idleWaiters: Array<() => void> = [];

  const write = async (envelope: NotificationEnvelope): Promise<void> => {
    const message = newOutboxMessage(envelope, deps.clock.now());
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.store.add(message);
        deps.onStored?.();
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (attempt >= writeAttempts) {
          deps.log.error({ notification: envelope.label, attempts: attempt, reason }, "Notification outbox unavailable; delivering from memory instead (not durable)");
          deps.fallback(envelope);
          return;
        }
        deps.log.warn({ notification: envelope.label, attempt, reason }, "Notification outbox write failed; will retry");
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  };

  const pump = (): void => {
    while (active < maxConcurrent && waiting.length > 0) {
      const envelope = waiting.shift() as NotificationEnvelope;
      active++;
      void write(envelope)
        .catch((error: unknown) => {
          // write() handles its own failures; this only keeps a bug from becoming an unhandled rejection.
          deps.log.error({ notification: envelope.label, reason: (error as Error).message }, "Notification outbox write crashed");
        })
        .finally(() => {
          active--;
          pump();
        });
    }
    if (active === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  };

  return {
    sink: (envelope) => {
      waiting.push(envelope);
      pump();
    },
    flushed: () => (active === 0 && waiting.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
  };
}

function newOutboxMessage(envelope: NotificationEnvelope, now: number): OutboxMessage {
  const at = new Date(now).toISOString();
  return {
    id: randomUUID(),
    // Tenants are lower case everywhere (tokens, conversation references, the dispatcher's tenant list).
    tenantId: envelope.recipient.tenantId.toLowerCase(),
    kind: envelope.kind,
    label: envelope.label,
    recipient: envelope.recipient,
    message: envelope.message,
    state: "pending",
    attempts: 0,
    nextAttemptAt: now,
    claimedBy: null,
    claimExpiresAt: null,
    lastError: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
