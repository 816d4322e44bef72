// The admin's view of notifications that did not reach people, over the real server: the Cosmos outbox and
// its dispatcher deliver to the local connector stand-in; one person has not installed the app, another's
// chat is refused by the connector (the bot was blocked). Both show with names; one is sent again after the
// person installs the app and then arrives.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCosmosConversationStore } from "../../src/adapters/teams/conversation-store-cosmos.js";
import type { Recipient } from "../../src/app/messaging/notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { syncDirectory } from "../matching/matching-helpers.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../teams/connector-stand-in.js";

interface UndeliveredView {
  id: string;
  kind: string;
  reason: "failed" | "notInstalled";
  recipientId: string;
  recipientName: string | null;
  attempts: number;
  lastError: string | null;
}

let t: TestApp;
let connector: ConnectorStandIn;
let admin: string;

beforeAll(async () => {
  connector = await startConnectorStandIn();
  t = await startTestApp();
  admin = await t.signInAs("admin");
  await syncDirectory(t, admin);
});
afterAll(async () => {
  await t?.stop();
  await connector?.stop();
});

function prompt(recipient: Recipient): void {
  t.server.deps.notifier.notifyFeedbackPrompt({
    recipient,
    role: "mentor",
    session: { sessionId: "pair-9_s0", pairId: "pair-9", cohortName: "Spring", partner: { userId: "exec-9", displayName: "Grace Obi", jobTitle: null }, start: "2030-04-15T14:00:00Z", end: "2030-04-15T14:30:00Z", sequence: { number: 1, of: 6 }, joinUrl: null },
  });
}

async function undelivered(): Promise<UndeliveredView[]> {
  const res = await t.api<{ items: UndeliveredView[] }>("GET", "/api/admin/notifications/undelivered", { token: admin });
  expect(res.status, res.text).toBe(200);
  return res.body.items;
}

it("lists notifications that did not arrive, with the person and why, and sends one again once the app is installed", async () => {
  const tenantId = t.tenantIds[0]!.toLowerCase();
  const conversations = createCosmosConversationStore(t.server.cosmos.container("conversations"));
  const withoutApp = await t.person("employee", undefined, 1);
  const blocked = await t.person("employee", undefined, 2);
  await conversations.save({ tenantId, conversationId: "a:blocked-chat", serviceUrl: connector.serviceUrl, scope: "personal", userId: blocked.id, teamId: null, installedAt: 0 });
  connector.failNext("a:blocked-chat", { status: 403, code: "BotDisabledByAdmin" });

  prompt({ tenantId, userId: withoutApp.id });
  prompt({ tenantId, userId: blocked.id });
  await expect.poll(async () => (await undelivered()).length, { timeout: 20_000 }).toBe(2);
  const byPerson = new Map((await undelivered()).map((n) => [n.recipientId, n]));
  expect(byPerson.get(withoutApp.id)).toMatchObject({ kind: "feedback-prompt", reason: "notInstalled", recipientName: withoutApp.displayName, lastError: null });
  expect(byPerson.get(blocked.id)).toMatchObject({ kind: "feedback-prompt", reason: "failed", recipientName: blocked.displayName });
  expect(byPerson.get(blocked.id)?.lastError).toContain("403");

  // The person adds the app; the admin sends the prompt again and it arrives.
  await conversations.save({ tenantId, conversationId: "a:now-installed", serviceUrl: connector.serviceUrl, scope: "personal", userId: withoutApp.id, teamId: null, installedAt: 0 });
  const retried = byPerson.get(withoutApp.id)!;
  expect((await t.api("POST", `/api/admin/notifications/${retried.id}/retry`, { token: admin })).status).toBe(204);
  const [arrived] = await connector.waitForActivities(1);
  expect(arrived?.conversationId).toBe("a:now-installed");
  await expect.poll(async () => (await undelivered()).map((n) => n.recipientId), { timeout: 20_000 }).toEqual([blocked.id]);

  // Sent again once only: it is delivered now, so a second retry is a conflict.
  expect((await t.api<{ type: string }>("POST", `/api/admin/notifications/${retried.id}/retry`, { token: admin })).body.type).toBe("urn:reverse-mentorship:problem:conflict");
  expect((await t.api("POST", "/api/admin/notifications/7d3e5d7e-0000-4000-8000-000000000000/retry", { token: admin })).status).toBe(404);
  const bad = await t.api<{ errors: Array<{ field: string }> }>("POST", "/api/admin/notifications/not-an-id/retry", { token: admin });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e) => e.field)).toEqual(["path.id"]);
  expect((await t.api("GET", "/api/admin/notifications/undelivered", { token: await t.signInAs("employee") })).status).toBe(403);
  // Another tenant's admin sees none of it.
  const fabrikamAdmin = await t.signInAs("admin", t.tenantIds[1]);
  const theirs = await t.api<{ items: unknown[] }>("GET", "/api/admin/notifications/undelivered", { token: fabrikamAdmin });
  expect(theirs.body.items).toEqual([]);
  expect((await t.api("POST", `/api/admin/notifications/${byPerson.get(blocked.id)!.id}/retry`, { token: fabrikamAdmin })).status).toBe(404);
}, 60_000);
