// A person's own pairs (GET /api/me/pairs) and the executive's veto of a proposed pair. Mentors never see
// proposals (only published pairs); executives see proposed pairs so that they can veto one before it is
// published. A veto is stored on the pair and in the proposal, so the admin sees it and the next run
// honours it.
import type { Caller } from "../caller.js";
import type { CohortRepository } from "../cohorts/cohort-ports.js";
import { ConcurrencyError, ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { MatchingDeps } from "../matching/matching-deps.js";
import { assertNoMatchingRun, sameRef, withStats } from "../matching/proposal-edits.js";
import { isErasedPerson, type Pair, type PairPerson, type PairState, type StoredPair } from "./pair-model.js";

export interface PersonRef {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}

export interface MyPair {
  id: string;
  cohortId: string;
  cohortName: string;
  myRole: "mentor" | "mentee";
  counterpart: PersonRef;
  state: PairState;
  score: number;
  reasons: string[];
  canVeto: boolean;
}

/** States a mentor never sees: the pair is not decided yet (or was refused before publishing). */
const HIDDEN_FROM_MENTORS: readonly PairState[] = ["proposed", "vetoed"];

export function personRef(p: PairPerson): PersonRef {
  return { id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department };
}

/** The pair as one of its two people sees it (used by the pair routes, including pause / resume). */
export function myPairView(pair: Pair, userId: string, cohortName: string): MyPair {
  const myRole = pair.mentee.id.toLowerCase() === userId.toLowerCase() ? "mentee" : "mentor";
  return {
    id: pair.id,
    cohortId: pair.cohortId,
    cohortName,
    myRole,
    counterpart: personRef(myRole === "mentee" ? pair.mentor : pair.mentee),
    state: pair.state,
    score: pair.score,
    reasons: pair.reasons.map((r) => r.text),
    canVeto: myRole === "mentee" && pair.state === "proposed",
  };
}

export async function listMyPairs(deps: Pick<MatchingDeps, "pairs" | "cohorts">, caller: Caller): Promise<MyPair[]> {
  const pairs = await deps.pairs.listForPerson(caller.tenantId, caller.userId);
  const me = caller.userId.toLowerCase();
  // A pair where my own snapshot was erased is one I left: it is no longer mine to see.
  const visible = pairs
    .filter((p) => !isErasedPerson(p.mentor.id.toLowerCase() === me ? p.mentor : p.mentee))
    .filter((p) => p.mentee.id.toLowerCase() === me || !HIDDEN_FROM_MENTORS.includes(p.state));
  const names = await cohortNames(deps.cohorts, caller.tenantId, visible);
  return visible.map((p) => myPairView(p, caller.userId, names.get(p.cohortId) ?? ""));
}

async function cohortNames(cohorts: CohortRepository, tenantId: string, pairs: readonly Pair[]): Promise<Map<string, string>> {
  const ids = [...new Set(pairs.map((p) => p.cohortId))];
  const found = await Promise.all(ids.map((id) => cohorts.get(tenantId, id)));
  return new Map(found.filter((c) => c !== null).map((c) => [c.id, c.settings.name]));
}

/** The caller's pair or 404; 403 when the caller is not one of its two people. */
export async function loadMyPair(deps: Pick<MatchingDeps, "pairs">, caller: Caller, pairId: string): Promise<StoredPair> {
  const pair = await deps.pairs.get(caller.tenantId, pairId);
  if (!pair) throw new NotFoundError(`No pair ${pairId} in your organisation.`);
  const me = caller.userId.toLowerCase();
  if (pair.mentor.id.toLowerCase() !== me && pair.mentee.id.toLowerCase() !== me) throw new ForbiddenError("This is not your pair.");
  return pair;
}

export async function vetoPair(deps: MatchingDeps, caller: Caller, pairId: string, reason: string): Promise<MyPair> {
  let vetoed: StoredPair | null = null;
  for (let attempt = 0; !vetoed; attempt++) {
    const pair = await loadMyPair(deps, caller, pairId);
    if (pair.mentee.id.toLowerCase() !== caller.userId.toLowerCase()) throw new ForbiddenError("Only the executive of a pair can veto it.");
    if (pair.state !== "proposed") throw new ConflictError(`This pair is ${pair.state}; only a proposed pair can be vetoed.`);
    if (attempt === 0) await assertNoMatchingRun(deps, caller.tenantId);
    const now = new Date(deps.clock.now()).toISOString();
    try {
      vetoed = await deps.pairs.replace({ ...pair, state: "vetoed", veto: { reason, at: now }, updatedAt: now });
    } catch (error) {
      // Published or changed meanwhile: read again and decide on the fresh state.
      if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
    }
  }
  await recordVetoInProposal(deps, vetoed);
  const cohort = await deps.cohorts.get(caller.tenantId, vetoed.cohortId);
  return myPairView(vetoed, caller.userId, cohort?.settings.name ?? "");
}

/** Adds the veto to the proposal (the next run honours it; the run also reads vetoed pair documents). */
async function recordVetoInProposal(deps: MatchingDeps, pair: StoredPair): Promise<void> {
  const ref = { mentorId: pair.mentor.id, menteeId: pair.mentee.id };
  for (let attempt = 0; ; attempt++) {
    const proposal = await deps.proposals.get(pair.tenantId, pair.cohortId);
    if (!proposal || proposal.vetoes.some((v) => sameRef(v, ref))) return;
    const docs = new Map((await deps.pairs.listByCohort(pair.tenantId, pair.cohortId)).map((p) => [p.id, p]));
    const now = new Date(deps.clock.now()).toISOString();
    const next = withStats(
      {
        ...proposal,
        vetoes: [...proposal.vetoes, { ...ref, reason: pair.veto?.reason ?? "", at: pair.veto?.at ?? now }],
        locks: proposal.locks.filter((l) => !sameRef(l, ref)),
        version: proposal.version + 1,
        updatedAt: now,
      },
      docs,
    );
    try {
      await deps.proposals.replace(next);
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 4) throw error;
    }
  }
}
