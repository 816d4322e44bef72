// RSVP handling: what the calendar watch (Graph change notifications) and the periodic poll learn about
// booked sessions becomes session state. An executive's decline, a cancelled or deleted event, or a new
// conflict in the executive's calendar moves the session to the next good slot by itself; an accepted
// meeting that ended counts as held. Every step is idempotent: Graph delivers notifications at least once.
import type { CalendarChangeSink, CalendarEvent, MailboxRef } from "./calendar-ports.js";
import type { SchedulingDeps } from "./scheduling-ports.js";
import type { SessionState, StoredSession } from "./session-model.js";
import { loadContext, reslotSession, storedOrganiser, type SessionContext } from "./reslot-session.js";
import { iso, mailboxOf, saveWithRetry, slotOf, WATCHED_STATES, withHistory } from "./session-support.js";
import { containsRange, DAY_MS, overlaps } from "../../domain/time/index.js";

export interface PollReport {
  checked: number;
  updated: number;
  reslotted: number;
  held: number;
  conflicts: number;
  failed: number;
}

export interface RsvpHandler extends CalendarChangeSink {
  /** The safety net: re-reads the tenant's open sessions up to the conflict horizon, marks held ones, detects new conflicts. */
  poll(tenantId: string): Promise<PollReport>;
}

const RESPONSE_STATE: Record<string, SessionState | undefined> = { accepted: "accepted", tentativelyAccepted: "tentative", declined: "declined" };

export function createRsvpHandler(deps: SchedulingDeps): RsvpHandler {
  return {
    async eventChanged(notice) {
      const session = await deps.sessions.findByEvent(notice.tenantId, notice.organiserId, notice.eventId);
      if (session) await refreshSession(deps, session);
    },
    async resync(notice) {
      const open = await deps.sessions.listAll(notice.tenantId, { states: WATCHED_STATES });
      for (const session of open.filter((s) => s.organiser?.toLowerCase() === notice.organiserId.toLowerCase())) await refreshSession(deps, session);
    },
    poll: (tenantId) => pollSessions(deps, tenantId),
  };
}

type RefreshResult = "unchanged" | "updated" | "reslotted" | "held";

/** Reads the session's event and applies what changed: the executive's answer, a move in Outlook, a cancellation. */
export async function refreshSession(deps: SchedulingDeps, session: StoredSession, known?: SessionContext): Promise<RefreshResult> {
  if (!WATCHED_STATES.includes(session.state) || !session.eventId) return "unchanged";
  const context = known ?? (await loadContext(deps, session));
  const organiser = storedOrganiser(session, context.pair);
  if (!organiser) return "unchanged";
  const event = await deps.booking.get(session.tenantId, organiser, session.eventId);
  const now = deps.clock.now();
  if (!event || event.isCancelled) {
    if (session.end !== null && Date.parse(session.end) <= now) return "unchanged";
    await reslotSession(deps, session, context, { cause: "organizer-changed", by: "system", note: "the meeting was cancelled or deleted in Outlook" });
    return "reslotted";
  }
  // Our own writes and repeated notifications carry a changeKey we already processed.
  if (event.changeKey !== null && event.changeKey === session.changeKey) return "unchanged";
  const response = responseOf(event, context.pair.mentee.mail);
  const answered = response ? RESPONSE_STATE[response] : undefined;
  const slotMoved = session.start !== iso(event.start) || session.end !== iso(event.end);
  // Only the call whose write turns the session into "declined" re-slots it: a duplicate notification
  // handled at the same moment (another instance, the poll) finds it declined already and leaves it.
  let declinedNow = false;
  const saved = await saveWithRetry(deps, session, (cur) => {
    declinedNow = false;
    const base = { ...cur, changeKey: event.changeKey, attendeeResponse: response ?? cur.attendeeResponse, joinUrl: event.joinUrl ?? cur.joinUrl };
    if (slotMoved) return withHistory(base, now, { kind: "reslotted", state: answered ?? "booked", by: "organiser in Outlook", slot: { start: event.start, end: event.end } });
    if (answered && (answered !== cur.state || response !== cur.attendeeResponse)) {
      declinedNow = answered === "declined" && cur.state !== "declined";
      return withHistory(base, now, { kind: "responded", state: answered, by: `${response} by attendee` });
    }
    return base;
  });
  // A decline after the meeting's time (a late answer) changes nothing any more.
  if (saved && declinedNow && Date.parse(saved.end ?? "") > now) {
    await reslotSession(deps, saved, context, { cause: "declined", by: "system", note: "the executive declined" });
    return "reslotted";
  }
  return slotMoved || answered ? "updated" : "unchanged";
}

function responseOf(event: CalendarEvent, address: string | null): string | null {
  if (!address) return null;
  return event.attendees.find((a) => a.address.toLowerCase() === address.toLowerCase())?.response ?? null;
}

async function pollSessions(deps: SchedulingDeps, tenantId: string): Promise<PollReport> {
  const report: PollReport = { checked: 0, updated: 0, reslotted: 0, held: 0, conflicts: 0, failed: 0 };
  // Sessions further ahead rely on change notifications (and resync after a "missed" lifecycle event):
  // re-reading every event of a big cohort every 15 minutes would spend the mailboxes' Graph budget.
  const horizon = deps.clock.now() + deps.settings.conflictHorizonDays * DAY_MS;
  const open = await deps.sessions.listAll(tenantId, { states: WATCHED_STATES, startsBefore: iso(horizon) });
  const contexts = new Map<string, SessionContext>();
  const current: StoredSession[] = [];
  for (const session of open) {
    report.checked += 1;
    try {
      const context = contexts.get(session.pairId) ?? (await loadContext(deps, session));
      contexts.set(session.pairId, context);
      const result = await refreshSession(deps, session, context);
      if (result === "updated") report.updated += 1;
      if (result === "reslotted") report.reslotted += 1;
      const latest = (await deps.sessions.get(tenantId, session.id)) ?? session;
      // A decline that found no slot earlier is tried again: calendars change.
      if (result !== "reslotted" && latest.state === "declined" && latest.start !== null && Date.parse(latest.start) > deps.clock.now()) {
        const retried = await reslotSession(deps, latest, context, { cause: "declined", by: "system", note: "the executive declined" });
        if (!retried.problem) report.reslotted += 1;
        continue;
      }
      if (await markHeld(deps, latest)) report.held += 1;
      else if (result !== "reslotted") current.push(latest);
    } catch {
      // One session's failure (a deleted pair, Graph refusing one mailbox) must not stop the others.
      report.failed += 1;
    }
  }
  const conflicted = await findConflicts(deps, tenantId, current, contexts);
  for (const session of conflicted) {
    try {
      await reslotSession(deps, session, contexts.get(session.pairId)!, { cause: "conflict", by: "system", note: "the executive's calendar is now busy at this time" });
      report.conflicts += 1;
    } catch {
      report.failed += 1;
    }
  }
  return report;
}

/** An accepted meeting whose end has passed was held (calendar truth). */
async function markHeld(deps: SchedulingDeps, session: StoredSession): Promise<boolean> {
  const now = deps.clock.now();
  if (session.state !== "accepted" || session.end === null || Date.parse(session.end) > now) return false;
  const saved = await saveWithRetry(deps, session, (cur) => (cur.state === "accepted" ? withHistory(cur, now, { kind: "held", state: "held", by: "calendar" }) : null));
  return saved !== null;
}

/**
 * Upcoming sessions whose executive is now busy over them. getSchedule lists the busy items one by one:
 * one item exactly at the session's time is the executive's copy of our meeting, and anything else that
 * overlaps the session is a new conflict, whether our copy is still there or not. With only the merged
 * availability view (no items), our copy makes the slot busy as a whole and a meeting on top of it cannot
 * be told apart, so only a busy block covering part of the slot counts there (a clash with the copy
 * present then reaches us as a decline; moving a meeting on a guess would be worse).
 */
async function findConflicts(deps: SchedulingDeps, tenantId: string, sessions: StoredSession[], contexts: Map<string, SessionContext>): Promise<StoredSession[]> {
  const now = deps.clock.now();
  const horizon = now + deps.settings.conflictHorizonDays * DAY_MS;
  const upcoming = sessions.filter((s) => s.state !== "declined" && s.start !== null && Date.parse(s.start) > now && Date.parse(s.start) < horizon);
  if (upcoming.length === 0) return [];
  const mailboxes = new Map<string, MailboxRef>();
  for (const s of upcoming) {
    const box = mailboxOf(contexts.get(s.pairId)!.pair.mentee);
    if (box) mailboxes.set(box.id, box);
  }
  const availability = await deps.availability.read(tenantId, [...mailboxes.values()], { start: now, end: horizon });
  return upcoming.filter((s) => {
    const calendar = availability.get(s.menteeId)?.calendar;
    const slot = slotOf(s)!;
    if (!calendar || !calendar.readable) return false;
    if (calendar.items) {
      // Item by item: set aside one item exactly at the session's time (the executive's copy of our
      // meeting); anything else overlapping the session is a new conflict.
      const overlapping = calendar.items.filter((b) => overlaps(b, slot));
      const ours = overlapping.findIndex((b) => b.start === slot.start && b.end === slot.end);
      return overlapping.length - (ours >= 0 ? 1 : 0) > 0;
    }
    return calendar.busy.some((b) => overlaps(b, slot)) && !calendar.busy.some((b) => containsRange([b], slot));
  });
}
