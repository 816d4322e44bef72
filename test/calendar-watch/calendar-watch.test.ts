// The calendar watch end to end: the real app (routes on a real port), real Graph subscriptions in the dev
// tenant (it runs the validation handshake against our URL and POSTs notifications to it), subscription
// documents in the embedded Cosmos. The sink is a recorder standing in for RSVP handling (another part),
// installed as the app's calendar watch so that what Graph delivers to the route reaches it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTrustedHttp, type TrustedHttp } from "../../src/adapters/auth/trusted-http.js";
import { CosmosNotificationInbox } from "../../src/adapters/cosmos/notification-inbox.js";
import { CosmosWatchSubscriptionStore } from "../../src/adapters/cosmos/watch-subscription-repository.js";
import { GraphCalendarBooking } from "../../src/adapters/graph/graph-calendar-booking.js";
import { GraphEventSubscriptions } from "../../src/adapters/graph/graph-event-subscriptions.js";
import { CalendarWatch, type CalendarWatchDeps, type CalendarWatchSettings } from "../../src/app/calendar-watch/calendar-watch.js";
import type { NotificationInbox, WatchLog } from "../../src/app/calendar-watch/watch-model.js";
import { UnavailableError } from "../../src/app/errors.js";
import type { CalendarChangeSink, MailboxRef } from "../../src/app/scheduling/calendar-ports.js";
import { HOUR_MS, MINUTE_MS } from "../../src/domain/time/index.js";
import type { DevPerson } from "../../src/devtenant/index.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

type EventNotice = Parameters<CalendarChangeSink["eventChanged"]>[0];
type ResyncNotice = Parameters<CalendarChangeSink["resync"]>[0];

class RecordingSink implements CalendarChangeSink {
  readonly changes: EventNotice[] = [];
  readonly resyncs: ResyncNotice[] = [];
  /** While set, eventChanged waits for it (a slow RSVP handler). */
  gate: Promise<void> | null = null;
  waiting = 0;
  /** How many coming eventChanged calls fail (as RSVP handling does when Graph or the database is down). */
  failNext = 0;
  attempts = 0;

  async eventChanged(notice: EventNotice): Promise<void> {
    this.attempts++;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("Graph answered 503 Service Unavailable");
    }
    this.waiting++;
    await this.gate;
    this.waiting--;
    this.changes.push(notice);
  }

  async resync(notice: ResyncNotice): Promise<void> {
    this.resyncs.push(notice);
  }
}

class RecordingLog implements WatchLog {
  readonly lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  info = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: "info", message, fields });
  warn = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: "warn", message, fields });
  error = (fields: Record<string, unknown>, message: string) => void this.lines.push({ level: "error", message, fields });
}

let t: TestApp;
let http: TrustedHttp;
let tenant: string;
let people: DevPerson[];
let sink: RecordingSink;
let log: RecordingLog;
let organisers: string[];

function newWatch(settings: Partial<CalendarWatchSettings> = {}, overrides: Partial<CalendarWatchDeps> = {}): CalendarWatch {
  return new CalendarWatch({
    subscriptions: new GraphEventSubscriptions(t.server.graph),
    store: new CosmosWatchSubscriptionStore(t.server.cosmos.container("programs")),
    inbox: new CosmosNotificationInbox(t.server.cosmos.container("programs")),
    organisers: { organisersToWatch: async () => [...organisers] },
    sink,
    clock: { now: () => t.devTenant.clock.now() },
    log,
    notificationUrl: `${t.baseUrl}/api/graph/notifications`,
    lifecycleNotificationUrl: `${t.baseUrl}/api/graph/lifecycle`,
    settings,
    ...overrides,
  });
}

/** Installs a watch as the app's (the routes read deps.calendarWatch on every request). */
function install(watch: CalendarWatch): CalendarWatch {
  t.server.deps.calendarWatch = watch;
  return watch;
}

async function dev(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await http.fetch(`${t.devTenant.url}${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Waits (without a deadline of its own: vitest's test timeout is the limit) until the condition holds. */
async function until(condition: () => boolean, watch?: CalendarWatch): Promise<void> {
  while (!condition()) {
    await dev("POST", "/dev/calendar/sync");
    await watch?.idle();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function ref(p: DevPerson): MailboxRef {
  return { id: p.id, address: p.mail! };
}

beforeAll(async () => {
  t = await startTestApp({ users: 120 });
  http = createTrustedHttp(t.devTenant.caCertPem);
  tenant = t.tenantIds[0]!;
  people = t.devTenant
    .directory(tenant)
    .people()
    .filter((p) => p.hasMailbox && p.mail && p.accountEnabled && p.userType === "Member");
  // Deterministic deliveries: no simulated duplicates, no automatic answers from attendees.
  await dev("PUT", "/dev/notifications", { duplicateRate: 0, batchDelayMs: 5 });
  await dev("PUT", "/dev/behaviour", { enabled: false });
});
afterAll(async () => {
  await http?.close();
  await t?.stop();
});
beforeEach(() => {
  sink = new RecordingSink();
  log = new RecordingLog();
  organisers = [];
});

describe("Graph webhook routes", () => {
  it("answer the validation handshake with the decoded token as text/plain", async () => {
    const token = "Validation: Testing client application reachability for subscription Request-Id: 7b1c";
    for (const path of ["/api/graph/notifications", "/api/graph/lifecycle"]) {
      const res = await t.api("POST", `${path}?validationToken=${encodeURIComponent(token)}`, { headers: { "Content-Type": "text/plain" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(res.text).toBe(token);
    }
  });

  it("refuses a body that is not a Graph notification collection", async () => {
    install(newWatch());
    const res = await t.api("POST", "/api/graph/notifications", { body: { nope: true } });
    expect(res.status).toBe(400);
  });
});

describe("CalendarWatch", () => {
  it("subscribes an organiser (Graph validates our URL), then hands created and updated events to the sink", async () => {
    const watch = install(newWatch());
    const [mentor, executive] = [people[1]!, people[2]!];
    const doc = await watch.watch(tenant, mentor.id);
    expect(doc).toMatchObject({ tenantId: tenant, organiserId: mentor.id });
    expect(Date.parse(doc.expiresAt) - t.devTenant.clock.now()).toBeGreaterThan(4000 * MINUTE_MS);
    // A second call reuses it.
    expect((await watch.watch(tenant, mentor.id)).subscriptionId).toBe(doc.subscriptionId);
    const listed = (await dev("GET", "/dev/subscriptions")) as { value: Array<{ id: string; deliveries: unknown[] }> };
    expect(listed.value.some((s) => s.id === doc.subscriptionId)).toBe(true);

    const booking = new GraphCalendarBooking(t.server.graph);
    const start = t.devTenant.clock.now() + 3 * 24 * HOUR_MS;
    const event = await booking.create(tenant, {
      organiser: ref(mentor),
      attendees: [{ ...ref(executive), name: executive.displayName }],
      subject: "Reverse mentoring",
      bodyHtml: "<p>Agenda</p>",
      start,
      end: start + 30 * MINUTE_MS,
      timeZone: "UTC",
      transactionId: "watch-test-1",
    });
    await until(() => sink.changes.some((c) => c.eventId === event.eventId && c.changeType === "created"), watch);
    expect(sink.changes.find((c) => c.eventId === event.eventId)).toEqual({ tenantId: tenant, organiserId: mentor.id, eventId: event.eventId, changeType: "created" });

    await dev("POST", `/dev/tenants/${tenant}/users/${executive.id}/respond`, { organizer: mentor.id, eventId: event.eventId, response: "declined" });
    await until(() => sink.changes.some((c) => c.eventId === event.eventId && c.changeType === "updated"), watch);
  });

  it("ignores duplicates and notifications whose clientState does not match (logged, never processed)", async () => {
    const watch = install(newWatch());
    const doc = await watch.watch(tenant, people[3]!.id);
    const item = (clientState: string, etag: string) => ({
      subscriptionId: doc.subscriptionId,
      subscriptionExpirationDateTime: doc.expiresAt,
      changeType: "updated",
      resource: `Users/${people[3]!.id}/Events/AAMkEVENT1`,
      resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": `Users/${people[3]!.id}/Events/AAMkEVENT1`, "@odata.etag": `W/"${etag}"`, id: "AAMkEVENT1" },
      clientState,
      tenantId: tenant,
    });
    const once = { value: [item(doc.clientState, "ck1")] };
    expect((await t.api("POST", "/api/graph/notifications", { body: once })).status).toBe(202);
    expect((await t.api("POST", "/api/graph/notifications", { body: once })).status).toBe(202);
    expect((await t.api("POST", "/api/graph/notifications", { body: { value: [item(`${doc.clientState}x`, "ck2"), item("forged", "ck3")] } })).status).toBe(202);
    // A genuinely new change of the same event (new changeKey) is processed.
    expect((await t.api("POST", "/api/graph/notifications", { body: { value: [item(doc.clientState, "ck4")] } })).status).toBe(202);
    await watch.idle();
    expect(sink.changes.map((c) => c.eventId)).toEqual(["AAMkEVENT1", "AAMkEVENT1"]);
    const mismatches = log.lines.filter((l) => l.level === "warn" && /clientState mismatch/.test(l.message));
    expect(mismatches).toHaveLength(2);
    // The log names the subscription, never the secret.
    expect(JSON.stringify(log.lines)).not.toContain(doc.clientState);
  });

  it("answers 202 while a slow sink is still working", async () => {
    const watch = install(newWatch());
    const doc = await watch.watch(tenant, people[4]!.id);
    let release: () => void = () => {};
    sink.gate = new Promise((resolve) => (release = resolve));
    const body = {
      value: [{ subscriptionId: doc.subscriptionId, changeType: "deleted", resource: `Users/${people[4]!.id}/Events/AAMkGONE`, resourceData: { id: "AAMkGONE" }, clientState: doc.clientState, tenantId: tenant }],
    };
    const res = await t.api("POST", "/api/graph/notifications", { body });
    expect(res.status).toBe(202);
    await until(() => sink.waiting === 1);
    expect(sink.changes).toHaveLength(0);
    release();
    await watch.idle();
    expect(sink.changes).toEqual([{ tenantId: tenant, organiserId: people[4]!.id, eventId: "AAMkGONE", changeType: "deleted" }]);
  });

  it("tries a notification whose processing failed again after a pause, a limited number of times", async () => {
    const watch = install(newWatch({ retryDelaysMs: [20, 20] }));
    const doc = await watch.watch(tenant, people[10]!.id);
    const notice = (eventId: string) => ({
      value: [{ subscriptionId: doc.subscriptionId, changeType: "deleted", resource: `Users/${people[10]!.id}/Events/${eventId}`, resourceData: { id: eventId }, clientState: doc.clientState, tenantId: tenant }],
    });
    // Two failures, then success: processed once, on the third attempt.
    sink.failNext = 2;
    expect((await t.api("POST", "/api/graph/notifications", { body: notice("AAMkRETRIED") })).status).toBe(202);
    await watch.idle();
    expect(sink.attempts).toBe(3);
    expect(sink.changes.map((c) => c.eventId)).toEqual(["AAMkRETRIED"]);
    expect(log.lines.filter((l) => /trying again/.test(l.message)).map((l) => l.fields.attempt)).toEqual([1, 2]);

    // Three failures exhaust the two retries: given up, logged as an error, left to the periodic poll.
    sink.failNext = 3;
    sink.attempts = 0;
    expect((await t.api("POST", "/api/graph/notifications", { body: notice("AAMkGIVENUP") })).status).toBe(202);
    await watch.idle();
    expect(sink.attempts).toBe(3);
    expect(sink.changes.map((c) => c.eventId)).toEqual(["AAMkRETRIED"]);
    expect(log.lines.filter((l) => l.level === "error" && /for the last time/.test(l.message))).toHaveLength(1);
  });

  it("drops waiting retries when stopped, so shutdown does not wait for them", async () => {
    const watch = install(newWatch({ retryDelaysMs: [3_600_000] }));
    const doc = await watch.watch(tenant, people[11]!.id);
    sink.failNext = 1;
    const body = { value: [{ subscriptionId: doc.subscriptionId, changeType: "deleted", resource: `Users/${people[11]!.id}/Events/AAMkLATER`, resourceData: { id: "AAMkLATER" }, clientState: doc.clientState, tenantId: tenant }] };
    expect((await t.api("POST", "/api/graph/notifications", { body })).status).toBe(202);
    await until(() => log.lines.some((l) => /trying again/.test(l.message)));
    watch.stop();
    await watch.idle();
    expect(sink.attempts).toBe(1);
    expect(log.lines.some((l) => /stopping with notification retries pending/.test(l.message))).toBe(true);
  });

  it("handles lifecycle events: reauthorizationRequired renews, subscriptionRemoved re-subscribes and resyncs, missed resyncs", async () => {
    const watch = install(newWatch());
    const organiser = people[5]!.id;
    const first = await watch.watch(tenant, organiser);
    const store = new CosmosWatchSubscriptionStore(t.server.cosmos.container("programs"));

    await dev("POST", `/dev/subscriptions/${first.subscriptionId}/lifecycle`, { event: "reauthorizationRequired" });
    await until(() => log.lines.some((l) => l.fields.lifecycleEvent === "reauthorizationRequired"), watch);
    await watch.idle();
    const renewed = await store.get(tenant, organiser);
    expect(renewed?.subscriptionId).toBe(first.subscriptionId);
    expect(renewed?.renewedAt).not.toBeNull();

    await dev("POST", `/dev/subscriptions/${first.subscriptionId}/lifecycle`, { event: "subscriptionRemoved" });
    await until(() => sink.resyncs.length === 1, watch);
    const replaced = await store.get(tenant, organiser);
    expect(replaced?.subscriptionId).not.toBe(first.subscriptionId);
    expect(sink.resyncs).toEqual([{ tenantId: tenant, organiserId: organiser }]);

    await dev("POST", `/dev/subscriptions/${replaced!.subscriptionId}/lifecycle`, { event: "missed" });
    await until(() => sink.resyncs.length === 2, watch);
  });

  it("maintain() subscribes new organisers, renews near expiry, re-creates vanished ones and retires unneeded ones", async () => {
    const [a, b, c] = [people[6]!.id, people[7]!.id, people[8]!.id];
    const watch = install(newWatch());
    organisers = [a, b];
    expect(await watch.maintain(tenant)).toMatchObject({ subscribed: 2, renewed: 0, recreated: 0, failed: 0 });
    expect(await watch.maintain(tenant)).toMatchObject({ subscribed: 0, renewed: 0, recreated: 0, retired: 0 });

    // Graph lost b's subscription; c needs watching; a's sessions are over.
    const store = new CosmosWatchSubscriptionStore(t.server.cosmos.container("programs"));
    const lost = (await store.get(tenant, b))!;
    await new GraphEventSubscriptions(t.server.graph).remove(tenant, lost.subscriptionId);
    organisers = [b, c];
    // A watch that considers every subscription due for renewal (as if 36 h had passed).
    const eager = install(newWatch({ renewWithinMinutes: 5000 }));
    const report = await eager.maintain(tenant);
    expect(report).toMatchObject({ organisers: 2, subscribed: 1, recreated: 1, retired: 1, failed: 0 });
    // Changes may have been missed while b had no subscription.
    expect(sink.resyncs).toEqual([{ tenantId: tenant, organiserId: b }]);
    expect(await store.get(tenant, b)).toMatchObject({ organiserId: b });
    expect((await store.get(tenant, b))!.subscriptionId).not.toBe(lost.subscriptionId);

    organisers = [c];
    const next = await eager.maintain(tenant);
    expect(next).toMatchObject({ renewed: 1, retired: 1 });
    expect(await store.get(tenant, b)).toBeNull();
    const live = (await dev("GET", "/dev/subscriptions")) as { value: Array<{ id: string }> };
    expect(live.value.some((s) => s.id === lost.subscriptionId)).toBe(false);
  });
  describe("the notification inbox (Cosmos DB)", () => {
    const inbox = (): NotificationInbox => new CosmosNotificationInbox(t.server.cosmos.container("programs"));
    const deletion = (doc: { subscriptionId: string; clientState: string }, organiser: string, eventId: string) => ({
      value: [{ subscriptionId: doc.subscriptionId, changeType: "deleted", resource: `Users/${organiser}/Events/${eventId}`, resourceData: { id: eventId }, clientState: doc.clientState, tenantId: tenant }],
    });
    const waiting = async (eventId: string) =>
      (await inbox().due(tenant, new Date(t.devTenant.clock.now() + 3_600_000).toISOString(), 500)).filter((e) => e.notice.kind === "change" && e.notice.eventId === eventId);

    it("keeps a notification whose processing failed, and another instance takes it up and finishes it", async () => {
      const organiser = people[12]!.id;
      organisers = [organiser];
      const crashed = install(newWatch({ retryDelaysMs: [], sweepAfterMs: 0 }));
      const doc = await crashed.watch(tenant, organiser);
      sink.failNext = 1;
      expect((await t.api("POST", "/api/graph/notifications", { body: deletion(doc, organiser, "AAMkKEPT") })).status).toBe(202);
      await crashed.idle();
      expect(sink.changes).toEqual([]);
      expect(await waiting("AAMkKEPT")).toHaveLength(1);

      const other = install(newWatch({ sweepAfterMs: 0 }));
      expect(await other.maintain(tenant)).toMatchObject({ resumed: 1, givenUp: 0, failed: 0 });
      await other.idle();
      expect(sink.changes).toEqual([{ tenantId: tenant, organiserId: organiser, eventId: "AAMkKEPT", changeType: "deleted" }]);
      expect(await waiting("AAMkKEPT")).toEqual([]);
    });

    it("gives a notification up after the set number of sweeps, with an error in the log", async () => {
      const organiser = people[13]!.id;
      organisers = [organiser];
      const watch = install(newWatch({ retryDelaysMs: [], sweepAfterMs: 0, maxSweeps: 2 }));
      const doc = await watch.watch(tenant, organiser);
      sink.failNext = 100;
      expect((await t.api("POST", "/api/graph/notifications", { body: deletion(doc, organiser, "AAMkHOPELESS") })).status).toBe(202);
      await watch.idle();
      for (const expected of [{ resumed: 1, givenUp: 0 }, { resumed: 1, givenUp: 0 }, { resumed: 0, givenUp: 1 }]) {
        expect(await watch.maintain(tenant)).toMatchObject(expected);
        await watch.idle();
      }
      expect(sink.attempts).toBe(3);
      expect(await waiting("AAMkHOPELESS")).toEqual([]);
      expect(log.lines.some((l) => l.level === "error" && /given up/.test(l.message))).toBe(true);
    });

    it("processes a delivery that reaches two instances once", async () => {
      const organiser = people[14]!.id;
      const first = install(newWatch());
      const second = newWatch();
      const doc = await first.watch(tenant, organiser);
      let release: () => void = () => {};
      sink.gate = new Promise((resolve) => (release = resolve));
      expect((await t.api("POST", "/api/graph/notifications", { body: deletion(doc, organiser, "AAMkTWICE") })).status).toBe(202);
      expect(await second.acceptChanges(deletion(doc, organiser, "AAMkTWICE"))).toEqual({ accepted: 0, rejected: 1 });
      release();
      await Promise.all([first.idle(), second.idle()]);
      expect(sink.changes.map((c) => c.eventId)).toEqual(["AAMkTWICE"]);
    });

    it("answers 503 when the notification cannot be stored, and takes Graph's later delivery", async () => {
      const organiser = people[15]!.id;
      const broken: NotificationInbox = {
        ...inbox(),
        add: async () => {
          throw new UnavailableError("The database could not be reached (programs/notificationInbox).", 2);
        },
      };
      const watch = install(newWatch({}, { inbox: broken }));
      const doc = await watch.watch(tenant, organiser);
      const refused = await t.api<{ type: string }>("POST", "/api/graph/notifications", { body: deletion(doc, organiser, "AAMkLATER2") });
      expect(refused.status).toBe(503);
      expect(refused.body.type).toBe("urn:reverse-mentorship:problem:unavailable");
      await watch.idle();
      expect(sink.changes).toEqual([]);

      const healthy = install(newWatch());
      expect((await t.api("POST", "/api/graph/notifications", { body: deletion(doc, organiser, "AAMkLATER2") })).status).toBe(202);
      await healthy.idle();
      expect(sink.changes.map((c) => c.eventId)).toEqual(["AAMkLATER2"]);
    });
  });
});
