// Pairs in the `programs` container (type "pair", partition /tenantId). The id is deterministic per
// cohort, mentor and mentee (pairId in pair-model.ts), so re-running or re-publishing never duplicates.
import type { Container } from "@azure/cosmos";
import type { PairRef } from "../../domain/matching/index.js";
import type { Pair, PairState, StoredPair } from "../../app/pairs/pair-model.js";
import type { PairRepository } from "../../app/pairs/pair-ports.js";
import { CosmosRepository } from "./cosmos-repository.js";

/** Pairs that really happened (published): they are "earlier pairs" for later cohorts. */
const PUBLISHED_STATES: readonly PairState[] = ["active", "paused", "ended"];

export class CosmosPairRepository implements PairRepository {
  private readonly repo: CosmosRepository<Pair>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Pair>(programs, { type: "pair" });
  }

  get(tenantId: string, pairId: string): Promise<StoredPair | null> {
    return this.repo.get(tenantId, pairId);
  }

  listByCohort(tenantId: string, cohortId: string, states?: readonly PairState[]): Promise<StoredPair[]> {
    const where = states ? "c.cohortId = @cohortId AND ARRAY_CONTAINS(@states, c.state)" : "c.cohortId = @cohortId";
    return collect(this.repo.queryAll(tenantId, { where, parameters: { cohortId, ...(states ? { states: [...states] } : {}) }, orderBy: { path: "id", direction: "ASC" } }, 1000));
  }

  listForPerson(tenantId: string, userId: string): Promise<StoredPair[]> {
    return collect(
      this.repo.queryAll(tenantId, { where: "c.mentor.id = @userId OR c.mentee.id = @userId", parameters: { userId }, orderBy: { path: "createdAt", direction: "DESC" } }, 200),
    );
  }

  async earlierPairs(tenantId: string, exceptCohortId: string): Promise<PairRef[]> {
    const out: PairRef[] = [];
    const spec = { where: "c.cohortId != @cohortId AND ARRAY_CONTAINS(@states, c.state)", parameters: { cohortId: exceptCohortId, states: [...PUBLISHED_STATES] } };
    for await (const pair of this.repo.queryAll(tenantId, spec, 1000)) out.push({ mentorId: pair.mentor.id, menteeId: pair.mentee.id });
    return out;
  }

  upsert(pair: Pair): Promise<StoredPair> {
    return this.repo.upsert(pair);
  }

  replace(pair: StoredPair): Promise<StoredPair> {
    return this.repo.replace(pair);
  }

  delete(tenantId: string, pairId: string): Promise<boolean> {
    return this.repo.delete(tenantId, pairId);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
