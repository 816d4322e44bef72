// The notification port the matching, scheduling and nomination use cases call. Implementations deliver
// asynchronously (Teams: a proactive bot message with a deep link into the tab) and NEVER block or fail
// the caller: every method only enqueues and returns. Delivery failures are retried and logged by the
// implementation; a person who has not installed the app simply gets no chat message (the tab still shows
// everything).
//
// Callers own "exactly once": a notification is sent each time a method is called, so a use case that may
// run twice (two app instances, a retried job) must record that it notified before calling again.
// Times are ISO 8601 instants with a zone designator ("2030-03-04T15:00:00Z"); clients render them in the
// reader's own time zone.

export interface Recipient {
  tenantId: string;
  /** Entra object id of the person to notify. */
  userId: string;
}

/** The recipient's side of the pair: decides which area of the tab the deep link opens. */
export type ProgramRole = "mentor" | "mentee";

export interface PersonSummary {
  userId: string;
  displayName: string;
  jobTitle: string | null;
}

export interface MatchedNotification {
  recipient: Recipient;
  role: ProgramRole;
  pairId: string;
  cohort: { id: string; name: string };
  partner: PersonSummary;
  /** Why the pair was matched, in plain words ("Teaches Generative AI, which you want to learn"). */
  reasons: readonly string[];
}

export interface SessionDetails {
  sessionId: string;
  pairId: string;
  cohortName: string;
  partner: PersonSummary;
  start: string;
  end: string;
  /** "Session 2 of 6"; null when the cohort has no fixed count. */
  sequence: { number: number; of: number } | null;
  /** Teams meeting join link, when the meeting exists. */
  joinUrl: string | null;
}

export interface SessionBookedNotification {
  recipient: Recipient;
  role: ProgramRole;
  session: SessionDetails;
}

export type SessionMoveReason = "declined" | "conflict" | "rescheduled" | "organizer-changed";

export interface SessionMovedNotification {
  recipient: Recipient;
  role: ProgramRole;
  session: SessionDetails;
  previousStart: string;
  reason: SessionMoveReason;
}

export interface ReminderNotification {
  recipient: Recipient;
  role: ProgramRole;
  session: SessionDetails;
}

export interface FeedbackPromptNotification {
  recipient: Recipient;
  role: ProgramRole;
  session: SessionDetails;
}

export interface NominationNotification {
  recipient: Recipient;
  /** The role the nominee is invited to take. */
  role: ProgramRole;
  nominator: { userId: string; displayName: string };
  cohort: { id: string; name: string; startsOn: string };
  note: string | null;
}

export interface Notifier {
  notifyMatched(notification: MatchedNotification): void;
  notifySessionBooked(notification: SessionBookedNotification): void;
  notifySessionMoved(notification: SessionMovedNotification): void;
  notifyReminder(notification: ReminderNotification): void;
  notifyFeedbackPrompt(notification: FeedbackPromptNotification): void;
  /** Invitation card for someone a colleague nominated (see nominate-colleague.ts). */
  notifyNominated(notification: NominationNotification): void;
}
