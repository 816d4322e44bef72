// Storage of pair documents (Cosmos `programs` container, type "pair"). Implemented in
// src/adapters/cosmos/pair-repository.ts; every call is tenant-scoped.
import type { PairRef } from "../../domain/matching/index.js";
import type { Pair, PairState, StoredPair } from "./pair-model.js";

export interface PairRepository {
  get(tenantId: string, pairId: string): Promise<StoredPair | null>;
  /** Every pair of a cohort, optionally only in the given states. */
  listByCohort(tenantId: string, cohortId: string, states?: readonly PairState[]): Promise<StoredPair[]>;
  /** Every pair one person is part of (as mentor or mentee), newest first. */
  listForPerson(tenantId: string, userId: string): Promise<StoredPair[]>;
  /** Pairs of the tenant's other cohorts that were published (active, paused or ended): never repeated. */
  earlierPairs(tenantId: string, exceptCohortId: string): Promise<PairRef[]>;
  /** Creates or overwrites without a concurrency check (a matching run owns the proposed pairs of its cohort). */
  upsert(pair: Pair): Promise<StoredPair>;
  /** ConcurrencyError when the stored ETag differs. */
  replace(pair: StoredPair): Promise<StoredPair>;
  /** False when it did not exist. */
  delete(tenantId: string, pairId: string): Promise<boolean>;
}
