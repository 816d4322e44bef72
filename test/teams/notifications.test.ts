// Installation → stored conversation → proactive notification cards at the connector stand-in, with
// retries for transient failures and no blocking of the caller.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionDetails } from "../../src/app/messaging/notifier.js";
import { BOT_ID, TENANT, USER, installationAdd, installationRemove, messageText } from "./activities.js";
import { PEOPLE, TAB_ENDPOINT, TEAMS_APP_ID, startBotHarness, type BotHarness } from "./bot-harness.js";

let harness: BotHarness;
const recipient = { tenantId: TENANT, userId: USER.aadObjectId };
const PERSONAL_CONVERSATION = "a:1Jq2dmxWjG8NyVjF0yXpQJZUDS9yN0HfqYxSBB5Qb4u-OAwb0XtbMwvX0U4DeHy7m3PX8fqE";

const session: SessionDetails = {
  sessionId: "session-7",
  pairId: "pair-3",
  cohortName: "Spring 2030: AI for leaders",
  partner: { userId: PEOPLE.ravi, displayName: "Ravi Kumar", jobTitle: "Data Analyst" },
  start: "2030-04-15T14:00:00Z",
  end: "2030-04-15T14:30:00Z",
  sequence: { number: 2, of: 6 },
  joinUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0",
};

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

function actionsOf(activity: { attachments?: Array<{ content: unknown }> } | undefined): Array<{ title: string; url: string }> {
  return ((activity?.attachments?.[0]?.content as { actions?: Array<{ title: string; url: string }> }) ?? {}).actions ?? [];
}

function subEntityOf(url: string): string | null {
  const context = new URL(url).searchParams.get("context");
  return context ? (JSON.parse(context) as { subEntityId: string }).subEntityId : null;
}

beforeAll(async () => {
  harness = await startBotHarness();
});
afterAll(() => harness.stop());
beforeEach(async () => {
  await harness.bot.idle();
  harness.connector.received.length = 0;
  harness.connector.attempts.length = 0;
  harness.conversations.references.length = 0;
  harness.log.entries.length = 0;
});

async function install(): Promise<void> {
  const response = await harness.post(installationAdd({ serviceUrl: `${harness.connector.serviceUrl}/` }));
  expect(response.status).toBe(200);
  await harness.connector.waitForActivities(1); // the welcome card
  harness.connector.received.length = 0;
  harness.connector.attempts.length = 0;
}

describe("installation", () => {
  it("stores the personal conversation and welcomes the person", async () => {
    await harness.post(installationAdd({ serviceUrl: `${harness.connector.serviceUrl}/` }));
    expect(harness.conversations.references).toEqual([
      { tenantId: TENANT, conversationId: PERSONAL_CONVERSATION, serviceUrl: harness.connector.serviceUrl, scope: "personal", userId: USER.aadObjectId, teamId: null, installedAt: Date.UTC(2030, 2, 4, 9, 15) },
    ]);
    const [welcome] = await harness.connector.waitForActivities(1);
    expect(welcome?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(welcome?.activity).toMatchObject({ type: "message", summary: "Welcome to Reverse Mentorship" });
    expect(actionsOf(welcome?.activity)[0]?.title).toBe("Open Mentorship");
  });

  it("stores a team installation without posting into the channel", async () => {
    await harness.post(installationAdd({ serviceUrl: harness.connector.serviceUrl, scope: "team" }));
    expect(harness.conversations.references).toEqual([
      expect.objectContaining({ scope: "team", userId: null, teamId: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2" }),
    ]);
    await harness.bot.idle();
    expect(harness.connector.attempts).toHaveLength(0);
  });

  it("forgets the conversation when the app is removed", async () => {
    await install();
    await harness.post(installationRemove({ serviceUrl: harness.connector.serviceUrl }));
    expect(harness.conversations.references).toHaveLength(0);
  });

  it("answers a typed message with a pointer to the app", async () => {
    await harness.post(messageText({ serviceUrl: harness.connector.serviceUrl }, "hello?"));
    const [reply] = await harness.connector.waitForActivities(1);
    expect(reply?.activity.summary).toBe("Open the Mentorship app");
  });
});

describe("notifications", () => {
  it("delivers each kind as a card with a deep link into the right area of the tab", async () => {
    await install();
    const n = harness.bot.notifier;
    n.notifyMatched({ recipient, role: "mentee", pairId: "pair-3", cohort: { id: "cohort-2030-spring", name: "Spring 2030: AI for leaders" }, partner: session.partner, reasons: ["Teaches Generative AI, which you want to learn", "Different department"] });
    n.notifySessionBooked({ recipient, role: "mentee", session });
    n.notifySessionMoved({ recipient, role: "mentee", session, previousStart: "2030-04-14T09:00:00+02:00", reason: "declined" });
    n.notifyReminder({ recipient, role: "mentee", session });
    n.notifyFeedbackPrompt({ recipient, role: "mentee", session });
    const received = await harness.connector.waitForActivities(5);
    const bySummary = new Map(received.map((r) => [r.activity.summary, r]));
    expect([...bySummary.keys()].sort()).toEqual([
      "Feedback on your session with Ravi Kumar",
      "Mentorship match: Ravi Kumar",
      "Reminder: session with Ravi Kumar",
      "Session booked with Ravi Kumar",
      "Session with Ravi Kumar moved",
    ]);
    for (const r of received) {
      expect(r.conversationId).toBe(PERSONAL_CONVERSATION);
      expect(r.activity.from).toMatchObject({ id: BOT_ID });
      expect(r.authorization).toMatch(/^Bearer /);
    }

    const match = bySummary.get("Mentorship match: Ravi Kumar")?.activity;
    expect(strings(match)).toEqual(expect.arrayContaining(["Ravi Kumar", "Data Analyst", "• Teaches Generative AI, which you want to learn"]));
    // Executives (mentees) work in the "mentor" area of the tab.
    expect(subEntityOf(actionsOf(match)[0]?.url ?? "")).toBe("mentor/pairs/pair-3");

    const booked = bySummary.get("Session booked with Ravi Kumar")?.activity;
    expect(strings(booked)).toEqual(expect.arrayContaining(["{{DATE(2030-04-15T14:00:00Z, SHORT)}} {{TIME(2030-04-15T14:00:00Z)}} – {{TIME(2030-04-15T14:30:00Z)}}", "2 of 6"]));
    expect(actionsOf(booked).map((a) => a.title)).toEqual(["Join Teams meeting", "Open in Mentorship"]);
    expect(actionsOf(booked)[0]?.url).toBe(session.joinUrl);

    const moved = bySummary.get("Session with Ravi Kumar moved")?.activity;
    // The previous start was given with an offset; cards carry it as UTC for the client to localise.
    expect(strings(moved)).toEqual(expect.arrayContaining(["{{DATE(2030-04-14T07:00:00Z, SHORT)}} {{TIME(2030-04-14T07:00:00Z)}}"]));

    const feedback = bySummary.get("Feedback on your session with Ravi Kumar")?.activity;
    const feedbackLink = actionsOf(feedback)[0]?.url ?? "";
    expect(feedbackLink.startsWith(`https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/home?`)).toBe(true);
    expect(subEntityOf(feedbackLink)).toBe("mentor/sessions/session-7/feedback");
    expect(new URL(feedbackLink).searchParams.get("webUrl")).toBe(`${TAB_ENDPOINT}/#/mentor/sessions/session-7/feedback`);
  });

  it("returns to the caller at once, before the connector has answered", async () => {
    await install();
    harness.connector.hold();
    try {
      harness.bot.notifier.notifyReminder({ recipient, role: "mentor", session });
      // Nothing has been delivered yet, but the call has already returned.
      expect(harness.connector.received).toHaveLength(0);
      expect(harness.bot.deliveryStats().pending + harness.bot.deliveryStats().inFlight).toBe(1);
    } finally {
      harness.connector.release();
    }
    await harness.connector.waitForActivities(1);
    expect(harness.connector.received[0]?.activity.summary).toBe("Reminder: session with Ravi Kumar");
  });

  it("retries throttling and server errors, honouring Retry-After, and delivers exactly once", async () => {
    await install();
    harness.connector.failNext(PERSONAL_CONVERSATION, { status: 503 }, { status: 429, retryAfter: "0" }, { status: 502 });
    harness.bot.notifier.notifySessionBooked({ recipient, role: "mentor", session });
    await harness.bot.idle();
    expect(harness.connector.attempts.map((a) => a.status)).toEqual([503, 429, 502, 201]);
    expect(harness.connector.received).toHaveLength(1);
    expect(harness.log.entries.filter((e) => e.message === "Notification delivery failed; will retry")).toHaveLength(3);
  });

  it("gives up after the maximum number of attempts and logs it", async () => {
    await install();
    harness.connector.failNext(PERSONAL_CONVERSATION, ...Array.from({ length: 6 }, () => ({ status: 500 })));
    harness.bot.notifier.notifyFeedbackPrompt({ recipient, role: "mentor", session });
    await harness.bot.idle();
    expect(harness.connector.attempts).toHaveLength(6);
    expect(harness.connector.received).toHaveLength(0);
    expect(harness.log.entries.some((e) => e.level === "error" && e.message === "Notification delivery gave up after retries")).toBe(true);
  });

  it("does not retry a refusal, and forgets a conversation Teams no longer knows", async () => {
    await install();
    harness.connector.failNext(PERSONAL_CONVERSATION, { status: 403, code: "ConversationBlockedByUser" });
    harness.bot.notifier.notifyReminder({ recipient, role: "mentor", session });
    await harness.bot.idle();
    expect(harness.connector.attempts.map((a) => a.status)).toEqual([403]);
    expect(harness.conversations.references).toHaveLength(1);

    harness.connector.failNext(PERSONAL_CONVERSATION, { status: 404, code: "ConversationNotFound" });
    harness.bot.notifier.notifyFeedbackPrompt({ recipient, role: "mentor", session });
    await harness.bot.idle();
    expect(harness.connector.attempts.map((a) => a.status)).toEqual([403, 404]);
    expect(harness.conversations.references).toHaveLength(0);
  });

  it("retries when the conversation store is briefly unavailable", async () => {
    await install();
    harness.conversations.failLookups = 2;
    harness.bot.notifier.notifyMatched({ recipient, role: "mentor", pairId: "pair-9", cohort: { id: "c", name: "Spring" }, partner: session.partner, reasons: [] });
    await harness.bot.idle();
    expect(harness.connector.received).toHaveLength(1);
  });

  it("sends nothing to someone without the app, and drops a notification that cannot be rendered", async () => {
    harness.bot.notifier.notifyReminder({ recipient: { tenantId: TENANT, userId: PEOPLE.lee }, role: "mentor", session });
    harness.bot.notifier.notifySessionBooked({ recipient, role: "mentor", session: { ...session, start: "next Tuesday" } });
    await harness.bot.idle();
    expect(harness.connector.attempts).toHaveLength(0);
    expect(harness.log.entries.map((e) => e.message)).toEqual(
      expect.arrayContaining(["No Teams conversation for this person (app not installed); the tab shows the update", "Notification not sent: it could not be rendered"]),
    );
  });
});
