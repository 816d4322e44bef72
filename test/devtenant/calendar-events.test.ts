import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { at, attendee, eventBody, startHarness, type Harness, type Reply } from "./calendar-harness.js";
import { example, shapeDiff } from "./calendar-shape.js";

type Json = Record<string, unknown>;
const errorCode = (r: Reply): string => (r.json["error"] as { code: string }).code;
const attendeesOf = (event: Json): Json[] => event["attendees"] as Json[];
const statusOf = (event: Json, address: string): { response: string; time: string } =>
  attendeesOf(event).find((a) => (a["emailAddress"] as { address: string }).address === address)!["status"] as { response: string; time: string };

describe("events", () => {
  let h: Harness;
  let organizer: string;
  let execMail: string;

  beforeAll(async () => {
    h = await startHarness();
    organizer = h.people.mentor.userPrincipalName;
    execMail = h.people.exec.mail!;
  });
  afterAll(async () => h.stop());
  beforeEach(async () => {
    // Automatic answers are covered in calendar-behaviour; here attendees only answer when told to.
    await h.dev("PUT", "/behaviour", { enabled: false });
  });

  async function create(body: Json, headers: Record<string, string> = {}): Promise<Json> {
    const r = await h.graph("POST", `/users/${organizer}/events`, { body, headers });
    expect(r.status, r.text).toBe(201);
    return r.json;
  }

  async function copyFor(person: { id: string }, iCalUId: string): Promise<Json> {
    const list = await h.graph("GET", `/users/${person.id}/events?$filter=iCalUId eq '${iCalUId}'`);
    expect(list.status).toBe(200);
    const [copy] = list.json["value"] as Json[];
    expect(copy).toBeDefined();
    return copy!;
  }

  it("creates events shaped like the official create-event payload (201, attendees at none, organizer response)", async () => {
    const request = example("create-event.request.json") as Json;
    const r = await h.graph("POST", `/users/${organizer}/events`, {
      body: { ...request, transactionId: "create-shape-1", attendees: [attendee(h.people.exec)] },
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(r.status).toBe(201);
    expect(shapeDiff(example("create-event.response.json"), r.json)).toEqual([]);
    expect(r.json["transactionId"]).toBe("create-shape-1");
    expect(r.json["responseStatus"]).toEqual({ response: "organizer", time: "0001-01-01T00:00:00Z" });
    expect(statusOf(r.json, execMail)).toEqual({ response: "none", time: "0001-01-01T00:00:00Z" });
    expect(r.json["start"]).toEqual({ dateTime: "2017-04-15T12:00:00.0000000", timeZone: "Pacific Standard Time" });
    expect(r.json["@odata.etag"]).toBe(`W/"${String(r.json["changeKey"])}"`);
    expect(r.json["@odata.context"]).toBe(`${h.origin}/v1.0/$metadata#users('${organizer}')/events/$entity`);
    expect((r.json["organizer"] as { emailAddress: { address: string } }).emailAddress.address).toBe(h.people.mentor.mail);
  });

  it("creates Teams meetings with an onlineMeeting.joinUrl and onlineMeetingUrl null", async () => {
    const r = await h.graph("POST", `/users/${organizer}/calendar/events`, {
      body: { ...(example("create-event-online-meeting.request.json") as Json), attendees: [attendee(h.people.exec)] },
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(r.status).toBe(201);
    expect(shapeDiff(example("create-event-online-meeting.response.json"), r.json)).toEqual([]);
    expect(r.json["onlineMeetingUrl"]).toBeNull();
    expect(r.json["onlineMeetingProvider"]).toBe("teamsForBusiness");
    expect((r.json["onlineMeeting"] as { joinUrl: string }).joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });

  it("creates weekly series as seriesMaster with Graph's recurrence defaults, expanded by calendarView", async () => {
    const r = await h.graph("POST", `/users/${organizer}/events`, { body: { ...(example("create-event-recurring.request.json") as Json), attendees: [attendee(h.people.junior)] } });
    expect(r.status).toBe(201);
    // The example says isOnlineMeeting true without an online meeting (a docs slip); types still agree.
    expect(shapeDiff(example("create-event-recurring.response.json"), r.json)).toEqual([]);
    expect(r.json["type"]).toBe("seriesMaster");
    expect((r.json["recurrence"] as { pattern: Json }).pattern["daysOfWeek"]).toEqual(["monday"]);
    const view = await h.graph("GET", `/users/${organizer}/calendarView?startDateTime=2017-09-01T00:00:00Z&endDateTime=2017-10-01T00:00:00Z&$top=50`);
    const occurrences = (view.json["value"] as Json[]).filter((e) => e["seriesMasterId"] === r.json["id"]);
    expect(occurrences.map((o) => (o["start"] as { dateTime: string }).dateTime)).toEqual([
      "2017-09-04T19:00:00.0000000",
      "2017-09-11T19:00:00.0000000",
      "2017-09-18T19:00:00.0000000",
      "2017-09-25T19:00:00.0000000",
    ]);
    expect(occurrences.every((o) => o["type"] === "occurrence")).toBe(true);
    const one = await h.graph("GET", `/users/${organizer}/events/${String(occurrences[1]!["id"])}`);
    expect(one.status).toBe(200);
    expect(one.json["type"]).toBe("occurrence");
  });

  it("does not create a second event for a repeated transactionId (returns the first, 201)", async () => {
    const body = eventBody({ transactionId: "7E163156-7762-4BEB-A1C6-729EA81755A7", attendees: [attendee(h.people.exec)] });
    const first = await create(body);
    const second = await create({ ...body, subject: "A retry with a different subject" });
    expect(second["id"]).toBe(first["id"]);
    expect(second["subject"]).toBe(first["subject"]);
    const mine = await h.graph("GET", `/users/${organizer}/events?$filter=transactionId eq '7E163156-7762-4BEB-A1C6-729EA81755A7'`);
    expect((mine.json["value"] as Json[]).length).toBe(1);
    const copies = await h.graph("GET", `/users/${h.people.exec.id}/events?$filter=iCalUId eq '${String(first["iCalUId"])}'`);
    expect((copies.json["value"] as Json[]).length).toBe(1);
    // The same transactionId in someone else's calendar is a different event.
    const elsewhere = await h.graph("POST", `/users/${h.people.junior.id}/events`, { body });
    expect(elsewhere.json["id"]).not.toBe(first["id"]);
  });

  it("puts a copy of the invitation into each attendee's calendar, tentative until answered", async () => {
    const event = await create(eventBody({ start: at("2025-03-12T09:00:00", "UTC"), end: at("2025-03-12T10:00:00", "UTC"), attendees: [attendee(h.people.exec), attendee(h.people.noMailbox), { emailAddress: { address: "partner@fabrikam.example" } }] }));
    const copy = await copyFor(h.people.exec, String(event["iCalUId"]));
    expect(copy["id"]).not.toBe(event["id"]);
    expect(copy["isOrganizer"]).toBe(false);
    expect(copy["responseStatus"]).toEqual({ response: "none", time: "0001-01-01T00:00:00Z" });
    expect(copy["showAs"]).toBe("tentative");
    expect(copy["transactionId"]).toBeUndefined();
    const schedule = await h.graph("POST", `/users/${organizer}/calendar/getSchedule`, { body: { schedules: [execMail, organizer], startTime: at("2025-03-12T09:00:00"), endTime: at("2025-03-12T10:00:00"), availabilityViewInterval: 60 } });
    expect((schedule.json["value"] as Json[]).map((v) => v["availabilityView"])).toEqual(["1", "2"]);
    // No copies for people without a mailbox or outside the tenant; they stay on the organizer's list.
    expect(attendeesOf(event).length).toBe(3);
  });

  it("records accept and decline on the organizer's event; a declined meeting leaves the attendee's calendar", async () => {
    const event = await create(eventBody({ start: at("2025-03-13T09:00:00"), end: at("2025-03-13T10:00:00"), attendees: [attendee(h.people.exec), attendee(h.people.junior)] }));
    const execCopy = await copyFor(h.people.exec, String(event["iCalUId"]));
    const juniorCopy = await copyFor(h.people.junior, String(event["iCalUId"]));
    h.clock.advance(5 * 60_000);
    expect((await h.graph("POST", `/users/${h.people.exec.id}/events/${String(execCopy["id"])}/accept`, { body: example("event-accept.request.json") })).status).toBe(202);
    expect((await h.graph("POST", `/users/${h.people.junior.id}/events/${String(juniorCopy["id"])}/decline`, { body: example("event-decline.request.json") })).status).toBe(202);
    const after = await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}`);
    expect(statusOf(after.json, execMail).response).toBe("accepted");
    expect(statusOf(after.json, execMail).time).toBe(new Date(h.clock.now()).toISOString().replace(".000Z", "Z"));
    expect(statusOf(after.json, h.people.junior.mail!).response).toBe("declined");
    const proposal = attendeesOf(after.json).find((a) => (a["emailAddress"] as { address: string }).address === h.people.junior.mail)!["proposedNewTime"] as { start: { dateTime: string } };
    expect(proposal.start.dateTime).toBe("2019-12-03T02:00:00.0000000");
    expect((await h.graph("GET", `/users/${h.people.junior.id}/events/${String(juniorCopy["id"])}`)).status).toBe(404);
    const accepted = await h.graph("GET", `/users/${h.people.exec.id}/events/${String(execCopy["id"])}`);
    expect(accepted.json["responseStatus"]).toMatchObject({ response: "accepted" });
    expect(accepted.json["showAs"]).toBe("busy");

    // Moving the meeting sends it again to everyone, also to the attendee who declined (as Exchange does).
    const moved = await h.graph("PATCH", `/users/${organizer}/events/${String(event["id"])}`, { body: { start: { dateTime: "2025-05-13T09:00:00", timeZone: "UTC" }, end: { dateTime: "2025-05-13T10:00:00", timeZone: "UTC" } } });
    expect(moved.status).toBe(200);
    expect(statusOf(moved.json, h.people.junior.mail!).response).toBe("none");
    const invitedAgain = await copyFor(h.people.junior, String(event["iCalUId"]));
    expect(invitedAgain["id"]).not.toBe(juniorCopy["id"]);
    expect(invitedAgain["responseStatus"]).toMatchObject({ response: "none" });
    expect(String((invitedAgain["start"] as { dateTime: string }).dateTime)).toMatch(/^2025-05-13T09:00:00/);
  });

  it("applies Graph's answer rules: no answering your own meeting, proposals only when allowed, cancel only by the organizer", async () => {
    const event = await create(eventBody({ allowNewTimeProposals: false, attendees: [attendee(h.people.exec)] }));
    const copy = await copyFor(h.people.exec, String(event["iCalUId"]));
    const ownAccept = await h.graph("POST", `/users/${organizer}/events/${String(event["id"])}/accept`, { body: {} });
    expect(ownAccept.status).toBe(400);
    const proposal = { start: at("2025-03-20T10:00:00"), end: at("2025-03-20T11:00:00") };
    const notAllowed = await h.graph("POST", `/users/${h.people.exec.id}/events/${String(copy["id"])}/decline`, { body: { proposedNewTime: proposal } });
    expect(notAllowed.status).toBe(400);
    const cancelByAttendee = await h.graph("POST", `/users/${h.people.exec.id}/events/${String(copy["id"])}/cancel`, { body: example("event-cancel.request.json") });
    expect(cancelByAttendee.status).toBe(400);
    expect((cancelByAttendee.json["error"] as { message: string }).message).toContain("You need to be an organizer to cancel a meeting");
    const tentative = await h.graph("POST", `/users/${h.people.exec.id}/events/${String(copy["id"])}/tentativelyAccept`, { body: { sendResponse: false } });
    expect(tentative.status).toBe(202);
    // sendResponse false: the attendee's own copy changes, the organizer hears nothing.
    const organizerView = await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}`);
    expect(statusOf(organizerView.json, execMail).response).toBe("none");
  });

  it("cancels for everyone: the organizer's event goes, attendees' copies show as cancelled and free", async () => {
    const event = await create(eventBody({ start: at("2025-03-14T09:00:00"), end: at("2025-03-14T10:00:00"), attendees: [attendee(h.people.exec)] }));
    const copy = await copyFor(h.people.exec, String(event["iCalUId"]));
    expect((await h.graph("POST", `/users/${organizer}/events/${String(event["id"])}/cancel`, { body: { Comment: "Sorry" } })).status).toBe(202);
    expect((await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}`)).status).toBe(404);
    const cancelled = await h.graph("GET", `/users/${h.people.exec.id}/events/${String(copy["id"])}`);
    expect(cancelled.json["isCancelled"]).toBe(true);
    expect(cancelled.json["showAs"]).toBe("free");
    const schedule = await h.graph("POST", `/users/${organizer}/calendar/getSchedule`, { body: { schedules: [execMail], startTime: at("2025-03-14T09:00:00"), endTime: at("2025-03-14T10:00:00"), availabilityViewInterval: 60 } });
    expect((schedule.json["value"] as Json[])[0]!["availabilityView"]).toBe("0");
    // The attendee can delete the cancelled copy (204).
    expect((await h.graph("DELETE", `/users/${h.people.exec.id}/events/${String(copy["id"])}`)).status).toBe(204);
  });

  it("moves a meeting with PATCH: start/end change everywhere and everyone's answer resets to none", async () => {
    const event = await create(eventBody({ start: at("2025-03-17T09:00:00"), end: at("2025-03-17T10:00:00"), attendees: [attendee(h.people.exec)] }));
    const copy = await copyFor(h.people.exec, String(event["iCalUId"]));
    await h.graph("POST", `/users/${h.people.exec.id}/events/${String(copy["id"])}/accept`, { body: {} });
    const moved = await h.graph("PATCH", `/users/${organizer}/events/${String(event["id"])}`, {
      body: { start: at("2025-03-18T14:00:00", "India Standard Time"), end: at("2025-03-18T15:00:00", "India Standard Time") },
      headers: { Prefer: 'outlook.timezone="India Standard Time"' },
    });
    expect(moved.status).toBe(200);
    expect(moved.json["start"]).toEqual({ dateTime: "2025-03-18T14:00:00.0000000", timeZone: "India Standard Time" });
    expect(moved.json["originalStartTimeZone"]).toBe("India Standard Time");
    expect(statusOf(moved.json, execMail)).toEqual({ response: "none", time: "0001-01-01T00:00:00Z" });
    expect(moved.json["changeKey"]).not.toBe(event["changeKey"]);
    const movedCopy = await h.graph("GET", `/users/${h.people.exec.id}/events/${String(copy["id"])}`);
    expect(movedCopy.json["start"]).toEqual({ dateTime: "2025-03-18T08:30:00.0000000", timeZone: "UTC" });
    expect(movedCopy.json["responseStatus"]).toMatchObject({ response: "none" });
    // Attendees may not move the organizer's meeting.
    const attendeeMove = await h.graph("PATCH", `/users/${h.people.exec.id}/events/${String(copy["id"])}`, { body: { subject: "Mine now" } });
    expect(attendeeMove.status).toBe(400);
    const attendeePersonal = await h.graph("PATCH", `/users/${h.people.exec.id}/events/${String(copy["id"])}`, { body: { categories: ["Mentoring"] } });
    expect(attendeePersonal.status).toBe(200);
  });

  it("reads events like the event-get example: $select, Prefer zone and Preference-Applied", async () => {
    // Like the example: a first attendee who has not answered, a second who proposed a new time.
    const event = await create(eventBody({ attendees: [attendee(h.people.junior), attendee(h.people.exec)] }));
    const copy = await copyFor(h.people.exec, String(event["iCalUId"]));
    await h.graph("POST", `/users/${h.people.exec.id}/events/${String(copy["id"])}/tentativelyAccept`, { body: { proposedNewTime: { start: at("2025-03-06T10:00:00", "Pacific Standard Time"), end: at("2025-03-06T10:30:00", "Pacific Standard Time") } } });
    const select = "subject,body,bodyPreview,organizer,attendees,start,end,location,hideAttendees";
    const r = await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}?$select=${select}`, { headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' } });
    expect(r.status).toBe(200);
    expect(r.headers.get("preference-applied")).toBe('outlook.timezone="Pacific Standard Time"');
    expect(shapeDiff(example("event-get.response.json"), r.json)).toEqual([]);
    expect(shapeDiff((example("event-get.response.json") as { attendees: unknown[] }).attendees[1], attendeesOf(r.json)[1])).toEqual([]);
    expect(Object.keys(r.json).sort()).toEqual(["@odata.context", "@odata.etag", "id", "locations", ...select.split(",")].sort());
    expect(r.json["@odata.context"]).toBe(`${h.origin}/v1.0/$metadata#users('${organizer}')/events(${select})/$entity`);
    expect(statusOf(r.json, execMail).response).toBe("tentativelyAccepted");
    const plain = await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}`);
    expect(plain.headers.get("preference-applied")).toBeNull();
    expect(plain.json["start"]).toEqual({ dateTime: "2025-03-05T18:00:00.0000000", timeZone: "UTC" });
  });

  it("lists with $top, absolute @odata.nextLink paging and $filter on start", async () => {
    for (let day = 20; day <= 24; day++) await create(eventBody({ subject: `Paging ${day}`, start: at(`2025-04-${day}T09:00:00`), end: at(`2025-04-${day}T09:30:00`) }));
    const seen: string[] = [];
    let url: string | undefined = `/users/${organizer}/events?$filter=start/dateTime ge '2025-04-20T00:00:00' and start/dateTime lt '2025-04-25T00:00:00'&$top=2&$select=subject,start&$orderby=start/dateTime`;
    let pages = 0;
    while (url !== undefined) {
      const r = await h.graph("GET", url);
      expect(r.status).toBe(200);
      pages++;
      seen.push(...(r.json["value"] as Json[]).map((e) => String(e["subject"])));
      const next = r.json["@odata.nextLink"] as string | undefined;
      if (next !== undefined) expect(next.startsWith(`${h.origin}/v1.0/users/`)).toBe(true);
      url = next?.slice(`${h.origin}/v1.0`.length);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(["Paging 20", "Paging 21", "Paging 22", "Paging 23", "Paging 24"]);
    expect((await h.graph("GET", `/users/${organizer}/events?$top=0`)).status).toBe(400);
    expect((await h.graph("GET", `/users/${organizer}/events?$filter=contains(subject,'x')`)).status).toBe(400);
  });

  it("requires the calendarView window and rejects unknown properties and zones with Graph's errors", async () => {
    const noWindow = await h.graph("GET", `/users/${organizer}/calendarView`);
    expect(noWindow.status).toBe(400);
    expect(errorCode(noWindow)).toBe("ErrorInvalidParameter");
    const unknownProperty = await h.graph("POST", `/users/${organizer}/events`, { body: eventBody({ colour: "blue" }) });
    expect(unknownProperty.status).toBe(400);
    expect(errorCode(unknownProperty)).toBe("RequestBodyRead");
    const badZone = await h.graph("POST", `/users/${organizer}/events`, { body: eventBody({ start: at("2025-03-05T10:00:00", "Gondor Standard Time") }) });
    expect(errorCode(badZone)).toBe("TimeZoneNotSupportedException");
    const badJson = await h.graph("POST", `/users/${organizer}/events`, { body: "{not json" });
    expect(badJson.status).toBe(400);
    expect(errorCode(badJson)).toBe("BadRequest");
    const missing = await h.graph("GET", `/users/${organizer}/events/AAMkADnope=`);
    expect(errorCode(missing)).toBe("ErrorItemNotFound");
  });

  it("enforces permissions: Calendars.ReadWrite to write, Calendars.Read to read, own mailbox only when delegated", async () => {
    const readOnly = { roles: ["Calendars.Read"] };
    expect((await h.graph("POST", `/users/${organizer}/events`, { body: eventBody(), ctx: readOnly })).status).toBe(403);
    expect((await h.graph("GET", `/users/${organizer}/events`, { ctx: readOnly })).status).toBe(200);
    expect((await h.graph("GET", `/users/${organizer}/events`, { ctx: { roles: ["User.Read.All"] } })).status).toBe(403);
    const delegated = { roles: [], userId: h.people.mentor.id, scopes: ["Calendars.ReadWrite"] };
    expect((await h.graph("GET", "/me/events", { ctx: delegated })).status).toBe(200);
    expect((await h.graph("GET", `/users/${h.people.exec.id}/events`, { ctx: delegated })).status).toBe(403);
    const appOnMe = await h.graph("GET", "/me/events");
    expect(appOnMe.status).toBe(400);
    const noMailbox = await h.graph("POST", `/users/${h.people.noMailbox.id}/events`, { body: eventBody() });
    expect(errorCode(noMailbox)).toBe("MailboxNotEnabledForRESTAPI");
  });
});

describe("calendarView over generated calendars", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ generateCalendars: true });
  });
  afterAll(async () => h.stop());

  it("returns background meetings as read-only events alongside real ones", async () => {
    const created = await h.graph("POST", `/users/${h.people.exec.id}/events`, { body: eventBody({ start: at("2025-03-04T23:00:00"), end: at("2025-03-04T23:30:00") }) });
    const view = await h.graph("GET", `/users/${h.people.exec.id}/calendarView?startDateTime=2025-03-03T00:00:00&endDateTime=2025-03-08T00:00:00&$top=200`);
    expect(view.status).toBe(200);
    const events = view.json["value"] as Json[];
    expect(events.some((e) => e["id"] === created.json["id"])).toBe(true);
    const background = events.filter((e) => String(e["id"]).startsWith("AAMkGEN"));
    expect(background.length).toBeGreaterThan(5);
    expect(background.some((e) => e["type"] === "occurrence" && typeof e["seriesMasterId"] === "string")).toBe(true);
    const one = await h.graph("GET", `/users/${h.people.exec.id}/events/${String(background[0]!["id"])}`);
    expect(one.status).toBe(200);
    expect(one.json["start"]).toEqual(background[0]!["start"]);
    const patch = await h.graph("PATCH", `/users/${h.people.exec.id}/events/${String(background[0]!["id"])}`, { body: { subject: "x" } });
    expect(patch.status).toBe(400);
    // /events lists only events created through Graph.
    const list = await h.graph("GET", `/users/${h.people.exec.id}/events`);
    expect((list.json["value"] as Json[]).map((e) => e["id"])).toEqual([created.json["id"]]);
  });
});
