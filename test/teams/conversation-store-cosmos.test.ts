// The Cosmos-backed conversation store against the embedded Cosmos DB, through the real @azure/cosmos SDK.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCosmosConversationStore } from "../../src/adapters/teams/conversation-store-cosmos.js";
import type { ConversationReference, ConversationReferenceStore } from "../../src/app/messaging/conversation-reference.js";
import { startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";
import { OTHER_TENANT, TENANT } from "./activities.js";

let cosmos: TestCosmos;
let store: ConversationReferenceStore;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  store = createCosmosConversationStore(cosmos.db.container("conversations"));
});
afterAll(() => cosmos.stop());

const personal = (userId: string, conversationId: string, tenantId = TENANT): ConversationReference => ({
  tenantId,
  conversationId,
  serviceUrl: "https://smba.trafficmanager.net/emea",
  scope: "personal",
  userId,
  teamId: null,
  installedAt: Date.UTC(2030, 0, 2),
});

describe("Cosmos conversation store", () => {
  it("finds a person's personal conversation and replaces it on reinstall", async () => {
    const userId = "11111111-aaaa-4bbb-8ccc-000000000001";
    await store.save(personal(userId, "a:first"));
    await store.save(personal(userId, "a:second"));
    expect(await store.findPersonal(TENANT, userId)).toEqual(personal(userId, "a:second"));
    expect(await store.findPersonal(TENANT, userId.toUpperCase())).toEqual(personal(userId, "a:second"));
  });

  it("keeps tenants apart", async () => {
    const userId = "11111111-aaaa-4bbb-8ccc-000000000002";
    await store.save(personal(userId, "a:mine"));
    expect(await store.findPersonal(OTHER_TENANT, userId)).toBeNull();
    await store.remove(OTHER_TENANT, "a:mine");
    expect(await store.findPersonal(TENANT, userId)).not.toBeNull();
  });

  it("stores team conversations by conversation id (any characters) and removes both kinds", async () => {
    const team: ConversationReference = {
      tenantId: TENANT,
      conversationId: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2;messageid=1711/x?y#z",
      serviceUrl: "https://smba.trafficmanager.net/amer",
      scope: "team",
      userId: null,
      teamId: "19:4b8ee2b9c0f84d0c9bd8b0e2b3f1c9a0@thread.tacv2",
      installedAt: Date.UTC(2030, 0, 3),
    };
    await store.save(team);
    const userId = "11111111-aaaa-4bbb-8ccc-000000000003";
    await store.save(personal(userId, "a:to-remove"));
    await store.remove(TENANT, team.conversationId);
    await store.remove(TENANT, "a:to-remove");
    await store.remove(TENANT, "a:never-existed");
    expect(await store.findPersonal(TENANT, userId)).toBeNull();
    const left = await cosmos.db.container("conversations").items.query({ query: "SELECT * FROM c WHERE c.conversationId = @id", parameters: [{ name: "@id", value: team.conversationId }] }).fetchAll();
    expect(left.resources).toHaveLength(0);
  });

  it("refuses a personal reference without the person", async () => {
    await expect(store.save({ ...personal("x", "a:x"), userId: null })).rejects.toThrow(/needs the user's object id/);
  });
});
