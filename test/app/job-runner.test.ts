// The job runner against the real Cosmos stores (embedded server): leases and progress records on the wire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosJobStore } from "../../src/adapters/cosmos/cosmos-job-store.js";
import { CosmosLeaseStore } from "../../src/adapters/cosmos/cosmos-lease-store.js";
import { createJobRunner, JobAlreadyRunningError, type JobRunner } from "../../src/app/jobs/job-runner.js";
import { manualClock, startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";

const T = "33333333-0000-0000-0000-000000000003";
const U = "44444444-0000-0000-0000-000000000004";

let cosmos: TestCosmos;
const clock = manualClock();
let instance1: { runner: JobRunner; jobs: CosmosJobStore; leases: CosmosLeaseStore };
let instance2: { runner: JobRunner; jobs: CosmosJobStore; leases: CosmosLeaseStore };

async function makeInstance(name: string, leaseTtlMs = 60_000, instanceClock = clock) {
  const db = name === "one" ? cosmos.db : await cosmos.connect();
  const jobs = new CosmosJobStore(db.container("jobs"));
  const leases = new CosmosLeaseStore(db.container("jobs"), instanceClock);
  return { runner: createJobRunner({ jobs, leases, clock: instanceClock, instanceId: name, leaseTtlMs, progressIntervalMs: 0 }), jobs, leases };
}

/** A promise the test resolves by hand, to hold a job "in progress". */
function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

beforeAll(async () => {
  cosmos = await startTestCosmos();
  instance1 = await makeInstance("one");
  instance2 = await makeInstance("two");
});
afterAll(async () => {
  await instance1?.runner.stop();
  await instance2?.runner.stop();
  await cosmos?.stop();
});

describe("job runner", () => {
  it("records progress and the result, then releases the lease", async () => {
    const { job, done } = await instance1.runner.start({
      tenantId: T,
      kind: "demo",
      requestedBy: "user-1",
      handler: async ({ progress }) => {
        progress({ percent: 40, counts: { read: 400 }, message: "Reading" });
        progress({ percent: 80, counts: { written: 390 } });
        return { people: 400 };
      },
    });
    expect(job).toMatchObject({ state: "running", kind: "demo", tenantId: T, requestedBy: "user-1", instanceId: "one" });
    const final = await done;
    expect(final).toMatchObject({ state: "succeeded", result: { people: 400 }, error: null });
    expect(final.progress).toEqual({ percent: 100, counts: { read: 400, written: 390 }, message: "Reading" });
    expect(final.finishedAt).not.toBeNull();
    const stored = await instance2.jobs.get(T, job.id);
    expect(stored).toMatchObject({ state: "succeeded", result: { people: 400 } });
    expect(await instance2.leases.current(T, "job:demo")).toBeNull();
  });

  it("records a failure with its message and frees the kind for the next run", async () => {
    const { done } = await instance1.runner.start({
      tenantId: T,
      kind: "failing",
      requestedBy: null,
      handler: async ({ progress }) => {
        progress({ percent: 10 });
        throw new Error("Graph answered 403 for /users");
      },
    });
    const final = await done;
    expect(final).toMatchObject({ state: "failed", error: { message: "Graph answered 403 for /users" } });
    expect(final.progress.percent).toBe(10);
    const again = await instance2.runner.start({ tenantId: T, kind: "failing", requestedBy: null, handler: async () => ({ ok: true }) });
    expect((await again.done).state).toBe("succeeded");
  });

  it("never runs one kind twice at once for a tenant, across instances and within one", async () => {
    const hold = gate();
    const first = await instance1.runner.start({ tenantId: T, kind: "exclusive", requestedBy: null, handler: () => hold.promise });
    const acrossInstances = instance2.runner.start({ tenantId: T, kind: "exclusive", requestedBy: null, handler: async () => undefined });
    await expect(acrossInstances).rejects.toBeInstanceOf(JobAlreadyRunningError);
    await expect(acrossInstances).rejects.toMatchObject({ runningJobId: first.job.id });
    await expect(instance1.runner.start({ tenantId: T, kind: "exclusive", requestedBy: null, handler: async () => undefined })).rejects.toBeInstanceOf(
      JobAlreadyRunningError,
    );
    // Another tenant is independent.
    const otherTenant = await instance2.runner.start({ tenantId: U, kind: "exclusive", requestedBy: null, handler: async () => undefined });
    expect((await otherTenant.done).state).toBe("succeeded");
    hold.open();
    expect((await first.done).state).toBe("succeeded");
  });

  it("lets exactly one of two instances start when both race", async () => {
    const starts = await Promise.allSettled([
      instance1.runner.start({ tenantId: U, kind: "race", requestedBy: null, handler: async () => undefined }),
      instance2.runner.start({ tenantId: U, kind: "race", requestedBy: null, handler: async () => undefined }),
    ]);
    expect(starts.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const rejected = starts.find((s) => s.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(JobAlreadyRunningError);
    await (starts.find((s) => s.status === "fulfilled") as PromiseFulfilledResult<{ done: Promise<unknown> }>).value.done;
  });

  it("aborts a job whose lease expired and was taken over, and records why", async () => {
    // Short lease: A's heartbeat renews every 20 ms of real time, but A's clock stands still, so each
    // renewal writes the same expiry. B's clock runs 10 s ahead: to B, A's lease has expired (A stalled).
    const clockA = manualClock(clock.now());
    const clockB = manualClock(clock.now() + 10_000);
    const a = await makeInstance("short-a", 60, clockA);
    const b = await makeInstance("short-b", 60, clockB);
    const first = await a.runner.start({
      tenantId: T,
      kind: "stale",
      requestedBy: null,
      handler: ({ signal }) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    });
    const hold = gate();
    // A's renewals keep changing the ETag, so B's conditional takeover may lose a race to one of them: retry.
    let second: Awaited<ReturnType<JobRunner["start"]>> | null = null;
    for (let attempt = 0; attempt < 50 && !second; attempt++) {
      second = await b.runner.start({ tenantId: T, kind: "stale", requestedBy: null, handler: () => hold.promise }).catch((e: unknown) => {
        if (e instanceof JobAlreadyRunningError) return null;
        throw e;
      });
    }
    if (!second) throw new Error("B never took the expired lease over");
    const lost = await first.done;
    expect(lost.state).toBe("failed");
    expect(lost.error?.message).toMatch(/lost its lease/);
    hold.open();
    expect((await second.done).state).toBe("succeeded");
  });

  it("reconcile() records a running job whose instance vanished (no lease) as failed, and leaves live jobs alone", async () => {
    const now = new Date(clock.now()).toISOString();
    const orphan = await instance1.jobs.create({
      id: "orphan-1",
      tenantId: T,
      kind: "orphaned",
      state: "running",
      progress: { percent: 30, counts: {}, message: null },
      requestedBy: null,
      instanceId: "crashed-instance",
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
      result: null,
    });
    const reconciled = await instance2.runner.reconcile(orphan);
    expect(reconciled).toMatchObject({ state: "failed", progress: { percent: 30 }, error: { message: expect.stringMatching(/stopped before it finished/) } });
    expect((await instance1.jobs.get(T, "orphan-1"))?.state).toBe("failed");

    const hold = gate();
    const live = await instance1.runner.start({ tenantId: T, kind: "alive", requestedBy: null, handler: () => hold.promise });
    // Another instance sees the live lease and does not touch the record.
    expect(await instance2.runner.reconcile(live.job)).toEqual(live.job);
    hold.open();
    const final = await live.done;
    // A stale "running" copy read before the job finished resolves to the stored final state.
    expect((await instance2.runner.reconcile(live.job)).state).toBe(final.state);
  });

  it("stop() aborts running jobs and waits until their outcome is recorded", async () => {
    const c = await makeInstance("stopping");
    const { job } = await c.runner.start({
      tenantId: U,
      kind: "long",
      requestedBy: null,
      handler: ({ signal }) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    });
    await c.runner.stop();
    expect(await c.jobs.get(U, job.id)).toMatchObject({ state: "failed", error: { message: "The app instance is shutting down." } });
    expect(await c.leases.current(U, "job:long")).toBeNull();
    await expect(c.runner.start({ tenantId: U, kind: "long", requestedBy: null, handler: async () => undefined })).rejects.toThrow(/shutting down/);
  });
});
