// Shared steps of every change to a proposal: load it for an admin (cohort in "matching"), check the
// optional If-Match, recompute the statistics, save under the ETag (retrying on a lost race only when
// the caller did not pin a version), and build the pair views.
import { ConcurrencyError, ConflictError, ForbiddenError, NotFoundError } from "../errors.js";
import type { Caller } from "../caller.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { sameEtag } from "../cohorts/manage-cohorts.js";
import { transitionCohort, type CohortState } from "../../domain/cohort/index.js";
import type { PairRef } from "../../domain/matching/index.js";
import type { Pair, StoredPair } from "../pairs/pair-model.js";
import { MATCHING_JOB_KIND, type MatchingDeps } from "./matching-deps.js";
import type { StoredProposal } from "./matching-ports.js";
import { proposalStats } from "./proposal-stats.js";

export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw new ForbiddenError("Only program admins can run matching and edit proposals.");
}

export async function loadCohort(deps: Pick<MatchingDeps, "cohorts">, tenantId: string, cohortId: string): Promise<StoredCohort> {
  const cohort = await deps.cohorts.get(tenantId, cohortId);
  if (!cohort) throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  return cohort;
}

/**
 * Edits, publishing and vetoes wait while a matching run is under way: the run is about to replace the
 * proposal and its pair documents, and a change landing in between would be overwritten.
 */
export async function assertNoMatchingRun(deps: Pick<MatchingDeps, "jobs" | "jobRunner">, tenantId: string): Promise<void> {
  const latest = (await deps.jobs.list(tenantId, { kind: MATCHING_JOB_KIND }, { limit: 1, continuationToken: null })).items[0];
  if (latest?.state !== "running") return;
  // A "running" job whose instance died is recorded as failed by reconcile and no longer blocks.
  if ((await deps.jobRunner.reconcile(latest)).state === "running") {
    throw new ConflictError(`Matching is running (job ${latest.id}); wait until it finishes, then review the new proposal.`);
  }
}

/** Moves the cohort from `from` to `to` (re-read and retried on a lost race); any other state is left alone. Returns the cohort as it ends up. */
export async function moveCohort(deps: Pick<MatchingDeps, "cohorts" | "clock">, tenantId: string, cohortId: string, from: CohortState, to: CohortState): Promise<StoredCohort> {
  for (let attempt = 0; ; attempt++) {
    const cohort = await loadCohort(deps, tenantId, cohortId);
    if (cohort.state !== from) return cohort;
    const moved = transitionCohort(from, to);
    if (!moved.ok) throw new ConflictError(moved.error);
    try {
      return await deps.cohorts.replace({ ...cohort, state: moved.state, updatedAt: new Date(deps.clock.now()).toISOString() });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
    }
  }
}

export async function loadProposal(deps: Pick<MatchingDeps, "proposals">, tenantId: string, cohortId: string): Promise<StoredProposal> {
  const proposal = await deps.proposals.get(tenantId, cohortId);
  if (!proposal) throw new NotFoundError(`Cohort ${cohortId} has no proposal yet: run matching first.`);
  return proposal;
}

export function sameRef(a: PairRef, b: PairRef): boolean {
  return a.mentorId.toLowerCase() === b.mentorId.toLowerCase() && a.menteeId.toLowerCase() === b.menteeId.toLowerCase();
}

/** What an edit decided: the new proposal plus the pair documents to write and delete afterwards. */
export interface EditOutcome {
  proposal: StoredProposal;
  upsert: Pair[];
  replace: StoredPair[];
  remove: string[];
}

export interface EditContext {
  cohort: StoredCohort;
  proposal: StoredProposal;
  /** The cohort's pair documents by id. */
  pairs: Map<string, StoredPair>;
  now: string;
}

/**
 * Runs one admin edit: the cohort must be in "matching"; If-Match (optional) pins the proposal version
 * (stale → ConcurrencyError, the route answers 412). Without If-Match a lost race is retried on fresh data.
 */
export async function editProposal(
  deps: MatchingDeps,
  caller: Caller,
  cohortId: string,
  ifMatch: string | null,
  edit: (context: EditContext) => Promise<EditOutcome> | EditOutcome,
): Promise<StoredProposal> {
  requireAdmin(caller);
  for (let attempt = 0; ; attempt++) {
    const cohort = await loadCohort(deps, caller.tenantId, cohortId);
    if (cohort.state !== "matching") throw new ConflictError(`The proposal of "${cohort.settings.name}" can only change while the cohort is in matching; it is ${cohort.state}.`);
    await assertNoMatchingRun(deps, caller.tenantId);
    const proposal = await loadProposal(deps, caller.tenantId, cohortId);
    if (ifMatch !== null && !sameEtag(proposal.etag, ifMatch)) throw new ConcurrencyError("proposals", proposal.id);
    const pairs = new Map((await deps.pairs.listByCohort(caller.tenantId, cohortId)).map((p) => [p.id, p]));
    const now = new Date(deps.clock.now()).toISOString();
    const outcome = await edit({ cohort, proposal, pairs, now });
    try {
      return await commitEdit(deps, outcome, pairs);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || ifMatch !== null || attempt >= 2) throw error;
    }
  }
}

async function commitEdit(deps: MatchingDeps, outcome: EditOutcome, before: Map<string, StoredPair>): Promise<StoredProposal> {
  const after = new Map(before);
  for (const id of outcome.remove) after.delete(id);
  for (const p of [...outcome.upsert, ...outcome.replace]) after.set(p.id, { ...p, etag: "" });
  const proposal = withStats(outcome.proposal, after);
  const saved = await deps.proposals.replace({ ...proposal, version: proposal.version + 1 });
  // The proposal is the source of truth (saved under its ETag first); pair documents follow it.
  await Promise.all(outcome.replace.map((p) => deps.pairs.replace(p)));
  await Promise.all(outcome.upsert.map((p) => deps.pairs.upsert(p)));
  await Promise.all(outcome.remove.map((id) => deps.pairs.delete(proposal.tenantId, id)));
  return saved;
}

/** The proposal with statistics over its pairs that still count (vetoed ones never will). */
export function withStats<P extends Omit<StoredProposal, "etag">>(proposal: P, pairs: ReadonlyMap<string, Pair>): P {
  const counted = proposal.pairs.map((entry) => pairs.get(entry.pairId)).filter((p): p is Pair => p !== undefined && p.state !== "vetoed");
  const stats = proposalStats({
    mentors: proposal.stats.mentors,
    mentees: proposal.stats.mentees,
    pairs: counted,
    objective: proposal.stats.objective,
    feasibleEdges: proposal.stats.feasibleEdges,
    candidateEdges: proposal.stats.candidateEdges,
  });
  return { ...proposal, stats };
}
