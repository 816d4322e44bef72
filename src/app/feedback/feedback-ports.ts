// What giving feedback needs from storage (Cosmos `programs` container: the session documents scheduling
// writes, and `type: "feedback"` documents, one per session and person). Implemented in
// src/adapters/cosmos/feedback-repository.ts; every call is tenant-scoped.
import type { Session, SessionFeedback } from "../scheduling/session-model.js";

/** A feedback document as stored; `updatedAt` is set when the person changed it. */
export type StoredFeedback = SessionFeedback & { updatedAt?: string; etag: string };

export interface FeedbackStore {
  /** The session, or null when it does not exist in this tenant. */
  findSession(tenantId: string, sessionId: string): Promise<Session | null>;
  get(tenantId: string, sessionId: string, userId: string): Promise<StoredFeedback | null>;
  /** ConflictError when this person already gave feedback on the session. */
  create(feedback: SessionFeedback): Promise<StoredFeedback>;
  /** ConcurrencyError when it changed since it was read. */
  replace(feedback: StoredFeedback): Promise<StoredFeedback>;
  /** Deletes every feedback one person gave in one cohort (they left it); returns how many were deleted. */
  eraseForPerson(tenantId: string, cohortId: string, userId: string): Promise<number>;
}

/** One feedback per session and person: the id says which, so a second one cannot be stored. */
export function feedbackId(sessionId: string, userId: string): string {
  return `${sessionId}_${userId.toLowerCase()}`;
}
