// The calendar half end to end: the real dev tenant over HTTPS, reached only through the real
// @microsoft/microsoft-graph-client and @azure/msal-node (app-only and on-behalf-of), with TLS verified
// against the dev CA — including an HTTPS webhook receiver whose certificate the dev CA issued.
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { PageIterator, type Client } from "@microsoft/microsoft-graph-client";
import { fetch as undiciFetch, type Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevPerson, type DevTenant } from "../../src/devtenant/index.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp } from "./sdk-clients.js";
import { example, shapeDiff } from "./calendar-shape.js";
import { eventually } from "./calendar-receiver.js";

type Json = Record<string, unknown>;
const DAY = 86_400_000;

describe("calendar through the real Graph client and msal-node", () => {
  let dev: DevTenant;
  let agent: Agent;
  let client: Client;
  let tenantId: string;
  let exec: DevPerson;
  let mentor: DevPerson;
  let noMailbox: DevPerson;
  let receiver: Server;
  let receiverUrl: string;
  const received: Json[] = [];

  /** A weekday a few days after the dev clock's "now", at 10:00 UTC (never depends on a fixed date). */
  const slot = (daysAhead: number, hour = 10): { start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } } => {
    const day = new Date(dev.clock.now() + daysAhead * DAY);
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const date = day.toISOString().slice(0, 10);
    const hh = String(hour).padStart(2, "0");
    return { start: { dateTime: `${date}T${hh}:00:00`, timeZone: "UTC" }, end: { dateTime: `${date}T${hh}:30:00`, timeZone: "UTC" } };
  };

  async function devCall(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const response = await undiciFetch(`${dev.url}/dev${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: agent });
    return { status: response.status, json: (await response.json()) as Json };
  }

  beforeAll(async () => {
    dev = await startDevTenant({ seed: 11, users: 300, extraTenants: [{ displayName: "Fabrikam", users: 20 }] });
    agent = devTenantAgent(dev);
    tenantId = dev.tenants[0]!.tenantId;
    client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tenantId, agent)));
    const people = dev.directory(tenantId).people();
    const usable = people.filter((p) => p.hasMailbox && p.accountEnabled && p.mail !== null && p.userType === "Member");
    exec = usable.find((p) => p.generatedLevel >= 1 && p.generatedLevel <= 3)!;
    mentor = usable.find((p) => p.generatedLevel >= 5)!;
    noMailbox = people.find((p) => !p.hasMailbox)!;
    expect(exec && mentor && noMailbox).toBeTruthy();

    const cert = dev.issueServerCert(["127.0.0.1"]);
    receiver = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const token = new URL(req.url ?? "/", "https://127.0.0.1").searchParams.get("validationToken");
        if (token !== null) {
          res.writeHead(200, { "content-type": "text/plain" }).end(token);
          return;
        }
        received.push(...(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { value: Json[] }).value);
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `https://127.0.0.1:${(receiver.address() as AddressInfo).port}/notifications`;
    await devCall("PUT", "/behaviour", { enabled: false });
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await dev?.stop();
    await agent?.close();
  });

  it("reads mailboxSettings with Windows zone names", async () => {
    const settings = (await client.api(`/users/${exec.userPrincipalName}/mailboxSettings`).get()) as Json;
    expect(shapeDiff(example("mailboxsettings.response.json"), settings)).toEqual([]);
    expect(settings["timeZone"]).toBe(exec.timeZone);
    expect((settings["workingHours"] as { timeZone: { name: string } }).timeZone.name).toBe(exec.workingHours.timeZone);
  });

  it("getSchedule over the generated calendars, with a per-schedule error for a user without a mailbox", async () => {
    const window = slot(3, 0);
    const result = (await client
      .api(`/users/${mentor.id}/calendar/getSchedule`)
      .header("Prefer", `outlook.timezone="${exec.timeZone}"`)
      .post({ schedules: [exec.mail, mentor.mail, noMailbox.userPrincipalName], startTime: window.start, endTime: { ...window.start, dateTime: window.start.dateTime.replace("T00:00:00", "T23:30:00") }, availabilityViewInterval: 30 })) as { value: Json[] };
    const [execSchedule, mentorSchedule, missing] = result.value;
    expect((execSchedule!["availabilityView"] as string).length).toBe(47);
    expect(execSchedule!["availabilityView"]).toMatch(/[1-4]/);
    expect((execSchedule!["scheduleItems"] as Json[]).every((i) => (i["start"] as { timeZone: string }).timeZone === exec.timeZone)).toBe(true);
    expect(mentorSchedule!["workingHours"]).toBeDefined();
    expect(missing!["error"]).toMatchObject({ responseCode: "ErrorMailRecipientNotFound" });
  });

  it("books a Teams meeting idempotently, the executive answers in 'Outlook', and the organizer sees it", async () => {
    const when = slot(4);
    const body = { subject: "Reverse mentoring: session 1", ...when, isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", transactionId: "e2e-session-1", attendees: [{ emailAddress: { address: exec.mail, name: exec.displayName }, type: "required" }] };
    const first = (await client.api(`/users/${mentor.id}/events`).post(body)) as Json;
    const retry = (await client.api(`/users/${mentor.id}/events`).post(body)) as Json;
    expect(retry["id"]).toBe(first["id"]);
    expect((first["onlineMeeting"] as { joinUrl: string }).joinUrl).toContain("teams.microsoft.com");
    const answered = await devCall("POST", `/tenants/${tenantId}/users/${exec.userPrincipalName}/respond`, { organizer: mentor.userPrincipalName, transactionId: "e2e-session-1", response: "accepted" });
    expect(answered.status).toBe(200);
    const seen = (await client.api(`/users/${mentor.id}/events/${String(first["id"])}`).select("attendees").get()) as { attendees: Array<{ status: { response: string } }> };
    expect(seen.attendees[0]!.status.response).toBe("accepted");
  });

  it("follows calendarView nextLinks with the SDK's PageIterator", async () => {
    const from = new Date(dev.clock.now()).toISOString();
    const to = new Date(dev.clock.now() + 14 * DAY).toISOString();
    const first = (await client.api(`/users/${exec.id}/calendarView`).query({ startDateTime: from, endDateTime: to }).top(25).select("subject,start,end,showAs").get()) as Json;
    expect(typeof first["@odata.nextLink"]).toBe("string");
    const ids: string[] = [];
    const iterator = new PageIterator(client, first as never, (event: Json) => {
      ids.push(String(event["id"]));
      return true;
    });
    await iterator.iterate();
    expect(ids.length).toBeGreaterThan(25);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("delivers change notifications to an HTTPS receiver trusted through the dev CA", async () => {
    const subscription = (await client.api("/subscriptions").post({
      changeType: "created,updated",
      notificationUrl: receiverUrl,
      resource: `/users/${mentor.id}/events`,
      expirationDateTime: new Date(dev.clock.now() + 2 * DAY).toISOString(),
      clientState: "e2e-client-state",
    })) as Json;
    expect(shapeDiff(example("subscription-outlook-messages.response.json"), subscription)).toEqual([]);
    const created = (await client.api(`/users/${mentor.id}/events`).post({ subject: "Notified", ...slot(5) })) as Json;
    await eventually(() => received.some((n) => (n["resourceData"] as { id: string }).id === created["id"]));
    const notification = received.find((n) => (n["resourceData"] as { id: string }).id === created["id"])!;
    expect(notification).toMatchObject({ changeType: "created", clientState: "e2e-client-state", subscriptionId: subscription["id"], tenantId });
    await client.api(`/subscriptions/${String(subscription["id"])}`).delete();
  });

  it("serves calendar requests inside $batch", async () => {
    const window = slot(6);
    const batch = (await client.api("/$batch").post({
      requests: [
        { id: "1", method: "GET", url: `/users/${exec.id}/mailboxSettings/timeZone` },
        { id: "2", method: "POST", url: `/users/${mentor.id}/calendar/getSchedule`, headers: { "Content-Type": "application/json" }, body: { schedules: [exec.mail], startTime: window.start, endTime: window.end } },
        { id: "3", method: "GET", url: `/users/${noMailbox.id}/events` },
      ],
    })) as { responses: Array<{ id: string; status: number; body: Json }> };
    const byId = new Map(batch.responses.map((r) => [r.id, r]));
    expect(byId.get("1")).toMatchObject({ status: 200, body: { value: exec.timeZone } });
    expect(byId.get("2")!.status).toBe(200);
    expect(((byId.get("2")!.body["value"] as Json[])[0]!["availabilityView"] as string).length).toBe(1);
    expect(byId.get("3")).toMatchObject({ status: 404, body: { error: { code: "MailboxNotEnabledForRESTAPI" } } });
  });

  it("answers 403 to an app without consent and lets a signed-in user (OBO) use only their own calendar", async () => {
    const unconsented = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tenantId, agent, dev.unconsentedApp)));
    await expect(unconsented.api(`/users/${mentor.id}/events`).get()).rejects.toMatchObject({ statusCode: 403 });

    const cca = msalApp(dev, tenantId, agent);
    const ssoToken = await dev.signIn(tenantId, mentor.userPrincipalName);
    const delegated = graphClient(dev, agent, {
      getAccessToken: async () => (await cca.acquireTokenOnBehalfOf({ oboAssertion: ssoToken, scopes: ["https://graph.microsoft.com/.default"] }))!.accessToken,
    });
    const mine = (await delegated.api("/me/events").post({ subject: "My own booking", ...slot(7) })) as Json;
    expect(mine["isOrganizer"]).toBe(true);
    const listed = (await delegated.api("/me/events").filter(`iCalUId eq '${String(mine["iCalUId"])}'`).get()) as { value: Json[] };
    expect(listed.value.map((e) => e["id"])).toEqual([mine["id"]]);
    await expect(delegated.api(`/users/${exec.id}/events`).get()).rejects.toMatchObject({ statusCode: 403 });
  });

  it("lets simulated executives answer when the dev clock moves (POST /dev/clock)", async () => {
    await devCall("PUT", "/behaviour", { enabled: true, overrideProfiles: true, accept: 0, tentative: 1, decline: 0, delayMinutes: 45 });
    try {
      const event = (await client.api(`/users/${mentor.id}/events`).post({ subject: "Auto answer", ...slot(8), attendees: [{ emailAddress: { address: exec.mail } }] })) as Json;
      const advanced = await devCall("POST", "/clock", { advanceMinutes: 46 });
      expect(advanced.status).toBe(200);
      const seen = (await client.api(`/users/${mentor.id}/events/${String(event["id"])}`).get()) as { attendees: Array<{ status: { response: string } }> };
      expect(seen.attendees[0]!.status.response).toBe("tentativelyAccepted");
    } finally {
      await devCall("PUT", "/behaviour", { enabled: false, overrideProfiles: false });
    }
  });
});

describe("calendar of a fixture tenant", () => {
  let dev: DevTenant;
  let agent: Agent;
  let client: Client;
  let ada: DevPerson;

  beforeAll(async () => {
    dev = await startDevTenant({ fixturePath: "test/fixtures/small-org.json", extraTenants: [] });
    agent = devTenantAgent(dev);
    const tenantId = dev.tenants[0]!.tenantId;
    client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, tenantId, agent)));
    ada = dev.directory(tenantId).findPerson("00000000-0000-4000-8000-000000000001")!;
  });
  afterAll(async () => {
    await dev?.stop();
    await agent?.close();
  });

  it("has exactly the fixture's busy blocks (no generated meetings), weekly ones at the same local time across DST", async () => {
    const schedule = async (day: string): Promise<Json> =>
      ((await client.api(`/users/${ada.id}/calendar/getSchedule`).post({ schedules: [ada.mail], startTime: { dateTime: `${day}T00:00:00`, timeZone: "UTC" }, endTime: { dateTime: `${day}T23:00:00`, timeZone: "UTC" }, availabilityViewInterval: 60 })) as { value: Json[] }).value[0]!;
    // Board prep: 08:00–10:00 Pacific every Monday; 16:00Z in winter time, 15:00Z once DST starts on 10 March 2030.
    expect((await schedule("2030-03-04"))["availabilityView"]).toBe("00000000000000002200000");
    expect((await schedule("2030-03-11"))["availabilityView"]).toBe("00000000000000022000000");
    expect((await schedule("2030-03-05"))["availabilityView"]).toBe("0".repeat(23));
    const view = (await client
      .api(`/users/${ada.id}/calendarView`)
      .header("Prefer", 'outlook.timezone="Pacific Standard Time"')
      .query({ startDateTime: "2030-03-01T00:00:00Z", endDateTime: "2030-03-15T00:00:00Z" })
      .get()) as { value: Json[] };
    expect(view.value.map((e) => [e["subject"], (e["start"] as { dateTime: string }).dateTime])).toEqual([
      ["Board prep", "2030-03-04T08:00:00.0000000"],
      ["Board prep", "2030-03-11T08:00:00.0000000"],
    ]);
  });
});
