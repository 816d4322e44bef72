// Delivering change and lifecycle notifications like Graph: asynchronously, several notifications per
// POST (`{ value: [...] }`), retried with exponential backoff when the receiver fails or does not answer
// 2xx within 3 s, dropped (with a `missed` lifecycle notification) after the last attempt, and — to keep
// receivers honest — occasionally delivered twice (duplicateRate).
import { rngFor } from "./rng.js";
import type { WebhookClient } from "./webhook-client.js";

export interface NotificationSettings {
  /** Probability that a delivered change notification is delivered again later. */
  duplicateRate: number;
  /** First retry delay (real time); doubles per attempt, capped at 5 minutes. */
  retryBaseMs: number;
  /** Attempts before a notification is dropped. */
  maxAttempts: number;
  /** How long to wait for more notifications to batch into one POST. */
  batchDelayMs: number;
  maxBatchSize: number;
  /** A receiver slower than this counts as failed (Graph: 3 s). */
  deliveryTimeoutMs: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  // Graph delivers at least once; a small default keeps receivers honest (set 0 for exact counts).
  duplicateRate: 0.02,
  retryBaseMs: 1_000,
  maxAttempts: 8,
  batchDelayMs: 20,
  maxBatchSize: 50,
  deliveryTimeoutMs: 3_000,
};

const MAX_RETRY_DELAY_MS = 300_000;
const LOG_LIMIT = 100;

export interface PendingNotification {
  url: string;
  subscriptionId: string;
  kind: "change" | "lifecycle";
  payload: Record<string, unknown>;
  attempt: number;
  dueAt: number;
  duplicate: boolean;
}

export interface DeliveryRecord {
  at: string;
  url: string;
  notifications: number;
  attempt: number;
  status: number | null;
  error: string | null;
  delivered: boolean;
}

export interface NotifierHooks {
  /** Whether change notifications of this subscription may still be delivered. */
  isActive(subscriptionId: string): boolean;
  /** A notification was dropped after its last attempt. */
  gaveUp(notification: PendingNotification): void;
}

export class Notifier {
  private readonly queues = new Map<string, PendingNotification[]>();
  private readonly busy = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly logs = new Map<string, DeliveryRecord[]>();
  private readonly random: () => number;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private stopped = false;

  constructor(
    private readonly client: WebhookClient,
    private readonly hooks: NotifierHooks,
    readonly settings: NotificationSettings,
    seed: number,
  ) {
    this.random = rngFor(seed, "notification-duplicates");
  }

  enqueue(notification: Omit<PendingNotification, "attempt" | "dueAt" | "duplicate">, delayMs = this.settings.batchDelayMs, duplicate = false): void {
    if (this.stopped) return;
    const queue = this.queues.get(notification.url) ?? [];
    queue.push({ ...notification, attempt: 0, dueAt: Date.now() + delayMs, duplicate });
    this.queues.set(notification.url, queue);
    this.schedule();
  }

  /** Drop queued change notifications of a subscription (deleted, expired, or "missed"). */
  discard(subscriptionId: string): number {
    let dropped = 0;
    for (const [url, queue] of this.queues) {
      const kept = queue.filter((n) => n.kind !== "change" || n.subscriptionId !== subscriptionId);
      dropped += queue.length - kept.length;
      this.queues.set(url, kept);
    }
    return dropped;
  }

  deliveries(subscriptionId: string): DeliveryRecord[] {
    return [...(this.logs.get(subscriptionId) ?? [])];
  }

  pending(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count + this.inFlight.size;
  }

  /** Stop timers and wait for deliveries already on the wire. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queues.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(): void {
    if (this.stopped) return;
    let next = Number.POSITIVE_INFINITY;
    for (const [url, queue] of this.queues) {
      if (this.busy.has(url)) continue;
      for (const n of queue) next = Math.min(next, n.dueAt);
    }
    if (next === Number.POSITIVE_INFINITY || next >= this.timerDueAt) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerDueAt = next;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Number.POSITIVE_INFINITY;
      this.pump();
    }, Math.max(0, next - Date.now()));
    // The HTTPS server keeps the process alive; a pending retry alone should not.
    this.timer.unref();
  }

  private pump(): void {
    const now = Date.now();
    for (const [url, queue] of this.queues) {
      if (this.busy.has(url)) continue;
      const live = queue.filter((n) => n.kind === "lifecycle" || this.hooks.isActive(n.subscriptionId));
      // Fresh notifications that would become due within the batching window ride along with this POST.
      const due = live.filter((n) => n.dueAt <= now + (n.attempt === 0 ? this.settings.batchDelayMs : 0)).slice(0, this.settings.maxBatchSize);
      this.queues.set(url, live.filter((n) => !due.includes(n)));
      if (due.length === 0) continue;
      this.busy.add(url);
      const delivery = this.deliver(url, due).finally(() => {
        this.inFlight.delete(delivery);
        this.busy.delete(url);
        this.schedule();
      });
      this.inFlight.add(delivery);
    }
    this.schedule();
  }

  private async deliver(url: string, batch: PendingNotification[]): Promise<void> {
    const body = JSON.stringify({ value: batch.map((n) => n.payload) });
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (await this.client.post(url, body, "application/json; charset=utf-8", this.settings.deliveryTimeoutMs)).status;
    } catch (e) {
      error = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError") ? `no answer within ${this.settings.deliveryTimeoutMs} ms` : "connection failed";
    }
    const delivered = status !== null && status >= 200 && status < 300;
    if (error === null && !delivered) error = `receiver answered ${status}`;
    this.record(url, batch, status, error, delivered);
    if (this.stopped) return;
    if (delivered) {
      for (const n of batch) {
        if (n.kind === "change" && !n.duplicate && this.random() < this.settings.duplicateRate) {
          this.enqueue({ url: n.url, subscriptionId: n.subscriptionId, kind: n.kind, payload: n.payload }, this.settings.batchDelayMs * 5, true);
        }
      }
      return;
    }
    const now = Date.now();
    const retry: PendingNotification[] = [];
    const gaveUpFor = new Set<string>();
    for (const n of batch) {
      const attempt = n.attempt + 1;
      if (attempt >= this.settings.maxAttempts) {
        // One "gave up" per subscription and batch, however many notifications were dropped.
        if (!gaveUpFor.has(n.subscriptionId)) this.hooks.gaveUp(n);
        gaveUpFor.add(n.subscriptionId);
        continue;
      }
      retry.push({ ...n, attempt, dueAt: now + Math.min(MAX_RETRY_DELAY_MS, this.settings.retryBaseMs * 2 ** (attempt - 1)) });
    }
    this.queues.set(url, [...retry, ...(this.queues.get(url) ?? [])]);
  }

  private record(url: string, batch: PendingNotification[], status: number | null, error: string | null, delivered: boolean): void {
    const at = new Date().toISOString();
    for (const subscriptionId of new Set(batch.map((n) => n.subscriptionId))) {
      const log = this.logs.get(subscriptionId) ?? [];
      const mine = batch.filter((n) => n.subscriptionId === subscriptionId);
      log.push({ at, url, notifications: mine.length, attempt: Math.max(...mine.map((n) => n.attempt)) + 1, status, error, delivered });
      if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
      this.logs.set(subscriptionId, log);
    }
  }
}
