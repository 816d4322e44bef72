// The sync index at work: an incremental sync reads the index instead of the people store, rewrites
// exactly the documents that differ, reads back only people who moved in the org chart, and falls back to
// the store when the index is unusable. A full sync compares with the stored documents and repairs them.
// The real app over HTTP, the dev tenant over HTTPS, the embedded Cosmos DB.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peoplePartitionKey } from "../../src/adapters/cosmos/containers.js";
import { CosmosRepository } from "../../src/adapters/cosmos/cosmos-repository.js";
import { CosmosPeopleStore } from "../../src/adapters/cosmos/people-store.js";
import type { Person } from "../../src/app/directory/directory-sync-ports.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface SyncReport {
  mode: string;
  written: number;
  deleted: number;
  changesRead: number;
  baseline: "index" | "store";
  reread: number;
}

let t: TestApp;
let adminToken: string;
let tenantId: string;
const never = new AbortController().signal;

beforeAll(async () => {
  t = await startTestApp({ users: 300 });
  tenantId = t.tenantIds[0]!;
  adminToken = await t.signInAs("admin");
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

function people(): CosmosPeopleStore {
  return new CosmosPeopleStore(t.server.cosmos.container("people"));
}

function peopleRepository(): CosmosRepository<Person> {
  return new CosmosRepository<Person>(t.server.cosmos.container("people"), { partitionKeyOf: (p) => peoplePartitionKey(p.tenantId, p.id) });
}

async function etags(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const p of peopleRepository().queryAll(tenantId, {}, 1000)) out.set(p.id, p.etag);
  return out;
}

function rewrittenBetween(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([id, etag]) => before.get(id) !== etag).map(([id]) => id).sort();
}

async function runSync(mode: "full" | "delta"): Promise<SyncReport> {
  const started = await t.api<{ id: string }>("POST", "/api/admin/directory/sync", { token: adminToken, body: { mode } });
  expect(started.status).toBe(202);
  for (;;) {
    const res = await t.api<{ state: string; error: { message: string } | null; report: SyncReport }>("GET", `/api/admin/directory/sync/${started.body.id}`, { token: adminToken });
    if (res.body.state !== "running") {
      expect(res.body.error).toBeNull();
      return res.body.report;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Index documents of the tenant, by generation. */
async function indexGenerations(): Promise<number[]> {
  const { resources } = await t.server.cosmos
    .container("tenants")
    .items.query<{ generation: number }>({
      query: "SELECT c.generation FROM c WHERE c.tenantId = @tenantId AND c.type = 'directoryIndex'",
      parameters: [{ name: "@tenantId", value: tenantId }],
    })
    .fetchAll();
  return [...new Set(resources.map((r) => r.generation))];
}

describe("directory sync index", () => {
  it("a repeated full sync compares with the stored documents and rewrites nobody", async () => {
    const first = await runSync("full");
    expect(first.written).toBe(t.devTenant.directory(tenantId).people().length);
    const before = await etags();
    const again = await runSync("full");
    expect(again).toMatchObject({ mode: "full", baseline: "store", written: 0, deleted: 0, reread: 0 });
    expect(await etags()).toEqual(before);
    expect(await indexGenerations()).toHaveLength(1);
  });

  it("a manager move rewrites exactly the moved subtree, reading back only the people who did not change themselves", async () => {
    await runSync("delta"); // settle on the latest link
    const stored = await people().loadAll(tenantId, never);
    const all = [...stored.values()];
    const subtreeOf = (id: string): string[] => all.filter((p) => p.chain.includes(id)).map((p) => p.id);
    // A level-2 manager with a team, moved under another division head.
    const mover = all.find((p) => p.level === 2 && subtreeOf(p.id).length >= 3)!;
    const newHead = all.find((p) => p.level === 1 && p.id !== mover.division)!;
    const below = subtreeOf(mover.id);
    const before = await etags();

    t.devTenant.directory(tenantId).update(mover.id, { managerId: newHead.id });
    const report = await runSync("delta");

    expect(report).toMatchObject({ mode: "delta", baseline: "index", changesRead: 1, reread: below.length, written: below.length + 1, deleted: 0 });
    expect(rewrittenBetween(before, await etags())).toEqual([mover.id, ...below].sort());
    const after = await people().loadAll(tenantId, never);
    expect(after.get(mover.id)!.chain).toEqual([newHead.id, ...newHead.chain]);
    for (const id of below) {
      const p = after.get(id)!;
      expect(p.division).toBe(newHead.id);
      expect(p.chain).toContain(newHead.id);
      // Read back, not rebuilt from nothing: the directory fields are the stored ones.
      expect({ ...p, chain: [], division: null, level: null }).toEqual({ ...stored.get(id)!, chain: [], division: null, level: null });
    }
  });

  it("delta trusts the index; a full sync repairs documents changed or deleted behind its back", async () => {
    await runSync("delta");
    const stored = await people().loadAll(tenantId, never);
    const [deletedId, editedId] = [...stored.keys()].sort();
    await people().deleteMany(tenantId, [deletedId!], never);
    await people().upsertMany(tenantId, [{ ...stored.get(editedId!)!, jobTitle: "Edited behind sync's back" }], never);

    const delta = await runSync("delta");
    expect(delta).toMatchObject({ baseline: "index", written: 0 });
    expect(await people().get(tenantId, deletedId!)).toBeNull();

    const full = await runSync("full");
    expect(full).toMatchObject({ baseline: "store", written: 2, deleted: 0 });
    expect(await people().loadAll(tenantId, never)).toEqual(stored);
  });

  it("reads the people store when the index is unusable, then saves a new one and removes the old", async () => {
    await runSync("delta");
    const generations = await indexGenerations();
    expect(generations).toHaveLength(1);
    const chunks = new CosmosRepository<{ id: string; tenantId: string }>(t.server.cosmos.container("tenants"), { type: "directoryIndex" });
    // Lose the index (as if a chunk were deleted): the saved state still points at it.
    for await (const doc of chunks.queryAll(tenantId, {})) await chunks.delete(tenantId, doc.id);
    const changed = t.devTenant.directory(tenantId).mutateRandom(0.02, 77);

    const report = await runSync("delta");
    expect(report).toMatchObject({ mode: "delta", baseline: "store", changesRead: new Set(changed).size });
    const next = await indexGenerations();
    expect(next).toHaveLength(1);
    expect(next[0]).toBeGreaterThan(generations[0]!);

    const replay = await runSync("delta");
    expect(replay).toMatchObject({ baseline: "index", written: 0, reread: 0 });
  });
});
