// The Cosmos side of directory sync against the embedded server: people written in transactional batches
// across shards and read back by id, and the sync index split into chunks, loaded whole, refused when
// incomplete, and cleaned up by generation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosRepository } from "../../src/adapters/cosmos/cosmos-repository.js";
import { CosmosDirectorySyncStateStore, CosmosPeopleStore } from "../../src/adapters/cosmos/people-store.js";
import { DirectoryIndexUnusableError, type IndexEntry, type Person } from "../../src/app/directory/directory-sync-ports.js";
import { startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";

const A = "aaaaaaaa-0000-0000-0000-00000000000a";
const B = "bbbbbbbb-0000-0000-0000-00000000000b";
const never = new AbortController().signal;

let cosmos: TestCosmos;
let people: CosmosPeopleStore;
let state: CosmosDirectorySyncStateStore;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  people = new CosmosPeopleStore(cosmos.db.container("people"));
  state = new CosmosDirectorySyncStateStore(cosmos.db.container("tenants"));
});
afterAll(async () => cosmos?.stop());

function person(tenantId: string, n: number): Person {
  const id = `00000000-0000-0000-0000-${String(n).padStart(12, "0")}`;
  return {
    id,
    tenantId,
    displayName: `Person ${n}`,
    givenName: null,
    surname: null,
    userPrincipalName: `p${n}@example.test`,
    mail: n % 7 === 0 ? null : `p${n}@example.test`,
    jobTitle: "Engineer",
    department: "R&D",
    officeLocation: null,
    city: null,
    country: null,
    accountEnabled: true,
    userType: "Member",
    hasMailbox: null,
    managerId: n === 0 ? null : `00000000-0000-0000-0000-${String(Math.floor((n - 1) / 3)).padStart(12, "0")}`,
    chain: [],
    level: null,
    division: null,
    placement: "detached",
    timeZone: null,
    windowsTimeZone: null,
    workingHours: null,
  };
}

function entry(n: number): IndexEntry {
  return {
    id: `${String(n).padStart(8, "0")}-1111-2222-3333-444444444444`,
    managerId: n % 5 === 0 ? null : `${String(n + 1).padStart(8, "0")}-1111-2222-3333-444444444444`,
    accountEnabled: n % 3 !== 0,
    userType: n % 11 === 0 ? "Guest" : "Member",
    hasMail: n % 2 === 0,
    userHash: `u${n}`.padEnd(16, "x"),
    orgHash: `o${n}`.padEnd(16, "y"),
  };
}

describe("CosmosPeopleStore", () => {
  it("writes people of many shards in batches, reports progress, and reads them back by id", async () => {
    const batch = Array.from({ length: 450 }, (_, n) => person(A, n));
    const progress: number[] = [];
    await people.upsertMany(A, batch, never, (written) => progress.push(written));
    expect(progress.at(-1)).toBe(450);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));

    const wanted = [batch[3]!.id, batch[449]!.id, "ffffffff-0000-0000-0000-000000000000"];
    const found = await people.getMany(A, wanted, never);
    expect([...found.keys()].sort()).toEqual([batch[3]!.id, batch[449]!.id].sort());
    expect(found.get(batch[3]!.id)).toEqual(batch[3]);
    // Another tenant's ids are not found, whatever is asked.
    expect((await people.getMany(B, wanted, never)).size).toBe(0);
  });

  it("refuses to write a person of another tenant", async () => {
    await expect(people.upsertMany(A, [person(B, 1)], never)).rejects.toThrow(/another tenant/);
  });
});

describe("CosmosDirectorySyncStateStore index", () => {
  it("splits a large index into chunks under the item size limit and loads it back whole", async () => {
    const entries = Array.from({ length: 30_000 }, (_, n) => entry(n));
    const ref = await state.saveIndex(A, 1, entries, never);
    expect(ref).toEqual({ generation: 1, chunks: expect.any(Number), entries: 30_000 });
    expect(ref.chunks).toBeGreaterThan(1);
    expect(await state.loadIndex(A, ref, never)).toEqual(entries);

    const chunks = new CosmosRepository<{ id: string; tenantId: string; entries: string }>(cosmos.db.container("tenants"), { type: "directoryIndex" });
    for await (const doc of chunks.queryAll(A, {})) expect(doc.entries.length).toBeLessThan(1_500_000);
  });

  it("calls an index with a missing chunk or an unknown format unusable", async () => {
    const ref = await state.saveIndex(B, 4, [entry(1), entry(2)], never);
    expect(await state.loadIndex(B, { ...ref, chunks: ref.chunks + 1 }, never).catch((e: unknown) => e)).toBeInstanceOf(DirectoryIndexUnusableError);
    expect(await state.loadIndex(B, { ...ref, entries: 3 }, never).catch((e: unknown) => e)).toBeInstanceOf(DirectoryIndexUnusableError);

    const chunks = new CosmosRepository<{ id: string; tenantId: string; generation: number; chunk: number; entries: string }>(cosmos.db.container("tenants"), { type: "directoryIndex" });
    await chunks.upsert({ id: "directory-index-4-0", tenantId: B, generation: 4, chunk: 0, entries: "v0\nsomething" });
    expect(await state.loadIndex(B, ref, never).catch((e: unknown) => e)).toBeInstanceOf(DirectoryIndexUnusableError);
  });

  it("refuses entries it could not read back (a tab in a field)", async () => {
    await expect(state.saveIndex(B, 9, [{ ...entry(1), userType: "Mem\tber" }], never)).rejects.toThrow(/tab or line break/);
  });

  it("removes every generation but the one kept, in its own tenant only", async () => {
    await state.saveIndex(A, 2, [entry(5)], never);
    await state.saveIndex(B, 5, [entry(6)], never);
    const removed = await state.removeOtherIndexGenerations(A, 2, never);
    expect(removed).toBeGreaterThan(1);
    expect(await state.loadIndex(A, { generation: 2, chunks: 1, entries: 1 }, never)).toEqual([entry(5)]);
    expect(await state.removeOtherIndexGenerations(A, 2, never)).toBe(0);
    expect(await state.loadIndex(B, { generation: 5, chunks: 1, entries: 1 }, never)).toEqual([entry(6)]);
  });
});
