// Sessions in the `programs` container (type "session", partition /tenantId), on the tenant-scoped
// CosmosRepository: ETag on every replace, tenant filter in every query.
import type { Container, JSONValue } from "@azure/cosmos";
import type { Page, PageRequest } from "../../app/ports/page.js";
import type { SessionFilter, SessionRepository } from "../../app/scheduling/scheduling-ports.js";
import type { Session, SessionFeedback, StoredSession } from "../../app/scheduling/session-model.js";
import { CosmosRepository, type QuerySpec } from "./cosmos-repository.js";

export class CosmosSessionRepository implements SessionRepository {
  private readonly repo: CosmosRepository<Session>;
  private readonly feedback: CosmosRepository<SessionFeedback>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Session>(programs, { type: "session" });
    this.feedback = new CosmosRepository<SessionFeedback>(programs, { type: "feedback" });
  }

  get(tenantId: string, id: string): Promise<StoredSession | null> {
    return this.repo.get(tenantId, id);
  }

  create(session: Session): Promise<StoredSession> {
    return this.repo.create(session);
  }

  replace(session: StoredSession): Promise<StoredSession> {
    return this.repo.replace(session);
  }

  list(tenantId: string, filter: SessionFilter, page: PageRequest): Promise<Page<StoredSession>> {
    return this.repo.query(tenantId, { ...sessionQuery(filter), orderBy: { path: "start", direction: "ASC" } }, page);
  }

  async listAll(tenantId: string, filter: SessionFilter): Promise<StoredSession[]> {
    const out: StoredSession[] = [];
    for await (const session of this.repo.queryAll(tenantId, sessionQuery(filter), 500)) out.push(session);
    return out;
  }

  async findByEvent(tenantId: string, organiser: string, eventId: string): Promise<StoredSession | null> {
    const page = await this.repo.query(tenantId, { where: "c.eventId = @eventId", parameters: { eventId } }, { limit: 10 });
    // Event ids are unique per mailbox, not across mailboxes: the organiser decides. A program mailbox is
    // stored by address while Graph's notifications name it by object id: one candidate is then the one.
    const own = page.items.find((s) => s.organiser !== null && s.organiser.toLowerCase() === organiser.toLowerCase());
    return own ?? (page.items.length === 1 ? page.items[0]! : null);
  }

  async feedbackOf(tenantId: string, sessionId: string, userId: string): Promise<SessionFeedback | null> {
    const found = await this.feedback.get(tenantId, `${sessionId}_${userId}`);
    if (!found) return null;
    const { etag: _etag, ...feedback } = found;
    return { ...feedback, type: "feedback" };
  }
}

function sessionQuery(filter: SessionFilter): QuerySpec {
  const conditions: string[] = [];
  const parameters: Record<string, JSONValue> = {};
  if (filter.cohortId !== undefined) {
    conditions.push("c.cohortId = @cohortId");
    parameters.cohortId = filter.cohortId;
  }
  if (filter.pairId !== undefined) {
    conditions.push("c.pairId = @pairId");
    parameters.pairId = filter.pairId;
  }
  if (filter.participantId !== undefined) {
    conditions.push("(c.mentorId = @person OR c.menteeId = @person)");
    parameters.person = filter.participantId;
  }
  if (filter.states !== undefined) {
    // ARRAY_CONTAINS with a parameter keeps the SQL fixed whatever the number of states.
    conditions.push("ARRAY_CONTAINS(@states, c.state)");
    parameters.states = [...filter.states];
  }
  if (filter.endsAfter !== undefined) {
    conditions.push("(IS_STRING(c[\"end\"]) AND c[\"end\"] > @endsAfter)");
    parameters.endsAfter = filter.endsAfter;
  }
  if (filter.startsBefore !== undefined) {
    conditions.push("(IS_STRING(c.start) AND c.start < @startsBefore)");
    parameters.startsBefore = filter.startsBefore;
  }
  return conditions.length > 0 ? { where: conditions.join(" AND "), parameters } : {};
}
