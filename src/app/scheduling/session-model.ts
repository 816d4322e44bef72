// Mentoring sessions as the app stores them (Cosmos `programs` container, `type: "session"`, partition key
// /tenantId). Scheduling writes them; the RSVP loop, the employee API, reminders, feedback and the health
// dashboard read them.
import type { SessionProblemCode } from "../../domain/scheduling/index.js";

/**
 * planned: a slot is chosen (or none could be found: `problem` says why), no event yet →
 * booked: the event exists in the organiser's calendar, the attendee has not answered →
 * accepted / tentative / declined: the attendee's answer (declined triggers a re-slot) →
 * rescheduled: the event was moved to a new slot and waits for a new answer →
 * held: the meeting ended and was accepted (calendar truth) → cancelled: skipped, pair paused/ended, or event deleted.
 */
export type SessionState = "planned" | "booked" | "accepted" | "tentative" | "declined" | "rescheduled" | "held" | "cancelled";

export type SessionEventKind =
  | "planned"
  | "booked"
  | "responded"
  | "conflict"
  | "reslotted"
  | "rescheduleRequested"
  | "skipped"
  | "cancelled"
  | "held"
  | "unschedulable";

export interface SessionHistoryEntry {
  at: string;
  kind: SessionEventKind;
  /** State after this entry. */
  state: SessionState;
  /** Slot after this entry (ISO instants), when there is one. */
  start: string | null;
  end: string | null;
  /** Who caused it: "system", "mentor", "mentee", "admin" or a Graph response ("declined by attendee"). */
  by: string;
  note: string | null;
}

export interface Session {
  /** Deterministic: `${pairId}_s${index}` so a re-run never creates a second one. */
  id: string;
  type: "session";
  tenantId: string;
  cohortId: string;
  pairId: string;
  mentorId: string;
  menteeId: string;
  /** 0-based position in the pair's series, and the series length. */
  index: number;
  of: number;
  state: SessionState;
  /** ISO instants (UTC); null while no slot is found. */
  start: string | null;
  end: string | null;
  /** Why there is no slot ("could not read this calendar" is distinct from "no free time"). */
  problem: { code: SessionProblemCode; message: string; who?: "mentor" | "mentee" | "both" } | null;
  /** Whose calendar holds the event (mentor object id or the program mailbox address). */
  organiser: string | null;
  /** Graph event id in the organiser's calendar, and the deterministic transactionId used to create it. */
  eventId: string | null;
  transactionId: string;
  joinUrl: string | null;
  /** Attendee's last answer as Graph reports it ("none", "accepted", "tentativelyAccepted", "declined", …). */
  attendeeResponse: string | null;
  /** How many times the app moved it by itself (declines, conflicts, reschedule requests). */
  reslotCount: number;
  /** Notifications already sent (callers own exactly-once): e.g. { booked: "2030-…", reminder: "…", feedbackPrompt: "…" }. */
  notified: Record<string, string>;
  history: SessionHistoryEntry[];
  createdAt: string;
  updatedAt: string;
  /** Start of week 1 of the pair's series (ISO instant): session k belongs in week k × everyWeeks + 1 (re-runs keep it). */
  seriesStart?: string;
  /** Graph changeKey of the event as last processed (duplicate change notifications are ignored). */
  changeKey?: string | null;
  /** Events created so far for this session (1 for the first); a re-booking after a cancellation gets a fresh transactionId. */
  bookingGeneration?: number;
  /** Sides of the pair who left the cohort (their data here was erased): they no longer see the session or give feedback on it. */
  departed?: Array<"mentor" | "mentee">;
}

export type StoredSession = Session & { etag: string };

export function sessionId(pairId: string, index: number): string {
  return `${pairId}_s${index}`;
}

/** A person's feedback on one held session (`type: "feedback"`, id `${sessionId}_${userId}`). */
export interface SessionFeedback {
  id: string;
  type: "feedback";
  tenantId: string;
  cohortId: string;
  pairId: string;
  sessionId: string;
  userId: string;
  role: "mentor" | "mentee";
  /** 1–5. */
  rating: number;
  comment: string | null;
  createdAt: string;
}

/** An executive's scheduling preferences (`type: "preferences"`, id `preferences_${userId}`), across cohorts. */
export interface StoredExecutivePreferences {
  id: string;
  type: "preferences";
  tenantId: string;
  userId: string;
  maxSessionsPerWeek: number | null;
  /** "monday" … "sunday". */
  preferredDays: string[];
  /** Local "HH:mm" in the executive's zone. */
  preferredHours: { start: string; end: string } | null;
  /** "YYYY-MM-DD" in the executive's zone. */
  notBefore: string | null;
  updatedAt: string;
}
