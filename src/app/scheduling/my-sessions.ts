// Sessions as people and admins see them, and what a participant may do with one: ask to reschedule
// (the app moves it to the next good slot now), skip it (the event is cancelled), pause or resume the
// whole pair (future events cancelled / re-planned).
import type { Caller } from "../caller.js";
import { sessionHasEnded } from "../feedback/session-ended.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { myPairView, personRef, type MyPair, type PersonRef } from "../pairs/my-pairs.js";
import type { StoredPair } from "../pairs/pair-model.js";
import type { Page, PageRequest } from "../ports/page.js";
import { nextSlot } from "../../domain/scheduling/index.js";
import { MINUTE_MS, WEEK_MS } from "../../domain/time/index.js";
import type { SchedulingDeps, SessionFilter } from "./scheduling-ports.js";
import { bookSession } from "./schedule-cohort.js";
import { loadContext, reslotSession, storedOrganiser } from "./reslot-session.js";
import type { SessionState, StoredSession } from "./session-model.js";
import { bookingsOf, HOLDING_STATES, iso, mailboxesOf, pairToSchedule, roleOf, saveWithRetry, transactionIdOf, WATCHED_STATES, withHistory } from "./session-support.js";

export interface SessionProblemView {
  code: string;
  message: string;
  who?: "mentor" | "mentee" | "both";
}

export interface MySession {
  id: string;
  pairId: string;
  cohortId: string;
  cohortName: string;
  sequence: number;
  of: number;
  start: string | null;
  end: string | null;
  state: SessionState;
  joinUrl: string | null;
  counterpart: PersonRef;
  myRole: "mentor" | "mentee";
  problem: SessionProblemView | null;
  canReschedule: boolean;
  canSkip: boolean;
  canGiveFeedback: boolean;
  myFeedback: { rating: number; comment: string | null } | null;
}

export interface AdminSession {
  id: string;
  pairId: string;
  mentor: PersonRef;
  mentee: PersonRef;
  sequence: number;
  of: number;
  state: SessionState;
  start: string | null;
  end: string | null;
  joinUrl: string | null;
  problem: SessionProblemView | null;
  reslotCount: number;
  attendeeResponse: string | null;
}

const MOVABLE: readonly SessionState[] = WATCHED_STATES;
const SKIPPABLE: readonly SessionState[] = ["planned", ...WATCHED_STATES];

/** Loads pairs and cohorts once per page. */
function lookups(deps: SchedulingDeps, tenantId: string) {
  const pairs = new Map<string, Promise<StoredPair | null>>();
  const cohorts = new Map<string, Promise<StoredCohort | null>>();
  return {
    pair: (id: string) => pairs.get(id) ?? pairs.set(id, deps.pairs.get(tenantId, id)).get(id)!,
    cohort: (id: string) => cohorts.get(id) ?? cohorts.set(id, deps.cohorts.get(tenantId, id)).get(id)!,
  };
}

export async function listMySessions(deps: SchedulingDeps, caller: Caller, page: PageRequest): Promise<Page<MySession>> {
  const found = await deps.sessions.list(caller.tenantId, { participantId: caller.userId }, page);
  const look = lookups(deps, caller.tenantId);
  const items = await Promise.all(found.items.map(async (s) => toMySession(deps, s, caller.userId, await look.pair(s.pairId), await look.cohort(s.cohortId))));
  return { items: items.filter((s): s is MySession => s !== null), continuationToken: found.continuationToken };
}

async function toMySession(deps: SchedulingDeps, s: StoredSession, userId: string, pair: StoredPair | null, cohort: StoredCohort | null): Promise<MySession | null> {
  const role = roleOf(s, userId);
  // Someone who left the cohort no longer sees its sessions (their side of them was erased).
  if (!role || !pair || s.departed?.includes(role)) return null;
  const now = deps.clock.now();
  const future = s.start === null || Date.parse(s.start) > now;
  // The feedback API's own rule, so the tab never offers feedback the API would refuse (e.g. on a declined session).
  const ended = sessionHasEnded(s, now);
  const feedback = ended ? await deps.sessions.feedbackOf(s.tenantId, s.id, userId) : null;
  return {
    id: s.id,
    pairId: s.pairId,
    cohortId: s.cohortId,
    cohortName: cohort?.settings.name ?? "",
    sequence: s.index + 1,
    of: s.of,
    start: s.start,
    end: s.end,
    state: s.state,
    joinUrl: s.joinUrl,
    counterpart: personRef(role === "mentor" ? pair.mentee : pair.mentor),
    myRole: role,
    problem: s.problem,
    canReschedule: pair.state === "active" && future && s.start !== null && MOVABLE.includes(s.state),
    canSkip: pair.state === "active" && future && SKIPPABLE.includes(s.state),
    canGiveFeedback: ended && feedback === null,
    myFeedback: feedback ? { rating: feedback.rating, comment: feedback.comment } : null,
  };
}

export async function listCohortSessions(deps: SchedulingDeps, tenantId: string, cohortId: string, filter: Pick<SessionFilter, "pairId" | "states">, page: PageRequest): Promise<Page<AdminSession>> {
  const cohort = await deps.cohorts.get(tenantId, cohortId);
  if (!cohort) throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  const found = await deps.sessions.list(tenantId, { cohortId, ...filter }, page);
  const look = lookups(deps, tenantId);
  const items = await Promise.all(
    found.items.map(async (s): Promise<AdminSession | null> => {
      const pair = await look.pair(s.pairId);
      if (!pair) return null;
      const { id, pairId, of, state, start, end, joinUrl, problem, reslotCount, attendeeResponse } = s;
      return { id, pairId, mentor: personRef(pair.mentor), mentee: personRef(pair.mentee), sequence: s.index + 1, of, state, start, end, joinUrl, problem, reslotCount, attendeeResponse };
    }),
  );
  return { items: items.filter((s): s is AdminSession => s !== null), continuationToken: found.continuationToken };
}

/** The caller's own session; someone else's is reported as not found (its existence is not disclosed). */
async function ownSession(deps: SchedulingDeps, caller: Caller, sessionId: string): Promise<{ session: StoredSession; role: "mentor" | "mentee" }> {
  const session = await deps.sessions.get(caller.tenantId, sessionId);
  const role = session ? roleOf(session, caller.userId) : null;
  if (!session || !role) throw new NotFoundError(`You have no session ${sessionId}.`);
  return { session, role };
}

async function view(deps: SchedulingDeps, caller: Caller, session: StoredSession): Promise<MySession> {
  const look = lookups(deps, caller.tenantId);
  const result = await toMySession(deps, session, caller.userId, await look.pair(session.pairId), await look.cohort(session.cohortId));
  if (!result) throw new NotFoundError(`You have no session ${session.id}.`);
  return result;
}

export async function requestReschedule(deps: SchedulingDeps, caller: Caller, sessionId: string, reason: string | null): Promise<MySession> {
  const { session, role } = await ownSession(deps, caller, sessionId);
  const context = await loadContext(deps, session);
  const mine = await toMySession(deps, session, caller.userId, context.pair, context.cohort);
  if (!mine?.canReschedule) throw new ConflictError(`This session cannot be rescheduled (it is ${session.state}${session.start && Date.parse(session.start) <= deps.clock.now() ? " and already started" : ""}).`);
  const outcome = await reslotSession(deps, session, context, { cause: "rescheduled", by: role, note: reason ? `asked by the ${role}: ${reason}` : `asked by the ${role}`, strict: true });
  return view(deps, caller, outcome.session);
}

export async function skipSession(deps: SchedulingDeps, caller: Caller, sessionId: string, reason: string | null): Promise<MySession> {
  const { session, role } = await ownSession(deps, caller, sessionId);
  const context = await loadContext(deps, session);
  const mine = await toMySession(deps, session, caller.userId, context.pair, context.cohort);
  if (!mine?.canSkip) throw new ConflictError(`This session cannot be skipped (it is ${session.state}).`);
  const saved = await cancelSession(deps, session, context.pair, { kind: "skipped", by: role, note: reason, comment: `Skipped by the ${role} in the reverse mentoring app.` });
  return view(deps, caller, saved);
}

/** Cancels the event (if any) and records the session as cancelled (also used when a participant leaves the cohort). */
export async function cancelSession(deps: Pick<SchedulingDeps, "sessions" | "booking" | "clock">, session: StoredSession, pair: StoredPair, how: { kind: "skipped" | "cancelled"; by: string; note: string | null; comment: string }): Promise<StoredSession> {
  const organiser = storedOrganiser(session, pair);
  if (organiser && session.eventId) await deps.booking.cancel(session.tenantId, organiser, session.eventId, how.comment);
  const saved = await saveWithRetry(deps, session, (cur) => (cur.state === "cancelled" ? null : withHistory(cur, deps.clock.now(), { kind: how.kind, state: "cancelled", by: how.by, note: how.note })));
  return saved ?? (await deps.sessions.get(session.tenantId, session.id)) ?? session;
}

const PAUSE_NOTE = "pair paused";

async function ownPair(deps: SchedulingDeps, caller: Caller, pairId: string): Promise<{ pair: StoredPair; role: "mentor" | "mentee"; cohort: StoredCohort }> {
  const pair = await deps.pairs.get(caller.tenantId, pairId);
  const role = pair ? (pair.mentor.id.toLowerCase() === caller.userId.toLowerCase() ? "mentor" : pair.mentee.id.toLowerCase() === caller.userId.toLowerCase() ? "mentee" : null) : null;
  // Mentors never see proposed or vetoed pairs; nobody sees pairs they are not in.
  if (!pair || !role || (role === "mentor" && (pair.state === "proposed" || pair.state === "vetoed"))) throw new NotFoundError(`You have no pair ${pairId}.`);
  const cohort = await deps.cohorts.get(caller.tenantId, pair.cohortId);
  if (!cohort) throw new NotFoundError(`You have no pair ${pairId}.`);
  return { pair, role, cohort };
}

async function setPairState(deps: SchedulingDeps, pair: StoredPair, from: StoredPair["state"], to: StoredPair["state"]): Promise<StoredPair> {
  let current: StoredPair | null = pair;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    if (current.state !== from) break;
    try {
      return await deps.pairs.replace({ ...current, state: to, updatedAt: iso(deps.clock.now()) });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await deps.pairs.get(pair.tenantId, pair.id);
    }
  }
  throw new ConflictError(`The pair is ${current?.state ?? "gone"}; only ${from === "active" ? "an active pair can be paused" : "a paused pair can be resumed"}.`);
}

export async function pausePair(deps: SchedulingDeps, caller: Caller, pairId: string): Promise<MyPair> {
  const { pair, role, cohort } = await ownPair(deps, caller, pairId);
  if (pair.state !== "active") throw new ConflictError(`The pair is ${pair.state}; only an active pair can be paused.`);
  const paused = await setPairState(deps, pair, "active", "paused");
  const now = deps.clock.now();
  const future = (await deps.sessions.listAll(caller.tenantId, { pairId, states: SKIPPABLE })).filter((s) => s.start === null || Date.parse(s.start) > now);
  for (const session of future) {
    await cancelSession(deps, session, paused, { kind: "cancelled", by: role, note: PAUSE_NOTE, comment: `The ${role} paused the mentoring pair.` });
  }
  return myPairView(paused, caller.userId, cohort.settings.name);
}

/** Future sessions cancelled by the pause get a new slot in their own week (or stay planned with the reason) and are booked. */
export async function resumePair(deps: SchedulingDeps, caller: Caller, pairId: string): Promise<MyPair> {
  const { pair, role, cohort } = await ownPair(deps, caller, pairId);
  if (pair.state !== "paused") throw new ConflictError(`The pair is ${pair.state}; only a paused pair can be resumed.`);
  const active = await setPairState(deps, pair, "paused", "active");
  const now = deps.clock.now();
  const from = now + deps.settings.leadMinutes * MINUTE_MS;
  const { cadence } = cohort.settings;
  const weekOf = (s: StoredSession) => {
    const start = Date.parse(s.seriesStart ?? iso(from)) + s.index * cadence.everyWeeks * WEEK_MS;
    return { start: Math.max(start, from), end: start + WEEK_MS };
  };
  const paused = (await deps.sessions.listAll(caller.tenantId, { pairId, states: ["cancelled"] }))
    .filter((s) => s.history.at(-1)?.note === PAUSE_NOTE && weekOf(s).end > from)
    .sort((a, b) => a.index - b.index);
  if (paused.length === 0) return myPairView(active, caller.userId, cohort.settings.name);
  const horizon = { start: from, end: Math.max(...paused.map((s) => weekOf(s).end)) };
  const availability = await deps.availability.read(caller.tenantId, mailboxesOf([active]), horizon);
  const preferences = await deps.preferences.get(caller.tenantId, active.mentee.id);
  const holding = (
    await Promise.all([active.mentor.id, active.mentee.id].map((person) => deps.sessions.listAll(caller.tenantId, { participantId: person, states: HOLDING_STATES, endsAfter: iso(from) })))
  ).flat();
  const bookings = bookingsOf(holding);
  for (const session of paused) {
    const week = weekOf(session);
    const found = nextSlot({
      pair: pairToSchedule(active, availability, preferences),
      sessionMinutes: cadence.sessionMinutes,
      searchFrom: week.start,
      searchUntil: week.end,
      existingBookings: bookings,
      gridMinutes: deps.settings.gridMinutes,
      bufferMinutes: deps.settings.bufferMinutes,
    });
    if (found.slot) bookings.push({ personIds: [active.mentor.id, active.mentee.id], ...found.slot });
    const generation = (session.bookingGeneration ?? 1) + 1;
    const replanned = await saveWithRetry(deps, session, (cur) =>
      cur.state !== "cancelled"
        ? null
        : withHistory(
            {
              ...cur,
              eventId: null,
              organiser: null,
              joinUrl: null,
              changeKey: null,
              attendeeResponse: null,
              bookingGeneration: generation,
              transactionId: transactionIdOf(cur.tenantId, cur.id, generation),
              problem: found.problem ? { code: found.problem.code, message: found.problem.message, ...(found.problem.who ? { who: found.problem.who } : {}) } : null,
              notified: Object.fromEntries(Object.entries(cur.notified).filter(([k]) => k !== "booked")),
            },
            now,
            { kind: found.slot ? "planned" : "unschedulable", state: "planned", by: role, note: "pair resumed", slot: found.slot },
          ),
    );
    if (replanned && found.slot) await bookSession(deps, cohort, active, replanned);
  }
  return myPairView(active, caller.userId, cohort.settings.name);
}
