// The notification outbox on Cosmos DB (container `conversations`, type "outbox", partition /tenantId).
// Claims and outcomes are If-Match replaces, so of two dispatchers racing for a message exactly one wins.
// Finished messages carry a `ttl` (seconds); Cosmos DB removes them when the container has TTL enabled
// (infra sets defaultTtl -1). The embedded dev server ignores TTL: there the dispatcher's hourly purge
// (purgeFinished) removes them.
import type { Container } from "@azure/cosmos";
import { ConcurrencyError, ConflictError, NotFoundError } from "../../app/errors.js";
import { CosmosRepository } from "../cosmos/cosmos-repository.js";
import type { OutboxMessage, OutboxStore, StoredOutboxMessage } from "./outbox-store.js";

export function createCosmosOutboxStore(container: Container): OutboxStore {
  const repository = new CosmosRepository<OutboxMessage>(container, { type: "outbox" });
  return {
    async add(message) {
      try {
        await repository.create(message);
      } catch (error) {
        // The same id again: an earlier attempt of this write reached the database after all.
        if (error instanceof ConflictError && !(error instanceof ConcurrencyError)) return;
        throw error;
      }
    },
    async due(tenantId, now, limit) {
      const page = await repository.query(
        tenantId,
        {
          where: "(c.state = 'pending' AND c.nextAttemptAt <= @now) OR (c.state = 'sending' AND c.claimExpiresAt <= @now)",
          parameters: { now },
          orderBy: { path: "nextAttemptAt", direction: "ASC" },
        },
        { limit },
      );
      return page.items;
    },
    async update(message) {
      try {
        return await repository.replace(message);
      } catch (error) {
        if (error instanceof ConflictError || error instanceof NotFoundError) return null;
        throw error;
      }
    },
    get: (tenantId, id) => repository.get(tenantId, id) as Promise<StoredOutboxMessage | null>,
    listFinished: (tenantId, states, page) =>
      repository.query(tenantId, { where: "ARRAY_CONTAINS(@states, c.state)", parameters: { states: [...states] }, orderBy: { path: "finishedAt", direction: "DESC" } }, page),
    async purgeFinished(tenantId, before, limit) {
      const page = await repository.query(tenantId, { where: "c.state IN ('delivered', 'skipped', 'dead') AND c.finishedAt < @before", parameters: { before } }, { limit });
      let deleted = 0;
      // With its etag: a message changed since the query (it cannot be, once finished, but be exact) stays.
      for (const message of page.items) if (await repository.delete(tenantId, message.id, message.etag).catch(() => false)) deleted++;
      return deleted;
    },
  };
}
