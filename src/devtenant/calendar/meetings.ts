// The meeting rules: creating an event (idempotent per organizer mailbox and transactionId) puts a copy
// into every invited attendee's calendar; the organizer's changes flow to the copies (moving the meeting
// resets everyone's answer); attendees answer on their copy and the organizer's event records it;
// cancelling or deleting as organizer cancels the copies. Every change is reported to the hooks, which
// feed change notifications and the simulated attendees.
import { randomBytes, randomInt } from "node:crypto";
import type { DevClock, DevDirectoryView, DevPerson } from "../model.js";
import { attendeeShowAs, type ResponseType, type StoredAttendee, type StoredEvent, type TimeSlot } from "./event-model.js";
import { assertAllDayShape, recurrenceFor, type AttendeeInput, type EventInput } from "./event-input.js";
import type { EventStore } from "./event-store.js";
import { invalidRequest, mailboxNotEnabled } from "./errors.js";
import { addressOf } from "./people.js";

export type ChangeType = "created" | "updated" | "deleted";

export interface MeetingHooks {
  /** An event in some mailbox was created, updated or deleted. */
  changed(event: StoredEvent, changeType: ChangeType): void;
  /** An attendee copy now waits for that attendee's answer (new invitation, or the meeting moved). */
  invited(copy: StoredEvent): void;
}

export type Answer = "accepted" | "tentativelyAccepted" | "declined";

export interface AnswerOptions {
  comment?: string;
  sendResponse?: boolean;
  proposedNewTime?: TimeSlot | null;
  /** When the person answered (dev-clock ms); defaults to now. Simulated attendees answer at their due time. */
  at?: number;
}

/** Fields an attendee may change on their own copy; everything else belongs to the organizer. */
const ATTENDEE_WRITABLE: ReadonlySet<keyof EventInput> = new Set<keyof EventInput>(["categories", "isReminderOn", "reminderMinutesBeforeStart", "showAs", "importance"]);

function base64url(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

function newEventId(): string {
  // Exchange ids are long base64 strings starting with "AAMk"; url-safe here so they survive paths unencoded.
  return `AAMkAD${base64url(42)}=`;
}

function newICalUId(): string {
  return `040000008200E00074C5B7101A82E00800000000${randomBytes(8).toString("hex")}0100000000000000001000000${randomBytes(16).toString("hex")}`.toUpperCase();
}

function newChangeKey(): string {
  return randomBytes(16).toString("base64");
}

function joinUrlFor(tenantId: string, organizerId: string): StoredEvent["onlineMeeting"] {
  const thread = encodeURIComponent(`19:meeting_${base64url(36)}@thread.v2`);
  const context = encodeURIComponent(JSON.stringify({ Tid: tenantId, Oid: organizerId }));
  return {
    joinUrl: `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=${context}`,
    conferenceId: String(randomInt(100_000_000, 999_999_999)),
    tollNumber: "+1 425 555 0100",
  };
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export class Meetings {
  constructor(
    private readonly store: EventStore,
    private readonly clock: DevClock,
    private readonly hooks: MeetingHooks,
  ) {}

  /**
   * Create an event in the organizer's calendar. With a transactionId already used in this mailbox the
   * existing event is returned unchanged (`created: false`), as Exchange does for client retries.
   */
  create(directory: DevDirectoryView, organizer: DevPerson, input: EventInput): { event: StoredEvent; created: boolean } {
    if (input.transactionId) {
      const existing = this.store.byTransaction(directory.info.tenantId, organizer.id, input.transactionId);
      if (existing !== undefined) return { event: existing, created: false };
    }
    if (input.start === undefined || input.startZone === undefined) throw invalidRequest("The event must have a start (dateTimeTimeZone).");
    if (input.end === undefined || input.endZone === undefined) throw invalidRequest("The event must have an end (dateTimeTimeZone).");
    if (input.end < input.start) throw invalidRequest("The end of the event must not be before its start.");
    if (input.isAllDay === true) assertAllDayShape(input.start, input.end, input.startZone);
    const now = this.clock.now();
    const isOnlineMeeting = input.isOnlineMeeting ?? false;
    const provider = isOnlineMeeting ? (input.onlineMeetingProvider ?? "teamsForBusiness") : (input.onlineMeetingProvider ?? "unknown");
    const organizerAddress = addressOf(organizer);
    const attendees = (input.attendees ?? []).filter((a) => !sameAddress(a.address, organizerAddress)).map((a) => this.attendeeFrom(directory, a));
    const event: StoredEvent = {
      id: newEventId(),
      tenantId: directory.info.tenantId,
      mailboxId: organizer.id,
      iCalUId: newICalUId(),
      meetingKey: `${organizer.id}|${input.transactionId ?? `${input.start}|${input.subject ?? ""}`}`,
      createdAt: now,
      modifiedAt: now,
      changeKey: newChangeKey(),
      sequence: 0,
      transactionId: input.transactionId ?? null,
      subject: input.subject ?? "",
      body: input.body ?? { contentType: "html", content: "" },
      start: input.start,
      end: input.end,
      startZone: input.startZone,
      endZone: input.endZone,
      isAllDay: input.isAllDay ?? false,
      location: input.location ?? "",
      categories: input.categories ?? [],
      importance: input.importance ?? "normal",
      sensitivity: input.sensitivity ?? "normal",
      showAs: input.showAs ?? "busy",
      isReminderOn: input.isReminderOn ?? true,
      reminderMinutesBeforeStart: input.reminderMinutesBeforeStart ?? 15,
      allowNewTimeProposals: input.allowNewTimeProposals ?? true,
      responseRequested: input.responseRequested ?? true,
      hideAttendees: input.hideAttendees ?? false,
      isOnlineMeeting,
      onlineMeetingProvider: provider,
      onlineMeeting: isOnlineMeeting && provider === "teamsForBusiness" ? joinUrlFor(directory.info.tenantId, organizer.id) : null,
      isCancelled: false,
      isOrganizer: true,
      organizer: { address: organizerAddress, name: organizer.displayName, personId: organizer.id },
      responseStatus: { response: "organizer", time: null },
      attendees,
      recurrence: recurrenceFor(input.recurrence, input.start, input.startZone),
    };
    this.store.add(event);
    this.hooks.changed(event, "created");
    for (const attendee of attendees) this.deliverInvitation(directory, event, attendee);
    return { event, created: true };
  }

  /** PATCH an event. The organizer changes the meeting; an attendee only their own copy's personal fields. */
  update(directory: DevDirectoryView, event: StoredEvent, input: EventInput): StoredEvent {
    if (!event.isOrganizer) {
      const forbidden = (Object.keys(input) as (keyof EventInput)[]).filter((k) => !ATTENDEE_WRITABLE.has(k));
      if (forbidden.length > 0) throw invalidRequest(`Only the organizer can change ${forbidden.join(", ")} of a meeting.`);
      this.applyPersonal(event, input);
      this.touch(event);
      this.hooks.changed(event, "updated");
      return event;
    }
    if (input.transactionId !== undefined && input.transactionId !== event.transactionId) throw invalidRequest("transactionId cannot be changed after the event is created.");
    if (input.isOnlineMeeting === false && event.isOnlineMeeting) throw invalidRequest("An online meeting cannot be turned back into a regular event.");

    const start = input.start ?? event.start;
    const end = input.end ?? event.end;
    if (end < start) throw invalidRequest("The end of the event must not be before its start.");
    const startZone = input.startZone ?? event.startZone;
    if (input.isAllDay ?? event.isAllDay) assertAllDayShape(start, end, startZone);
    const recurrence = input.recurrence !== undefined ? recurrenceFor(input.recurrence, start, startZone) : event.recurrence;
    const moved = start !== event.start || end !== event.end || JSON.stringify(recurrence) !== JSON.stringify(event.recurrence);

    event.start = start;
    event.end = end;
    event.startZone = startZone;
    event.endZone = input.endZone ?? event.endZone;
    event.recurrence = recurrence;
    this.applyMeetingFields(event, input);
    this.applyPersonal(event, input);
    if (input.isOnlineMeeting === true && !event.isOnlineMeeting) {
      event.isOnlineMeeting = true;
      event.onlineMeetingProvider = input.onlineMeetingProvider ?? "teamsForBusiness";
      if (event.onlineMeetingProvider === "teamsForBusiness") event.onlineMeeting = joinUrlFor(event.tenantId, event.mailboxId);
    }

    const removed: StoredAttendee[] = [];
    const added: StoredAttendee[] = [];
    if (input.attendees !== undefined) {
      const next = input.attendees.filter((a) => !sameAddress(a.address, event.organizer.address));
      for (const old of event.attendees) if (!next.some((a) => sameAddress(a.address, old.address))) removed.push(old);
      event.attendees = next.map((a) => {
        const old = event.attendees.find((o) => sameAddress(o.address, a.address));
        if (old !== undefined) return { ...old, type: a.type, name: a.name ?? old.name };
        const fresh = this.attendeeFrom(directory, a);
        added.push(fresh);
        return fresh;
      });
    }
    if (moved) {
      event.sequence++;
      for (const attendee of event.attendees) Object.assign(attendee, { response: "none", time: null, proposedNewTime: null });
    }
    this.touch(event);
    this.hooks.changed(event, "updated");

    const copies = this.copiesOf(event);
    for (const copy of copies) {
      const attendee = event.attendees.find((a) => a.personId === copy.mailboxId);
      if (attendee === undefined) {
        if (removed.some((r) => r.personId === copy.mailboxId)) this.cancelCopy(copy);
        continue;
      }
      this.syncCopy(event, copy);
      if (moved) {
        copy.sequence = event.sequence;
        copy.responseStatus = { response: "none", time: null };
        copy.showAs = attendeeShowAs("none", event.showAs);
      }
      this.touch(copy);
      this.hooks.changed(copy, "updated");
      if (moved) this.hooks.invited(copy);
    }
    for (const attendee of added) this.deliverInvitation(directory, event, attendee);
    // Exchange sends a moved meeting to every attendee, also to those who declined (and so no longer
    // hold a copy): the update lands in their calendar again and asks for a new answer.
    if (moved) {
      for (const attendee of event.attendees) {
        if (added.includes(attendee) || copies.some((c) => c.mailboxId === attendee.personId)) continue;
        this.deliverInvitation(directory, event, attendee);
      }
    }
    return event;
  }

  /** Cancel a meeting (organizer only): the organizer's event goes, attendees' copies show as cancelled. */
  cancel(event: StoredEvent): void {
    if (!event.isOrganizer) throw invalidRequest("Your request can't be completed. You need to be an organizer to cancel a meeting.");
    this.removeAsOrganizer(event);
  }

  /** DELETE: as organizer this also cancels the meeting for attendees; as attendee it removes the copy without answering. */
  delete(event: StoredEvent): void {
    if (event.isOrganizer) {
      this.removeAsOrganizer(event);
      return;
    }
    this.store.remove(event);
    this.hooks.changed(event, "deleted");
  }

  /**
   * An attendee answers on their copy. With sendResponse (default) the organizer's event records the
   * answer. A declined meeting leaves the attendee's calendar, as in Outlook.
   */
  respond(copy: StoredEvent, answer: Answer, options: AnswerOptions = {}): void {
    if (copy.isOrganizer) throw invalidRequest("Your request can't be completed. You can't respond to a meeting that you organized.");
    if (copy.isCancelled) throw invalidRequest("Your request can't be completed. The meeting has been cancelled.");
    const sendResponse = options.sendResponse ?? true;
    const proposal = options.proposedNewTime ?? null;
    if (proposal !== null) {
      if (answer === "accepted") throw invalidRequest("proposedNewTime can only be sent with tentativelyAccept or decline.");
      if (!copy.allowNewTimeProposals) throw invalidRequest("Your request can't be completed. The organizer doesn't allow new time proposals for this meeting.");
      if (!sendResponse) throw invalidRequest("Your request can't be completed. A new time can only be proposed when sendResponse is true.");
      if (proposal.end <= proposal.start) throw invalidRequest("proposedNewTime must end after it starts.");
    }
    const now = Math.min(options.at ?? this.clock.now(), this.clock.now());
    const organizerEvent = this.organizerEventOf(copy);
    copy.responseStatus = { response: answer, time: now };
    copy.showAs = attendeeShowAs(answer, organizerEvent?.showAs ?? "busy");
    if (sendResponse) {
      const attendee = organizerEvent?.attendees.find((a) => a.personId === copy.mailboxId);
      if (organizerEvent !== undefined && attendee !== undefined) {
        this.recordAnswer(organizerEvent, attendee, answer, now, proposal);
      }
    }
    if (answer === "declined") {
      this.store.remove(copy);
      this.hooks.changed(copy, "deleted");
      return;
    }
    this.touch(copy);
    this.hooks.changed(copy, "updated");
  }

  /** Record an answer from an attendee who has no copy here (outside the tenant or without a mailbox). */
  respondWithoutCopy(organizerEvent: StoredEvent, attendee: StoredAttendee, answer: Answer): void {
    this.recordAnswer(organizerEvent, attendee, answer, this.clock.now(), null);
  }

  /** The organizer's event for a copy (same iCalUId, organizer's mailbox). */
  organizerEventOf(event: StoredEvent): StoredEvent | undefined {
    if (event.isOrganizer) return event;
    return this.store.copies(event.tenantId, event.iCalUId).find((e) => e.isOrganizer);
  }

  /** Attendee copies of an organizer's event. */
  copiesOf(event: StoredEvent): StoredEvent[] {
    return this.store.copies(event.tenantId, event.iCalUId).filter((e) => !e.isOrganizer);
  }

  private recordAnswer(organizerEvent: StoredEvent, attendee: StoredAttendee, answer: Answer, at: number, proposal: TimeSlot | null): void {
    attendee.response = answer;
    attendee.time = at;
    attendee.proposedNewTime = proposal;
    this.touch(organizerEvent);
    this.hooks.changed(organizerEvent, "updated");
  }

  private removeAsOrganizer(event: StoredEvent): void {
    for (const copy of this.copiesOf(event)) this.cancelCopy(copy);
    this.store.remove(event);
    this.hooks.changed(event, "deleted");
  }

  private cancelCopy(copy: StoredEvent): void {
    if (copy.isCancelled) return;
    copy.isCancelled = true;
    copy.showAs = "free";
    copy.subject = copy.subject.startsWith("Canceled: ") ? copy.subject : `Canceled: ${copy.subject}`;
    this.touch(copy);
    this.hooks.changed(copy, "updated");
  }

  private attendeeFrom(directory: DevDirectoryView, input: AttendeeInput): StoredAttendee {
    const person = directory.findPerson(input.address);
    return {
      address: input.address,
      name: input.name ?? person?.displayName ?? input.address,
      type: input.type,
      response: "none",
      time: null,
      proposedNewTime: null,
      personId: person?.id ?? null,
    };
  }

  /**
   * The attendee's copy of an organizer's meeting, put back into their calendar when it is gone (they
   * declined earlier and now answer again). Undefined when the attendee cannot hold a copy.
   */
  restoreCopy(directory: DevDirectoryView, organizerEvent: StoredEvent, attendee: StoredAttendee): StoredEvent | undefined {
    const existing = this.copiesOf(organizerEvent).find((c) => c.mailboxId === attendee.personId);
    return existing ?? this.deliverInvitation(directory, organizerEvent, attendee, false);
  }

  /** Put the invitation into the attendee's calendar when they have a mailbox in this tenant. */
  private deliverInvitation(directory: DevDirectoryView, event: StoredEvent, attendee: StoredAttendee, awaitAnswer = true): StoredEvent | undefined {
    if (attendee.personId === null) return undefined;
    const person = directory.findPerson(attendee.personId);
    if (person === undefined || !person.hasMailbox || !person.accountEnabled) return undefined;
    const now = this.clock.now();
    const copy: StoredEvent = {
      ...event,
      id: newEventId(),
      mailboxId: person.id,
      createdAt: now,
      modifiedAt: now,
      changeKey: newChangeKey(),
      transactionId: null,
      isOrganizer: false,
      responseStatus: { response: "none" as ResponseType, time: null },
      showAs: attendeeShowAs("none", event.showAs),
      categories: [],
      attendees: event.attendees.map((a) => ({ ...a })),
    };
    this.store.add(copy);
    this.hooks.changed(copy, "created");
    if (awaitAnswer) this.hooks.invited(copy);
    return copy;
  }

  /** Copy the organizer's meeting fields onto an attendee copy. */
  private syncCopy(event: StoredEvent, copy: StoredEvent): void {
    Object.assign(copy, {
      subject: event.subject,
      body: event.body,
      start: event.start,
      end: event.end,
      startZone: event.startZone,
      endZone: event.endZone,
      isAllDay: event.isAllDay,
      location: event.location,
      sensitivity: event.sensitivity,
      allowNewTimeProposals: event.allowNewTimeProposals,
      responseRequested: event.responseRequested,
      hideAttendees: event.hideAttendees,
      isOnlineMeeting: event.isOnlineMeeting,
      onlineMeetingProvider: event.onlineMeetingProvider,
      onlineMeeting: event.onlineMeeting,
      recurrence: event.recurrence,
      attendees: event.attendees.map((a) => ({ ...a })),
    });
  }

  private applyMeetingFields(event: StoredEvent, input: EventInput): void {
    if (input.subject !== undefined) event.subject = input.subject;
    if (input.body !== undefined) event.body = input.body;
    if (input.isAllDay !== undefined) event.isAllDay = input.isAllDay;
    if (input.location !== undefined) event.location = input.location;
    if (input.sensitivity !== undefined) event.sensitivity = input.sensitivity;
    if (input.allowNewTimeProposals !== undefined) event.allowNewTimeProposals = input.allowNewTimeProposals;
    if (input.responseRequested !== undefined) event.responseRequested = input.responseRequested;
    if (input.hideAttendees !== undefined) event.hideAttendees = input.hideAttendees;
  }

  private applyPersonal(event: StoredEvent, input: EventInput): void {
    if (input.categories !== undefined) event.categories = input.categories;
    if (input.isReminderOn !== undefined) event.isReminderOn = input.isReminderOn;
    if (input.reminderMinutesBeforeStart !== undefined) event.reminderMinutesBeforeStart = input.reminderMinutesBeforeStart;
    if (input.showAs !== undefined) event.showAs = input.showAs;
    if (input.importance !== undefined) event.importance = input.importance;
  }

  private touch(event: StoredEvent): void {
    event.modifiedAt = this.clock.now();
    event.changeKey = newChangeKey();
  }
}

/** The organizer must be a mailbox-enabled person. */
export function assertMailbox(person: DevPerson): void {
  if (!person.hasMailbox) throw mailboxNotEnabled();
}
