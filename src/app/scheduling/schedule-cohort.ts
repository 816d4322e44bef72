// The "schedule cohort" job: every active pair of a published cohort gets its series planned into time
// free for both people (whole-cohort fair planning), stored as Session documents, then booked one by one
// as Teams meetings in the organiser's calendar, and both people are told.
//
// Resumable and safe to run twice: session ids and event transactionIds are deterministic, a session is
// planned once and then kept (a re-run only fills the gaps: sessions without a slot), an event is created
// with the session's transactionId (Graph returns the existing event on a repeat) and recorded with the
// session's ETag, and "booked" notifications are recorded in the same write that records the event.
import { ConflictError, NotFoundError } from "../errors.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import type { JobRunner } from "../jobs/job-runner.js";
import type { JobProgress } from "../ports/jobs.js";
import type { StoredPair } from "../pairs/pair-model.js";
import { canTransition } from "../../domain/cohort/index.js";
import { planCohortSessions, type PlannedSession } from "../../domain/scheduling/index.js";
import { DAY_MS, MINUTE_MS, WEEK_MS } from "../../domain/time/index.js";
import type { PersonAvailability } from "./calendar-ports.js";
import type { SchedulingDeps } from "./scheduling-ports.js";
import { forEachLimited } from "../for-each-limited.js";
import { sessionId, type Session, type StoredExecutivePreferences, type StoredSession } from "./session-model.js";
import {
  bookingsOf,
  HOLDING_STATES,
  iso,
  mailboxesOf,
  meetingFor,
  notifyBooked,
  organiserOf,
  pairToSchedule,
  saveWithRetry,
  transactionIdOf,
  withHistory,
} from "./session-support.js";

export const SCHEDULING_JOB = "scheduling";
/** Sessions stored or booked at once. */
const BOOKING_CONCURRENCY = 8;

export interface ScheduleRun {
  tenantId: string;
  cohortId: string;
  signal: AbortSignal;
  progress(update: Partial<JobProgress>): void;
}

export interface ScheduleCounts {
  pairs: number;
  sessionsRequested: number;
  planned: number;
  booked: number;
  unschedulable: number;
  calendarsUnreadable: number;
}

/** Checks the cohort can be scheduled, then runs the job (409 when one runs already for the tenant). */
export async function startCohortScheduling(deps: SchedulingDeps & { jobRunner: JobRunner }, request: { tenantId: string; cohortId: string; requestedBy: string }): Promise<{ jobId: string }> {
  await schedulableCohort(deps, request.tenantId, request.cohortId);
  const started = await deps.jobRunner.start({
    tenantId: request.tenantId,
    kind: SCHEDULING_JOB,
    requestedBy: request.requestedBy,
    handler: async (context) => ({ cohortId: request.cohortId, ...(await scheduleCohort(deps, { ...context, cohortId: request.cohortId })) }),
  });
  return { jobId: started.job.id };
}

export async function schedulableCohort(deps: Pick<SchedulingDeps, "cohorts">, tenantId: string, cohortId: string): Promise<StoredCohort> {
  const cohort = await deps.cohorts.get(tenantId, cohortId);
  if (!cohort) throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  if (cohort.state !== "published" && cohort.state !== "scheduled") {
    throw new ConflictError(`The cohort is ${cohort.state}; publish its pairs before scheduling sessions.`);
  }
  return cohort;
}

export async function scheduleCohort(deps: SchedulingDeps, run: ScheduleRun): Promise<ScheduleCounts> {
  const cohort = await schedulableCohort(deps, run.tenantId, run.cohortId);
  const pairs = (await deps.pairs.listByCohort(run.tenantId, run.cohortId)).filter((p) => p.state === "active");
  run.progress({ percent: 2, message: `Planning sessions for ${pairs.length} pairs` });
  const sessions = await planGaps(deps, run, cohort, pairs, await deps.sessions.listAll(run.tenantId, { cohortId: run.cohortId }));
  run.signal.throwIfAborted();

  const byPair = new Map(pairs.map((p) => [p.id, p]));
  const toBook = sessions.filter((s) => s.state === "planned" && s.start !== null && s.eventId === null && byPair.has(s.pairId));
  const counts = countsOf(pairs.length, cohort.settings.cadence.sessions, sessions);
  run.progress({ percent: 30, counts: { ...counts }, message: `Booking ${toBook.length} sessions` });
  let done = 0;
  // Several bookings in flight (the Graph limiter keeps each mailbox at ≤ 4); each session is its own unit.
  await forEachLimited(toBook, BOOKING_CONCURRENCY, async (session) => {
    run.signal.throwIfAborted();
    const booked = await bookSession(deps, cohort, byPair.get(session.pairId)!, session, run.signal);
    if (booked?.eventId) counts.booked += 1;
    done += 1;
    run.progress({ percent: 30 + (70 * done) / toBook.length, counts: { ...counts } });
  });
  run.signal.throwIfAborted();
  await markScheduled(deps, cohort);
  const final = countsOf(pairs.length, cohort.settings.cadence.sessions, await deps.sessions.listAll(run.tenantId, { cohortId: run.cohortId }));
  run.progress({ percent: 100, counts: { ...final }, message: `${final.booked} of ${final.sessionsRequested} sessions booked` });
  return final;
}

/** Plans every session that has no slot yet (new pairs, earlier problems); sessions with a slot are kept as they are. */
async function planGaps(deps: SchedulingDeps, run: ScheduleRun, cohort: StoredCohort, pairs: StoredPair[], existing: StoredSession[]): Promise<StoredSession[]> {
  const { cadence } = cohort.settings;
  const byId = new Map(existing.map((s) => [s.id, s]));
  const needsSlot = (pairId: string, k: number) => {
    const s = byId.get(sessionId(pairId, k));
    return !s || (s.state === "planned" && s.start === null);
  };
  const open = pairs.filter((p) => Array.from({ length: cadence.sessions }, (_, k) => needsSlot(p.id, k)).some(Boolean));
  if (open.length === 0) return existing;

  const now = deps.clock.now();
  const earliest = now + deps.settings.leadMinutes * MINUTE_MS;
  // Week 1 starts at the first UTC midnight after the lead time; a re-run keeps the series it started.
  const seriesStart = existing.find((s) => s.seriesStart)?.seriesStart ?? iso(Math.ceil(earliest / DAY_MS) * DAY_MS);
  const seriesStartMs = Date.parse(seriesStart);
  const window = { start: Math.max(earliest, seriesStartMs), end: seriesStartMs + (cadence.sessions - 1) * cadence.everyWeeks * WEEK_MS + WEEK_MS };
  const availability: Map<string, PersonAvailability> =
    window.end > window.start ? await deps.availability.read(run.tenantId, mailboxesOf(open), window, run.signal) : new Map();
  run.progress({ percent: 20, message: "Calendars read; planning" });
  const preferences = await preferencesOf(deps, run.tenantId, open);
  // Everything the app holds in the tenant's calendars (other cohorts too) blocks time for the people in it.
  const holding = await deps.sessions.listAll(run.tenantId, { states: HOLDING_STATES, endsAfter: iso(window.start) });
  const plan = planCohortSessions(
    open.map((p) => pairToSchedule(p, availability, preferences.get(p.mentee.id) ?? null)),
    {
      cadence,
      seriesStart: seriesStartMs,
      earliestStart: earliest,
      gridMinutes: deps.settings.gridMinutes,
      bufferMinutes: deps.settings.bufferMinutes,
      existingBookings: bookingsOf(holding),
    },
  );
  run.progress({ percent: 25, message: `Planned ${plan.stats.sessionsPlanned} of ${plan.stats.sessionsRequested} sessions; saving` });
  const out = new Map(byId);
  const toSave = open.flatMap((pair, i) => plan.pairs[i]!.sessions.filter((planned) => needsSlot(pair.id, planned.index)).map((planned) => ({ pair, planned })));
  await forEachLimited(toSave, BOOKING_CONCURRENCY, async ({ pair, planned }) => {
    run.signal.throwIfAborted();
    const saved = await savePlanned(deps, cohort, pair, planned, byId.get(sessionId(pair.id, planned.index)) ?? null, seriesStart, now);
    out.set(saved.id, saved);
  });
  return [...out.values()];
}

async function preferencesOf(deps: SchedulingDeps, tenantId: string, pairs: StoredPair[]): Promise<Map<string, StoredExecutivePreferences>> {
  const out = new Map<string, StoredExecutivePreferences>();
  await forEachLimited([...new Set(pairs.map((p) => p.mentee.id))], BOOKING_CONCURRENCY, async (id) => {
    const found = await deps.preferences.get(tenantId, id);
    if (found) out.set(id, found);
  });
  return out;
}

/** Creates the session (or updates one that had no slot), keeping whatever a concurrent run stored first. */
async function savePlanned(
  deps: SchedulingDeps,
  cohort: StoredCohort,
  pair: StoredPair,
  planned: PlannedSession,
  current: StoredSession | null,
  seriesStart: string,
  now: number,
): Promise<StoredSession> {
  const kind = planned.slot ? "planned" : "unschedulable";
  const problem = planned.problem ? { code: planned.problem.code, message: planned.problem.message, ...(planned.problem.who ? { who: planned.problem.who } : {}) } : null;
  if (current) {
    const saved = await saveWithRetry(deps, current, (cur) => {
      if (cur.start !== null || cur.state !== "planned") return null;
      if (!planned.slot && cur.problem?.code === problem?.code && cur.problem?.message === problem?.message) return null;
      return withHistory({ ...cur, problem }, now, { kind, state: "planned", by: "system", note: problem?.message ?? null, slot: planned.slot });
    });
    return saved ?? (await deps.sessions.get(cohort.tenantId, current.id)) ?? current;
  }
  const id = sessionId(pair.id, planned.index);
  const fresh: Session = withHistory(
    {
      id,
      type: "session",
      tenantId: cohort.tenantId,
      cohortId: cohort.id,
      pairId: pair.id,
      mentorId: pair.mentor.id,
      menteeId: pair.mentee.id,
      index: planned.index,
      of: cohort.settings.cadence.sessions,
      state: "planned",
      start: null,
      end: null,
      problem,
      organiser: null,
      eventId: null,
      transactionId: transactionIdOf(cohort.tenantId, id, 1),
      joinUrl: null,
      attendeeResponse: null,
      reslotCount: 0,
      notified: {},
      history: [],
      createdAt: iso(now),
      updatedAt: iso(now),
      seriesStart,
      changeKey: null,
      bookingGeneration: 1,
    },
    now,
    { kind, state: "planned", by: "system", note: problem?.message ?? null, slot: planned.slot },
  );
  try {
    return await deps.sessions.create(fresh);
  } catch (error) {
    // Another instance (or the crashed run) stored it first: its version is the truth.
    if (!(error instanceof ConflictError)) throw error;
    const stored = await deps.sessions.get(cohort.tenantId, id);
    if (!stored) throw error;
    return stored;
  }
}

/**
 * Creates the event with the session's transactionId and records it. A repeat (crash, second instance)
 * gets the same event back from Graph and finds the session already recorded: nothing is sent twice.
 */
export async function bookSession(deps: SchedulingDeps, cohort: StoredCohort, pair: StoredPair, session: StoredSession, signal?: AbortSignal): Promise<StoredSession | null> {
  const organiser = organiserOf(cohort, pair);
  const now = () => deps.clock.now();
  if (!organiser || session.start === null || session.end === null) {
    return saveWithRetry(deps, session, (cur) =>
      cur.eventId !== null
        ? null
        : withHistory({ ...cur, problem: { code: "calendarUnreadable", message: "no organiser mailbox is known for this pair", who: "mentor" } }, now(), {
            kind: "unschedulable",
            state: "planned",
            by: "system",
            slot: null,
          }),
    );
  }
  const slot = { start: Date.parse(session.start), end: Date.parse(session.end) };
  const event = await deps.booking.create(cohort.tenantId, meetingFor(cohort, pair, session, organiser, slot, session.transactionId), signal);
  const saved = await saveWithRetry(deps, session, (cur) => {
    if (cur.eventId !== null || cur.state !== "planned") return null;
    const at = now();
    return withHistory(
      { ...cur, organiser: organiser.id, eventId: event.eventId, joinUrl: event.joinUrl, changeKey: event.changeKey, attendeeResponse: "none", problem: null, notified: { ...cur.notified, booked: iso(at) } },
      at,
      { kind: "booked", state: "booked", by: "system", slot: { start: event.start, end: event.end } },
    );
  });
  if (saved) notifyBooked(deps, saved, pair, cohort.settings.name);
  return saved;
}

async function markScheduled(deps: SchedulingDeps, cohort: StoredCohort): Promise<void> {
  let current: StoredCohort | null = cohort;
  for (let attempt = 0; attempt < 3 && current && current.state !== "scheduled" && canTransition(current.state, "scheduled"); attempt++) {
    try {
      await deps.cohorts.replace({ ...current, state: "scheduled", updatedAt: iso(deps.clock.now()) });
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await deps.cohorts.get(cohort.tenantId, cohort.id);
    }
  }
}

function countsOf(pairs: number, perPair: number, sessions: readonly Session[]): ScheduleCounts {
  const live = sessions.filter((s) => s.state !== "cancelled");
  return {
    pairs,
    sessionsRequested: pairs * perPair,
    planned: live.filter((s) => s.start !== null).length,
    booked: live.filter((s) => s.eventId !== null).length,
    unschedulable: live.filter((s) => s.start === null && s.problem?.code !== "calendarUnreadable").length,
    calendarsUnreadable: live.filter((s) => s.start === null && s.problem?.code === "calendarUnreadable").length,
  };
}
