// Work accepted by the webhook and done after the HTTP answer: at most `concurrency` tasks at once, at
// most `capacity` waiting (beyond that new work is refused so a flood cannot exhaust memory). `idle()`
// resolves when everything accepted so far has finished (shutdown, tests).
export class BackgroundQueue {
  private running = 0;
  private readonly waiting: Array<() => Promise<void>> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly options: { concurrency: number; capacity: number; onError: (error: unknown) => void },
  ) {
    if (options.concurrency < 1 || options.capacity < 1) throw new RangeError("BackgroundQueue needs concurrency and capacity of at least 1.");
  }

  /** False when the queue is full and the task was not accepted. */
  push(task: () => Promise<void>): boolean {
    if (this.waiting.length >= this.options.capacity) return false;
    this.waiting.push(task);
    this.pump();
    return true;
  }

  get size(): number {
    return this.running + this.waiting.length;
  }

  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.waiting.length > 0) {
      const task = this.waiting.shift() as () => Promise<void>;
      this.running++;
      // Run on a later tick: the caller (an HTTP handler) answers before any work starts.
      setImmediate(() => {
        task()
          .catch((error: unknown) => this.options.onError(error))
          .finally(() => {
            this.running--;
            this.pump();
            if (this.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
          });
      });
    }
  }
}
