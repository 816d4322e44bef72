// Moving one session to the next good slot: after a decline, a cancellation in Outlook, a new conflict in
// the executive's calendar, or a participant's "reschedule" request. The slot is searched with fresh
// free/busy for both people and everything else the app has booked, up to the pair's next session.
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { ConflictError, NotFoundError } from "../errors.js";
import type { SessionMoveReason } from "../messaging/notifier.js";
import type { StoredPair } from "../pairs/pair-model.js";
import { nextSlot, type SessionProblem } from "../../domain/scheduling/index.js";
import { DAY_MS, MINUTE_MS, WEEK_MS, type TimeRange } from "../../domain/time/index.js";
import type { CalendarEvent, MailboxRef } from "./calendar-ports.js";
import type { SchedulingDeps } from "./scheduling-ports.js";
import type { SessionState, StoredSession } from "./session-model.js";
import {
  bookingsOf,
  HOLDING_STATES,
  iso,
  mailboxesOf,
  meetingFor,
  meetingZone,
  notifyMoved,
  organiserOf,
  pairToSchedule,
  saveWithRetry,
  slotOf,
  transactionIdOf,
  withHistory,
} from "./session-support.js";

export type ReslotCause = SessionMoveReason;

export interface ReslotOutcome {
  session: StoredSession;
  /** null when moved; otherwise why no slot was found (stored on the session too). */
  problem: SessionProblem | null;
}

export interface SessionContext {
  pair: StoredPair;
  cohort: StoredCohort;
}

export async function loadContext(deps: Pick<SchedulingDeps, "pairs" | "cohorts">, session: StoredSession): Promise<SessionContext> {
  const [pair, cohort] = await Promise.all([deps.pairs.get(session.tenantId, session.pairId), deps.cohorts.get(session.tenantId, session.cohortId)]);
  if (!pair || !cohort) throw new NotFoundError(`The pair or cohort of session ${session.id} no longer exists.`);
  return { pair, cohort };
}

/** The mailbox holding the session's event (as recorded when it was booked). */
export function storedOrganiser(session: StoredSession, pair: StoredPair): MailboxRef | null {
  if (!session.organiser) return null;
  if (session.organiser.toLowerCase() === pair.mentor.id.toLowerCase()) return pair.mentor.mail ? { id: pair.mentor.id, address: pair.mentor.mail } : null;
  return { id: session.organiser, address: session.organiser };
}

/**
 * Finds the next good slot and moves the event there (or books a new one when the event is gone).
 * Without a slot the session keeps its state and records the problem; `strict` turns that into a 409.
 */
export async function reslotSession(
  deps: SchedulingDeps,
  session: StoredSession,
  context: SessionContext,
  request: { cause: ReslotCause; by: string; note?: string | null; strict?: boolean; signal?: AbortSignal },
): Promise<ReslotOutcome> {
  const { pair, cohort } = context;
  const { cadence } = cohort.settings;
  const now = deps.clock.now();
  // Not earlier than the session's own week: a decline of a January session moves it within January's
  // cadence, not to the first free hour from now (which would crowd the executive's next weeks).
  const from = Math.max(now + deps.settings.leadMinutes * MINUTE_MS, ownWeekStart(session, cadence.everyWeeks));
  const until = await searchUntil(deps, session, from, cadence.everyWeeks);
  const window = { start: from, end: until };
  const availability = await deps.availability.read(session.tenantId, mailboxesOf([pair]), window, request.signal);
  const preferences = await deps.preferences.get(session.tenantId, pair.mentee.id);
  const holding = (
    await Promise.all([pair.mentor.id, pair.mentee.id].map((person) => deps.sessions.listAll(session.tenantId, { participantId: person, states: CAP_STATES, endsAfter: iso(from - WEEK_MS) })))
  ).flat();
  const found = nextSlot({
    pair: pairToSchedule(pair, availability, preferences),
    sessionMinutes: cadence.sessionMinutes,
    searchFrom: from,
    searchUntil: until,
    exclude: declinedSlots(session),
    existingBookings: bookingsOf(holding, session.id),
    gridMinutes: deps.settings.gridMinutes,
    bufferMinutes: deps.settings.bufferMinutes,
  });
  if (!found.slot) {
    if (request.strict) throw new ConflictError(`No other time suits you both before the next session: ${found.problem.message}.`);
    // The poll retries later; the same answer again is not news worth a history entry.
    const saved = await saveWithRetry(deps, session, (cur) =>
      cur.problem?.code === found.problem.code && cur.problem.message === found.problem.message
        ? null
        : withHistory({ ...cur, problem: { code: found.problem.code, message: found.problem.message, ...(found.problem.who ? { who: found.problem.who } : {}) } }, now, {
            kind: "unschedulable",
            state: cur.state,
            by: "system",
            note: `${request.cause}: ${found.problem.message}`,
          }),
    );
    return { session: saved ?? session, problem: found.problem };
  }
  const event = await placeEvent(deps, session, context, found.slot, request.signal);
  const previousStart = session.start ?? iso(found.slot.start);
  const saved = await saveWithRetry(deps, session, (cur) =>
    withHistory(
      {
        ...cur,
        organiser: event.organiser.id,
        eventId: event.event.eventId,
        joinUrl: event.event.joinUrl ?? cur.joinUrl,
        changeKey: event.event.changeKey,
        transactionId: event.transactionId,
        bookingGeneration: event.generation,
        attendeeResponse: "none",
        problem: null,
        reslotCount: cur.reslotCount + 1,
      },
      now,
      { kind: "reslotted", state: "rescheduled", by: request.by, note: request.note ?? request.cause, slot: { start: event.event.start, end: event.event.end } },
    ),
  );
  const result = saved ?? session;
  notifyMoved(deps, result, pair, cohort.settings.name, previousStart, request.cause);
  return { session: result, problem: null };
}

/** Sessions that take a place in someone's week: a held one earlier in the same week counts toward the weekly cap. */
const CAP_STATES: readonly SessionState[] = [...HOLDING_STATES, "held"];

/** Where the session's week of the series begins (0 when the series start is not recorded). */
function ownWeekStart(session: StoredSession, everyWeeks: number): number {
  return session.seriesStart ? Date.parse(session.seriesStart) + session.index * Math.max(1, everyWeeks) * WEEK_MS : 0;
}

/** Up to the pair's next session (the series keeps its order), and at least a few days to choose from. */
async function searchUntil(deps: SchedulingDeps, session: StoredSession, from: number, everyWeeks: number): Promise<number> {
  const siblings = await deps.sessions.listAll(session.tenantId, { pairId: session.pairId, states: HOLDING_STATES });
  const next = siblings
    .filter((s) => s.index > session.index && s.start !== null)
    .map((s) => Date.parse(s.start!))
    .sort((a, b) => a - b)[0];
  const fallback = from + Math.max(1, everyWeeks) * WEEK_MS;
  return next === undefined ? fallback : Math.max(next, from + 3 * DAY_MS);
}

/** The current slot and every slot the executive already declined for this session are not offered again. */
function declinedSlots(session: StoredSession): TimeRange[] {
  const out: TimeRange[] = [];
  const current = slotOf(session);
  if (current) out.push(current);
  for (const h of session.history) {
    if (h.state === "declined" && h.start && h.end) out.push({ start: Date.parse(h.start), end: Date.parse(h.end) });
  }
  return out;
}

/** Moves the existing event; books a new one (next transactionId generation) when it is gone or never existed. */
async function placeEvent(
  deps: SchedulingDeps,
  session: StoredSession,
  { pair, cohort }: SessionContext,
  slot: TimeRange,
  signal?: AbortSignal,
): Promise<{ event: CalendarEvent; organiser: MailboxRef; transactionId: string; generation: number }> {
  const timeZone = meetingZone(cohort, pair);
  const generation = session.bookingGeneration ?? 1;
  const current = storedOrganiser(session, pair);
  if (current && session.eventId) {
    const moved = await deps.booking.move(session.tenantId, current, session.eventId, { ...slot, timeZone }, signal);
    if (moved && !moved.isCancelled) return { event: moved, organiser: current, transactionId: session.transactionId, generation };
  }
  const organiser = current ?? organiserOf(cohort, pair);
  if (!organiser) throw new ConflictError("No organiser mailbox is known for this pair, so no meeting can be booked.");
  const next = session.eventId ? generation + 1 : generation;
  const transactionId = transactionIdOf(session.tenantId, session.id, next);
  const event = await deps.booking.create(session.tenantId, meetingFor(cohort, pair, session, organiser, slot, transactionId), signal);
  return { event, organiser, transactionId, generation: next };
}
