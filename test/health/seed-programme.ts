// Writes pair, session, enrolment and feedback documents straight into the `programs` container, shaped
// as src/app/pairs/pair-model.ts and src/app/scheduling/session-model.ts define them, so health, feedback
// and reminder tests do not need the matching and scheduling jobs to run first.
import type { Container } from "@azure/cosmos";
import type { Pair, PairPerson } from "../../src/app/pairs/pair-model.js";
import type { Session, SessionFeedback, SessionHistoryEntry } from "../../src/app/scheduling/session-model.js";

export function person(id: string, displayName: string, department: string | null): PairPerson {
  return { id, displayName, jobTitle: "Engineer", department, timeZone: "Europe/London", mail: null };
}

export function pairDoc(tenantId: string, cohortId: string, mentor: PairPerson, mentee: PairPerson, overrides: Partial<Pair> = {}): Pair {
  const id = `${cohortId}_${mentor.id}_${mentee.id}`.toLowerCase();
  return {
    id, type: "pair", tenantId, cohortId, mentor, mentee, state: "active", score: 42, reasons: [], locked: false, sharedMinutesPerWeek: 600, veto: null,
    createdAt: "2030-01-01T00:00:00.000Z", updatedAt: "2030-01-01T00:00:00.000Z", publishedAt: "2030-01-02T00:00:00.000Z", endedAt: null, ...overrides,
  };
}

export function sessionDoc(pair: Pair, index: number, overrides: Partial<Session> = {}): Session {
  return {
    id: `${pair.id}_s${index}`, type: "session", tenantId: pair.tenantId, cohortId: pair.cohortId, pairId: pair.id, mentorId: pair.mentor.id, menteeId: pair.mentee.id,
    index, of: 6, state: "booked", start: null, end: null, problem: null, organiser: pair.mentor.id, eventId: `event-${index}`, transactionId: `tx-${pair.id}-${index}`,
    joinUrl: "https://teams.microsoft.com/l/meetup-join/abc", attendeeResponse: "none", reslotCount: 0, notified: {}, history: [],
    createdAt: "2030-01-01T00:00:00.000Z", updatedAt: "2030-01-01T00:00:00.000Z", ...overrides,
  };
}

/** A session occupying [startMs, startMs + 30 min). */
export function slot(startMs: number, minutes = 30): { start: string; end: string } {
  return { start: new Date(startMs).toISOString(), end: new Date(startMs + minutes * 60_000).toISOString() };
}

export function historyEntry(kind: SessionHistoryEntry["kind"], state: SessionHistoryEntry["state"]): SessionHistoryEntry {
  return { at: "2030-01-01T00:00:00.000Z", kind, state, start: null, end: null, by: "system", note: null };
}

export function feedbackDoc(session: Session, role: "mentor" | "mentee", rating: number, comment: string | null = null): SessionFeedback {
  const userId = role === "mentor" ? session.mentorId : session.menteeId;
  return { id: `${session.id}_${userId}`, type: "feedback", tenantId: session.tenantId, cohortId: session.cohortId, pairId: session.pairId, sessionId: session.id, userId, role, rating, comment, createdAt: "2030-02-01T00:00:00.000Z" };
}

export function enrolmentDoc(tenantId: string, cohortId: string, userId: string, role: "mentor" | "mentee", createdAt: string): Record<string, unknown> {
  return { id: `${cohortId}_${userId}`, type: "enrolment", tenantId, cohortId, userId, role, createdAt, updatedAt: createdAt };
}

export async function seed(programs: Container, documents: ReadonlyArray<object>): Promise<void> {
  for (const document of documents) await programs.items.upsert(document);
}
