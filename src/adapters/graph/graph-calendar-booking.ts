// CalendarBooking on Microsoft Graph events (app-only, Calendars.ReadWrite). Meetings are Teams meetings
// created in the organiser's calendar with a deterministic transactionId, so a retried or restarted create
// returns the event that already exists instead of inviting the executive twice. Times are written in the
// organiser's zone (Graph accepts IANA names) and read back in UTC (Prefer: outlook.timezone="UTC").
import type { Client } from "@microsoft/microsoft-graph-client";
import type { AttendeeResponse, CalendarBooking, CalendarEvent, MailboxRef, NewMeeting } from "../../app/scheduling/calendar-ports.js";
import type { GraphClients } from "./graph-client-factory.js";
import { graphDateTime, instantFromGraph } from "./graph-date-time.js";
import { graphFailure, graphStatus } from "./graph-failure.js";

const UTC_REPLIES = 'outlook.timezone="UTC"';
const EVENT_FIELDS = "id,start,end,isCancelled,onlineMeeting,attendees,organizer,changeKey,transactionId";
/** Graph's transactionId is free text; keep ours short and plain so it survives any store. */
const TRANSACTION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const NETWORK_RETRY_MS = 1000;
const RESPONSES = new Set<AttendeeResponse>(["none", "organizer", "tentativelyAccepted", "accepted", "declined", "notResponded"]);

export class GraphCalendarBooking implements CalendarBooking {
  constructor(
    private readonly graph: GraphClients,
    /** Repeats after a connection failure (no HTTP answer at all). */
    private readonly networkRetries = 2,
  ) {}

  async create(tenantId: string, meeting: NewMeeting, signal?: AbortSignal): Promise<CalendarEvent> {
    checkMeeting(meeting);
    signal?.throwIfAborted();
    const body = {
      subject: meeting.subject,
      body: { contentType: "html", content: meeting.bodyHtml },
      start: graphDateTime(meeting.start, meeting.timeZone),
      end: graphDateTime(meeting.end, meeting.timeZone),
      attendees: meeting.attendees.map((a) => ({ type: "required", emailAddress: { address: a.address, name: a.name } })),
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      allowNewTimeProposals: true,
      responseRequested: true,
      showAs: "busy",
      transactionId: meeting.transactionId,
    };
    try {
      // Safe to repeat after a lost connection: the transactionId makes Graph return the event it made.
      const created: unknown = await this.retryingNetwork(signal, () => this.client(tenantId, signal).api(eventsPath(meeting.organiser)).header("Prefer", UTC_REPLIES).post(body));
      return toCalendarEvent(created, meeting.organiser);
    } catch (error) {
      throw graphFailure(error, "create the meeting");
    }
  }

  async move(tenantId: string, organiser: MailboxRef, eventId: string, slot: { start: number; end: number; timeZone: string }, signal?: AbortSignal): Promise<CalendarEvent | null> {
    if (!(slot.end > slot.start)) throw new RangeError("A meeting must end after it starts.");
    const body = { start: graphDateTime(slot.start, slot.timeZone), end: graphDateTime(slot.end, slot.timeZone) };
    return this.orNullWhenGone("move the meeting", async () => {
      const updated: unknown = await this.client(tenantId, signal).api(eventPath(organiser, eventId)).header("Prefer", UTC_REPLIES).patch(body);
      return toCalendarEvent(updated, organiser);
    }, signal);
  }

  async cancel(tenantId: string, organiser: MailboxRef, eventId: string, comment: string, signal?: AbortSignal): Promise<void> {
    // Cancelling something already gone (deleted in Outlook, cancelled by an earlier attempt) is success.
    await this.orNullWhenGone("cancel the meeting", async () => {
      await this.client(tenantId, signal).api(`${eventPath(organiser, eventId)}/cancel`).post({ comment });
      return true;
    }, signal);
  }

  async get(tenantId: string, organiser: MailboxRef, eventId: string, signal?: AbortSignal): Promise<CalendarEvent | null> {
    return this.orNullWhenGone("read the meeting", async () => {
      const event: unknown = await this.client(tenantId, signal).api(eventPath(organiser, eventId)).header("Prefer", UTC_REPLIES).select(EVENT_FIELDS).get();
      return toCalendarEvent(event, organiser);
    }, signal);
  }

  private client(tenantId: string, signal: AbortSignal | undefined): Client {
    signal?.throwIfAborted();
    return this.graph.app(tenantId);
  }

  /**
   * Repeats a call whose connection failed before any HTTP answer (reset, timeout). The SDK's RetryHandler
   * covers 429/503/504 only; every call here is idempotent (create by transactionId, PATCH of the same
   * times, cancel of a gone event is success, reads).
   */
  private async retryingNetwork<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (error) {
        if (!isNetworkFailure(error) || attempt > this.networkRetries || signal?.aborted) throw error;
        await new Promise((resolve) => setTimeout(resolve, NETWORK_RETRY_MS * attempt));
      }
    }
  }

  private async orNullWhenGone<T>(what: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T | null> {
    try {
      return await this.retryingNetwork(signal, call);
    } catch (error) {
      if (graphStatus(error) === 404) return null;
      throw graphFailure(error, what);
    }
  }
}

/** The SDK reports a request that got no HTTP answer as a GraphError with statusCode -1 (or lets fetch's TypeError through). */
function isNetworkFailure(error: unknown): boolean {
  return (error as { statusCode?: unknown } | null)?.statusCode === -1 || error instanceof TypeError;
}

function eventsPath(organiser: MailboxRef): string {
  return `/users/${encodeURIComponent(organiser.id)}/events`;
}

function eventPath(organiser: MailboxRef, eventId: string): string {
  if (eventId.trim() === "") throw new RangeError("An event id is required.");
  return `${eventsPath(organiser)}/${encodeURIComponent(eventId)}`;
}

function checkMeeting(meeting: NewMeeting): void {
  if (!(meeting.end > meeting.start)) throw new RangeError("A meeting must end after it starts.");
  if (!TRANSACTION_ID.test(meeting.transactionId)) throw new RangeError("transactionId must be 1–128 characters of letters, digits and . _ : -");
  if (meeting.attendees.length === 0) throw new RangeError("A mentoring meeting needs at least one attendee.");
  for (const a of meeting.attendees) if (!a.address.includes("@")) throw new RangeError(`Attendee ${a.id} has no SMTP address.`);
}

/** A Graph event (as created, patched or read) in the shape the use cases work with. */
export function toCalendarEvent(raw: unknown, organiser: MailboxRef): CalendarEvent {
  const e = (raw ?? {}) as Record<string, unknown>;
  const start = instantFromGraph(e.start);
  const end = instantFromGraph(e.end);
  if (typeof e.id !== "string" || start === null || end === null) {
    throw graphFailure(Object.assign(new Error("malformed event"), { statusCode: 502, code: "MalformedEvent" }), "return a readable event");
  }
  const organiserAddress = ((e.organizer as { emailAddress?: { address?: unknown } } | undefined)?.emailAddress?.address ?? organiser.address) as string;
  const attendees = (Array.isArray(e.attendees) ? e.attendees : [])
    .map((a) => a as { emailAddress?: { address?: unknown }; status?: { response?: unknown } })
    .filter((a) => typeof a.emailAddress?.address === "string")
    .map((a) => ({ address: String(a.emailAddress?.address).toLowerCase(), response: responseOf(a.status?.response) }))
    .filter((a) => a.address !== String(organiserAddress).toLowerCase() && a.address !== organiser.address.toLowerCase());
  const joinUrl = (e.onlineMeeting as { joinUrl?: unknown } | null | undefined)?.joinUrl;
  return {
    eventId: e.id,
    start,
    end,
    isCancelled: e.isCancelled === true,
    joinUrl: typeof joinUrl === "string" ? joinUrl : null,
    attendees,
    changeKey: typeof e.changeKey === "string" ? e.changeKey : null,
  };
}

function responseOf(value: unknown): AttendeeResponse {
  return typeof value === "string" && RESPONSES.has(value as AttendeeResponse) ? (value as AttendeeResponse) : "none";
}
