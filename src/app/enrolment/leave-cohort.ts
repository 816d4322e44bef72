// What leaving a cohort does beyond deleting the enrolment: the person's pairs and sessions in that cohort
// stop, and what the app kept about them there is erased. The story: a proposed pair leaves the proposal
// (the partner shows as unmatched, statistics recomputed) and its document is deleted → a published pair
// ends, its future sessions are cancelled in Outlook (the cancellation is the partner's message) → the
// leaver's directory snapshot in their pair documents becomes an erased placeholder, the notes they typed
// in session histories are cleared, and their feedback in the cohort is deleted. Held sessions stay (the
// health dashboard counts them). Every step is safe to repeat, so a retried withdraw finishes the work.
import { ConcurrencyError } from "../errors.js";
import type { FeedbackStore } from "../feedback/feedback-ports.js";
import { withStats } from "../matching/proposal-edits.js";
import type { ProposalRepository, StoredProposal } from "../matching/matching-ports.js";
import { erasedPerson, isErasedPerson, type PairPerson, type ProposalUnmatched, type StoredPair } from "../pairs/pair-model.js";
import type { PairRepository } from "../pairs/pair-ports.js";
import { cancelSession } from "../scheduling/my-sessions.js";
import type { SchedulingDeps } from "../scheduling/scheduling-ports.js";
import type { StoredSession } from "../scheduling/session-model.js";
import { HOLDING_STATES, iso, saveWithRetry } from "../scheduling/session-support.js";

export interface LeavingDeps {
  pairs: PairRepository;
  proposals: ProposalRepository;
  scheduling: Pick<SchedulingDeps, "sessions" | "booking" | "clock">;
  feedback: Pick<FeedbackStore, "eraseForPerson">;
}

/** History note of a session cancelled because one of its two people left (says nothing about who). */
export const LEFT_NOTE = "participant left";
/** The comment Outlook sends with the cancellation: the partner's only message. */
const CANCEL_COMMENT = "Your mentoring partner left the programme, so this session is cancelled.";

/** What a leave changed (0 everywhere means there was nothing of this person left in the cohort). */
export interface LeaveReport {
  proposedPairsRemoved: number;
  pairsEnded: number;
  sessionsCancelled: number;
  pairsErased: number;
  sessionsErased: number;
  feedbackDeleted: number;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export async function leaveCohort(deps: LeavingDeps, tenantId: string, cohortId: string, userId: string): Promise<LeaveReport> {
  const report: LeaveReport = { proposedPairsRemoved: 0, pairsEnded: 0, sessionsCancelled: 0, pairsErased: 0, sessionsErased: 0, feedbackDeleted: 0 };
  const pairs = (await deps.pairs.listForPerson(tenantId, userId)).filter((p) => p.cohortId === cohortId);
  const unpublished = pairs.filter((p) => p.state === "proposed" || p.state === "vetoed");
  report.proposedPairsRemoved = await leaveProposal(deps, tenantId, cohortId, userId, unpublished);
  for (const pair of pairs.filter((p) => !unpublished.includes(p))) await leavePair(deps, pair, userId, report);
  report.feedbackDeleted = await deps.feedback.eraseForPerson(tenantId, cohortId, userId);
  return report;
}

/**
 * Takes the leaver out of the cohort's proposal (pairs, unmatched list, locks, forbidden pairs, vetoes) and
 * deletes their unpublished pair documents. The proposal is saved first (it is the source of truth the
 * admin sees); a partner left without a pair shows as unmatched without learning who left.
 */
async function leaveProposal(deps: LeavingDeps, tenantId: string, cohortId: string, userId: string, unpublished: readonly StoredPair[]): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const proposal = await deps.proposals.get(tenantId, cohortId);
    const next = proposal ? await withoutPerson(deps, proposal, userId) : null;
    try {
      if (next) await deps.proposals.replace(next);
      break;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
    }
  }
  const deleted = await Promise.all(unpublished.map((p) => deps.pairs.delete(tenantId, p.id)));
  return deleted.filter(Boolean).length;
}

/** The proposal without the person, or null when it does not mention them. */
async function withoutPerson(deps: LeavingDeps, proposal: StoredProposal, userId: string): Promise<StoredProposal | null> {
  const involves = (ref: { mentorId: string; menteeId: string }) => same(ref.mentorId, userId) || same(ref.menteeId, userId);
  const leaverEntry = proposal.unmatched.find((u) => same(u.id, userId));
  const removedPairs = proposal.publishedAt ? [] : proposal.pairs.filter(involves);
  const mentioned =
    leaverEntry !== undefined || removedPairs.length > 0 || [proposal.locks, proposal.forbidden, proposal.vetoes, proposal.rejectedLocks].some((refs) => refs.some(involves));
  if (!mentioned) return null;
  const pairs = proposal.pairs.filter((p) => !removedPairs.includes(p));
  const stillPaired = (id: string) => pairs.some((p) => same(p.mentorId, id) || same(p.menteeId, id));
  const docs = new Map((await deps.pairs.listByCohort(proposal.tenantId, proposal.cohortId)).map((p) => [p.id, p]));
  const partners: ProposalUnmatched[] = removedPairs.flatMap((entry) => {
    const role = same(entry.mentorId, userId) ? "mentee" : "mentor";
    const id = role === "mentor" ? entry.mentorId : entry.menteeId;
    const doc = docs.get(entry.pairId);
    return stillPaired(id) ? [] : [partnerLeftEntry(id, role, doc?.[role])];
  });
  // The leaver no longer counts among the enrolled people the statistics divide by (counted once: as a
  // pair member or an unmatched person).
  const leaverRole = leaverEntry?.role ?? (removedPairs[0] ? (same(removedPairs[0].mentorId, userId) ? "mentor" : "mentee") : null);
  const stats = { ...proposal.stats };
  if (!proposal.publishedAt && leaverRole === "mentor") stats.mentors = Math.max(0, stats.mentors - 1);
  if (!proposal.publishedAt && leaverRole === "mentee") stats.mentees = Math.max(0, stats.mentees - 1);
  for (const entry of removedPairs) docs.delete(entry.pairId);
  return withStats(
    {
      ...proposal,
      stats,
      pairs,
      unmatched: [...proposal.unmatched.filter((u) => !same(u.id, userId) && !partners.some((p) => same(p.id, u.id))), ...partners],
      locks: proposal.locks.filter((r) => !involves(r)),
      forbidden: proposal.forbidden.filter((r) => !involves(r)),
      vetoes: proposal.vetoes.filter((r) => !involves(r)),
      rejectedLocks: proposal.rejectedLocks.filter((r) => !involves(r)),
      version: proposal.version + 1,
      updatedAt: iso(deps.scheduling.clock.now()),
    },
    docs,
  );
}

function partnerLeftEntry(id: string, role: "mentor" | "mentee", self: PairPerson | undefined): ProposalUnmatched {
  return {
    id,
    role,
    // The same code as an admin's removal: the pair left the proposal after the run; a new run pairs them again.
    code: "pairRemoved",
    reason: "Their partner left the cohort; run matching again to find a new partner.",
    compatiblePartners: 0,
    blockedBy: {},
    ...(self ? { person: { id: self.id, displayName: self.displayName, jobTitle: self.jobTitle, department: self.department } } : {}),
  };
}

/**
 * A published pair: future sessions are cancelled while the pair still holds the organiser's address (the
 * event lives in the mentor's calendar or the program mailbox), then the pair ends and the leaver's
 * snapshot is erased in one ETag-guarded write.
 */
async function leavePair(deps: LeavingDeps, pair: StoredPair, userId: string, report: LeaveReport): Promise<void> {
  const { sessions, clock } = deps.scheduling;
  const leaverRole = same(pair.mentor.id, userId) ? "mentor" : "mentee";
  const now = clock.now();
  const all = await sessions.listAll(pair.tenantId, { pairId: pair.id });
  for (const session of all.filter((s) => HOLDING_STATES.includes(s.state) && (s.start === null || Date.parse(s.start) > now))) {
    await cancelSession(deps.scheduling, session, pair, { kind: "cancelled", by: "system", note: LEFT_NOTE, comment: CANCEL_COMMENT });
    report.sessionsCancelled++;
  }
  for (const session of await sessions.listAll(pair.tenantId, { pairId: pair.id })) {
    if (await eraseSide(deps, session, leaverRole)) report.sessionsErased++;
  }
  const ended = await endAndErase(deps, pair, leaverRole);
  if (ended.endedNow) report.pairsEnded++;
  if (ended.erasedNow) report.pairsErased++;
}

/**
 * Clears the free text the leaver typed (reschedule and skip reasons; who did what and when stays) and marks
 * their side as departed, so they no longer see the session or give feedback on it again.
 */
async function eraseSide(deps: LeavingDeps, session: StoredSession, leaverRole: "mentor" | "mentee"): Promise<boolean> {
  const saved = await saveWithRetry(deps.scheduling, session, (cur) => {
    const notes = cur.history.some((h) => h.by === leaverRole && h.note !== null);
    if (!notes && cur.departed?.includes(leaverRole)) return null;
    return {
      ...cur,
      history: cur.history.map((h) => (h.by === leaverRole ? { ...h, note: null } : h)),
      departed: [...(cur.departed ?? []).filter((r) => r !== leaverRole), leaverRole],
      updatedAt: iso(deps.scheduling.clock.now()),
    };
  });
  return saved !== null;
}

async function endAndErase(deps: LeavingDeps, pair: StoredPair, leaverRole: "mentor" | "mentee"): Promise<{ endedNow: boolean; erasedNow: boolean }> {
  let current: StoredPair | null = pair;
  for (let attempt = 0; current; attempt++) {
    const endedNow = current.state !== "ended";
    const erasedNow = !isErasedPerson(current[leaverRole]);
    if (!endedNow && !erasedNow) return { endedNow, erasedNow };
    const at = iso(deps.scheduling.clock.now());
    try {
      await deps.pairs.replace({ ...current, state: "ended", endedAt: current.endedAt ?? at, [leaverRole]: erasedPerson(current[leaverRole].id), updatedAt: at });
      return { endedNow, erasedNow };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
      current = await deps.pairs.get(pair.tenantId, pair.id);
    }
  }
  return { endedNow: false, erasedNow: false };
}
