import { describe, expect, it } from "vitest";
import { ConcurrencyLimiter } from "../../../src/adapters/graph/concurrency-limiter.js";

/** Tasks that stay "in flight" until the test releases them. */
function heldTasks() {
  const releases: Array<() => void> = [];
  let active = 0;
  let peak = 0;
  const perKey = new Map<string, number>();
  let peakPerKey = 0;
  const task = (keys: string[]) => async () => {
    active++;
    peak = Math.max(peak, active);
    for (const k of keys) {
      perKey.set(k, (perKey.get(k) ?? 0) + 1);
      peakPerKey = Math.max(peakPerKey, perKey.get(k)!);
    }
    await new Promise<void>((resolve) => releases.push(resolve));
    active--;
    for (const k of keys) perKey.set(k, perKey.get(k)! - 1);
  };
  return { task, releases, stats: () => ({ active, peak, peakPerKey }) };
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe("ConcurrencyLimiter", () => {
  it("keeps at most perKey tasks in flight per mailbox and releases the next one in order", async () => {
    const limiter = new ConcurrencyLimiter({ global: 100, perKey: 4 });
    const h = heldTasks();
    const runs = Array.from({ length: 10 }, () => limiter.run(["ceo@contoso.example"], h.task(["ceo"])));
    await settle();
    expect(h.stats().active).toBe(4);
    while (h.releases.length > 0) {
      h.releases.shift()!();
      await settle();
      expect(h.stats().active).toBeLessThanOrEqual(4);
    }
    await Promise.all(runs);
    expect(h.stats().peakPerKey).toBe(4);
    expect(limiter.snapshot().maxInFlightPerKey).toBe(4);
  });

  it("caps the whole process globally while different mailboxes run in parallel", async () => {
    const limiter = new ConcurrencyLimiter({ global: 3, perKey: 4 });
    const h = heldTasks();
    const runs = Array.from({ length: 9 }, (_, i) => limiter.run([`user${i}`], h.task([`user${i}`])));
    await settle();
    expect(h.stats().active).toBe(3);
    while (h.releases.length > 0) {
      h.releases.shift()!();
      await settle();
    }
    await Promise.all(runs);
    expect(limiter.snapshot().maxInFlight).toBe(3);
  });

  it("does not let tasks waiting for a busy mailbox hold global slots", async () => {
    const limiter = new ConcurrencyLimiter({ global: 5, perKey: 1 });
    const h = heldTasks();
    const busy = Array.from({ length: 6 }, () => limiter.run(["busy"], h.task(["busy"])));
    const other = limiter.run(["other"], h.task(["other"]));
    await settle();
    // One "busy" task runs, five wait on the mailbox — and "other" still gets a global slot.
    expect(h.stats().active).toBe(2);
    while (h.releases.length > 0) {
      h.releases.shift()!();
      await settle();
    }
    await Promise.all([...busy, other]);
  });

  it("takes several mailboxes at once without deadlock (e.g. a $batch over many mailboxes)", async () => {
    const limiter = new ConcurrencyLimiter({ global: 10, perKey: 1 });
    const h = heldTasks();
    const runs = [limiter.run(["a", "b"], h.task(["a", "b"])), limiter.run(["b", "a"], h.task(["a", "b"])), limiter.run(["a"], h.task(["a"]))];
    await settle();
    expect(h.stats().active).toBe(1);
    while (h.releases.length > 0 || h.stats().active > 0) {
      h.releases.shift()?.();
      await settle();
    }
    await Promise.all(runs);
    expect(h.stats().peakPerKey).toBe(1);
  });

  it("releases its slot when a task fails", async () => {
    const limiter = new ConcurrencyLimiter({ global: 1, perKey: 1 });
    await expect(limiter.run(["x"], async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limiter.run(["x"], async () => "ok")).resolves.toBe("ok");
  });
});
