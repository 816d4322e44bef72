// Feedback after a session: one rating (1–5) and an optional comment per person and session, given by one
// of the session's two people once it is over. POST gives it (once); PUT changes it (or gives it).
import type { Caller } from "../caller.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { Session } from "../scheduling/session-model.js";
import { feedbackId, type FeedbackStore, type StoredFeedback } from "./feedback-ports.js";
import { participantRole, sessionHasEnded } from "./session-ended.js";

export interface FeedbackDeps {
  feedback: FeedbackStore;
  clock: Clock;
}

export interface FeedbackInput {
  /** 1–5 (validated by the API). */
  rating: number;
  comment: string | null;
}

export interface FeedbackView {
  rating: number;
  comment: string | null;
  createdAt: string;
}

const MAX_WRITE_ATTEMPTS = 3;

/** Gives feedback once; ConflictError when the caller already did (they change it with `changeFeedback`). */
export async function giveFeedback(deps: FeedbackDeps, caller: Caller, sessionId: string, input: FeedbackInput): Promise<FeedbackView> {
  const { session, role } = await sessionOpenForFeedback(deps, caller, sessionId);
  try {
    const created = await deps.feedback.create(newFeedback(session, caller.userId, role, input, deps.clock));
    return toView(created);
  } catch (error) {
    if (error instanceof ConflictError) throw new ConflictError("You have already given feedback on this session; change it with PUT.");
    throw error;
  }
}

/** Changes the caller's feedback (gives it when there is none yet). */
export async function changeFeedback(deps: FeedbackDeps, caller: Caller, sessionId: string, input: FeedbackInput): Promise<FeedbackView> {
  const { session, role } = await sessionOpenForFeedback(deps, caller, sessionId);
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await deps.feedback.get(caller.tenantId, session.id, caller.userId);
      if (!existing) return toView(await deps.feedback.create(newFeedback(session, caller.userId, role, input, deps.clock)));
      const now = new Date(deps.clock.now()).toISOString();
      return toView(await deps.feedback.replace({ ...existing, rating: input.rating, comment: input.comment, updatedAt: now }));
    } catch (error) {
      // The same person saving twice at once (two tabs): a lost create (409) or replace (412, a
      // ConcurrencyError) re-reads, and the later write wins.
      if (!(error instanceof ConflictError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}

async function sessionOpenForFeedback(deps: FeedbackDeps, caller: Caller, sessionId: string): Promise<{ session: Session; role: "mentor" | "mentee" }> {
  const session = await deps.feedback.findSession(caller.tenantId, sessionId);
  if (!session) throw new NotFoundError(`No session ${sessionId} in your organisation.`);
  const role = participantRole(session, caller.userId);
  if (!role) throw new ForbiddenError("Only the two people in this session can give feedback on it.");
  // Someone who left the cohort had their feedback erased; taking new feedback would bring it back.
  if (session.departed?.includes(role)) throw new ForbiddenError("You left this cohort, so you can no longer give feedback on its sessions.");
  if (!sessionHasEnded(session, deps.clock.now())) {
    throw new ConflictError(
      session.state === "cancelled" || session.state === "declined" || session.state === "planned"
        ? `This session did not take place (it is ${session.state}), so it cannot get feedback.`
        : "Feedback opens when the session has ended.",
    );
  }
  return { session, role };
}

function newFeedback(session: Session, userId: string, role: "mentor" | "mentee", input: FeedbackInput, clock: Clock) {
  return {
    id: feedbackId(session.id, userId),
    type: "feedback" as const,
    tenantId: session.tenantId,
    cohortId: session.cohortId,
    pairId: session.pairId,
    sessionId: session.id,
    userId: userId.toLowerCase(),
    role,
    rating: input.rating,
    comment: input.comment,
    createdAt: new Date(clock.now()).toISOString(),
  };
}

function toView(feedback: StoredFeedback): FeedbackView {
  return { rating: feedback.rating, comment: feedback.comment, createdAt: feedback.createdAt };
}
