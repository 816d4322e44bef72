// Directory sync benchmark: `npm run bench -- sync --json FILE` (people: BENCH_USERS, default 100,000).
// Full sync of the dev tenant's primary org into the embedded Cosmos DB, then 1% of people changed
// (mutateRandom) and an incremental sync. Writes { users, seconds, graphRequests, lowerBoundRequests,
// deltaChanged, deltaSeconds, deltaRequests, peakMB }.
//
// lowerBoundRequests = ceil(users / 200): reading every person WITH their manager needs either
// /users/delta?$select=…,manager (pages of 200, manager@delta included, and the round's deltaLink comes
// with it), /users?$expand=manager (pages capped at 100), or /users?$top=999 plus one /manager request per
// person (batched or not, each inner request counts against Graph's limits). The first is the fewest:
// ceil(N/200) vs ceil(N/100) vs ceil(N/999)+N. Graph requests are counted on the wire, retries included;
// token requests are not Graph requests.
import { writeFile } from "node:fs/promises";
import { CosmosDirectorySyncStateStore, CosmosPeopleStore } from "../src/adapters/cosmos/people-store.js";
import { GraphDirectoryChangeSource } from "../src/adapters/graph/directory-sync-source.js";
import type { DirectorySyncReport } from "../src/app/directory/directory-sync-ports.js";
import { syncDirectory, type SyncDirectoryDeps, type SyncMode } from "../src/app/directory/sync-directory.js";
import { systemClock } from "../src/app/ports/clock.js";
import { startTestApp } from "../test/helpers/test-app.js";

const DELTA_PAGE_SIZE = 200;
const TARGETS = { seconds: 60, requestsOverBound: 1.05 };

export interface SyncBenchResult {
  users: number;
  seconds: number;
  graphRequests: number;
  lowerBoundRequests: number;
  deltaChanged: number;
  deltaSeconds: number;
  deltaRequests: number;
  /** Peak resident set of the whole bench process (dev tenant and embedded Cosmos included), MB. */
  peakMB: number;
}

export async function runSyncBench(opts: { json?: string }): Promise<SyncBenchResult> {
  const users = Number(process.env.BENCH_USERS ?? 100_000);
  if (!Number.isInteger(users) || users < 1 || users > 250_000) throw new Error(`BENCH_USERS must be an integer 1–250000; got ${process.env.BENCH_USERS}`);
  const app = await startTestApp({ users, seed: 42 });
  try {
    const tenantId = app.tenantIds[0]!;
    const server = app.server;
    const deps: SyncDirectoryDeps = {
      source: new GraphDirectoryChangeSource(server.graph),
      people: new CosmosPeopleStore(server.cosmos.container("people")),
      state: new CosmosDirectorySyncStateStore(server.cosmos.container("tenants")),
      clock: systemClock,
    };
    const people = app.devTenant.directory(tenantId).people().length;
    // Warm the token cache so that the measured run is the sync, not the first token request.
    await server.graph.app(tenantId).api("/users").select("id").top(1).get();

    const full = await timed(deps, tenantId, "full", server.graphMetrics);
    const changed = new Set(app.devTenant.directory(tenantId).mutateRandom(0.01, 4242));
    const delta = await timed(deps, tenantId, "delta", server.graphMetrics);
    if (delta.report.mode !== "delta") throw new Error(`The incremental run fell back to ${delta.report.mode}.`);

    const result: SyncBenchResult = {
      users: people,
      seconds: round(full.seconds),
      graphRequests: full.requests,
      lowerBoundRequests: Math.ceil(people / DELTA_PAGE_SIZE),
      deltaChanged: changed.size,
      deltaSeconds: round(delta.seconds),
      deltaRequests: delta.requests,
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    const ratio = result.graphRequests / result.lowerBoundRequests;
    console.log(
      [
        `directory sync of ${people} people: ${result.seconds} s (target ≤ ${TARGETS.seconds} s), ${result.graphRequests} Graph requests, bound ${result.lowerBoundRequests} (×${ratio.toFixed(3)}, target ≤ ${TARGETS.requestsOverBound})`,
        `  full: written ${full.report.written}, ${full.report.pages} pages; bad data: ${full.report.cycles.length} cycles, ${full.report.missingManagers.count} missing managers, ${full.report.disabled.count} disabled, ${full.report.guests.count} guests`,
        `delta after ${changed.size} changes: ${result.deltaSeconds} s, ${result.deltaRequests} requests, read ${delta.report.changesRead}, written ${delta.report.written}`,
        `peak RSS ${result.peakMB} MB (dev tenant and embedded Cosmos in the same process)`,
      ].join("\n"),
    );
    if (opts.json) await writeFile(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await app.stop();
  }
}

async function timed(
  deps: SyncDirectoryDeps,
  tenantId: string,
  mode: SyncMode,
  metrics: { reset(): void; snapshot(): { requests: number } },
): Promise<{ seconds: number; requests: number; report: DirectorySyncReport }> {
  metrics.reset();
  const started = performance.now();
  let lastMessage: string | null | undefined = null;
  // Phase changes with their time, so a slow phase is visible (BENCH_VERBOSE=1).
  const progress = (update: { message?: string | null }): void => {
    if (process.env.BENCH_VERBOSE && update.message && !update.message.startsWith("Reading") && update.message !== lastMessage) {
      lastMessage = update.message;
      console.log(`  ${mode} ${((performance.now() - started) / 1000).toFixed(2)} s: ${update.message}`);
    }
  };
  const cpuBefore = process.cpuUsage();
  const report = await syncDirectory(deps, { tenantId, jobId: `bench-${mode}`, mode, signal: new AbortController().signal, progress });
  const seconds = (performance.now() - started) / 1000;
  // CPU time of the whole process (sync, dev tenant and embedded Cosmos share it): on a busy shared
  // machine it says more about the code than wall-clock seconds do.
  const cpu = process.cpuUsage(cpuBefore);
  console.log(`  ${mode}: ${seconds.toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU`);
  return { seconds, requests: metrics.snapshot().requests, report };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
