// Session feedback in the `programs` container (type "feedback", partition /tenantId), one document per
// session and person (id `${sessionId}_${userId}`), so a second one is refused by the store itself (409)
// even when two requests race. Sessions are read from the same container (type "session", written by
// scheduling).
import type { Container } from "@azure/cosmos";
import { feedbackId, type FeedbackStore, type StoredFeedback } from "../../app/feedback/feedback-ports.js";
import type { Session, SessionFeedback } from "../../app/scheduling/session-model.js";
import { CosmosRepository } from "./cosmos-repository.js";

type FeedbackDocument = SessionFeedback & { updatedAt?: string };

export class CosmosFeedbackRepository implements FeedbackStore {
  private readonly feedback: CosmosRepository<FeedbackDocument>;
  private readonly sessions: CosmosRepository<Session>;

  constructor(programs: Container) {
    this.feedback = new CosmosRepository<FeedbackDocument>(programs, { type: "feedback" });
    this.sessions = new CosmosRepository<Session>(programs, { type: "session" });
  }

  async findSession(tenantId: string, sessionId: string): Promise<Session | null> {
    const stored = await this.sessions.get(tenantId, sessionId);
    return stored ? { ...stored, type: "session" } : null;
  }

  async get(tenantId: string, sessionId: string, userId: string): Promise<StoredFeedback | null> {
    const stored = await this.feedback.get(tenantId, feedbackId(sessionId, userId));
    return stored ? { ...stored, type: "feedback" } : null;
  }

  async create(feedback: SessionFeedback): Promise<StoredFeedback> {
    return { ...(await this.feedback.create(feedback)), type: "feedback" };
  }

  async replace(feedback: StoredFeedback): Promise<StoredFeedback> {
    return { ...(await this.feedback.replace(feedback)), type: "feedback" };
  }

  async eraseForPerson(tenantId: string, cohortId: string, userId: string): Promise<number> {
    const ids: string[] = [];
    for await (const doc of this.feedback.queryAll(tenantId, { where: "c.cohortId = @cohortId AND LOWER(c.userId) = @userId", parameters: { cohortId, userId: userId.toLowerCase() } })) ids.push(doc.id);
    // Deleted one by one (no bulk delete on the embedded server); a repeat finds nothing left.
    let deleted = 0;
    for (const id of ids) if (await this.feedback.delete(tenantId, id)) deleted++;
    return deleted;
  }
}
