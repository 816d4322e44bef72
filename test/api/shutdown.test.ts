// Graceful shutdown: stop() lets a request that is already being served finish, then refuses new ones and
// releases everything (a running job is aborted and recorded, the lease freed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import { callApi, startTestApp } from "../helpers/test-app.js";

let dev: DevTenant;

beforeAll(async () => {
  dev = await startDevTenant({ seed: 3, users: 200 });
});
afterAll(async () => dev?.stop());

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("stop()", () => {
  it("drains an in-flight request, then refuses new connections", async () => {
    const app = await startTestApp({ devTenant: dev });
    const token = await app.signInAs("employee");
    // Make Graph slow so that the request is still in flight when stop() begins.
    dev.setFaults({ latencyMs: [300, 300] });
    try {
      const inFlight = app.api<{ userId: string }>("GET", "/api/me", { token });
      await until(() => app.server.graphMetrics.snapshot().requests > 0);
      const stopping = app.stop();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(res.body.userId).toMatch(/^[0-9a-f-]{36}$/);
      await stopping;
      await expect(callApi(app.baseUrl, "GET", "/healthz")).rejects.toThrow();
    } finally {
      dev.setFaults({ latencyMs: [0, 0] });
    }
  });

  it("aborts running jobs and records them as failed before closing the database", async () => {
    const app = await startTestApp({ devTenant: dev });
    const tenantId = app.tenantIds[0]!.toLowerCase();
    const started = await app.server.jobRunner.start({
      tenantId,
      kind: "long-running",
      requestedBy: null,
      handler: ({ signal }) => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    });
    expect((await app.server.deps.jobs.get(tenantId, started.job.id))?.state).toBe("running");
    await app.stop();
    const final = await started.done;
    expect(final).toMatchObject({ state: "failed", error: { message: "The app instance is shutting down." } });
    // A new ETag proves the failed state was written to Cosmos (not only kept in memory).
    expect(final.etag).not.toBe(started.job.etag);
  });
});
