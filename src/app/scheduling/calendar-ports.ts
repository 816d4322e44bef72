// What scheduling needs from Microsoft 365 calendars. Implemented on Microsoft Graph in
// src/adapters/graph/ (getSchedule chunked ≤ 20 and batched, ≤ 4 in flight per mailbox, Retry-After
// honoured); the dev tenant serves the same protocol locally. Every call is tenant-scoped (app-only token
// of that tenant). Mailboxes are addressed by Entra object id or SMTP address.
import type { CalendarState } from "../../domain/scheduling/index.js";
import type { TimeRange } from "../../domain/time/index.js";
import type { WorkingHours } from "../../domain/time/index.js";

export interface MailboxRef {
  /** Entra object id (preferred) or SMTP address (program mailbox). */
  id: string;
  /** SMTP address, used in getSchedule `schedules` and as attendee address. */
  address: string;
}

export interface PersonAvailability {
  /** Working hours with the zone converted from Windows to IANA; null when the mailbox gives none we can use. */
  workingHours: WorkingHours | null;
  /** Why working hours are missing or were replaced (e.g. unknown Windows zone name). */
  workingHoursProblem: string | null;
  /** Busy ranges in the window, or "could not read this calendar" with the Graph reason. Never confused. */
  calendar: CalendarState;
}

export interface AvailabilityReader {
  /**
   * Free/busy and working hours for every mailbox over the window (split into < 62-day windows and chunks
   * of ≤ 20 schedules internally). Per-schedule errors become `calendar.readable === false`, never a throw.
   * Throws only when the whole tenant cannot be read (consent missing, Graph down after retries).
   */
  read(tenantId: string, mailboxes: readonly MailboxRef[], window: TimeRange, signal?: AbortSignal): Promise<Map<string, PersonAvailability>>;
}

/** An attendee's answer as Graph reports it in `attendees[].status.response`. */
export type AttendeeResponse = "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";

export interface CalendarEvent {
  eventId: string;
  /** Instants (epoch ms, UTC). */
  start: number;
  end: number;
  isCancelled: boolean;
  joinUrl: string | null;
  /** The non-organiser attendees' answers, by lower-case address. */
  attendees: Array<{ address: string; response: AttendeeResponse }>;
  /** Changes with every update (optimistic checks, duplicate notification detection). */
  changeKey: string | null;
}

export interface NewMeeting {
  organiser: MailboxRef;
  attendees: ReadonlyArray<MailboxRef & { name: string }>;
  subject: string;
  /** HTML agenda. */
  bodyHtml: string;
  start: number;
  end: number;
  /** IANA zone the invitation is written in (the organiser's). */
  timeZone: string;
  /** Deterministic per session and slot generation: a retry or a restarted run never creates a second event. */
  transactionId: string;
}

export interface CalendarBooking {
  /** Creates a Teams meeting (isOnlineMeeting, teamsForBusiness). Idempotent on transactionId: returns the existing event. */
  create(tenantId: string, meeting: NewMeeting, signal?: AbortSignal): Promise<CalendarEvent>;
  /** Moves an event; attendees get an updated invitation. null when the event no longer exists. */
  move(tenantId: string, organiser: MailboxRef, eventId: string, slot: { start: number; end: number; timeZone: string }, signal?: AbortSignal): Promise<CalendarEvent | null>;
  /** Cancels with a message to attendees; succeeds when the event is already gone. */
  cancel(tenantId: string, organiser: MailboxRef, eventId: string, comment: string, signal?: AbortSignal): Promise<void>;
  /** null when the event no longer exists (deleted in Outlook). */
  get(tenantId: string, organiser: MailboxRef, eventId: string, signal?: AbortSignal): Promise<CalendarEvent | null>;
}

export interface Subscription {
  id: string;
  /** Epoch ms. */
  expiresAt: number;
  resource: string;
}

export interface EventSubscriptions {
  /** Subscribes to created/updated/deleted events in the organiser's calendar (Graph validates notificationUrl first). */
  subscribe(
    tenantId: string,
    organiser: MailboxRef,
    request: { notificationUrl: string; lifecycleNotificationUrl: string; clientState: string; expiresAt: number },
  ): Promise<Subscription>;
  /** null when the subscription no longer exists (then subscribe again). */
  renew(tenantId: string, subscriptionId: string, expiresAt: number): Promise<Subscription | null>;
  remove(tenantId: string, subscriptionId: string): Promise<void>;
}

/**
 * Where the calendar watch (Graph change notifications + lifecycle events) hands over what it learned.
 * Implemented by the scheduling use cases (RSVP handling): they read the event, update the session and
 * re-slot when needed. Calls may repeat (Graph delivers at least once): implementations are idempotent.
 */
export interface CalendarChangeSink {
  /** An event in an organiser's calendar was created, updated (e.g. an attendee answered) or deleted. */
  eventChanged(notice: { tenantId: string; organiserId: string; eventId: string; changeType: "created" | "updated" | "deleted" }): Promise<void>;
  /** Notifications may have been missed (lifecycle "missed", subscription re-created): re-read that organiser's sessions. */
  resync(notice: { tenantId: string; organiserId: string }): Promise<void>;
}
