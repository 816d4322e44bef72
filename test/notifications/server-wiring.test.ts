// The server as `npm start` wires it: a use case's notification goes through the Cosmos outbox and the
// dispatcher to the person's Teams chat (here the local connector stand-in), and with TEAMS_APP_ID the card
// deep-links into the app in Teams.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCosmosConversationStore } from "../../src/adapters/teams/conversation-store-cosmos.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { startConnectorStandIn, type ConnectorStandIn } from "../teams/connector-stand-in.js";

const TEAMS_APP_ID = "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11";
let t: TestApp;
let connector: ConnectorStandIn;

beforeAll(async () => {
  connector = await startConnectorStandIn();
  t = await startTestApp({ env: { TEAMS_APP_ID } });
});
afterAll(async () => {
  await t?.stop();
  await connector?.stop();
});

it("delivers a notification from the outbox with a deep link into the Teams app", async () => {
  const tenantId = t.tenantIds[0]!.toLowerCase();
  const mentor = await t.person("employee");
  await createCosmosConversationStore(t.server.cosmos.container("conversations")).save({
    tenantId, conversationId: "a:mentor-chat", serviceUrl: connector.serviceUrl, scope: "personal", userId: mentor.id, teamId: null, installedAt: 0,
  });

  t.server.deps.notifier.notifyFeedbackPrompt({
    recipient: { tenantId, userId: mentor.id },
    role: "mentor",
    session: { sessionId: "pair-1_s0", pairId: "pair-1", cohortName: "Spring", partner: { userId: "exec-1", displayName: "Grace Obi", jobTitle: null }, start: "2030-04-15T14:00:00Z", end: "2030-04-15T14:30:00Z", sequence: { number: 1, of: 6 }, joinUrl: null },
  });

  const [delivered] = await connector.waitForActivities(1);
  expect(delivered?.conversationId).toBe("a:mentor-chat");
  expect(delivered?.activity.summary).toBe("Feedback on your session with Grace Obi");
  const link = JSON.stringify(delivered?.activity).match(/https:\/\/teams\.microsoft\.com\/l\/entity\/([^/]+)\/home\?[^"]+/);
  expect(link?.[1]).toBe(TEAMS_APP_ID);

  // The outcome is recorded right after the connector answered.
  const states = async () =>
    (
      await t.server.cosmos
        .container("conversations")
        .items.query<{ state: string }>({ query: "SELECT c.state FROM c WHERE c.tenantId = @t AND c.type = 'outbox'", parameters: [{ name: "@t", value: tenantId }] })
        .fetchAll()
    ).resources.map((r) => r.state);
  await expect.poll(states, { timeout: 10_000 }).toEqual(["delivered"]);
  expect(connector.received).toHaveLength(1);
});
