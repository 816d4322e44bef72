// Tenant isolation end to end: two dev tenants (Contoso, Fabrikam), one app, one Cosmos database. Whatever
// a Fabrikam user sends, they only ever see Fabrikam data; the tenant comes from the validated token only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobRecord } from "../../src/app/ports/jobs.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface JobPage {
  items: Array<{ id: string; kind: string; result: Record<string, unknown> | null }>;
  continuationToken: string | null;
}

let t: TestApp;
let contoso: string;
let fabrikam: string;
const contosoJobs: JobRecord[] = [];
let fabrikamJob: JobRecord;

async function runJob(tenantId: string, kind: string, secret: string): Promise<JobRecord> {
  const started = await t.server.jobRunner.start({ tenantId, kind, requestedBy: null, handler: async () => ({ secret }) });
  return started.done;
}

beforeAll(async () => {
  t = await startTestApp();
  [contoso, fabrikam] = [t.tenantIds[0]!.toLowerCase(), t.tenantIds[1]!.toLowerCase()];
  for (const kind of ["directory-sync", "matching", "scheduling"]) contosoJobs.push(await runJob(contoso, kind, `contoso-${kind}`));
  fabrikamJob = await runJob(fabrikam, "directory-sync", "fabrikam-only");
});
afterAll(async () => t?.stop());

describe("cross-tenant isolation", () => {
  it("each tenant's admin lists only their own tenant's jobs", async () => {
    const contosoAdmin = await t.signInAs("admin", contoso);
    const fabrikamAdmin = await t.signInAs("admin", fabrikam);
    const a = await t.api<JobPage>("GET", "/api/admin/jobs", { token: contosoAdmin });
    const b = await t.api<JobPage>("GET", "/api/admin/jobs", { token: fabrikamAdmin });
    expect(a.body.items.map((j) => j.id).sort()).toEqual(contosoJobs.map((j) => j.id).sort());
    expect(b.body.items.map((j) => j.id)).toEqual([fabrikamJob.id]);
    expect(JSON.stringify(b.body)).not.toContain("contoso-");
  });

  it("a Fabrikam admin cannot read a Contoso job by id (404, as if it did not exist)", async () => {
    const fabrikamAdmin = await t.signInAs("admin", fabrikam);
    for (const job of contosoJobs) {
      const res = await t.api<{ status: number; detail: string }>("GET", `/api/admin/jobs/${job.id}`, { token: fabrikamAdmin });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("contoso-");
    }
    const own = await t.api<{ result: unknown }>("GET", `/api/admin/jobs/${fabrikamJob.id}`, { token: fabrikamAdmin });
    expect(own.status).toBe(200);
    expect(own.body.result).toEqual({ secret: "fabrikam-only" });
  });

  it("request input cannot choose the tenant: query parameters and Contoso continuation tokens stay in Fabrikam", async () => {
    const contosoAdmin = await t.signInAs("admin", contoso);
    const fabrikamAdmin = await t.signInAs("admin", fabrikam);
    const firstContosoPage = await t.api<JobPage>("GET", "/api/admin/jobs?limit=1", { token: contosoAdmin });
    expect(firstContosoPage.body.continuationToken).not.toBeNull();
    const replayed = await t.api<JobPage>(
      "GET",
      `/api/admin/jobs?limit=1&tenantId=${contoso}&continuationToken=${encodeURIComponent(firstContosoPage.body.continuationToken!)}`,
      { token: fabrikamAdmin },
    );
    // Either an empty/Fabrikam page or a rejected token: never a Contoso job.
    if (replayed.status === 200) {
      expect(replayed.body.items.every((j) => j.id === fabrikamJob.id)).toBe(true);
    } else {
      expect(replayed.status).toBe(400);
    }
    expect(replayed.text).not.toContain("contoso-");
    const withQuery = await t.api<JobPage>("GET", `/api/admin/jobs?tenantId=${contoso}`, { token: fabrikamAdmin });
    expect(withQuery.body.items.map((j) => j.id)).toEqual([fabrikamJob.id]);
  });

  it("a Fabrikam Program.Admin is not an admin of Contoso, and /api/me answers from the caller's own tenant", async () => {
    const fabrikamAdmin = await t.person("admin", fabrikam);
    const token = await t.signIn(fabrikamAdmin.id, fabrikam);
    const me = await t.api<{ tenantId: string; userId: string; displayName: string }>("GET", "/api/me", { token });
    expect(me.body).toMatchObject({ tenantId: fabrikam, userId: fabrikamAdmin.id, displayName: fabrikamAdmin.displayName });
    // The same object id does not exist in Contoso's directory; the dev sign-in refuses to cross tenants too.
    const crossed = await t.api("POST", "/api/dev/signin", { body: { userId: fabrikamAdmin.id, tenantId: contoso } });
    expect(crossed.status).toBe(404);
  });

  it("the repository refuses to read another tenant's document even by exact id", async () => {
    expect(await t.server.deps.jobs.get(fabrikam, contosoJobs[0]!.id)).toBeNull();
    expect((await t.server.deps.jobs.get(contoso, contosoJobs[0]!.id))?.id).toBe(contosoJobs[0]!.id);
  });
});
