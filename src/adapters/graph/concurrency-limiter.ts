// Caps concurrent Graph requests: at most `perKey` in flight per mailbox (Outlook answers a 5th concurrent
// request on one mailbox with 429) and at most `global` in flight for the whole process.

export interface LimiterStats {
  /** Highest number of requests in flight at once, overall. */
  maxInFlight: number;
  /** Highest number in flight at once on any single key (mailbox). */
  maxInFlightPerKey: number;
}

class Semaphore {
  active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  acquire(): Promise<void> {
    if (this.active < this.capacity) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    // Hand the slot straight to the next waiter (active stays the same) so nobody can jump the queue.
    if (next) next();
    else this.active--;
  }
}

export class ConcurrencyLimiter {
  private readonly global: Semaphore;
  private readonly keys = new Map<string, Semaphore>();
  private stats: LimiterStats = { maxInFlight: 0, maxInFlightPerKey: 0 };

  constructor(private readonly options: { global: number; perKey: number }) {
    if (options.global < 1 || options.perKey < 1) throw new RangeError("Concurrency limits must be at least 1.");
    this.global = new Semaphore(options.global);
  }

  /** Runs `task` once a slot is free on every key and globally. */
  async run<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(keys);
    try {
      return await task();
    } finally {
      release();
    }
  }

  async acquire(keys: readonly string[]): Promise<() => void> {
    // Keys first, in a fixed order (no deadlock between multi-key holders), then the global slot, so that
    // requests waiting for a busy mailbox do not sit on global slots other mailboxes could use.
    const ordered = [...new Set(keys.map((k) => k.toLowerCase()))].sort();
    const held: Semaphore[] = [];
    for (const key of ordered) {
      let semaphore = this.keys.get(key);
      if (!semaphore) {
        semaphore = new Semaphore(this.options.perKey);
        this.keys.set(key, semaphore);
      }
      await semaphore.acquire();
      held.push(semaphore);
      this.stats.maxInFlightPerKey = Math.max(this.stats.maxInFlightPerKey, semaphore.active);
    }
    await this.global.acquire();
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.global.active);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.global.release();
      held.forEach((semaphore, i) => {
        semaphore.release();
        const key = ordered[i] as string;
        if (semaphore.idle) this.keys.delete(key);
      });
    };
  }

  snapshot(): LimiterStats {
    return { ...this.stats };
  }

  resetStats(): void {
    this.stats = { maxInFlight: 0, maxInFlightPerKey: 0 };
  }
}
