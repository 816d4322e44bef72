// What the reminder and feedback-prompt job reads and writes (Cosmos `programs` container: sessions, their
// pairs and cohorts). Implemented in src/adapters/cosmos/reminder-store.ts; every call is tenant-scoped.
import type { PairPerson } from "../pairs/pair-model.js";
import type { StoredSession } from "../scheduling/session-model.js";

// The two window queries return the FIRST `limit` matches only: the job records each notification on the
// session, which takes it out of the query, and asks again until nothing new comes back. (Paging on with a
// continuation token while the matches change underneath could skip sessions.)
export interface ReminderStore {
  /** Up to `limit` booked sessions starting in [from, to] that have no reminder for their current start yet, soonest first. */
  startingBetween(tenantId: string, from: string, to: string, limit: number): Promise<StoredSession[]>;
  /** Up to `limit` sessions (held or still booked) that ended in [from, to] and have no feedback prompt yet. */
  endedBetween(tenantId: string, from: string, to: string, limit: number): Promise<StoredSession[]>;
  get(tenantId: string, sessionId: string): Promise<StoredSession | null>;
  /** If-Match replace; ConcurrencyError when the session changed since it was read. */
  replace(session: StoredSession): Promise<StoredSession>;
  /** The pair's two people as stored on the pair, or null when the pair is gone. */
  pairPeople(tenantId: string, pairId: string): Promise<{ mentor: PairPerson; mentee: PairPerson } | null>;
  cohortName(tenantId: string, cohortId: string): Promise<string | null>;
}
