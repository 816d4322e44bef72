// The durable notification outbox end to end: the bot mounted as the server mounts it, notifications
// stored in the embedded Cosmos DB (real SDK over HTTPS), delivered by the dispatcher to the local Bot
// Connector stand-in. Covers a restart between storing and delivering, two instances dispatching the same
// outbox, retries with backoff then dead-lettering, and the in-memory fallback when Cosmos DB is down.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ReminderNotification, SessionDetails } from "../../src/app/messaging/notifier.js";
import type { ConversationReferenceStore } from "../../src/app/messaging/conversation-reference.js";
import { UnavailableError } from "../../src/app/errors.js";
import { createCosmosConversationStore } from "../../src/adapters/teams/conversation-store-cosmos.js";
import { createCosmosOutboxStore } from "../../src/adapters/teams/outbox-store-cosmos.js";
import type { OutboxStore, StoredOutboxMessage } from "../../src/adapters/teams/outbox-store.js";
import type { BotDeps } from "../../src/adapters/teams/mount-bot.js";
import { manualClock, startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";
import { TENANT, USER } from "../teams/activities.js";
import { PEOPLE, startBotHarness, type BotHarness } from "../teams/bot-harness.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../teams/connector-stand-in.js";

const CONVERSATION = "a:1Jq2dmxWjG8NyVjF0yXpQJZUDS9yN0HfqYxSBB5Qb4u-OAwb0XtbMwvX0U4DeHy7m3PX8fqE";
const recipient = { tenantId: TENANT, userId: USER.aadObjectId };

let cosmos: TestCosmos;
let connector: ConnectorStandIn;
let conversations: ConversationReferenceStore;
let outbox: OutboxStore;
const running: BotHarness[] = [];

function reminder(sessionId: string): ReminderNotification {
  const session: SessionDetails = {
    sessionId,
    pairId: "pair-3",
    cohortName: "Spring 2030: AI for leaders",
    partner: { userId: PEOPLE.ravi, displayName: "Ravi Kumar", jobTitle: "Data Analyst" },
    start: "2030-04-15T14:00:00Z",
    end: "2030-04-15T14:30:00Z",
    sequence: { number: 2, of: 6 },
    joinUrl: null,
  };
  return { recipient, role: "mentor", session };
}

/** One app instance: the bot with the Cosmos outbox; the dispatcher is driven by the test. */
async function instance(instanceId: string, overrides: Partial<BotDeps> = {}, dispatcher: Partial<NonNullable<BotDeps["outbox"]>["dispatcher"]> = {}): Promise<BotHarness> {
  const harness = await startBotHarness({
    connector,
    overrides: {
      conversations,
      outbox: { store: outbox, instanceId, tenants: () => [TENANT], autoStart: false, dispatcher: { baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 1, ...dispatcher } },
      ...overrides,
    },
  });
  running.push(harness);
  return harness;
}

async function stored(): Promise<StoredOutboxMessage[]> {
  const { resources } = await cosmos.db
    .container("conversations")
    .items.query<{ id: string }>({ query: "SELECT c.id FROM c WHERE c.tenantId = @t AND c.type = 'outbox'", parameters: [{ name: "@t", value: TENANT }] })
    .fetchAll();
  return Promise.all(resources.map(async (r) => (await outbox.get(TENANT, r.id)) as StoredOutboxMessage));
}

function sessionIdsReceived(): string[] {
  return connector.received.map((r) => /sessions(?:\/|%2F)(s-\d+)/i.exec(JSON.stringify(r.activity))?.[1] ?? "?").sort();
}

beforeAll(async () => {
  cosmos = await startTestCosmos();
  connector = await startConnectorStandIn();
  conversations = createCosmosConversationStore(cosmos.db.container("conversations"));
  outbox = createCosmosOutboxStore(cosmos.db.container("conversations"));
  await conversations.save({ tenantId: TENANT, conversationId: CONVERSATION, serviceUrl: connector.serviceUrl, scope: "personal", userId: USER.aadObjectId, teamId: null, installedAt: 0 });
});
afterAll(async () => {
  await connector?.stop();
  await cosmos?.stop();
});
beforeEach(async () => {
  for (const harness of running.splice(0)) await harness.stop();
  // Each test starts from an empty outbox and connector log.
  for (const message of await stored()) await cosmos.db.container("conversations").item(message.id, TENANT).delete();
  connector.received.length = 0;
  connector.attempts.length = 0;
});

describe("durable notification outbox", () => {
  it("stores notifications and delivers them after a restart, exactly once", async () => {
    const before = await instance("instance-a");
    before.bot.notifier.notifyReminder(reminder("s-1"));
    before.bot.notifier.notifyReminder(reminder("s-2"));
    await before.bot.idle();
    expect((await stored()).map((m) => m.state)).toEqual(["pending", "pending"]);
    await before.stop(); // the process goes away before any delivery
    running.splice(running.indexOf(before), 1);
    expect(connector.attempts).toHaveLength(0);

    const after = await instance("instance-b");
    expect(await after.bot.dispatchOnce()).toMatchObject({ delivered: 2, retried: 0, dead: 0 });
    expect(sessionIdsReceived()).toEqual(["s-1", "s-2"]);
    expect(connector.received.every((r) => r.conversationId === CONVERSATION)).toBe(true);
    // Delivered messages are kept for audit (Cosmos DB removes them after their TTL) and never sent again.
    expect(await after.bot.dispatchOnce()).toMatchObject({ delivered: 0 });
    expect(connector.received).toHaveLength(2);
    for (const message of await stored()) expect(message).toMatchObject({ state: "delivered", attempts: 1, claimedBy: null, ttl: 7 * 24 * 3600, lastError: null });
  });

  it("never lets two instances send the same message", async () => {
    const a = await instance("instance-a");
    const b = await instance("instance-b");
    for (let i = 0; i < 12; i++) a.bot.notifier.notifyReminder(reminder(`s-${i}`));
    await a.bot.idle();
    const results = await Promise.all([a.bot.dispatchOnce(), b.bot.dispatchOnce(), a.bot.dispatchOnce(), b.bot.dispatchOnce()]);
    expect(results.reduce((sum, r) => sum + (r?.delivered ?? 0), 0)).toBe(12);
    expect(connector.attempts).toHaveLength(12);
    expect(new Set(sessionIdsReceived()).size).toBe(12);
  });

  it("stores a burst of notifications with bounded concurrency and delivers them all in one pass", async () => {
    let inFlight = 0;
    let most = 0;
    const counting: OutboxStore = {
      ...outbox,
      add: async (message) => {
        most = Math.max(most, ++inFlight);
        try {
          await outbox.add(message);
        } finally {
          inFlight--;
        }
      },
    };
    const bot = await instance("instance-a", {
      // Small batches: one pass keeps reading until nothing is due.
      outbox: { store: counting, instanceId: "burst", tenants: () => [TENANT], autoStart: false, writes: { maxConcurrentWrites: 3 }, dispatcher: { batchSize: 10 } },
    });
    for (let i = 0; i < 40; i++) bot.bot.notifier.notifyReminder(reminder(`s-${i}`));
    await bot.bot.idle();
    expect(most).toBe(3);
    expect(await stored()).toHaveLength(40);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ delivered: 40 });
    expect(new Set(sessionIdsReceived()).size).toBe(40);
  });

  it("removes finished messages once their audit retention has passed (for stores without TTL)", async () => {
    const clock = manualClock(Date.UTC(2030, 2, 4, 9, 0));
    const bot = await instance("instance-a", { clock }, { auditTtlSeconds: 24 * 3600, purgeEveryMs: 3_600_000 });
    bot.bot.notifier.notifyReminder(reminder("s-1"));
    await bot.bot.idle();
    expect(await bot.bot.dispatchOnce()).toMatchObject({ delivered: 1, purged: 0 });
    clock.advance(23 * 3_600_000);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ purged: 0 });
    expect(await stored()).toHaveLength(1);
    clock.advance(2 * 3_600_000);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ purged: 1 });
    expect(await stored()).toHaveLength(0);
  });

  it("takes over a message whose sender died mid-send once its claim has expired", async () => {
    const clock = manualClock(Date.UTC(2030, 2, 4, 9, 0));
    const survivor = await instance("instance-b", { clock }, { claimMs: 120_000 });
    survivor.bot.notifier.notifyReminder(reminder("s-3"));
    await survivor.bot.idle();
    // Another instance claimed it and then crashed before recording the outcome.
    const [message] = await stored();
    await outbox.update({ ...message!, state: "sending", attempts: 1, claimedBy: "instance-that-died", claimExpiresAt: clock.now() + 120_000 });

    expect(await survivor.bot.dispatchOnce()).toMatchObject({ delivered: 0, lostClaims: 0 });
    expect(connector.attempts).toHaveLength(0);
    clock.advance(120_000);
    expect(await survivor.bot.dispatchOnce()).toMatchObject({ delivered: 1 });
    expect((await stored())[0]).toMatchObject({ state: "delivered", attempts: 2, claimedBy: null });
    expect(sessionIdsReceived()).toEqual(["s-3"]);
  });

  it("retries a failing connector with backoff, then dead-letters the message with the reason", async () => {
    const clock = manualClock(Date.UTC(2030, 2, 4, 9, 0));
    const bot = await instance("instance-a", { clock }, { maxAttempts: 3 });
    connector.failNext(CONVERSATION, { status: 500 }, { status: 503 }, { status: 502 });
    bot.bot.notifier.notifyReminder(reminder("s-9"));
    await bot.bot.idle();

    expect(await bot.bot.dispatchOnce()).toMatchObject({ retried: 1 });
    const [waiting] = await stored();
    expect(waiting).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: clock.now() + 60_000, lastError: "Bot Connector: HTTP 500 ServiceError" });
    // Not due before its backoff has passed.
    expect(await bot.bot.dispatchOnce()).toMatchObject({ retried: 0, delivered: 0, dead: 0 });

    clock.advance(60_000);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ retried: 1 });
    clock.advance(60_000);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ dead: 1 });
    const [dead] = await stored();
    expect(dead).toMatchObject({ state: "dead", attempts: 3, lastError: "Bot Connector: HTTP 502 ServiceError", finishedAt: new Date(clock.now()).toISOString() });
    expect(connector.attempts.map((a) => a.status)).toEqual([500, 503, 502]);
    expect(bot.log.entries.some((e) => e.level === "error" && e.message === "Notification dead-lettered")).toBe(true);

    clock.advance(3_600_000);
    expect(await bot.bot.dispatchOnce()).toMatchObject({ retried: 0, delivered: 0, dead: 0 });
    expect(connector.attempts).toHaveLength(3);
  });

  it("dead-letters a refusal at once, and marks people without the app as skipped", async () => {
    const bot = await instance("instance-a");
    connector.failNext(CONVERSATION, { status: 403, code: "ConversationBlockedByUser" });
    bot.bot.notifier.notifyReminder(reminder("s-1"));
    bot.bot.notifier.notifyReminder({ ...reminder("s-2"), recipient: { tenantId: TENANT, userId: PEOPLE.lee } });
    await bot.bot.idle();
    expect(await bot.bot.dispatchOnce()).toMatchObject({ dead: 1, skipped: 1, retried: 0 });
    const byRecipient = new Map((await stored()).map((m) => [m.recipient.userId, m]));
    expect(byRecipient.get(USER.aadObjectId)).toMatchObject({ state: "dead", attempts: 1, lastError: "Bot Connector: HTTP 403 ConversationBlockedByUser" });
    expect(byRecipient.get(PEOPLE.lee)).toMatchObject({ state: "skipped", lastError: expect.stringMatching(/not installed/) });
  });

  it("delivers by itself when started, without waiting for the next interval", async () => {
    const bot = await instance("instance-a", { outbox: { store: outbox, instanceId: "auto", tenants: () => [TENANT], dispatcher: { intervalMs: 3_600_000 } } });
    bot.bot.notifier.notifyReminder(reminder("s-5"));
    await connector.waitForActivities(1);
    expect(sessionIdsReceived()).toEqual(["s-5"]);
  });

  it("ends a pass (and keeps the messages) when the outbox cannot be updated", async () => {
    const writer = await instance("instance-a");
    for (let i = 0; i < 3; i++) writer.bot.notifier.notifyReminder(reminder(`s-${i}`));
    await writer.bot.idle();
    const readOnly: OutboxStore = { ...outbox, update: () => Promise.reject(new UnavailableError("The database could not be reached (conversations/outbox).")) };
    const broken = await instance("instance-b", { outbox: { store: readOnly, instanceId: "b", tenants: () => [TENANT], autoStart: false, dispatcher: { batchSize: 2 } } });
    expect(await broken.bot.dispatchOnce()).toMatchObject({ delivered: 0, dead: 0 });
    expect(connector.attempts).toHaveLength(0);
    // The first batch fails; the next query returns the same two messages, so the pass stops there.
    expect(broken.log.entries.filter((e) => e.message === "Notification outbox update failed")).toHaveLength(2);
    expect((await stored()).map((m) => m.state)).toEqual(["pending", "pending", "pending"]);
  });

  it("falls back to in-memory delivery (and says so) when the outbox cannot be written", async () => {
    const unavailable: OutboxStore = {
      ...outbox,
      add: () => Promise.reject(new UnavailableError("The database could not be reached (conversations/outbox).")),
    };
    const bot = await instance("instance-a", {
      outbox: { store: unavailable, instanceId: "down", tenants: () => [TENANT], autoStart: false, writes: { writeAttempts: 2, writeRetryDelayMs: 1 } },
    });
    bot.bot.notifier.notifyReminder(reminder("s-7"));
    await bot.bot.idle();
    expect(sessionIdsReceived()).toEqual(["s-7"]);
    expect(await stored()).toHaveLength(0);
    expect(bot.log.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining(["Notification outbox write failed; will retry", "Notification outbox unavailable; delivering from memory instead (not durable)"]),
    );
  });
});
