// Job progress as admins see it over HTTP: a running job's progress bar moves, the final state lands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface JobView {
  id: string;
  kind: string;
  state: string;
  progress: { percent: number; counts: Record<string, number>; message: string | null };
  result: Record<string, unknown> | null;
  error: { message: string } | null;
}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

async function pollUntil(path: string, token: string, done: (job: JobView) => boolean): Promise<JobView> {
  for (;;) {
    const res = await t.api<JobView>("GET", path, { token });
    expect(res.status).toBe(200);
    if (done(res.body)) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("GET /api/admin/jobs/:jobId", () => {
  it("shows a running job's progress, then its result", async () => {
    const token = await t.signInAs("admin");
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const { job, done } = await t.server.jobRunner.start({
      tenantId: t.tenantIds[0]!.toLowerCase(),
      kind: "directory-sync",
      requestedBy: null,
      handler: async ({ progress }) => {
        progress({ percent: 50, counts: { read: 100 }, message: "Reading managers" });
        await gate;
        return { people: 200 };
      },
    });
    const running = await pollUntil(`/api/admin/jobs/${job.id}`, token, (j) => j.progress.percent === 50);
    expect(running).toMatchObject({ state: "running", kind: "directory-sync", progress: { counts: { read: 100 }, message: "Reading managers" } });
    // A second start of the same kind is refused while it runs.
    await expect(t.server.jobRunner.start({ tenantId: t.tenantIds[0]!.toLowerCase(), kind: "directory-sync", requestedBy: null, handler: async () => undefined })).rejects.toThrow(
      /already running/,
    );
    finish();
    await done;
    const final = await pollUntil(`/api/admin/jobs/${job.id}`, token, (j) => j.state !== "running");
    expect(final).toMatchObject({ state: "succeeded", progress: { percent: 100 }, result: { people: 200 }, error: null });
  });

  it("lists jobs newest first, filtered by kind, page by page", async () => {
    const token = await t.signInAs("admin");
    const tenantId = t.tenantIds[0]!.toLowerCase();
    for (const kind of ["matching", "matching", "scheduling"]) await (await t.server.jobRunner.start({ tenantId, kind, requestedBy: null, handler: async () => undefined })).done;
    const first = await t.api<{ items: JobView[]; continuationToken: string | null }>("GET", "/api/admin/jobs?kind=matching&limit=1", { token });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.continuationToken).not.toBeNull();
    const second = await t.api<{ items: JobView[]; continuationToken: string | null }>(
      "GET",
      `/api/admin/jobs?kind=matching&limit=1&continuationToken=${encodeURIComponent(first.body.continuationToken!)}`,
      { token },
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.id).not.toBe(first.body.items[0]!.id);
    expect([...first.body.items, ...second.body.items].every((j) => j.kind === "matching")).toBe(true);
    expect(second.body.continuationToken).toBeNull();
  });

  it("answers 404 problem for an unknown job", async () => {
    const res = await t.api<{ type: string }>("GET", "/api/admin/jobs/3f1c0e4a-1b2c-4d5e-8f90-123456789abc", { token: await t.signInAs("admin") });
    expect(res.status).toBe(404);
    expect(res.body.type).toBe("urn:reverse-mentorship:problem:not-found");
  });
});
