// The admin's edits of a proposal: lock / unlock, forbid / unforbid, swap the mentors of two pairs. Each
// saves a new version (statistics recomputed); locks, forbidden pairs and vetoes are honoured by the next run.
import { matchingRulesOf, prepareMatching, SCORE_SCALE, swapMentors, type PairRef, type ProposedPair, type RuleViolation } from "../../domain/matching/index.js";

import type { Caller } from "../caller.js";
import { ConflictError, NotFoundError } from "../errors.js";
import { pairId, type Pair, type PairPerson, type ProposalUnmatched, type StoredPair } from "../pairs/pair-model.js";
import { loadParticipants } from "./load-participants.js";
import type { MatchingDeps } from "./matching-deps.js";
import type { StoredProposal } from "./matching-ports.js";
import { editProposal, sameRef, type EditContext, type EditOutcome } from "./proposal-edits.js";
import { nextWeekStart } from "./run-matching.js";

/** A swap would break hard rules: the message names them; `violations` lists them per new pair. */
export class SwapRefusedError extends ConflictError {
  constructor(
    message: string,
    readonly violations: Array<PairRef & { violations: RuleViolation[] }>,
  ) {
    super(message);
    this.name = "SwapRefusedError";
  }
}

/** Locks and forbids name two people of this cohort in their roles; anything else is refused with the reason. */
async function checkEnrolled(deps: MatchingDeps, tenantId: string, cohortId: string, ref: PairRef): Promise<void> {
  const [mentor, mentee] = await Promise.all([deps.enrolments.get(tenantId, cohortId, ref.mentorId), deps.enrolments.get(tenantId, cohortId, ref.menteeId)]);
  const problems: string[] = [];
  if (mentor?.role !== "mentor") problems.push(`${ref.mentorId} is not enrolled as a mentor in this cohort`);
  if (mentee?.role !== "mentee") problems.push(`${ref.menteeId} is not enrolled as a mentee in this cohort`);
  if (problems.length > 0) throw new ConflictError(`${problems.join("; ")}.`);
}

function unchanged(context: EditContext): EditOutcome {
  return { proposal: { ...context.proposal, updatedAt: context.now }, upsert: [], replace: [], remove: [] };
}

export function lockPair(deps: MatchingDeps, caller: Caller, cohortId: string, ref: PairRef, ifMatch: string | null): Promise<StoredProposal> {
  return editProposal(deps, caller, cohortId, ifMatch, async (context) => {
    const { proposal } = context;
    if (proposal.forbidden.some((f) => sameRef(f, ref))) throw new ConflictError("That pair is forbidden; remove it from the forbidden pairs before locking it.");
    await checkEnrolled(deps, caller.tenantId, cohortId, ref);
    const doc = context.pairs.get(pairId(cohortId, ref));
    if (doc?.state === "vetoed") throw new ConflictError(`${doc.mentee.displayName} vetoed this pair; it cannot be locked.`);
    if (proposal.vetoes.some((v) => sameRef(v, ref))) throw new ConflictError("The executive vetoed this pair; it cannot be locked.");
    const outcome = unchanged(context);
    if (!proposal.locks.some((l) => sameRef(l, ref))) outcome.proposal.locks = [...proposal.locks, { mentorId: ref.mentorId, menteeId: ref.menteeId }];
    return setLocked(context, outcome, ref, true);
  });
}

export function unlockPair(deps: MatchingDeps, caller: Caller, cohortId: string, ref: PairRef, ifMatch: string | null): Promise<StoredProposal> {
  return editProposal(deps, caller, cohortId, ifMatch, (context) => {
    if (!context.proposal.locks.some((l) => sameRef(l, ref))) throw new NotFoundError("That pair is not locked.");
    const outcome = unchanged(context);
    outcome.proposal.locks = context.proposal.locks.filter((l) => !sameRef(l, ref));
    return setLocked(context, outcome, ref, false);
  });
}

/** Applies a lock at once when the pair is already proposed (otherwise the next run takes it up). */
function setLocked(context: EditContext, outcome: EditOutcome, ref: PairRef, locked: boolean): EditOutcome {
  const entry = outcome.proposal.pairs.find((p) => sameRef(p, ref));
  const doc = entry ? context.pairs.get(entry.pairId) : undefined;
  if (!entry || !doc || doc.locked === locked) return outcome;
  outcome.proposal.pairs = outcome.proposal.pairs.map((p) => (p === entry ? { ...p, locked } : p));
  outcome.replace.push({ ...doc, locked, updatedAt: context.now });
  return outcome;
}

export function forbidPair(deps: MatchingDeps, caller: Caller, cohortId: string, ref: PairRef, ifMatch: string | null): Promise<StoredProposal> {
  return editProposal(deps, caller, cohortId, ifMatch, async (context) => {
    const { proposal } = context;
    await checkEnrolled(deps, caller.tenantId, cohortId, ref);
    const outcome = unchanged(context);
    if (!proposal.forbidden.some((f) => sameRef(f, ref))) outcome.proposal.forbidden = [...proposal.forbidden, { mentorId: ref.mentorId, menteeId: ref.menteeId }];
    outcome.proposal.locks = proposal.locks.filter((l) => !sameRef(l, ref));
    const entry = proposal.pairs.find((p) => sameRef(p, ref));
    if (!entry) return outcome;
    // The pair leaves the proposal now; both people show as unmatched until the next run.
    outcome.proposal.pairs = proposal.pairs.filter((p) => p !== entry);
    outcome.remove.push(entry.pairId);
    const doc = context.pairs.get(entry.pairId);
    const stillPaired = (id: string) => outcome.proposal.pairs.some((p) => p.mentorId === id || p.menteeId === id);
    const removed: ProposalUnmatched[] = [];
    if (!stillPaired(entry.mentorId)) removed.push(removedEntry(entry.mentorId, "mentor", doc?.mentor, doc?.mentee));
    if (!stillPaired(entry.menteeId)) removed.push(removedEntry(entry.menteeId, "mentee", doc?.mentee, doc?.mentor));
    outcome.proposal.unmatched = [...proposal.unmatched.filter((u) => !removed.some((r) => r.id === u.id)), ...removed];
    return outcome;
  });
}

function removedEntry(id: string, role: "mentor" | "mentee", self: PairPerson | undefined, partner: PairPerson | undefined): ProposalUnmatched {
  return {
    id,
    role,
    code: "pairRemoved",
    reason: `An admin forbade the pair with ${partner?.displayName ?? "their partner"}; run matching again to find a new partner.`,
    compatiblePartners: 0,
    blockedBy: {},
    ...(self ? { person: { id: self.id, displayName: self.displayName, jobTitle: self.jobTitle, department: self.department } } : {}),
  };
}

export function unforbidPair(deps: MatchingDeps, caller: Caller, cohortId: string, ref: PairRef, ifMatch: string | null): Promise<StoredProposal> {
  return editProposal(deps, caller, cohortId, ifMatch, (context) => {
    if (!context.proposal.forbidden.some((f) => sameRef(f, ref))) throw new NotFoundError("That pair is not forbidden.");
    const outcome = unchanged(context);
    outcome.proposal.forbidden = context.proposal.forbidden.filter((f) => !sameRef(f, ref));
    return outcome;
  });
}

/**
 * The two executives exchange mentors. Both new pairs are checked against every hard rule and re-scored
 * on fresh directory and mailbox data (the same reference week as the run); a violation refuses the swap.
 */
export function swapPairMentors(deps: MatchingDeps, caller: Caller, cohortId: string, pairIdA: string, pairIdB: string, ifMatch: string | null): Promise<StoredProposal> {
  return editProposal(deps, caller, cohortId, ifMatch, async (context) => {
    const { proposal, cohort } = context;
    if (pairIdA === pairIdB) throw new ConflictError("Pick two different pairs to swap.");
    const docs = [pairIdA, pairIdB].map((id) => {
      const doc = proposal.pairs.some((p) => p.pairId === id) ? context.pairs.get(id) : undefined;
      if (!doc) throw new NotFoundError(`Pair ${id} is not in the proposal.`);
      if (doc.state !== "proposed") throw new ConflictError(`Pair ${id} is ${doc.state}; only proposed pairs can be swapped.`);
      return doc;
    }) as [StoredPair, StoredPair];
    const people = [docs[0].mentor.id, docs[1].mentor.id, docs[0].mentee.id, docs[1].mentee.id];
    const enrolments = await Promise.all(people.map((id) => deps.enrolments.get(caller.tenantId, cohortId, id)));
    const missing = people.filter((_, i) => !enrolments[i]);
    if (missing.length > 0) throw new ConflictError(`${missing.join(", ")} no longer ${missing.length === 1 ? "is" : "are"} enrolled; run matching again.`);
    const participants = await loadParticipants(deps, caller.tenantId, cohort.settings, enrolments.filter((e) => e !== null), new AbortController().signal);
    if (participants.excluded.length > 0) throw new SwapRefusedError(`The swap cannot be checked: ${participants.excluded.map((e) => e.reason).join(" ")}`, []);
    const earlier = await deps.pairs.earlierPairs(caller.tenantId, cohortId);
    const prepared = prepareMatching({
      mentors: participants.mentors,
      mentees: participants.mentees,
      rules: matchingRulesOf(cohort.settings),
      referenceWeekStart: proposal.referenceWeekStart ?? nextWeekStart(deps.clock.now()),
      earlierPairs: earlier.filter((p) => people.includes(p.mentorId) && people.includes(p.menteeId)),
      forbiddenPairs: proposal.forbidden,
      vetoes: proposal.vetoes,
    });
    const result = swapMentors(prepared, docs.map(toProposedPair), refOf(docs[0]), refOf(docs[1]));
    if (!result.ok) {
      const broken = result.violations.flatMap((v) => v.violations.map((x) => `${x.rule} (${x.message})`));
      throw new SwapRefusedError(broken.length > 0 ? `The swap would break a hard rule: ${broken.join("; ")}.` : `The swap is not possible: ${result.error}.`, result.violations);
    }
    const outcome = unchanged(context);
    const created = result.pairs.filter((p) => !docs.some((d) => sameRef(refOf(d), p)));
    const newDocs: Pair[] = created.map((p) => ({
      ...docs.find((d) => d.mentee.id === p.menteeId)!,
      id: pairId(cohortId, p),
      mentor: docs.find((d) => d.mentor.id === p.mentorId)!.mentor,
      score: p.score,
      reasons: p.reasons,
      sharedMinutesPerWeek: p.sharedMinutesPerWeek,
      locked: false,
      createdAt: context.now,
      updatedAt: context.now,
    }));
    for (const doc of newDocs) delete (doc as Partial<StoredPair>).etag;
    outcome.proposal.pairs = [
      ...proposal.pairs.filter((p) => p.pairId !== pairIdA && p.pairId !== pairIdB),
      ...newDocs.map((d) => ({ pairId: d.id, mentorId: d.mentor.id, menteeId: d.mentee.id, score: d.score, locked: false })),
    ];
    outcome.upsert.push(...newDocs);
    outcome.remove.push(pairIdA, pairIdB);
    return outcome;
  });
}

function refOf(pair: Pair): PairRef {
  return { mentorId: pair.mentor.id, menteeId: pair.mentee.id };
}

function toProposedPair(pair: Pair): ProposedPair {
  return { ...refOf(pair), score: pair.score, scoreUnits: Math.round(pair.score * SCORE_SCALE), reasons: pair.reasons, locked: pair.locked, sharedMinutesPerWeek: pair.sharedMinutesPerWeek };
}
