import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { at, attendee, eventBody, startHarness, TENANT, type Harness } from "./calendar-harness.js";
import { eventually, startReceiver } from "./calendar-receiver.js";

type Json = Record<string, unknown>;
const MINUTE = 60_000;

function responseOf(event: Json, address: string): { response: string; time: string } {
  const found = (event["attendees"] as Json[]).find((a) => (a["emailAddress"] as { address: string }).address === address);
  return found!["status"] as { response: string; time: string };
}

describe("attendees who behave like people", () => {
  let h: Harness;
  let organizer: string;

  beforeEach(async () => {
    h = await startHarness();
    organizer = h.people.mentor.id;
  });
  afterEach(async () => h.stop());

  async function invite(overrides: Json = {}): Promise<Json> {
    const r = await h.graph("POST", `/users/${organizer}/events`, {
      body: eventBody({ start: at("2025-03-06T15:00:00"), end: at("2025-03-06T15:30:00"), attendees: [attendee(h.people.exec), attendee(h.people.junior)], ...overrides }),
    });
    expect(r.status, r.text).toBe(201);
    return r.json;
  }

  async function organizerView(event: Json): Promise<Json> {
    return (await h.graph("GET", `/users/${organizer}/events/${String(event["id"])}`)).json;
  }

  function advance(minutes: number): void {
    h.clock.advance(minutes * MINUTE);
    h.svc.onClockAdvanced();
  }

  it("answers after the delay on the dev clock, stamped with the answer time", async () => {
    await h.dev("PUT", "/behaviour", { overrideProfiles: true, accept: 1, tentative: 0, decline: 0, delayMinutes: 60 });
    const event = await invite();
    const invitedAt = h.clock.now();
    advance(59);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("none");
    advance(2);
    const after = await organizerView(event);
    expect(responseOf(after, h.people.exec.mail!)).toEqual({ response: "accepted", time: new Date(invitedAt + 60 * MINUTE).toISOString().replace(".000Z", "Z") });
    expect(responseOf(after, h.people.junior.mail!).response).toBe("accepted");
  });

  it("uses each person's own response profile unless overridden", async () => {
    // Global: everyone else accepts after 30 minutes; the exec's profile waits 120 minutes.
    await h.dev("PUT", "/behaviour", { overrideProfiles: false, accept: 1, tentative: 0, decline: 0, delayMinutes: 30 });
    h.people.exec.responseProfile = { accept: 0, tentative: 1, decline: 0, delayMinutes: 120, laterConflict: 0 };
    const event = await invite();
    advance(31);
    let view = await organizerView(event);
    expect(responseOf(view, h.people.junior.mail!).response).toBe("accepted");
    expect(responseOf(view, h.people.exec.mail!).response).toBe("none");
    advance(90);
    view = await organizerView(event);
    expect(responseOf(view, h.people.exec.mail!).response).toBe("tentativelyAccepted");
  });

  it("declines show up on the organizer's event and in a change notification with clientState", async () => {
    const rx = await startReceiver();
    try {
      await h.dev("PUT", "/behaviour", { overrideProfiles: true, accept: 0, tentative: 0, decline: 1, delayMinutes: 15 });
      const sub = await h.graph("POST", "/subscriptions", {
        body: { changeType: "updated", notificationUrl: rx.url(), resource: `/users/${organizer}/events`, expirationDateTime: new Date(h.clock.now() + 24 * 60 * MINUTE).toISOString(), clientState: "mentoring-app" },
      });
      expect(sub.status).toBe(201);
      const event = await invite({ attendees: [attendee(h.people.exec)] });
      advance(20);
      const view = await organizerView(event);
      expect(responseOf(view, h.people.exec.mail!).response).toBe("declined");
      const execEvents = await h.dev("GET", `/tenants/${TENANT}/users/${h.people.exec.id}/events`);
      expect((execEvents.json["value"] as Json[]).filter((e) => e["iCalUId"] === event["iCalUId"])).toEqual([]);
      await eventually(() => rx.notifications().length >= 1);
      expect(rx.notifications()[0]).toMatchObject({ changeType: "updated", clientState: "mentoring-app", resourceData: { id: event["id"] } });
    } finally {
      await rx.close();
    }
  });

  it("is deterministic: the same seed and the same meetings give the same answers", async () => {
    const answers = async (harness: Harness): Promise<string[]> => {
      await harness.dev("PUT", "/behaviour", { overrideProfiles: true, accept: 0.4, tentative: 0.2, decline: 0.2, delayMinutes: 10 });
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await harness.graph("POST", `/users/${harness.people.mentor.id}/events`, {
          body: eventBody({ transactionId: `session-${i}`, start: at(`2025-03-${10 + (i % 5)}T1${i % 8}:00:00`), end: at(`2025-03-${10 + (i % 5)}T1${i % 8}:30:00`), attendees: [attendee(harness.people.exec), attendee(harness.people.ceo)] }),
        });
        ids.push(String(r.json["id"]));
      }
      harness.clock.advance(11 * MINUTE);
      harness.svc.onClockAdvanced();
      const result: string[] = [];
      for (const id of ids) {
        const view = (await harness.graph("GET", `/users/${harness.people.mentor.id}/events/${id}`)).json;
        result.push(`${responseOf(view, harness.people.exec.mail!).response}/${responseOf(view, harness.people.ceo.mail!).response}`);
      }
      return result;
    };
    const first = await answers(h);
    const second = await startHarness();
    try {
      expect(await answers(second)).toEqual(first);
    } finally {
      await second.stop();
    }
    // With these probabilities a dozen meetings do not all get the same answer.
    expect(new Set(first.flatMap((a) => a.split("/"))).size).toBeGreaterThan(2);
  });

  it("freezes with enabled:false", async () => {
    await h.dev("PUT", "/behaviour", { enabled: false, overrideProfiles: true, accept: 1, tentative: 0, decline: 0, delayMinutes: 1 });
    const event = await invite();
    advance(24 * 60);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("none");
    expect(h.svc.behaviour.queued()).toBe(0);
  });

  it("later declines an accepted meeting when a conflict lands in the attendee's calendar (laterConflict)", async () => {
    await h.dev("PUT", "/behaviour", { overrideProfiles: true, accept: 1, tentative: 0, decline: 0, delayMinutes: 10, laterConflict: 1 });
    const event = await invite({ attendees: [attendee(h.people.exec)], start: at("2025-03-08T15:00:00"), end: at("2025-03-08T16:00:00") });
    advance(11);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("accepted");
    advance(4 * 24 * 60);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("declined");
    const execEvents = (await h.dev("GET", `/tenants/${TENANT}/users/${h.people.exec.id}/events`)).json["value"] as Json[];
    const conflict = execEvents.find((e) => e["subject"] === "Conflicting meeting");
    expect(conflict).toBeDefined();
    expect(conflict!["start"]).toEqual({ dateTime: "2025-03-08T15:00:00.0000000", timeZone: "UTC" });
  });

  it("a moved meeting is answered again", async () => {
    await h.dev("PUT", "/behaviour", { overrideProfiles: true, accept: 1, tentative: 0, decline: 0, delayMinutes: 10 });
    const event = await invite({ attendees: [attendee(h.people.exec)] });
    advance(11);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("accepted");
    const moved = await h.graph("PATCH", `/users/${organizer}/events/${String(event["id"])}`, { body: { start: at("2025-03-07T15:00:00"), end: at("2025-03-07T15:30:00") } });
    expect(responseOf(moved.json, h.people.exec.mail!).response).toBe("none");
    advance(11);
    expect(responseOf(await organizerView(event), h.people.exec.mail!).response).toBe("accepted");
  });
});

describe("dev endpoints for answering as the executive", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await h.dev("PUT", "/behaviour", { enabled: false });
  });
  afterEach(async () => h.stop());

  async function meeting(overrides: Json = {}): Promise<Json> {
    const r = await h.graph("POST", `/users/${h.people.mentor.id}/events`, {
      body: eventBody({ transactionId: "txn-42", start: at("2025-03-06T10:00:00"), end: at("2025-03-06T11:00:00"), attendees: [attendee(h.people.exec), { emailAddress: { address: "partner@fabrikam.example", name: "Partner" } }], ...overrides }),
    });
    expect(r.status).toBe(201);
    return r.json;
  }

  it("answers by transactionId, eventId or iCalUId, like clicking in Outlook", async () => {
    const event = await meeting();
    const byTxn = await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.userPrincipalName}/respond`, { organizer: h.people.mentor.mail, transactionId: "txn-42", response: "tentativelyAccepted" });
    expect(byTxn.status, byTxn.text).toBe(200);
    expect(responseOf(byTxn.json["organizerEvent"] as Json, h.people.exec.mail!).response).toBe("tentativelyAccepted");
    const byId = await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/respond`, { organizer: h.people.mentor.id, eventId: event["id"], response: "accepted", comment: "Looking forward" });
    expect(responseOf(byId.json["organizerEvent"] as Json, h.people.exec.mail!).response).toBe("accepted");
    const external = await h.dev("POST", `/tenants/${TENANT}/users/partner@fabrikam.example/respond`, { organizer: h.people.mentor.id, iCalUId: event["iCalUId"], response: "declined" });
    expect(external.status).toBe(200);
    expect(external.json["attendeeEventId"]).toBeNull();
    const view = (await h.graph("GET", `/users/${h.people.mentor.id}/events/${String(event["id"])}`)).json;
    expect(responseOf(view, "partner@fabrikam.example").response).toBe("declined");
    expect(responseOf(view, h.people.exec.mail!).response).toBe("accepted");
  });

  it("changing one's mind after declining puts the meeting back into the calendar", async () => {
    const event = await meeting();
    const respond = (response: string): ReturnType<Harness["dev"]> => h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/respond`, { organizer: h.people.mentor.id, eventId: event["id"], response });
    expect((await respond("declined")).status).toBe(200);
    const calendar = async (): Promise<Json[]> => ((await h.dev("GET", `/tenants/${TENANT}/users/${h.people.exec.id}/events`)).json["value"] as Json[]).filter((e) => e["iCalUId"] === event["iCalUId"]);
    expect(await calendar()).toEqual([]);
    const again = await respond("accepted");
    expect(again.status).toBe(200);
    const [copy] = await calendar();
    expect(copy).toMatchObject({ id: again.json["attendeeEventId"], responseStatus: { response: "accepted" }, showAs: "busy" });
    expect(responseOf(again.json["organizerEvent"] as Json, h.people.exec.mail!).response).toBe("accepted");
  });

  it("rejects bad input with 400/404 naming the field", async () => {
    await meeting();
    const respond = (body: Json, user = h.people.exec.id, tenant = TENANT): ReturnType<Harness["dev"]> => h.dev("POST", `/tenants/${tenant}/users/${user}/respond`, body);
    const cases: Array<[Json, number, string, string?, string?]> = [
      [{ transactionId: "txn-42", response: "accepted" }, 400, "organizer"],
      [{ organizer: h.people.mentor.id, transactionId: "txn-42", response: "maybe" }, 400, "response"],
      [{ organizer: h.people.mentor.id, response: "accepted" }, 400, "eventId"],
      [{ organizer: h.people.mentor.id, transactionId: "txn-42", eventId: "x", response: "accepted" }, 400, "eventId"],
      [{ organizer: h.people.mentor.id, transactionId: "nope", response: "accepted" }, 404, "transactionId"],
      [{ organizer: "ghost@contoso.example", transactionId: "txn-42", response: "accepted" }, 404, "organizer"],
      [{ organizer: h.people.mentor.id, transactionId: "txn-42", response: "accepted" }, 404, "attendee", h.people.junior.id],
      [{ organizer: h.people.mentor.id, transactionId: "txn-42", response: "accepted" }, 404, "tenantId", undefined, "no-such-tenant"],
    ];
    for (const [body, status, field, user, tenant] of cases) {
      const r = await respond(body, user, tenant);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect((r.json["error"] as { field: string }).field).toBe(field);
    }
    const notJson = await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/respond`, "{oops");
    expect(notJson.status).toBe(400);
    const badBehaviour = [{ accept: 2 }, { accept: 0.6, tentative: 0.3, decline: 0.3 }, { delayMinutes: -1 }, { enabled: "yes" }, { surprise: 1 }];
    for (const body of badBehaviour) expect((await h.dev("PUT", "/behaviour", body)).status, JSON.stringify(body)).toBe(400);
    expect((await h.dev("PUT", "/notifications", { duplicateRate: 3 })).status).toBe(400);
  });

  it("conflicts: an executive with laterConflict declines overlapping invitations; others just get busier", async () => {
    const event = await meeting({ attendees: [attendee(h.people.exec), attendee(h.people.junior)] });
    const r = await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/conflicts`, { start: "2025-03-06T10:30:00Z", end: "2025-03-06T11:30:00Z" });
    expect(r.status, r.text).toBe(200);
    expect((r.json["declined"] as Json[]).map((d) => d["iCalUId"])).toEqual([event["iCalUId"]]);
    const junior = await h.dev("POST", `/tenants/${TENANT}/users/${h.people.junior.id}/conflicts`, { start: { dateTime: "2025-03-06T10:30:00", timeZone: "UTC" }, end: { dateTime: "2025-03-06T11:30:00", timeZone: "UTC" } });
    expect(junior.json["declined"]).toEqual([]);
    const view = (await h.graph("GET", `/users/${h.people.mentor.id}/events/${String(event["id"])}`)).json;
    expect(responseOf(view, h.people.exec.mail!).response).toBe("declined");
    expect(responseOf(view, h.people.junior.mail!).response).toBe("none");
    const schedule = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, { body: { schedules: [h.people.junior.mail], startTime: at("2025-03-06T10:00:00"), endTime: at("2025-03-06T12:00:00"), availabilityViewInterval: 30 } });
    // 10:00 tentative invitation, 10:30 the conflict on top (busy wins), 11:00 busy, 11:30 free.
    expect((schedule.json["value"] as Json[])[0]!["availabilityView"]).toBe("1220");
    expect((await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/conflicts`, { start: "2025-03-06T12:00:00Z", end: "2025-03-06T11:00:00Z" })).json["error"]).toMatchObject({ field: "end" });
    expect((await h.dev("POST", `/tenants/${TENANT}/users/${h.people.exec.id}/conflicts`, { start: "tomorrow", end: "2025-03-06T11:00:00Z" })).json["error"]).toMatchObject({ field: "start" });
  });

  it("lists every stored event of a mailbox, invitations included", async () => {
    const event = await meeting();
    const r = await h.dev("GET", `/tenants/${TENANT}/users/${h.people.exec.mail}/events`);
    expect(r.status).toBe(200);
    const [copy] = r.json["value"] as Json[];
    expect(copy).toMatchObject({ iCalUId: event["iCalUId"], isOrganizer: false, responseStatus: { response: "none" } });
    const behaviour = await h.dev("GET", "/behaviour");
    expect(behaviour.json).toMatchObject({ enabled: false });
  });
});
