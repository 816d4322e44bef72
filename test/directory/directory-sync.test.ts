// Directory sync end to end: the real app over HTTP, the dev tenant over HTTPS (with 429/503 faults), the
// embedded Cosmos DB. The stored org is compared with the dev tenant's own directory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peoplePartitionKey } from "../../src/adapters/cosmos/containers.js";
import { CosmosRepository } from "../../src/adapters/cosmos/cosmos-repository.js";
import { CosmosPeopleStore } from "../../src/adapters/cosmos/people-store.js";
import type { Person } from "../../src/app/directory/directory-sync-ports.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface SyncJob {
  id: string;
  state: "running" | "succeeded" | "failed";
  progress: { percent: number; counts: Record<string, number> };
  error: { message: string } | null;
  report: Record<string, unknown> & { mode: string; fullResyncReason: string | null; written: number; deleted: number; changesRead: number };
  joined?: boolean;
}

let t: TestApp;
let adminToken: string;
let contoso: string;
let fabrikam: string;
const never = new AbortController().signal;

beforeAll(async () => {
  t = await startTestApp({ users: 500 });
  [contoso, fabrikam] = t.tenantIds as [string, string];
  adminToken = await t.signInAs("admin");
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

function people(): CosmosPeopleStore {
  return new CosmosPeopleStore(t.server.cosmos.container("people"));
}

/** Stored ETags by id: they change exactly when a document is rewritten. */
async function etags(tenantId: string): Promise<Map<string, string>> {
  const repo = new CosmosRepository<Person>(t.server.cosmos.container("people"), { partitionKeyOf: (p) => peoplePartitionKey(p.tenantId, p.id) });
  const out = new Map<string, string>();
  for await (const p of repo.queryAll(tenantId, {}, 1000)) out.set(p.id, p.etag);
  return out;
}

async function runSync(mode: "full" | "delta", token = adminToken): Promise<SyncJob> {
  const started = await t.api<SyncJob>("POST", "/api/admin/directory/sync", { token, body: { mode } });
  expect(started.status).toBe(202);
  for (;;) {
    const res = await t.api<SyncJob>("GET", `/api/admin/directory/sync/${started.body.id}`, { token });
    expect(res.status).toBe(200);
    if (res.body.state !== "running") {
      expect(res.body.error).toBeNull();
      expect(res.body.state).toBe("succeeded");
      return res.body;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the stored org must say, straight from the dev tenant. */
function expectMatchesDirectory(stored: Map<string, Person>, tenantId: string): void {
  const truth = t.devTenant.directory(tenantId).people();
  expect(stored.size).toBe(truth.length);
  for (const p of truth) {
    const s = stored.get(p.id);
    expect(s, p.id).toBeDefined();
    expect({ managerId: s!.managerId, jobTitle: s!.jobTitle, department: s!.department, mail: s!.mail, accountEnabled: s!.accountEnabled, userType: s!.userType }).toEqual({
      managerId: p.managerId,
      jobTitle: p.jobTitle,
      department: p.department,
      mail: p.mail,
      accountEnabled: p.accountEnabled,
      userType: p.userType,
    });
  }
}

describe("directory sync API", () => {
  it("is for admins only and validates the mode", async () => {
    const employee = await t.signInAs("employee");
    expect((await t.api("POST", "/api/admin/directory/sync", { token: employee, body: { mode: "full" } })).status).toBe(403);
    expect((await t.api("GET", "/api/admin/directory/report", { token: employee })).status).toBe(403);
    expect((await t.api("POST", "/api/admin/directory/sync", { body: { mode: "full" } })).status).toBe(401);
    const bad = await t.api<{ errors: Array<{ field: string }> }>("POST", "/api/admin/directory/sync", { token: adminToken, body: { mode: "sometimes" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.field)).toEqual(["mode"]);
  });

  it("stores the same org with 429/503 faults as without, equal to the directory", async () => {
    const clean = await runSync("full");
    expect(clean.report.mode).toBe("full");
    const reference = await people().loadAll(contoso, never);
    expectMatchesDirectory(reference, contoso);
    const ceo = [...reference.values()].find((p) => p.level === 0)!;
    expect(ceo.managerId).toBeNull();
    const someone = [...reference.values()].find((p) => (p.level ?? 0) >= 3)!;
    expect(someone.chain.at(-1)).toBe(ceo.id);
    expect(someone.chain[0]).toBe(someone.managerId);

    await people().deleteMany(contoso, [...reference.keys()], never);
    t.devTenant.setFaults({ throttleRate: 0.3, unavailableRate: 0.15, retryAfterSeconds: 0.01 });
    const before = t.server.graphMetrics.snapshot();
    try {
      const faulty = await runSync("full");
      expect(faulty.report.written).toBe(reference.size);
    } finally {
      t.devTenant.setFaults({ throttleRate: 0, unavailableRate: 0 });
    }
    const after = t.server.graphMetrics.snapshot();
    // The faults really happened and were retried.
    expect(after.throttled + after.serverErrors).toBeGreaterThan(before.throttled + before.serverErrors);
    expect(after.retries).toBeGreaterThan(before.retries);
    expect(await people().loadAll(contoso, never)).toEqual(reference);
  }, 60_000);

  it("reports bad data without failing", async () => {
    const res = await t.api<{ report: SyncJob["report"] & Record<string, { count: number }> & { cycles: Array<{ members: string[] }> } }>("GET", "/api/admin/directory/report", { token: adminToken });
    expect(res.status).toBe(200);
    const r = res.body.report;
    expect(r.cycles).toHaveLength(1);
    expect(r.cycles[0]!.members).toHaveLength(3);
    expect(r.guests!.count).toBeGreaterThan(0);
    expect(r.disabled!.count).toBeGreaterThan(0);
    expect(r.missingManagers!.count).toBeGreaterThan(0);
    const truth = t.devTenant.directory(contoso).people();
    expect(r.guests!.count).toBe(truth.filter((p) => p.userType === "Guest").length);
    expect(r.disabled!.count).toBe(truth.filter((p) => !p.accountEnabled).length);
  });

  it("delta after changes rewrites exactly the people whose stored org changed; replays change nothing", async () => {
    await runSync("delta"); // settle on the latest link
    const before = await people().loadAll(contoso, never);
    const etagsBefore = await etags(contoso);
    const changedIds = t.devTenant.directory(contoso).mutateRandom(0.05, 11);
    expect(changedIds.length).toBeGreaterThan(0);

    const job = await runSync("delta");
    expect(job.report.mode).toBe("delta");
    expect(job.report.changesRead).toBe(new Set(changedIds).size);
    const after = await people().loadAll(contoso, never);
    expectMatchesDirectory(after, contoso);

    const etagsAfter = await etags(contoso);
    const rewritten = [...etagsAfter].filter(([id, etag]) => etagsBefore.get(id) !== etag).map(([id]) => id).sort();
    const differs = [...after].filter(([id, p]) => JSON.stringify(p) !== JSON.stringify(before.get(id))).map(([id]) => id).sort();
    expect(rewritten).toEqual(differs);
    expect(job.report.written).toBe(rewritten.length);
    for (const id of changedIds) if (JSON.stringify(after.get(id)) === JSON.stringify(before.get(id))) throw new Error(`${id} changed but was not updated`);

    const replay = await runSync("delta");
    expect(replay.report.written).toBe(0);
    expect(await etags(contoso)).toEqual(etagsAfter);
  }, 60_000);

  it("removes deleted people and detaches their reports", async () => {
    const stored = await people().loadAll(contoso, never);
    const manager = [...stored.values()].find((p) => p.level === 4 && [...stored.values()].some((q) => q.managerId === p.id))!;
    const reports = [...stored.values()].filter((q) => q.managerId === manager.id).map((q) => q.id);
    t.devTenant.directory(contoso).remove(manager.id, "deleted");

    const job = await runSync("delta");
    expect(job.report.deleted).toBe(1);
    const after = await people().loadAll(contoso, never);
    expect(after.has(manager.id)).toBe(false);
    for (const id of reports) {
      expect(after.get(id)!.managerId).toBeNull();
      expect(after.get(id)!.placement).toBe("detached");
    }
    expectMatchesDirectory(after, contoso);
  }, 60_000);

  it("joins a running sync instead of starting a second one", async () => {
    t.devTenant.setFaults({ latencyMs: [100, 100] });
    try {
      const [a, b] = await Promise.all([
        t.api<SyncJob>("POST", "/api/admin/directory/sync", { token: adminToken, body: { mode: "full" } }),
        t.api<SyncJob>("POST", "/api/admin/directory/sync", { token: adminToken, body: { mode: "full" } }),
      ]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.body.id).toBe(b.body.id);
      expect([a.body.joined, b.body.joined].sort()).toEqual([false, true]);
      for (;;) {
        const res = await t.api<SyncJob>("GET", `/api/admin/directory/sync/${a.body.id}`, { token: adminToken });
        if (res.body.state !== "running") break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      t.devTenant.setFaults({ latencyMs: [0, 0] });
    }
  }, 60_000);

  it("keeps tenants apart", async () => {
    const fabrikamAdmin = await t.signInAs("admin", fabrikam);
    const contosoBefore = await etags(contoso);
    const job = await runSync("full", fabrikamAdmin);
    expectMatchesDirectory(await people().loadAll(fabrikam, never), fabrikam);
    expect(await etags(contoso)).toEqual(contosoBefore);
    expect((await t.api("GET", `/api/admin/directory/sync/${job.id}`, { token: adminToken })).status).toBe(404);
    const contosoReport = await t.api<{ report: { people: number } }>("GET", "/api/admin/directory/report", { token: adminToken });
    expect(contosoReport.body.report.people).toBe(t.devTenant.directory(contoso).people().length);
  }, 60_000);

  it("turns an expired delta link (410) into a full resync", async () => {
    t.devTenant.clock.advance(8 * 24 * 3600 * 1000);
    const job = await runSync("delta");
    expect(job.report.mode).toBe("full");
    expect(job.report.fullResyncReason).toBe("deltaExpired");
    expect(job.report.written).toBe(0);
    expectMatchesDirectory(await people().loadAll(contoso, never), contoso);
    const next = await runSync("delta");
    expect(next.report.mode).toBe("delta");
  }, 60_000);
});
