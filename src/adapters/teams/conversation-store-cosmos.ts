// ConversationReferenceStore on Cosmos DB (container `conversations`, partition key /tenantId) through the
// foundation's tenant-scoped repository. Document ids are derived from what we look them up by:
//   personal:<userId>           one per person (a reinstall replaces it), found by findPersonal
//   conversation:<sha256(id)>   team / group chat installs (Teams conversation ids contain characters
//                               such as ';' and can be long, so they are hashed into the id)
import { createHash } from "node:crypto";
import type { Container } from "@azure/cosmos";
import type { ConversationReference, ConversationReferenceStore } from "../../app/messaging/conversation-reference.js";
import { CosmosRepository } from "../cosmos/cosmos-repository.js";

interface ConversationDocument extends ConversationReference {
  id: string;
}

export function createCosmosConversationStore(container: Container): ConversationReferenceStore {
  const repository = new CosmosRepository<ConversationDocument>(container);
  return {
    async save(reference) {
      await repository.upsert({ ...reference, id: documentId(reference) });
    },
    async findPersonal(tenantId, userId) {
      const document = await repository.get(tenantId.toLowerCase(), personalId(userId));
      return document ? toReference(document) : null;
    },
    async remove(tenantId, conversationId) {
      const tid = tenantId.toLowerCase();
      // The conversation may be stored as a personal document (keyed by user) or by its own id.
      const matches = await repository.query(tid, { where: "c.conversationId = @conversationId", parameters: { conversationId } }, { limit: 10 });
      const ids = new Set([conversationDocumentId(conversationId), ...matches.items.map((d) => d.id)]);
      for (const id of ids) await repository.delete(tid, id);
    },
  };
}

function documentId(reference: ConversationReference): string {
  if (reference.scope === "personal") {
    if (!reference.userId) throw new Error("A personal conversation reference needs the user's object id.");
    return personalId(reference.userId);
  }
  return conversationDocumentId(reference.conversationId);
}

function personalId(userId: string): string {
  return `personal:${userId.toLowerCase()}`;
}

function conversationDocumentId(conversationId: string): string {
  return `conversation:${createHash("sha256").update(conversationId).digest("hex")}`;
}

function toReference(document: ConversationDocument & { etag?: string }): ConversationReference {
  return {
    tenantId: document.tenantId,
    conversationId: document.conversationId,
    serviceUrl: document.serviceUrl,
    scope: document.scope,
    userId: document.userId,
    teamId: document.teamId,
    installedAt: document.installedAt,
  };
}
