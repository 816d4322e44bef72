// The delivery side of the durable outbox. Every few seconds (and right after a new message is stored) it
// asks each served tenant for due messages, claims each with an ETag-guarded write (so two instances never
// send the same message: the loser of the race skips it), delivers it through the Bot Connector, and
// records the outcome: delivered (kept for audit with a TTL), skipped (app not installed), retried later
// with exponential backoff (Retry-After honoured), or dead-lettered with the reason after `maxAttempts`.
//
// A claim expires after `claimMs`: if an instance dies between claiming and recording the outcome, another
// one sends the message again after that (at-least-once only in that narrow window; otherwise exactly once).
import type { Clock } from "../../app/ports/clock.js";
import { backoffDelay, RetryableError } from "./delivery-queue.js";
import type { OutboxState, OutboxStore, StoredOutboxMessage } from "./outbox-store.js";
import { deliverTo, type DeliveryDeps } from "./teams-notifier.js";

export interface DispatcherOptions {
  /** Pause between passes. Default 5 s. */
  intervalMs: number;
  /** Messages read per query. Default 50. */
  batchSize: number;
  /** Deliveries in flight per instance. Default 4. */
  concurrency: number;
  /** Attempts before a message is dead-lettered. Default 6. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim protects a message being sent. Default 2 min (well above the connector timeout). */
  claimMs: number;
  /** How long finished messages are kept (Cosmos TTL, seconds). Default 7 days. */
  auditTtlSeconds: number;
  /** How often a pass also deletes finished messages past their TTL (stores without TTL). Default 1 h. */
  purgeEveryMs: number;
  random: () => number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  intervalMs: 5_000,
  batchSize: 50,
  concurrency: 4,
  maxAttempts: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  claimMs: 2 * 60_000,
  auditTtlSeconds: 7 * 24 * 3600,
  purgeEveryMs: 3_600_000,
  random: Math.random,
};

export interface DispatchStats {
  delivered: number;
  skipped: number;
  retried: number;
  dead: number;
  /** Messages another dispatcher claimed first. */
  lostClaims: number;
  /** Finished messages deleted after their retention. */
  purged: number;
}

export interface DispatcherDeps extends DeliveryDeps {
  store: OutboxStore;
  clock: Clock;
  /** Identifies this instance in claims. */
  instanceId: string;
  /** The tenants whose outboxes this app serves. */
  tenants: () => readonly string[];
}

export class OutboxDispatcher {
  private readonly options: DispatcherOptions;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DispatchStats> | null = null;
  private again = false;
  /** Passes run on a timer only between start() and stop(); dispatchOnce() works either way. */
  private started = false;
  private stopping = false;
  private lastPurgeAt: number | null = null;

  constructor(
    private readonly deps: DispatcherDeps,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  }

  /** Starts the periodic passes (the first one at once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.poke();
  }

  /** Stops the passes and waits for the current one. Undelivered messages stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks for a pass soon (a new message was stored). No effect unless started. */
  poke(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), 0);
    this.timer.unref();
  }

  /** One pass over every tenant's due messages (tests call it directly). */
  dispatchOnce(): Promise<DispatchStats> {
    if (this.running) return this.running.then(() => this.dispatchOnce());
    const pass = this.pass().finally(() => {
      if (this.running === pass) this.running = null;
    });
    this.running = pass;
    return pass;
  }

  private async loop(): Promise<void> {
    this.timer = null;
    try {
      await this.dispatchOnce();
    } catch (error) {
      this.deps.log.error({ reason: (error as Error).message }, "Notification outbox pass failed; will try again");
    }
    if (!this.started) return;
    const delay = this.again ? 0 : this.options.intervalMs;
    this.again = false;
    this.timer = setTimeout(() => void this.loop(), delay);
    this.timer.unref();
  }

  private async pass(): Promise<DispatchStats> {
    const stats: DispatchStats = { delivered: 0, skipped: 0, retried: 0, dead: 0, lostClaims: 0, purged: 0 };
    const now = this.deps.clock.now();
    const purge = this.lastPurgeAt === null || now - this.lastPurgeAt >= this.options.purgeEveryMs;
    if (purge) this.lastPurgeAt = now;
    for (const tenantId of this.deps.tenants()) {
      if (purge) stats.purged += await this.purge(tenantId, now);
      // Batches until the tenant has nothing due (messages processed here are no longer due). A message
      // seen before in this pass (its update failed) waits for the next pass instead of looping here.
      const seen = new Set<string>();
      for (;;) {
        const batch = await this.deps.store.due(tenantId, this.deps.clock.now(), this.options.batchSize);
        const due = batch.filter((message) => !seen.has(message.id));
        for (const message of due) seen.add(message.id);
        await this.inParallel(due, (message) =>
          this.process(message, stats).catch((error: unknown) => {
            // The store failed mid-way (e.g. Cosmos DB unreachable): the message stays as it was and is retried.
            this.deps.log.error({ notification: message.label, reason: (error as Error).message }, "Notification outbox update failed");
          }),
        );
        if (batch.length < this.options.batchSize || due.length === 0 || this.stopping) break;
      }
    }
    return stats;
  }

  /** Deletes finished messages past their retention; a failure is logged and never stops deliveries. */
  private async purge(tenantId: string, now: number): Promise<number> {
    const before = new Date(now - this.options.auditTtlSeconds * 1000).toISOString();
    let purged = 0;
    try {
      for (;;) {
        const deleted = await this.deps.store.purgeFinished(tenantId, before, this.options.batchSize);
        purged += deleted;
        if (deleted < this.options.batchSize || this.stopping) return purged;
      }
    } catch (error) {
      this.deps.log.warn({ tenantId, reason: (error as Error).message }, "Finished notifications could not be purged; will try again");
      return purged;
    }
  }

  private async inParallel(messages: StoredOutboxMessage[], work: (m: StoredOutboxMessage) => Promise<void>): Promise<void> {
    const queue = [...messages];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await work(next);
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, queue.length) }, worker));
  }

  private async process(message: StoredOutboxMessage, stats: DispatchStats): Promise<void> {
    const now = this.deps.clock.now();
    const claimed = await this.deps.store.update({
      ...message,
      state: "sending",
      attempts: message.attempts + 1,
      claimedBy: this.deps.instanceId,
      claimExpiresAt: now + this.options.claimMs,
      updatedAt: new Date(now).toISOString(),
    });
    if (!claimed) {
      stats.lostClaims++;
      return;
    }
    try {
      const outcome = await deliverTo(this.deps, claimed.recipient, claimed.message, claimed.label);
      if (outcome === "delivered") stats.delivered++;
      else stats.skipped++;
      await this.finish(claimed, outcome === "delivered" ? "delivered" : "skipped", outcome === "delivered" ? null : "The person has not installed the app (no Teams conversation).");
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RetryableError && claimed.attempts < this.options.maxAttempts) {
        const delay = backoffDelay(claimed.attempts, error.retryAfterMs, this.options);
        stats.retried++;
        this.deps.log.warn({ notification: claimed.label, attempt: claimed.attempts, retryInMs: delay, reason }, "Notification delivery failed; will retry");
        await this.record(claimed, { state: "pending", nextAttemptAt: this.deps.clock.now() + delay, lastError: reason });
      } else {
        stats.dead++;
        this.deps.log.error({ notification: claimed.label, attempts: claimed.attempts, reason }, "Notification dead-lettered");
        await this.finish(claimed, "dead", reason);
      }
    }
  }

  private finish(message: StoredOutboxMessage, state: Extract<OutboxState, "delivered" | "skipped" | "dead">, lastError: string | null): Promise<void> {
    const at = new Date(this.deps.clock.now()).toISOString();
    return this.record(message, { state, lastError, finishedAt: at, ttl: this.options.auditTtlSeconds });
  }

  private async record(message: StoredOutboxMessage, change: Partial<StoredOutboxMessage>): Promise<void> {
    const saved = await this.deps.store.update({ ...message, claimedBy: null, claimExpiresAt: null, updatedAt: new Date(this.deps.clock.now()).toISOString(), ...change });
    // Only possible when our claim expired mid-delivery and another instance took the message over.
    if (!saved) this.deps.log.warn({ notification: message.label, state: change.state }, "Notification outcome not recorded: another instance took the message over");
  }
}
