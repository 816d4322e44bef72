// Events created through Graph (or the dev endpoints), as the simulator stores them. Each mailbox holds
// its own copy: the organizer's event and one copy per invited attendee inside the tenant, all sharing
// an iCalUId — like Exchange, where an invitation lands in every attendee's calendar.
import type { BusyStatus } from "./generated-calendar.js";
import type { Recurrence } from "./recurrence.js";
import type { ResolvedZone } from "./time-zones.js";

export type ResponseType = "none" | "organizer" | "tentativelyAccepted" | "accepted" | "declined" | "notResponded";
export type ShowAs = "free" | BusyStatus | "unknown";
export type AttendeeType = "required" | "optional" | "resource";

export interface TimeSlot {
  start: number;
  end: number;
  zone: ResolvedZone;
}

export interface StoredAttendee {
  address: string;
  name: string;
  type: AttendeeType;
  response: ResponseType;
  /** Epoch ms of the answer, or null for "0001-01-01T00:00:00Z". */
  time: number | null;
  proposedNewTime: TimeSlot | null;
  /** The attendee's object id when they are a person in the tenant. */
  personId: string | null;
}

export interface StoredEvent {
  id: string;
  tenantId: string;
  /** Object id of the mailbox that holds this copy. */
  mailboxId: string;
  iCalUId: string;
  /**
   * Stable identity of the meeting for deterministic simulation (ids are random): organizer plus the
   * transactionId, or plus start and subject when there is none. Copies share it.
   */
  meetingKey: string;
  createdAt: number;
  modifiedAt: number;
  changeKey: string;
  /** Bumped whenever the organizer moves the meeting (responses reset). */
  sequence: number;
  transactionId: string | null;
  subject: string;
  body: { contentType: "html" | "text"; content: string };
  start: number;
  end: number;
  startZone: ResolvedZone;
  endZone: ResolvedZone;
  isAllDay: boolean;
  location: string;
  categories: string[];
  importance: "low" | "normal" | "high";
  sensitivity: "normal" | "personal" | "private" | "confidential";
  showAs: ShowAs;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  allowNewTimeProposals: boolean;
  responseRequested: boolean;
  hideAttendees: boolean;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: "unknown" | "teamsForBusiness" | "skypeForBusiness" | "skypeForConsumer";
  onlineMeeting: { joinUrl: string; conferenceId: string; tollNumber: string } | null;
  isCancelled: boolean;
  isOrganizer: boolean;
  organizer: { address: string; name: string; personId: string | null };
  /** This copy's own answer: "organizer" for the organizer's event. */
  responseStatus: { response: ResponseType; time: number | null };
  attendees: StoredAttendee[];
  recurrence: Recurrence | null;
}

/** The show-as an attendee copy gets from its own answer (Outlook: tentative until accepted). */
export function attendeeShowAs(response: ResponseType, organizerShowAs: ShowAs): ShowAs {
  if (response === "accepted") return organizerShowAs;
  if (response === "declined") return "free";
  return organizerShowAs === "free" ? "free" : "tentative";
}
