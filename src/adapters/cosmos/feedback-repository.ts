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
}
