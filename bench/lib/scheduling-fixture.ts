// Shared set-up of the scheduling benchmarks: a dev tenant whose executives are VPs (the dev tenant gives
// executives ~75% busy calendars), pairs of a mentor and an executive in the same working-hours zone where
// possible, a published cohort with those pairs seeded as Pair documents in the embedded Cosmos (as the
// matching flow stores them), and the product's schedule-cohort job started over its real admin API.
import type { StoredCohort } from "../../src/app/cohorts/cohort-ports.js";
import type { Cadence } from "../../src/domain/cohort/index.js";
import type { DevPerson } from "../../src/devtenant/index.js";
import type { TestApp } from "../../test/helpers/test-app.js";
import { pairPerson, seedCohort } from "../../test/scheduling/scheduling-support.js";

export interface BenchPair {
  mentor: DevPerson;
  mentee: DevPerson;
}

/** Picks `count` pairs and turns the mentees into VPs (busy executive calendars in the dev tenant). */
export function castPairs(app: TestApp, count: number): BenchPair[] {
  const tenantId = app.tenantIds[0]!;
  const directory = app.devTenant.directory(tenantId);
  const usable = directory
    .people()
    .filter((p) => p.hasMailbox && p.mail && p.accountEnabled && p.userType === "Member" && !p.isProgramAdmin && p.generatedLevel > 3)
    .sort((a, b) => a.workingHours.timeZone.localeCompare(b.workingHours.timeZone) || a.id.localeCompare(b.id));
  if (usable.length < 2 * count) throw new Error(`The dev tenant has ${usable.length} usable people; ${2 * count} are needed for ${count} pairs.`);
  // Neighbours in zone order share a working-hours zone except at a zone boundary.
  const pairs: BenchPair[] = [];
  for (let i = 0; i + 1 < usable.length && pairs.length < count; i += 2) {
    const executive = directory.update(usable[i]!.id, { jobTitle: `Vice President, ${usable[i]!.department ?? "Operations"}` });
    pairs.push({ mentor: usable[i + 1]!, mentee: executive });
  }
  return pairs;
}

/** A published cohort with the pairs active, stored the way the matching flow stores them. */
export function seedPublishedCohort(app: TestApp, name: string, cadence: Cadence, pairs: readonly BenchPair[]): Promise<StoredCohort> {
  return seedCohort(app, name, cadence, pairs.map((p) => ({ mentor: pairPerson(p.mentor), mentee: pairPerson(p.mentee) })));
}

/** POST /api/admin/cohorts/{id}/schedule as an admin, then waits for the job; throws unless it succeeded. */
export async function runScheduleJob(app: TestApp, cohortId: string): Promise<{ counts: Record<string, number> }> {
  const admin = await app.signInAs("admin");
  const started = await app.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohortId}/schedule`, { token: admin });
  if (started.status !== 202) throw new Error(`Starting the scheduling job answered ${started.status}: ${started.text}`);
  for (let networkFailures = 0; ; ) {
    let job;
    try {
      job = await app.api<{ state: string; progress: { counts: Record<string, number> }; error: unknown }>("GET", `/api/admin/jobs/${started.body.jobId}`, { token: admin });
    } catch (error) {
      // A busy machine can drop a kept-alive connection between polls (ECONNRESET): ask again.
      if (++networkFailures > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      continue;
    }
    networkFailures = 0;
    if (job.body.state === "succeeded") return { counts: job.body.progress.counts };
    if (job.body.state !== "running") throw new Error(`The scheduling job ended ${job.body.state}: ${JSON.stringify(job.body.error)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Graph requests as the dev tenant counted them (inner $batch requests each, the $batch envelope not). */
export function graphRequestCount(counters: Record<string, number>): number {
  let total = 0;
  for (const [key, n] of Object.entries(counters)) {
    if (key.startsWith("batch ") || (/^[A-Z]+ \/v1\.0\//.test(key) && !key.endsWith("/$batch"))) total += n;
  }
  return total;
}
