// An in-process delivery queue for notifications: callers enqueue and return at once; deliveries run with
// bounded concurrency and failed ones are retried with exponential backoff and jitter (or after the
// server's Retry-After), up to a maximum number of attempts. A job decides whether its own failure is worth
// retrying (throw RetryableError) or final (any other error).
//
// This queue lives in memory: notifications still queued when the process stops are lost (stop() waits for
// them up to a deadline). It is the FALLBACK path. Normally notifications go to the durable Cosmos outbox
// (outbox-notifier.ts → outbox-dispatcher.ts), which survives restarts and is shared by all instances; the
// outbox hands a notification to this queue only when it cannot be written to Cosmos DB at all, and mountBot
// uses it alone when no outbox is configured.
import type { LogSink } from "./bot-logger.js";

export class RetryableError extends Error {
  constructor(
    message: string,
    /** Wait at least this long before the next attempt (the server's Retry-After), if known. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RetryableError";
  }
}

/** Exponential backoff with "equal jitter"; the server's Retry-After wins when it asks for longer (capped). */
export function backoffDelay(attempt: number, retryAfterMs: number | null, options: Pick<DeliveryOptions, "baseDelayMs" | "maxDelayMs" | "random">): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * options.random();
  return Math.round(Math.min(options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0)));
}

export interface DeliveryJob {
  /** Jobs with the same key are not queued twice at the same time (a repeated call is dropped). */
  key: string;
  /** For logs: what is being delivered (no message content). */
  label: string;
  run(): Promise<void>;
}

export interface DeliveryOptions {
  concurrency: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Jobs waiting (queued or backing off) beyond this are refused, so a dead connector cannot eat memory. */
  maxPending: number;
  random: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  concurrency: 4,
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxPending: 10_000,
  random: Math.random,
  setTimer: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending retry must not keep the process alive on shutdown.
    handle.unref();
    return handle;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DeliveryStats {
  pending: number;
  inFlight: number;
  delivered: number;
  failed: number;
  retries: number;
}

interface Entry {
  job: DeliveryJob;
  attempt: number;
}

export class DeliveryQueue {
  private readonly options: DeliveryOptions;
  private readonly ready: Entry[] = [];
  private readonly waiting = new Map<unknown, Entry>();
  private readonly keys = new Set<string>();
  private inFlight = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];
  private readonly counters = { delivered: 0, failed: 0, retries: 0 };

  constructor(
    private readonly log: LogSink,
    options: Partial<DeliveryOptions> = {},
  ) {
    this.options = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  }

  /** Queues a delivery; false when it was refused (stopped, full, or the same key is already pending). */
  enqueue(job: DeliveryJob): boolean {
    if (this.stopped) {
      this.log.warn({ notification: job.label }, "Notification dropped: the app is shutting down");
      return false;
    }
    if (this.keys.has(job.key)) {
      this.log.debug({ notification: job.label }, "Notification already queued; duplicate dropped");
      return false;
    }
    if (this.keys.size >= this.options.maxPending) {
      this.log.error({ notification: job.label, pending: this.keys.size }, "Notification dropped: delivery queue is full");
      return false;
    }
    this.keys.add(job.key);
    this.ready.push({ job, attempt: 1 });
    this.pump();
    return true;
  }

  stats(): DeliveryStats {
    return { pending: this.keys.size - this.inFlight, inFlight: this.inFlight, ...this.counters };
  }

  /** Resolves when nothing is queued, backing off or in flight. */
  idle(): Promise<void> {
    if (this.keys.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops accepting work and waits up to `timeoutMs` for queued deliveries (retries waiting for their
   * backoff are attempted once more right away). Whatever is left after the deadline is dropped and logged.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const [handle, entry] of this.waiting) {
      this.options.clearTimer(handle);
      this.ready.push(entry);
    }
    this.waiting.clear();
    this.pump();
    let timer: unknown;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = this.options.setTimer(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([this.idle().then(() => "idle" as const), deadline]);
    this.options.clearTimer(timer);
    if (outcome === "timeout") {
      this.log.error({ dropped: this.ready.length, inFlight: this.inFlight }, "Notifications still undelivered at shutdown were dropped");
      for (const entry of this.ready.splice(0)) this.finish(entry.job);
      this.notifyIdle();
    }
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.ready.length > 0) {
      const entry = this.ready.shift() as Entry;
      this.inFlight++;
      void this.attempt(entry);
    }
  }

  private async attempt(entry: Entry): Promise<void> {
    const { job } = entry;
    try {
      await job.run();
      this.counters.delivered++;
      this.finish(job);
    } catch (error) {
      const retryable = error instanceof RetryableError;
      if (retryable && entry.attempt < this.options.maxAttempts && !this.stopped) {
        const delay = this.backoff(entry.attempt, error.retryAfterMs);
        this.counters.retries++;
        this.log.warn({ notification: job.label, attempt: entry.attempt, retryInMs: delay, reason: error.message }, "Notification delivery failed; will retry");
        const next = { job, attempt: entry.attempt + 1 };
        const handle = this.options.setTimer(() => {
          this.waiting.delete(handle);
          this.ready.push(next);
          this.pump();
        }, delay);
        this.waiting.set(handle, next);
      } else {
        this.counters.failed++;
        const reason = error instanceof Error ? error.message : String(error);
        this.log.error({ notification: job.label, attempts: entry.attempt, reason }, retryable ? "Notification delivery gave up after retries" : "Notification could not be delivered");
        this.finish(job);
      }
    } finally {
      this.inFlight--;
      this.pump();
      this.notifyIdle();
    }
  }

  private finish(job: DeliveryJob): void {
    this.keys.delete(job.key);
  }

  private backoff(attempt: number, retryAfterMs: number | null): number {
    return backoffDelay(attempt, retryAfterMs, this.options);
  }

  private notifyIdle(): void {
    if (this.keys.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
