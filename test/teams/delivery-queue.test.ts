// The notification queue on a hand-driven timer: backoff values, Retry-After, attempt limit, concurrency,
// duplicate keys, the pending cap and shutdown, without waiting for real time.
import { describe, expect, it } from "vitest";
import { DeliveryQueue, RetryableError, type DeliveryJob } from "../../src/adapters/teams/delivery-queue.js";
import { recordingLog } from "./bot-harness.js";

function manualTimers() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  return {
    delays: [] as number[],
    setTimer(fn: () => void, ms: number) {
      const id = next++;
      timers.set(id, { fn, ms });
      this.delays.push(ms);
      return id;
    },
    clearTimer(handle: unknown) {
      timers.delete(handle as number);
    },
    /** Fires every timer that is due (all of them: time is what the test says it is). */
    fireAll() {
      const due = [...timers.entries()];
      timers.clear();
      for (const [, t] of due) t.fn();
    },
    get count() {
      return timers.size;
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

function job(key: string, run: () => Promise<void>): DeliveryJob {
  return { key, label: key, run };
}

describe("DeliveryQueue", () => {
  it("backs off exponentially with jitter, honours Retry-After, and stops at maxAttempts", async () => {
    const timers = manualTimers();
    const log = recordingLog();
    const queue = new DeliveryQueue(log, { ...timers, setTimer: timers.setTimer.bind(timers), random: () => 1, baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 });
    let attempts = 0;
    queue.enqueue(
      job("a", async () => {
        attempts++;
        throw new RetryableError("busy", attempts === 2 ? 700 : null);
      }),
    );
    for (let i = 0; i < 6; i++) {
      await flush();
      timers.fireAll();
    }
    await queue.idle();
    expect(attempts).toBe(5);
    // attempt 1 → 100, attempt 2 → Retry-After 700 beats 200, attempt 3 → 400, attempt 4 → 800 (capped at 1000)
    expect(timers.delays).toEqual([100, 700, 400, 800]);
    expect(queue.stats()).toMatchObject({ delivered: 0, failed: 1, retries: 4, pending: 0 });
    expect(log.entries.at(-1)).toMatchObject({ level: "error", message: "Notification delivery gave up after retries" });
  });

  it("uses equal jitter: half fixed, half random", async () => {
    const timers = manualTimers();
    const queue = new DeliveryQueue(recordingLog(), { ...timers, setTimer: timers.setTimer.bind(timers), random: () => 0, baseDelayMs: 1_000, maxAttempts: 2 });
    queue.enqueue(job("a", async () => Promise.reject(new RetryableError("busy"))));
    await flush();
    expect(timers.delays).toEqual([500]);
  });

  it("does not retry a final failure", async () => {
    const timers = manualTimers();
    const queue = new DeliveryQueue(recordingLog(), { ...timers, setTimer: timers.setTimer.bind(timers) });
    let attempts = 0;
    queue.enqueue(
      job("a", async () => {
        attempts++;
        throw new Error("403 blocked");
      }),
    );
    await queue.idle();
    expect(attempts).toBe(1);
    expect(timers.count).toBe(0);
    expect(queue.stats()).toMatchObject({ failed: 1, retries: 0 });
  });

  it("runs at most `concurrency` deliveries at once and refuses a duplicate key while it is pending", async () => {
    const queue = new DeliveryQueue(recordingLog(), { concurrency: 2 });
    const releases: Array<() => void> = [];
    let running = 0;
    let maxRunning = 0;
    const slow = (key: string) =>
      job(key, async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      });
    expect(queue.enqueue(slow("a"))).toBe(true);
    expect(queue.enqueue(slow("b"))).toBe(true);
    expect(queue.enqueue(slow("c"))).toBe(true);
    expect(queue.enqueue(slow("a"))).toBe(false);
    expect(queue.stats()).toMatchObject({ inFlight: 2, pending: 1 });
    while (releases.length > 0 || queue.stats().inFlight > 0) {
      releases.shift()?.();
      await flush();
    }
    await queue.idle();
    expect(maxRunning).toBe(2);
    expect(queue.stats()).toMatchObject({ delivered: 3, pending: 0, inFlight: 0 });
    // Once delivered, the same key may be queued again (e.g. the next reminder).
    expect(queue.enqueue(job("a", async () => undefined))).toBe(true);
    await queue.idle();
  });

  it("refuses work beyond maxPending instead of growing without bound", () => {
    const log = recordingLog();
    const queue = new DeliveryQueue(log, { concurrency: 1, maxPending: 2 });
    const never = (key: string) => job(key, () => new Promise<void>(() => undefined));
    expect(queue.enqueue(never("a"))).toBe(true);
    expect(queue.enqueue(never("b"))).toBe(true);
    expect(queue.enqueue(never("c"))).toBe(false);
    expect(log.entries.at(-1)).toMatchObject({ level: "error", message: "Notification dropped: delivery queue is full" });
  });

  it("on stop, attempts backed-off deliveries once more, then refuses new ones", async () => {
    const timers = manualTimers();
    const queue = new DeliveryQueue(recordingLog(), { ...timers, setTimer: timers.setTimer.bind(timers) });
    let attempts = 0;
    queue.enqueue(
      job("a", async () => {
        attempts++;
        if (attempts === 1) throw new RetryableError("busy");
      }),
    );
    await flush();
    expect(timers.count).toBe(1);
    await queue.stop(60_000);
    expect(attempts).toBe(2);
    expect(queue.stats()).toMatchObject({ delivered: 1, pending: 0 });
    expect(queue.enqueue(job("b", async () => undefined))).toBe(false);
  });

  it("stop gives up on deliveries still running at the deadline", async () => {
    const timers = manualTimers();
    const log = recordingLog();
    const queue = new DeliveryQueue(log, { ...timers, setTimer: timers.setTimer.bind(timers), concurrency: 1 });
    queue.enqueue(job("stuck", () => new Promise<void>(() => undefined)));
    queue.enqueue(job("waiting", async () => undefined));
    const stopping = queue.stop(1_000);
    await flush();
    timers.fireAll(); // the deadline passes
    await stopping;
    expect(log.entries.at(-1)).toMatchObject({ level: "error", message: "Notifications still undelivered at shutdown were dropped", fields: { dropped: 1, inFlight: 1 } });
  });
});
