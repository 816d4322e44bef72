import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { at, attendee, eventBody, startHarness, type Harness, type Reply } from "./calendar-harness.js";
import { eventually, startReceiver, type Receiver } from "./calendar-receiver.js";
import { example, shapeDiff } from "./calendar-shape.js";

type Json = Record<string, unknown>;
const MINUTE = 60_000;
const errorOf = (r: Reply): { code: string; message: string } => r.json["error"] as { code: string; message: string };

describe("subscriptions and change notifications", () => {
  let h: Harness;
  let rx: Receiver;
  const fromNow = (minutes: number): string => new Date(h.clock.now() + minutes * MINUTE).toISOString();

  beforeAll(async () => {
    h = await startHarness();
    rx = await startReceiver();
  });
  afterAll(async () => {
    await h.stop();
    await rx.close();
  });
  beforeEach(async () => {
    // A receiver request stalled by an earlier test must not land in this one.
    await eventually(() => rx.inFlight === 0);
    rx.validationMode = "echo";
    rx.failNext = 0;
    rx.delayMs = 0;
    rx.received.length = 0;
    await h.dev("PUT", "/behaviour", { enabled: false });
    await h.dev("PUT", "/notifications", { duplicateRate: 0, retryBaseMs: 30, maxAttempts: 8, deliveryTimeoutMs: 3000, batchDelayMs: 10 });
  });
  afterEach(async () => {
    const all = await h.graph("GET", "/subscriptions");
    for (const s of all.json["value"] as Json[]) await h.graph("DELETE", `/subscriptions/${String(s["id"])}`);
  });

  async function subscribe(overrides: Json = {}): Promise<Reply> {
    return h.graph("POST", "/subscriptions", {
      body: {
        changeType: "created,updated,deleted",
        notificationUrl: rx.url("/hook"),
        lifecycleNotificationUrl: rx.url("/lifecycle"),
        resource: `/users/${h.people.mentor.id}/events`,
        expirationDateTime: fromNow(2 * 24 * 60),
        clientState: "s3cret-state",
        ...overrides,
      },
    });
  }

  it("validates the endpoint, then creates a subscription shaped like Graph's", async () => {
    const r = await subscribe({ lifecycleNotificationUrl: null });
    expect(r.status, r.text).toBe(201);
    expect(shapeDiff(example("subscription-outlook-messages.response.json"), r.json)).toEqual([]);
    // The two official examples disagree on notificationContentType (a string here, null in the Outlook one).
    expect(shapeDiff(example("subscription.response.json"), r.json, { allowExtra: true, ignore: ["$.notificationContentType"] })).toEqual([]);
    expect(r.json["clientState"]).toBe("s3cret-state");
    expect(r.json["applicationId"]).toBe("33333333-3333-4333-8333-333333333333");
    // The URL was validated with a token that needs URL-decoding.
    expect(rx.validations.length).toBe(1);
    expect(rx.validations.at(-1)).toMatch(/^Validation: Testing client application reachability/);
    const listed = await h.graph("GET", "/subscriptions");
    expect((listed.json["value"] as Json[]).map((s) => s["id"])).toEqual([r.json["id"]]);
    expect((await h.graph("GET", `/subscriptions/${String(r.json["id"])}`)).status).toBe(200);
    // Another application in the tenant does not see it.
    expect((await h.graph("GET", `/subscriptions/${String(r.json["id"])}`, { ctx: { appId: "44444444-4444-4444-8444-444444444444" } })).status).toBe(404);
  });

  it("refuses the subscription when the validation handshake fails (400, nothing stored)", async () => {
    for (const mode of ["wrongToken", "status500", "json", "encoded"] as const) {
      rx.validationMode = mode;
      const r = await subscribe();
      expect(r.status, mode).toBe(400);
      expect(errorOf(r).message).toMatch(/^Subscription validation request failed/);
    }
    const unreachable = await subscribe({ notificationUrl: "http://127.0.0.1:1/nothing-listens-here" });
    expect(unreachable.status).toBe(400);
    expect(((await h.graph("GET", "/subscriptions")).json["value"] as Json[]).length).toBe(0);
  });

  it("enforces Graph's limits on expiry, clientState, URLs, resource and changeType", async () => {
    const tooLong = await subscribe({ expirationDateTime: fromNow(4231) });
    expect(tooLong.status).toBe(400);
    expect(errorOf(tooLong)).toMatchObject({ code: "ExtensionError", message: "Subscription expiration can only be 4230 minutes in the future." });
    expect((await subscribe({ expirationDateTime: fromNow(4230) })).status).toBe(201);
    expect((await subscribe({ expirationDateTime: fromNow(-24 * 60) })).status).toBe(400);
    expect((await subscribe({ clientState: "x".repeat(129) })).status).toBe(400);
    expect((await subscribe({ clientState: "x".repeat(128) })).status).toBe(201);
    const before = rx.validations.length;
    for (const url of ["https://webhook.example.com/hook", "http://webhook.example.com/hook", "ftp://127.0.0.1/hook", "not a url"]) {
      const r = await subscribe({ notificationUrl: url });
      expect(r.status, url).toBe(400);
    }
    expect(rx.validations.length).toBe(before);
    expect((await subscribe({ resource: `/users/${h.people.mentor.id}/messages` })).status).toBe(400);
    expect((await subscribe({ changeType: "created,renamed" })).status).toBe(400);
    expect((await subscribe({ resource: `users/${h.people.noMailbox.id}/events` })).status).toBe(404);
    const denied = await h.graph("POST", "/subscriptions", { body: { changeType: "created", notificationUrl: rx.url(), resource: `/users/${h.people.mentor.id}/events`, expirationDateTime: fromNow(24 * 60) }, ctx: { roles: ["User.Read.All"] } });
    expect(denied.status).toBe(403);
  });

  it("notifies organizer and attendee mailboxes with clientState; a decline updates the organizer's event", async () => {
    expect((await subscribe()).status).toBe(201);
    const execSub = await subscribe({ resource: `users/${h.people.exec.userPrincipalName}/events`, clientState: "exec-state" });
    expect(execSub.status).toBe(201);
    const created = await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody({ attendees: [attendee(h.people.exec)] }) });
    await eventually(() => rx.notifications("/hook").length >= 2);
    const organizerCreated = rx.notifications("/hook").find((n) => n["clientState"] === "s3cret-state")!;
    expect(organizerCreated).toMatchObject({ changeType: "created", resource: `Users/${h.people.mentor.id}/Events/${String(created.json["id"])}`, tenantId: h.directory.info.tenantId });
    expect(shapeDiff(example("change-notification.outlook-no-resource-data.json"), { value: [organizerCreated] })).toEqual([]);
    expect(shapeDiff(example("change-notification.webhook-payload.json"), { value: [organizerCreated] }, { optional: ["$.value[].id"] })).toEqual([]);
    expect(rx.received.every((p) => p.contentType.startsWith("application/json"))).toBe(true);
    const execCreated = rx.notifications("/hook").find((n) => n["clientState"] === "exec-state")!;
    expect(execCreated["changeType"]).toBe("created");
    const copyId = (execCreated["resourceData"] as { id: string }).id;

    rx.received.length = 0;
    expect((await h.graph("POST", `/users/${h.people.exec.id}/events/${copyId}/decline`, { body: { comment: "Clash" } })).status).toBe(202);
    await eventually(() => rx.notifications("/hook").length >= 2);
    const organizerUpdate = rx.notifications("/hook").find((n) => n["clientState"] === "s3cret-state")!;
    expect(organizerUpdate["changeType"]).toBe("updated");
    expect((organizerUpdate["resourceData"] as { id: string }).id).toBe(created.json["id"]);
    const fresh = await h.graph("GET", `/users/${h.people.mentor.id}/events/${String(created.json["id"])}`);
    expect((organizerUpdate["resourceData"] as { "@odata.etag": string })["@odata.etag"]).toBe(fresh.json["@odata.etag"]);
    expect(rx.notifications("/hook").find((n) => n["clientState"] === "exec-state")!["changeType"]).toBe("deleted");
  });

  it("batches several notifications into one POST and honours the subscribed change types", async () => {
    expect((await subscribe({ changeType: "deleted" })).status).toBe(201);
    await h.dev("PUT", "/notifications", { batchDelayMs: 200 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(String((await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody() })).json["id"]));
    for (const id of ids) await h.graph("DELETE", `/users/${h.people.mentor.id}/events/${id}`);
    await eventually(() => rx.notifications("/hook").length >= 3);
    expect(rx.notifications("/hook").map((n) => n["changeType"])).toEqual(["deleted", "deleted", "deleted"]);
    expect(rx.received.filter((p) => p.path === "/hook").length).toBe(1);
  });

  it("retries with backoff when the receiver fails, and logs the attempts", async () => {
    const sub = await subscribe();
    rx.failNext = 2;
    await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody() });
    await eventually(() => rx.notifications("/hook").length === 1);
    const dev = await h.dev("GET", "/subscriptions");
    const log = ((dev.json["value"] as Json[]).find((s) => s["id"] === sub.json["id"])!["deliveries"] as Json[]).map((d) => [d["attempt"], d["delivered"], d["status"]]);
    expect(log).toEqual([
      [1, false, 500],
      [2, false, 500],
      [3, true, 202],
    ]);
  });

  it("treats a receiver slower than the delivery timeout as failed and tries again", async () => {
    const sub = await subscribe();
    await h.dev("PUT", "/notifications", { deliveryTimeoutMs: 150 });
    rx.delayMs = 600;
    await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody() });
    await eventually(() => {
      const log = h.svc.notifier.deliveries(String(sub.json["id"]));
      return log.some((d) => d.error?.includes("no answer within 150 ms") === true);
    });
    rx.delayMs = 0;
    await eventually(() => h.svc.notifier.deliveries(String(sub.json["id"])).some((d) => d.delivered));
  });

  it("gives up after maxAttempts and sends a missed lifecycle notification", async () => {
    const sub = await subscribe();
    await h.dev("PUT", "/notifications", { maxAttempts: 2 });
    rx.failNext = 2;
    await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody() });
    await eventually(() => rx.notifications("/lifecycle").length === 1);
    expect(rx.notifications("/lifecycle")[0]).toMatchObject({ lifecycleEvent: "missed", subscriptionId: sub.json["id"], clientState: "s3cret-state" });
    expect(rx.notifications("/hook")).toEqual([]);
  });

  it("duplicates notifications at duplicateRate 1 (receivers must be idempotent)", async () => {
    expect((await subscribe({ changeType: "created" })).status).toBe(201);
    await h.dev("PUT", "/notifications", { duplicateRate: 1 });
    await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody() });
    await eventually(() => rx.notifications("/hook").length === 2);
    const [a, b] = rx.notifications("/hook");
    expect(a).toEqual(b);
  });

  it("sends lifecycle events on demand and before expiry; renewal and expiry behave like Graph", async () => {
    const sub = await subscribe({ expirationDateTime: fromNow(3 * 60) });
    const id = String(sub.json["id"]);
    expect((await h.dev("POST", `/subscriptions/${id}/lifecycle`, { event: "reauthorizationRequired" })).status).toBe(200);
    await eventually(() => rx.notifications("/lifecycle").length === 1);
    expect(rx.notifications("/lifecycle")[0]).toMatchObject({ lifecycleEvent: "reauthorizationRequired", subscriptionId: id, tenantId: h.directory.info.tenantId });
    expect((await h.dev("POST", `/subscriptions/${id}/lifecycle`, { event: "bogus" })).status).toBe(400);

    // Within an hour of expiry Graph asks for reauthorization, once.
    h.clock.advance(2 * 60 * MINUTE + 5 * MINUTE);
    h.svc.onClockAdvanced();
    h.svc.onClockAdvanced();
    await eventually(() => rx.notifications("/lifecycle").length === 2);
    const renewed = await h.graph("PATCH", `/subscriptions/${id}`, { body: { expirationDateTime: new Date(h.clock.now() + 24 * 60 * MINUTE).toISOString() } });
    expect(renewed.status).toBe(200);
    expect(renewed.json["expirationDateTime"]).toBe(new Date(h.clock.now() + 24 * 60 * MINUTE).toISOString().replace("Z", "0000Z"));
    expect((await h.graph("PATCH", `/subscriptions/${id}`, { body: { expirationDateTime: new Date(h.clock.now() + 4231 * MINUTE).toISOString() } })).status).toBe(400);

    // Past expiry the subscription is gone and nothing more is delivered.
    h.clock.advance(25 * 60 * MINUTE);
    h.svc.onClockAdvanced();
    expect((await h.graph("GET", `/subscriptions/${id}`)).status).toBe(404);
    await h.graph("POST", `/users/${h.people.mentor.id}/events`, { body: eventBody({ start: at("2025-03-20T10:00:00"), end: at("2025-03-20T11:00:00") }) });
    // Nothing was even queued for the expired subscription.
    expect(h.svc.notifier.pending()).toBe(0);
    expect(rx.notifications("/hook").filter((n) => n["subscriptionId"] === id)).toEqual([]);
  });

  it("subscriptionRemoved removes the subscription; DELETE answers 204", async () => {
    const first = await subscribe();
    expect((await h.dev("POST", `/subscriptions/${String(first.json["id"])}/lifecycle`, { event: "subscriptionRemoved" })).status).toBe(200);
    await eventually(() => rx.notifications("/lifecycle").some((n) => n["lifecycleEvent"] === "subscriptionRemoved"));
    expect((await h.graph("GET", `/subscriptions/${String(first.json["id"])}`)).status).toBe(404);
    const second = await subscribe({ lifecycleNotificationUrl: null });
    expect((await h.dev("POST", `/subscriptions/${String(second.json["id"])}/lifecycle`, { event: "missed" })).status).toBe(409);
    expect((await h.graph("DELETE", `/subscriptions/${String(second.json["id"])}`)).status).toBe(204);
    expect((await h.graph("DELETE", `/subscriptions/${String(second.json["id"])}`)).status).toBe(404);
  });
});
