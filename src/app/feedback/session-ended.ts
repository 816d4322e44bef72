// When a session counts as "over" for feedback (and the feedback prompt): the calendar said it was held,
// or its end has passed while it was still booked (accepted, tentative, rescheduled or unanswered). A
// cancelled, declined or never-booked (planned) session did not take place, so nobody is asked about it.
import type { Session, SessionState } from "../scheduling/session-model.js";

const BOOKED_STATES: ReadonlySet<SessionState> = new Set(["booked", "accepted", "tentative", "rescheduled"]);

export function sessionHasEnded(session: Pick<Session, "state" | "end">, nowMs: number): boolean {
  if (session.state === "held") return true;
  if (!BOOKED_STATES.has(session.state) || session.end === null) return false;
  return Date.parse(session.end) <= nowMs;
}

/** The caller's side of the session, or null when they are not one of its two people. */
export function participantRole(session: Pick<Session, "mentorId" | "menteeId">, userId: string): "mentor" | "mentee" | null {
  const id = userId.toLowerCase();
  if (session.mentorId.toLowerCase() === id) return "mentor";
  if (session.menteeId.toLowerCase() === id) return "mentee";
  return null;
}
