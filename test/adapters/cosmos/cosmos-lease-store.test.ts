import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosLeaseStore } from "../../../src/adapters/cosmos/cosmos-lease-store.js";
import { manualClock, startTestCosmos, type TestCosmos } from "../../helpers/test-cosmos.js";

const T = "11111111-0000-0000-0000-000000000001";

let cosmos: TestCosmos;
const clock = manualClock();
/** Two app instances: separate Cosmos clients on the same database. */
let one: CosmosLeaseStore;
let two: CosmosLeaseStore;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  one = new CosmosLeaseStore(cosmos.db.container("jobs"), clock);
  two = new CosmosLeaseStore((await cosmos.connect()).container("jobs"), clock);
});
afterAll(async () => cosmos?.stop());

describe("CosmosLeaseStore", () => {
  it("lets exactly one of two racing instances acquire a lease", async () => {
    const [a, b] = await Promise.all([
      one.acquire({ tenantId: T, name: "race", holder: "instance-1", ttlMs: 60_000, jobId: "job-1" }),
      two.acquire({ tenantId: T, name: "race", holder: "instance-2", ttlMs: 60_000, jobId: "job-2" }),
    ]);
    expect([a, b].filter((l) => l !== null)).toHaveLength(1);
    const winner = (a ?? b)!;
    expect((await two.current(T, "race"))?.holder).toBe(winner.holder);
  });

  it("lets exactly one of many contenders win an expired lease", async () => {
    const first = await one.acquire({ tenantId: T, name: "many", holder: "h0", ttlMs: 1000, jobId: null });
    expect(first).not.toBeNull();
    clock.advance(1001);
    const stores = [one, two, one, two, one, two];
    const results = await Promise.all(stores.map((s, i) => s.acquire({ tenantId: T, name: "many", holder: `h${i + 1}`, ttlMs: 1000, jobId: null })));
    expect(results.filter((l) => l !== null)).toHaveLength(1);
  });

  it("refuses a live lease held by someone else, renews for the holder, and frees it on release", async () => {
    const lease = await one.acquire({ tenantId: T, name: "cycle", holder: "A", ttlMs: 30_000, jobId: "job-a" });
    expect(lease).not.toBeNull();
    expect(await two.acquire({ tenantId: T, name: "cycle", holder: "B", ttlMs: 30_000, jobId: "job-b" })).toBeNull();
    expect(await two.current(T, "cycle")).toMatchObject({ holder: "A", jobId: "job-a" });

    clock.advance(20_000);
    const renewed = await one.renew(lease!, 30_000);
    expect(renewed?.expiresAt).toBe(clock.now() + 30_000);
    clock.advance(20_000); // past the first expiry, inside the renewed one
    expect(await two.acquire({ tenantId: T, name: "cycle", holder: "B", ttlMs: 30_000, jobId: "job-b" })).toBeNull();

    await one.release(renewed!);
    expect(await two.current(T, "cycle")).toBeNull();
    expect(await two.acquire({ tenantId: T, name: "cycle", holder: "B", ttlMs: 30_000, jobId: "job-b" })).not.toBeNull();
  });

  it("takes over an expired lease; the old holder's renew fails and its release leaves the new lease alone", async () => {
    const old = await one.acquire({ tenantId: T, name: "takeover", holder: "A", ttlMs: 5000, jobId: null });
    clock.advance(5001);
    const fresh = await two.acquire({ tenantId: T, name: "takeover", holder: "B", ttlMs: 5000, jobId: null });
    expect(fresh?.holder).toBe("B");
    expect(await one.renew(old!, 5000)).toBeNull();
    await one.release(old!);
    expect((await two.current(T, "takeover"))?.holder).toBe("B");
  });

  it("scopes leases by tenant", async () => {
    const other = "22222222-0000-0000-0000-000000000002";
    expect(await one.acquire({ tenantId: T, name: "scoped", holder: "A", ttlMs: 60_000, jobId: null })).not.toBeNull();
    expect(await two.acquire({ tenantId: other, name: "scoped", holder: "B", ttlMs: 60_000, jobId: null })).not.toBeNull();
  });
});
