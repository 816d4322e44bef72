// Small pieces every scheduling use case shares: who organises and attends, availability turned into the
// planner's people, the app's own bookings, history entries, notifications and deterministic ids.
import { createHash } from "node:crypto";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { ConcurrencyError } from "../errors.js";
import type { ProgramRole, SessionDetails } from "../messaging/notifier.js";
import type { PairPerson, StoredPair } from "../pairs/pair-model.js";
import type { ExecutivePreferences, ExistingBooking, PairToSchedule, SchedulingPerson } from "../../domain/scheduling/index.js";
import { isWeekday, type TimeRange, type WorkingHours } from "../../domain/time/index.js";
import type { MailboxRef, NewMeeting, PersonAvailability } from "./calendar-ports.js";
import type { SchedulingDeps } from "./scheduling-ports.js";
import type { Session, SessionEventKind, SessionState, StoredExecutivePreferences, StoredSession } from "./session-model.js";

/** States whose slot holds time in both calendars (the planner must not book over them). */
export const HOLDING_STATES: readonly SessionState[] = ["planned", "booked", "accepted", "tentative", "declined", "rescheduled"];
/** States in which the event exists and the RSVP loop watches it. */
export const WATCHED_STATES: readonly SessionState[] = ["booked", "accepted", "tentative", "declined", "rescheduled"];

/** Used only when a mailbox gives no usable working hours: a plain office day in the person's zone. */
const FALLBACK_HOURS: Omit<WorkingHours, "timeZone"> = { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:00", endTime: "17:00" };

export function mailboxOf(person: PairPerson): MailboxRef | null {
  return person.mail ? { id: person.id, address: person.mail } : null;
}

/** The calendar that holds the event: the mentor's, or the cohort's program mailbox. */
export function organiserOf(cohort: StoredCohort, pair: StoredPair): MailboxRef | null {
  if (cohort.settings.organiserMode === "programMailbox") {
    const address = cohort.settings.programMailbox;
    return address ? { id: address.toLowerCase(), address } : null;
  }
  return mailboxOf(pair.mentor);
}

/** Everyone invited besides the organiser (the mentee always; the mentor too when a program mailbox organises). */
export function attendeesOf(cohort: StoredCohort, pair: StoredPair): Array<MailboxRef & { name: string }> {
  const people = cohort.settings.organiserMode === "programMailbox" ? [pair.mentor, pair.mentee] : [pair.mentee];
  return people.flatMap((p) => {
    const box = mailboxOf(p);
    return box ? [{ ...box, name: p.displayName }] : [];
  });
}

export function toSchedulingPerson(person: PairPerson, availability: PersonAvailability | undefined): SchedulingPerson {
  const workingHours = availability?.workingHours ?? { ...FALLBACK_HOURS, timeZone: person.timeZone ?? "UTC" };
  if (!person.mail) return { id: person.id, workingHours, calendar: { readable: false, reason: "the person has no mailbox address in the directory" } };
  if (!availability) return { id: person.id, workingHours, calendar: { readable: false, reason: "the calendar service returned nothing for this mailbox" } };
  return { id: person.id, workingHours, calendar: availability.calendar };
}

export function toPreferences(stored: StoredExecutivePreferences | null): ExecutivePreferences | null {
  if (!stored) return null;
  return {
    maxSessionsPerWeek: stored.maxSessionsPerWeek,
    preferredDays: stored.preferredDays.filter(isWeekday),
    preferredHours: stored.preferredHours,
    notBefore: stored.notBefore,
  };
}

export function pairToSchedule(pair: StoredPair, availability: ReadonlyMap<string, PersonAvailability>, preferences: StoredExecutivePreferences | null): PairToSchedule {
  return {
    pairId: pair.id,
    mentor: toSchedulingPerson(pair.mentor, availability.get(pair.mentor.id)),
    mentee: { ...toSchedulingPerson(pair.mentee, availability.get(pair.mentee.id)), preferences: toPreferences(preferences) },
  };
}

/** The people's mailboxes to read (those without an address are reported unreadable, not asked). */
export function mailboxesOf(pairs: readonly StoredPair[]): MailboxRef[] {
  const byId = new Map<string, MailboxRef>();
  for (const pair of pairs) {
    for (const person of [pair.mentor, pair.mentee]) {
      const box = mailboxOf(person);
      if (box) byId.set(box.id, box);
    }
  }
  return [...byId.values()];
}

/** The app's own sessions as bookings for the planner, optionally leaving one session out (the one being moved). */
export function bookingsOf(sessions: readonly Session[], exceptId?: string): ExistingBooking[] {
  return sessions
    .filter((s) => s.id !== exceptId && s.start !== null && s.end !== null && HOLDING_STATES.includes(s.state))
    .map((s) => ({ personIds: [s.mentorId, s.menteeId], start: Date.parse(s.start!), end: Date.parse(s.end!) }));
}

export function slotOf(session: Session): TimeRange | null {
  return session.start !== null && session.end !== null ? { start: Date.parse(session.start), end: Date.parse(session.end) } : null;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Appends a history entry and sets state and slot to match it. */
export function withHistory<T extends Session>(session: T, now: number, entry: { kind: SessionEventKind; state: SessionState; by: string; note?: string | null; slot?: TimeRange | null }): T {
  const slot = entry.slot === undefined ? slotOf(session) : entry.slot;
  const at = iso(now);
  const start = slot ? iso(slot.start) : null;
  const end = slot ? iso(slot.end) : null;
  return {
    ...session,
    state: entry.state,
    start,
    end,
    updatedAt: at,
    history: [...session.history, { at, kind: entry.kind, state: entry.state, start, end, by: entry.by, note: entry.note ?? null }],
  };
}

/** Deterministic per session and booking generation: a retry or a restarted run finds the same event. */
export function transactionIdOf(tenantId: string, sessionId: string, generation: number): string {
  const hex = createHash("sha256").update(`${tenantId.toLowerCase()}|${sessionId}|${generation}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function roleOf(session: Session, userId: string): ProgramRole | null {
  if (session.mentorId.toLowerCase() === userId.toLowerCase()) return "mentor";
  if (session.menteeId.toLowerCase() === userId.toLowerCase()) return "mentee";
  return null;
}

/** What a notification says about a session, told to one side of the pair (partner = the other side). */
export function sessionDetails(session: Session, cohortName: string, partner: PairPerson): SessionDetails {
  return {
    sessionId: session.id,
    pairId: session.pairId,
    cohortName,
    partner: { userId: partner.id, displayName: partner.displayName, jobTitle: partner.jobTitle },
    start: session.start ?? "",
    end: session.end ?? "",
    sequence: { number: session.index + 1, of: session.of },
    joinUrl: session.joinUrl,
  };
}

function details(session: Session, pair: StoredPair, cohortName: string, role: ProgramRole): SessionDetails {
  return sessionDetails(session, cohortName, role === "mentor" ? pair.mentee : pair.mentor);
}

const ROLES: readonly ProgramRole[] = ["mentor", "mentee"];

export function notifyBooked(deps: Pick<SchedulingDeps, "notifier">, session: Session, pair: StoredPair, cohortName: string): void {
  for (const role of ROLES) {
    const userId = role === "mentor" ? session.mentorId : session.menteeId;
    deps.notifier.notifySessionBooked({ recipient: { tenantId: session.tenantId, userId }, role, session: details(session, pair, cohortName, role) });
  }
}

export function notifyMoved(
  deps: Pick<SchedulingDeps, "notifier">,
  session: Session,
  pair: StoredPair,
  cohortName: string,
  previousStart: string,
  reason: "declined" | "conflict" | "rescheduled" | "organizer-changed",
): void {
  for (const role of ROLES) {
    const userId = role === "mentor" ? session.mentorId : session.menteeId;
    deps.notifier.notifySessionMoved({ recipient: { tenantId: session.tenantId, userId }, role, session: details(session, pair, cohortName, role), previousStart, reason });
  }
}

/** The invitation's agenda (HTML). Only program facts: never anything from anyone's calendar. */
export function agendaHtml(cohortName: string, pair: StoredPair, index: number, of: number, minutes: number): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    `<p>Reverse mentoring session ${index + 1} of ${of} — ${esc(cohortName)}.</p>`,
    `<p><b>Mentor:</b> ${esc(pair.mentor.displayName)}<br><b>Mentee:</b> ${esc(pair.mentee.displayName)}</p>`,
    `<p><b>Agenda (${minutes} minutes)</b></p>`,
    "<ol><li>Check-in: what changed since the last session</li><li>Main topic, led by the mentor</li><li>Try it together</li><li>Take-aways and a small next step</li></ol>",
    "<p>If this time does not work, decline it: the app finds the next time that suits you both.</p>",
  ].join("");
}

export function subjectOf(cohortName: string, index: number, of: number): string {
  return `Reverse mentoring ${index + 1}/${of} · ${cohortName}`;
}

/** Stores a session change, re-reading and re-applying it when someone saved in between (bounded retries). */
export async function saveWithRetry(
  deps: Pick<SchedulingDeps, "sessions">,
  session: StoredSession,
  change: (current: StoredSession) => StoredSession | null,
): Promise<StoredSession | null> {
  let current: StoredSession | null = session;
  for (let attempt = 0; attempt < 5 && current; attempt++) {
    const next = change(current);
    if (!next) return null;
    try {
      return await deps.sessions.replace(next);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      current = await deps.sessions.get(session.tenantId, session.id);
    }
  }
  throw new Error(`Session ${session.id} kept changing while it was being saved.`);
}

/** The invitation for one session of a pair at a slot (the organiser's zone; the agenda in the body). */
export function meetingFor(cohort: StoredCohort, pair: StoredPair, session: Session, organiser: MailboxRef, slot: TimeRange, transactionId: string): NewMeeting {
  return {
    organiser,
    attendees: attendeesOf(cohort, pair),
    subject: subjectOf(cohort.settings.name, session.index, session.of),
    bodyHtml: agendaHtml(cohort.settings.name, pair, session.index, session.of, cohort.settings.cadence.sessionMinutes),
    start: slot.start,
    end: slot.end,
    timeZone: meetingZone(cohort, pair),
    transactionId,
  };
}

export function meetingZone(cohort: StoredCohort, pair: StoredPair): string {
  return (cohort.settings.organiserMode === "programMailbox" ? pair.mentee.timeZone : pair.mentor.timeZone) ?? "UTC";
}
