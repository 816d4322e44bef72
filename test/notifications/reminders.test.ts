// The reminder and feedback-prompt job against the embedded Cosmos DB (real SDK over HTTPS) with a clock
// the test moves: who is told what, exactly once per session (also with two runs at the same time), and
// never for sessions that did not or will not take place.
import type { Container } from "@azure/cosmos";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CosmosReminderStore } from "../../src/adapters/cosmos/reminder-store.js";
import type { Pair } from "../../src/app/pairs/pair-model.js";
import type { Session } from "../../src/app/scheduling/session-model.js";
import { scheduleSessionNotifications, sendSessionNotifications, type ReminderDeps } from "../../src/app/reminders/send-session-reminders.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { manualClock, startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";
import { pairDoc, person, seed, sessionDoc } from "../health/seed-programme.js";

const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "8a1b9c2d-0000-4000-8000-00000000beef";
const HOUR = 3_600_000;
const T0 = Date.UTC(2030, 3, 15, 8, 0); // the frozen "now"

let cosmos: TestCosmos;
let programs: Container;
let pair: Pair;
let clock: ReturnType<typeof manualClock>;
let notifier: RecordingNotifier;
let deps: ReminderDeps;

const slotAt = (startMs: number) => ({ start: new Date(startMs).toISOString(), end: new Date(startMs + 30 * 60_000).toISOString() });

beforeAll(async () => {
  cosmos = await startTestCosmos();
  programs = cosmos.db.container("programs");
});
afterAll(async () => cosmos?.stop());
beforeEach(async () => {
  const { resources } = await programs.items.query<{ id: string; tenantId: string }>("SELECT c.id, c.tenantId FROM c").fetchAll();
  for (const doc of resources) await programs.item(doc.id, doc.tenantId).delete();
  pair = pairDoc(TENANT, "cohort-1", person("mentor-1", "Ravi Kumar", "Data"), person("exec-1", "Grace Obi", "Board"));
  await seed(programs, [pair, { id: "cohort-1", type: "cohort", tenantId: TENANT, state: "scheduled", settings: { name: "Spring 2030: AI for leaders" } }]);
  clock = manualClock(T0);
  notifier = new RecordingNotifier();
  deps = { sessions: new CosmosReminderStore(programs), notifier, clock };
});

function sent(kind: "reminder" | "feedbackPrompt"): Array<{ to: string; sessionId: string }> {
  return notifier.of(kind).map((n) => ({ to: n.payload.recipient.userId, sessionId: (n.payload.session as { sessionId: string }).sessionId })).sort((a, b) => (a.sessionId + a.to).localeCompare(b.sessionId + b.to));
}

describe("reminders", () => {
  it("reminds both people once when a booked session starts within 24 hours", async () => {
    const soon = sessionDoc(pair, 1, { state: "accepted", ...slotAt(T0 + 3 * HOUR) });
    const later = sessionDoc(pair, 2, { state: "booked", ...slotAt(T0 + 30 * HOUR) });
    await seed(programs, [soon, later]);

    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 1, feedbackPrompts: 0 });
    expect(sent("reminder")).toEqual([
      { to: "exec-1", sessionId: soon.id },
      { to: "mentor-1", sessionId: soon.id },
    ]);
    const toMentor = notifier.of("reminder").find((n) => n.payload.recipient.userId === "mentor-1")?.payload;
    expect(toMentor).toMatchObject({
      recipient: { tenantId: TENANT, userId: "mentor-1" },
      role: "mentor",
      session: { sessionId: soon.id, pairId: pair.id, cohortName: "Spring 2030: AI for leaders", partner: { userId: "exec-1", displayName: "Grace Obi", jobTitle: "Engineer" }, start: soon.start, end: soon.end, sequence: { number: 2, of: 6 }, joinUrl: soon.joinUrl },
    });
    expect(notifier.of("reminder").find((n) => n.payload.recipient.userId === "exec-1")?.payload).toMatchObject({ role: "mentee", session: { partner: { displayName: "Ravi Kumar" } } });

    // Again at the same time: nothing new. Seven hours later the second session is within 24 hours (and
    // the first one is over, so its feedback prompt goes out).
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 0, feedbackPrompts: 0 });
    clock.advance(7 * HOUR);
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 1, feedbackPrompts: 1 });
    expect(sent("reminder").map((s) => s.sessionId)).toEqual([soon.id, soon.id, later.id, later.id]);
    const stored = (await programs.item(soon.id, TENANT).read<Session>()).resource;
    expect(stored?.notified).toEqual({ reminder: new Date(T0).toISOString(), reminderFor: soon.start, feedbackPrompt: new Date(T0 + 7 * HOUR).toISOString() });
  });

  it("reminds again when the session moved after its reminder, and never for sessions not booked", async () => {
    const moved = sessionDoc(pair, 1, { state: "rescheduled", ...slotAt(T0 + 5 * HOUR), notified: { reminder: new Date(T0 - HOUR).toISOString(), reminderFor: new Date(T0 + 2 * HOUR).toISOString() } });
    const planned = sessionDoc(pair, 2, { state: "planned", eventId: null, ...slotAt(T0 + 2 * HOUR) });
    const declined = sessionDoc(pair, 3, { state: "declined", ...slotAt(T0 + 2 * HOUR) });
    const cancelled = sessionDoc(pair, 4, { state: "cancelled", ...slotAt(T0 + 2 * HOUR) });
    await seed(programs, [moved, planned, declined, cancelled]);
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 1, feedbackPrompts: 0 });
    expect(new Set(sent("reminder").map((s) => s.sessionId))).toEqual(new Set([moved.id]));
  });
});

describe("feedback prompts", () => {
  it("asks both people once after a session that took place, never after one that did not", async () => {
    const held = sessionDoc(pair, 0, { state: "held", ...slotAt(T0 - 3 * HOUR) });
    const endedUnconfirmed = sessionDoc(pair, 1, { state: "accepted", ...slotAt(T0 - HOUR) });
    const notOverYet = sessionDoc(pair, 2, { state: "accepted", ...slotAt(T0 - 10 * 60_000) });
    const cancelled = sessionDoc(pair, 3, { state: "cancelled", ...slotAt(T0 - 2 * HOUR) });
    const declined = sessionDoc(pair, 4, { state: "declined", ...slotAt(T0 - 2 * HOUR) });
    const longAgo = sessionDoc(pair, 5, { state: "held", ...slotAt(T0 - 30 * 24 * HOUR) });
    await seed(programs, [held, endedUnconfirmed, notOverYet, cancelled, declined, longAgo]);

    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 0, feedbackPrompts: 2 });
    expect(sent("feedbackPrompt")).toEqual([
      { to: "exec-1", sessionId: held.id },
      { to: "mentor-1", sessionId: held.id },
      { to: "exec-1", sessionId: endedUnconfirmed.id },
      { to: "mentor-1", sessionId: endedUnconfirmed.id },
    ]);
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 0, feedbackPrompts: 0 });
    clock.advance(HOUR); // the third session is now over too
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 0, feedbackPrompts: 1 });
    expect(notifier.of("feedbackPrompt")).toHaveLength(6);
  });
});

describe("exactly once", () => {
  it("sends each notification once when two instances run the job at the same time", async () => {
    const sessions = Array.from({ length: 8 }, (_, i) => sessionDoc(pair, i, { state: i % 2 === 0 ? "booked" : "held", ...slotAt(i % 2 === 0 ? T0 + (i + 1) * HOUR : T0 - (i + 1) * HOUR) }));
    await seed(programs, sessions);
    const other: ReminderDeps = { ...deps, sessions: new CosmosReminderStore((await cosmos.connect()).container("programs")) };
    const runs = await Promise.all([sendSessionNotifications(deps, TENANT), sendSessionNotifications(other, TENANT), sendSessionNotifications(deps, TENANT)]);
    expect(runs.reduce((sum, r) => sum + r.reminders, 0)).toBe(4);
    expect(runs.reduce((sum, r) => sum + r.feedbackPrompts, 0)).toBe(4);
    expect(notifier.of("reminder")).toHaveLength(8);
    expect(notifier.of("feedbackPrompt")).toHaveLength(8);
    expect(new Set(sent("reminder").map((s) => `${s.sessionId}:${s.to}`)).size).toBe(8);
  });

  it("keeps a concurrent change made by someone else, re-reading before it records the reminder", async () => {
    const session = sessionDoc(pair, 1, { state: "booked", ...slotAt(T0 + 2 * HOUR) });
    await seed(programs, [session]);
    const store = new CosmosReminderStore(programs);
    // The RSVP loop saves an acceptance between the job's read and its write.
    let interfered = false;
    const racing: ReminderDeps = {
      ...deps,
      sessions: Object.assign(Object.create(store) as CosmosReminderStore, {
        replace: async (s: Parameters<CosmosReminderStore["replace"]>[0]) => {
          if (!interfered) {
            interfered = true;
            const current = (await programs.item(s.id, TENANT).read<Session>()).resource!;
            await programs.items.upsert({ ...current, state: "accepted", attendeeResponse: "accepted" });
          }
          return store.replace(s);
        },
      }),
    };
    expect(await sendSessionNotifications(racing, TENANT)).toEqual({ reminders: 1, feedbackPrompts: 0 });
    const stored = (await programs.item(session.id, TENANT).read<Session>()).resource;
    expect(stored).toMatchObject({ state: "accepted", attendeeResponse: "accepted", notified: { reminderFor: session.start } });
    expect(notifier.of("reminder")).toHaveLength(2);
  });

  it("handles more sessions than one query returns, each once", async () => {
    const many = Array.from({ length: 130 }, (_, i) => sessionDoc(pair, i, { state: "accepted", ...slotAt(T0 + HOUR + i * 60_000) }));
    await seed(programs, many);
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 130, feedbackPrompts: 0 });
    expect(new Set(sent("reminder").map((s) => `${s.sessionId}:${s.to}`)).size).toBe(260);
  });

  it("only touches the tenant it runs for", async () => {
    const foreignPair = pairDoc(OTHER_TENANT, "cohort-1", person("m-x", "Foreign", null), person("e-x", "Other", null));
    await seed(programs, [foreignPair, sessionDoc(foreignPair, 0, { state: "booked", ...slotAt(T0 + HOUR) })]);
    expect(await sendSessionNotifications(deps, TENANT)).toEqual({ reminders: 0, feedbackPrompts: 0 });
    expect(notifier.sent).toHaveLength(0);
  });
});

describe("schedule", () => {
  it("runs the job for every served tenant on its interval until stopped", async () => {
    await seed(programs, [sessionDoc(pair, 1, { state: "booked", ...slotAt(T0 + HOUR) })]);
    const errors: unknown[] = [];
    const schedule = scheduleSessionNotifications(deps, () => [TENANT, OTHER_TENANT], { intervalMs: 20, onError: (error) => errors.push(error) });
    try {
      await expect.poll(() => notifier.of("reminder").length, { timeout: 10_000 }).toBe(2);
    } finally {
      await schedule.stop();
    }
    expect(errors).toEqual([]);
  });
});
