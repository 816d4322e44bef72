import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTAINERS, PEOPLE_SHARDS, peoplePartitionKey } from "../../../src/adapters/cosmos/containers.js";
import { CosmosRepository } from "../../../src/adapters/cosmos/cosmos-repository.js";
import { ConcurrencyError, ConflictError, NotFoundError } from "../../../src/app/errors.js";
import { startTestCosmos, type TestCosmos } from "../../helpers/test-cosmos.js";

interface Note {
  id: string;
  tenantId: string;
  title: string;
  rank: number;
}

const A = "aaaaaaaa-0000-0000-0000-00000000000a";
const B = "bbbbbbbb-0000-0000-0000-00000000000b";

let cosmos: TestCosmos;
let notes: CosmosRepository<Note>;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  notes = new CosmosRepository<Note>(cosmos.db.container("programs"), { type: "note" });
});
afterAll(async () => cosmos?.stop());

describe("CosmosRepository", () => {
  it("creates and reads an entity with its ETag and without Cosmos system fields", async () => {
    const created = await notes.create({ id: "n1", tenantId: A, title: "first", rank: 1 });
    expect(created.etag).toMatch(/\S/);
    const read = await notes.get(A, "n1");
    expect(read).toEqual({ id: "n1", tenantId: A, title: "first", rank: 1, etag: created.etag });
    expect(Object.keys(read ?? {}).some((k) => k.startsWith("_"))).toBe(false);
  });

  it("answers null for a missing id and ConflictError for a duplicate create", async () => {
    expect(await notes.get(A, "missing")).toBeNull();
    await notes.create({ id: "dup", tenantId: A, title: "x", rank: 0 });
    await expect(notes.create({ id: "dup", tenantId: A, title: "y", rank: 0 })).rejects.toBeInstanceOf(ConflictError);
  });

  it("replaces with the current ETag and rejects a stale one with ConcurrencyError", async () => {
    const v1 = await notes.create({ id: "etag", tenantId: A, title: "v1", rank: 1 });
    const v2 = await notes.replace({ ...v1, title: "v2" });
    expect(v2.etag).not.toBe(v1.etag);
    const stale = notes.replace({ ...v1, title: "lost update" });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toThrow(/changed by someone else/);
    expect((await notes.get(A, "etag"))?.title).toBe("v2");
  });

  it("deletes only an unchanged entity when given an ETag", async () => {
    const v1 = await notes.create({ id: "del", tenantId: A, title: "v1", rank: 1 });
    await notes.replace({ ...v1, title: "v2" });
    await expect(notes.delete(A, "del", v1.etag)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await notes.delete(A, "del")).toBe(true);
    expect(await notes.delete(A, "del")).toBe(false);
  });

  it("replacing an entity that was deleted meanwhile is NotFoundError", async () => {
    const v1 = await notes.create({ id: "gone", tenantId: A, title: "v1", rank: 1 });
    await notes.delete(A, "gone");
    await expect(notes.replace({ ...v1, title: "v2" })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps tenants apart: same id in two tenants, reads, queries, counts and deletes stay in their tenant", async () => {
    await notes.create({ id: "shared-id", tenantId: A, title: "A's secret", rank: 1 });
    await notes.create({ id: "shared-id", tenantId: B, title: "B's note", rank: 1 });
    expect((await notes.get(A, "shared-id"))?.title).toBe("A's secret");
    expect((await notes.get(B, "shared-id"))?.title).toBe("B's note");
    const bAll = await notes.query(B, {}, { limit: 100 });
    expect(bAll.items.map((n) => n.tenantId)).toEqual(bAll.items.map(() => B));
    expect(bAll.items.some((n) => n.title.includes("A's"))).toBe(false);
    expect(await notes.count(B)).toBe(bAll.items.length);
    await notes.delete(B, "shared-id");
    expect((await notes.get(A, "shared-id"))?.title).toBe("A's secret");
  });

  it("keeps document types apart in a shared container", async () => {
    const other = new CosmosRepository<Note>(cosmos.db.container("programs"), { type: "other" });
    await other.create({ id: "typed", tenantId: A, title: "other kind", rank: 0 });
    expect(await notes.get(A, "typed")).toBeNull();
    const page = await notes.query(A, { where: "c.title = @t", parameters: { t: "other kind" } }, { limit: 10 });
    expect(page.items).toEqual([]);
    expect((await other.get(A, "typed"))?.title).toBe("other kind");
  });

  it("pages with continuation tokens in ORDER BY order and filters with parameters", async () => {
    const tenant = "cccccccc-0000-0000-0000-00000000000c";
    for (let i = 0; i < 25; i++) await notes.create({ id: `p${i}`, tenantId: tenant, title: i % 2 ? "odd" : "even", rank: i });
    const seen: number[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = await notes.query(tenant, { orderBy: { path: "rank", direction: "DESC" } }, { limit: 10, continuationToken: token });
      expect(page.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.items.map((n) => n.rank));
      token = page.continuationToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual([...Array(25).keys()].reverse());
    const odd = [];
    for await (const n of notes.queryAll(tenant, { where: "c.title = @title", parameters: { title: "odd" } }, 4)) odd.push(n.rank);
    expect(odd.sort((x, y) => x - y)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23]);
    expect(await notes.count(tenant, { where: "c.rank >= @min", parameters: { min: 20 } })).toBe(5);
  });

  it("refuses reserved parameters, unsafe ORDER BY paths and invalid ids", async () => {
    await expect(notes.query(A, { where: "c.tenantId = @tenantId", parameters: { tenantId: B } }, { limit: 1 })).rejects.toThrow(/reserved/);
    await expect(notes.query(A, { orderBy: { path: "rank; DROP", direction: "ASC" } }, { limit: 1 })).rejects.toThrow(/ORDER BY/);
    await expect(notes.create({ id: "a/b", tenantId: A, title: "", rank: 0 })).rejects.toThrow(/Invalid Cosmos DB id/);
  });

  it("spreads people over shards per tenant and still reads them back by (tenant, id)", async () => {
    interface Person {
      id: string;
      tenantId: string;
      displayName: string;
    }
    const people = new CosmosRepository<Person>(cosmos.db.container("people"), { partitionKeyOf: (p) => peoplePartitionKey(p.tenantId, p.id) });
    const ids = [...Array(40).keys()].map((i) => `user-${i}`);
    for (const id of ids) await people.upsert({ id, tenantId: A, displayName: `A ${id}` });
    await people.upsert({ id: "user-1", tenantId: B, displayName: "B user-1" });
    const shards = new Set(ids.map((id) => peoplePartitionKey(A, id)));
    expect(shards.size).toBeGreaterThan(PEOPLE_SHARDS / 2);
    expect([...shards].every((k) => k.startsWith(`${A}|`))).toBe(true);
    expect((await people.get(A, "user-1"))?.displayName).toBe("A user-1");
    expect((await people.get(B, "user-1"))?.displayName).toBe("B user-1");
    const all = [];
    for await (const p of people.queryAll(A, {}, 15)) all.push(p.id);
    expect(all.sort()).toEqual([...ids].sort());
    expect(CONTAINERS.people.partitionKeyPath).toBe("/partitionKey");
  });
});
