/**
 * Scheduling benchmark: `npm run bench -- scheduling --json FILE` (pairs: BENCH_PAIRS, default 2,000).
 *
 * 2,000 pairs (mentor + executive, executives are VPs so the dev tenant gives them ~75% busy calendars) ×
 * 6 sessions every 2 weeks (12 weeks), seeded as Pair documents of a published cohort; the PRODUCT's
 * schedule-cohort job runs over the admin API against the dev tenant over HTTPS and the embedded Cosmos.
 * Writes { pairs, sessionsRequested, sessionsFeasible, sessionsBooked, conflicts, graphRequests,
 * lowerBoundRequests, maxInFlightPerMailbox, seconds }.
 *
 * - sessionsFeasible: per session, exhaustively over every 15-minute grid start in its week (after the
 *   job's lead time), is there a slot inside both people's working hours and free in both calendars (with
 *   the job's buffer)? Calendars are read before the job with our own Graph clients (not counted).
 * - conflicts: booked events (read back from the dev tenant's mailboxes, not from our database) that
 *   overlap a busy block the person had before the job, or another booked event of the same person.
 * - graphRequests: Graph requests of the job as the dev tenant counted them (each request inside a $batch
 *   counts, retries included). lowerBoundRequests = ceil(people / 20) getSchedule calls per window piece
 *   (Graph refuses windows of 62 days or more, so 11 weeks take 2) + one create per booked session.
 * - maxInFlightPerMailbox: the most requests our limiter had in flight on one mailbox during the job.
 */
import { writeFile } from "node:fs/promises";
import { GraphAvailabilityReader, splitWindow } from "../src/adapters/graph/graph-availability-reader.js";
import { instantFromGraph } from "../src/adapters/graph/graph-date-time.js";
import { createTrustedHttp } from "../src/adapters/auth/trusted-http.js";
import type { PersonAvailability } from "../src/app/scheduling/calendar-ports.js";
import { DEFAULT_SCHEDULING_SETTINGS } from "../src/app/scheduling/scheduling-ports.js";
import type { Session } from "../src/app/scheduling/session-model.js";
import { CosmosRepository } from "../src/adapters/cosmos/cosmos-repository.js";
import { DAY_MS, MINUTE_MS, WEEK_MS, intersectRanges, padRanges, subtractRanges, workingRanges, type TimeRange } from "../src/domain/time/index.js";
import { devTenantGraph } from "../test/adapters/graph/calendar-graph-clients.js";
import { RecordingNotifier } from "../test/helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../test/helpers/test-app.js";
import { castPairs, graphRequestCount, runScheduleJob, seedPublishedCohort, type BenchPair } from "./lib/scheduling-fixture.js";
import { devEndpoints, type DevEndpoints } from "../test/scheduling/scheduling-support.js";

export interface SchedulingBenchResult {
  pairs: number;
  sessionsRequested: number;
  sessionsFeasible: number;
  sessionsBooked: number;
  conflicts: number;
  graphRequests: number;
  lowerBoundRequests: number;
  maxInFlightPerMailbox: number;
  seconds: number;
}

const CADENCE = { everyWeeks: 2, sessionMinutes: 30, sessions: 6 };
const TARGETS = { bookedOfFeasible: 0.995, conflicts: 0, requestsOverBound: 1.1, maxInFlightPerMailbox: 4 };

export async function runSchedulingBench(opts: { json?: string }): Promise<SchedulingBenchResult> {
  const pairCount = Number(process.env.BENCH_PAIRS ?? 2000);
  if (!Number.isInteger(pairCount) || pairCount < 1 || pairCount > 10_000) throw new Error(`BENCH_PAIRS must be an integer 1–10000; got ${process.env.BENCH_PAIRS}`);
  const app = await startTestApp({ users: Math.ceil(pairCount * 2.3) + 200, seed: 42, notifier: new RecordingNotifier() });
  const dev = devEndpoints(app);
  try {
    await dev.json("PUT", "/dev/behaviour", { enabled: false });
    const tenantId = app.tenantIds[0]!;
    const pairs = castPairs(app, pairCount);
    const cohort = await seedPublishedCohort(app, "Benchmark cohort", CADENCE, pairs);

    // The job's own time frame (schedule-cohort.ts): week 1 starts at the first UTC midnight after the lead time.
    const earliest = Date.now() + DEFAULT_SCHEDULING_SETTINGS.leadMinutes * MINUTE_MS;
    const seriesStart = Math.ceil(earliest / DAY_MS) * DAY_MS;
    const window: TimeRange = { start: earliest, end: seriesStart + (CADENCE.sessions - 1) * CADENCE.everyWeeks * WEEK_MS + WEEK_MS };
    const before = await readCalendars(app, pairs, window);

    app.devTenant.resetCounters();
    app.server.graphLimiter.resetStats();
    const started = performance.now();
    const job = await runScheduleJob(app, cohort.id);
    const seconds = (performance.now() - started) / 1000;
    const graphRequests = graphRequestCount(app.devTenant.counters());
    const maxInFlightPerMailbox = app.server.graphLimiter.snapshot().maxInFlightPerKey;

    const booked = await bookedEvents(dev, tenantId, pairs);
    const people = new Set(pairs.flatMap((p) => [p.mentor.id, p.mentee.id])).size;
    const result: SchedulingBenchResult = {
      pairs: pairs.length,
      sessionsRequested: pairs.length * CADENCE.sessions,
      sessionsFeasible: countFeasible(pairs, before, seriesStart, earliest),
      sessionsBooked: booked.length,
      conflicts: countConflicts(booked, before),
      graphRequests,
      lowerBoundRequests: Math.ceil(people / 20) * splitWindow(window).length + booked.length,
      maxInFlightPerMailbox,
      seconds: Math.round(seconds * 10) / 10,
    };
    const stored = await firstSession(app, cohort.id);
    if (stored?.seriesStart && Date.parse(stored.seriesStart) !== seriesStart) throw new Error(`The job started the series at ${stored.seriesStart}, not at ${new Date(seriesStart).toISOString()}: rerun.`);
    if (job.counts.booked !== booked.length) throw new Error(`The job reports ${job.counts.booked} booked, the calendars hold ${booked.length} events.`);
    report(result);
    if (opts.json) await writeFile(opts.json, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    await dev.close();
    await app.stop();
  }
}

async function firstSession(app: TestApp, cohortId: string): Promise<Session | null> {
  const repo = new CosmosRepository<Session>(app.server.cosmos.container("programs"), { type: "session" });
  for await (const s of repo.queryAll(app.tenantIds[0]!.toLowerCase(), { where: "c.cohortId = @cohortId", parameters: { cohortId } }, 1)) return s;
  return null;
}

/** Free/busy and working hours of everyone, read with our own clients so the job's counts stay clean. */
async function readCalendars(app: TestApp, pairs: readonly BenchPair[], window: TimeRange): Promise<Map<string, PersonAvailability>> {
  const http = createTrustedHttp(app.devTenant.caCertPem);
  try {
    const { graph } = devTenantGraph(app.devTenant, http);
    const people = pairs.flatMap((p) => [p.mentor, p.mentee]).map((p) => ({ id: p.id, address: p.mail! }));
    const read = await new GraphAvailabilityReader(graph).read(app.tenantIds[0]!, people, window);
    const unreadable = [...read.values()].filter((a) => !a.calendar.readable || !a.workingHours).length;
    if (unreadable > 0) console.warn(`${unreadable} of ${people.length} calendars or working hours could not be read; their sessions count as infeasible.`);
    return read;
  } finally {
    await http.close();
  }
}

/** Free time of one person in a window: working hours minus busy blocks padded by the job's buffer. */
function freeOf(availability: PersonAvailability | undefined, window: TimeRange): TimeRange[] {
  if (!availability?.workingHours || !availability.calendar.readable) return [];
  const buffer = DEFAULT_SCHEDULING_SETTINGS.bufferMinutes * MINUTE_MS;
  return subtractRanges(workingRanges(availability.workingHours, window), padRanges(availability.calendar.busy, buffer));
}

/** Sessions for which some grid slot in their week fits both people's free time (each session on its own). */
function countFeasible(pairs: readonly BenchPair[], calendars: Map<string, PersonAvailability>, seriesStart: number, earliest: number): number {
  const grid = DEFAULT_SCHEDULING_SETTINGS.gridMinutes * MINUTE_MS;
  const length = CADENCE.sessionMinutes * MINUTE_MS;
  let feasible = 0;
  for (const pair of pairs) {
    for (let k = 0; k < CADENCE.sessions; k++) {
      const weekStart = seriesStart + k * CADENCE.everyWeeks * WEEK_MS;
      const week = { start: Math.max(weekStart, earliest), end: weekStart + WEEK_MS };
      if (week.end <= week.start) continue;
      const common = intersectRanges(freeOf(calendars.get(pair.mentor.id), week), freeOf(calendars.get(pair.mentee.id), week));
      if (common.some((r) => Math.ceil(r.start / grid) * grid + length <= r.end)) feasible++;
    }
  }
  return feasible;
}

interface BookedEvent {
  organiser: string;
  attendee: string;
  start: number;
  end: number;
}

/** The app's meetings as the dev tenant stores them in the organisers' mailboxes (not cancelled). */
async function bookedEvents(dev: DevEndpoints, tenantId: string, pairs: readonly BenchPair[]): Promise<BookedEvent[]> {
  const byAddress = new Map(pairs.flatMap((p) => [p.mentor, p.mentee]).map((p) => [p.mail!.toLowerCase(), p.id]));
  const mentors = [...new Set(pairs.map((p) => p.mentor.id))];
  const out: BookedEvent[] = [];
  for (let i = 0; i < mentors.length; i += 20) {
    const pages = await Promise.all(mentors.slice(i, i + 20).map((m) => dev.json<{ value: Array<Record<string, unknown>> }>("GET", `/dev/tenants/${tenantId}/users/${m}/events`)));
    pages.forEach((page, j) => {
      for (const e of page.value) {
        if (e.isOrganizer !== true || e.isCancelled === true || typeof e.transactionId !== "string") continue;
        const attendee = (e.attendees as Array<{ emailAddress: { address: string } }>)[0]?.emailAddress.address.toLowerCase() ?? "";
        out.push({ organiser: mentors[i + j]!, attendee: byAddress.get(attendee) ?? attendee, start: instantFromGraph(e.start)!, end: instantFromGraph(e.end)! });
      }
    });
  }
  return out;
}

/** Booked events overlapping the person's earlier busy time or another booking of the same person. */
function countConflicts(booked: readonly BookedEvent[], before: Map<string, PersonAvailability>): number {
  const byPerson = new Map<string, BookedEvent[]>();
  for (const e of booked) for (const who of [e.organiser, e.attendee]) byPerson.set(who, [...(byPerson.get(who) ?? []), e]);
  const conflicted = new Set<BookedEvent>();
  for (const [person, events] of byPerson) {
    const calendar = before.get(person)?.calendar;
    const busy = calendar?.readable ? calendar.busy : [];
    const sorted = [...events].sort((a, b) => a.start - b.start);
    sorted.forEach((e, i) => {
      if (busy.some((b) => b.start < e.end && b.end > e.start)) conflicted.add(e);
      const next = sorted[i + 1];
      if (next && next.start < e.end) {
        conflicted.add(e);
        conflicted.add(next);
      }
    });
  }
  return conflicted.size;
}

function report(r: SchedulingBenchResult): void {
  const ratio = r.graphRequests / r.lowerBoundRequests;
  const share = r.sessionsFeasible === 0 ? 1 : r.sessionsBooked / r.sessionsFeasible;
  const lines = [
    `scheduling: ${r.pairs} pairs, ${r.sessionsRequested} sessions requested, ${r.sessionsFeasible} feasible, ${r.sessionsBooked} booked in ${r.seconds} s`,
    `  booked / feasible        ${(share * 100).toFixed(2)}%   (target ≥ ${TARGETS.bookedOfFeasible * 100}%)  ${share >= TARGETS.bookedOfFeasible ? "ok" : "MISSED"}`,
    `  conflicts                ${r.conflicts}   (target ${TARGETS.conflicts})  ${r.conflicts === TARGETS.conflicts ? "ok" : "MISSED"}`,
    `  Graph requests           ${r.graphRequests} vs bound ${r.lowerBoundRequests} = ${ratio.toFixed(3)}×   (target ≤ ${TARGETS.requestsOverBound}×)  ${ratio <= TARGETS.requestsOverBound ? "ok" : "MISSED"}`,
    `  max in flight / mailbox  ${r.maxInFlightPerMailbox}   (target ≤ ${TARGETS.maxInFlightPerMailbox})  ${r.maxInFlightPerMailbox <= TARGETS.maxInFlightPerMailbox ? "ok" : "MISSED"}`,
  ];
  console.log(lines.join("\n"));
}
