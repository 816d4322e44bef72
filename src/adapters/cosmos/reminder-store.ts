// The reminder and feedback-prompt job's reads and writes in the `programs` container: sessions in a time
// window that still lack the notification (filtered in SQL; first matches only, see reminder-ports.ts), the
// pair's two people and the cohort's name. Session writes are If-Match replaces (ConcurrencyError on a lost race).
import type { Container } from "@azure/cosmos";
import type { Cohort } from "../../app/cohorts/cohort-ports.js";
import type { Pair } from "../../app/pairs/pair-model.js";
import type { ReminderStore } from "../../app/reminders/reminder-ports.js";
import type { Session, StoredSession } from "../../app/scheduling/session-model.js";
import { CosmosRepository } from "./cosmos-repository.js";

const BOOKED_STATES = "('booked', 'accepted', 'tentative', 'rescheduled')";
const OVER_STATES = "('held', 'booked', 'accepted', 'tentative', 'rescheduled')";

export class CosmosReminderStore implements ReminderStore {
  private readonly sessions: CosmosRepository<Session>;
  private readonly pairs: CosmosRepository<Pair>;
  private readonly cohorts: CosmosRepository<Cohort>;

  constructor(programs: Container) {
    this.sessions = new CosmosRepository<Session>(programs, { type: "session" });
    this.pairs = new CosmosRepository<Pair>(programs, { type: "pair" });
    this.cohorts = new CosmosRepository<Cohort>(programs, { type: "cohort" });
  }

  async startingBetween(tenantId: string, from: string, to: string, limit: number): Promise<StoredSession[]> {
    const where = `c.start >= @from AND c.start <= @to AND c.state IN ${BOOKED_STATES} AND (NOT IS_DEFINED(c.notified.reminderFor) OR c.notified.reminderFor != c.start)`;
    const page = await this.sessions.query(tenantId, { where, parameters: { from, to }, orderBy: { path: "start", direction: "ASC" } }, { limit });
    return page.items.map(withType);
  }

  async endedBetween(tenantId: string, from: string, to: string, limit: number): Promise<StoredSession[]> {
    const where = `c["end"] >= @from AND c["end"] <= @to AND c.state IN ${OVER_STATES} AND NOT IS_DEFINED(c.notified.feedbackPrompt)`;
    const page = await this.sessions.query(tenantId, { where, parameters: { from, to }, orderBy: { path: "start", direction: "ASC" } }, { limit });
    return page.items.map(withType);
  }

  async get(tenantId: string, sessionId: string): Promise<StoredSession | null> {
    const session = await this.sessions.get(tenantId, sessionId);
    return session ? withType(session) : null;
  }

  async replace(session: StoredSession): Promise<StoredSession> {
    return withType(await this.sessions.replace(session));
  }

  async pairPeople(tenantId: string, pairId: string): Promise<{ mentor: Pair["mentor"]; mentee: Pair["mentee"] } | null> {
    const pair = await this.pairs.get(tenantId, pairId);
    return pair ? { mentor: pair.mentor, mentee: pair.mentee } : null;
  }

  async cohortName(tenantId: string, cohortId: string): Promise<string | null> {
    return (await this.cohorts.get(tenantId, cohortId))?.settings.name ?? null;
  }
}

/** The repository strips `type` from what it returns; the session model carries it. */
function withType(session: Omit<StoredSession, "type"> & { type?: string }): StoredSession {
  return { ...session, type: "session" };
}
