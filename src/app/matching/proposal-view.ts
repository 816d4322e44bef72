// The proposal as the admin reviews it: the stored proposal joined with its pair documents (people,
// reasons, state, veto), unmatched people with who they are, and the admin's lists.
import type { Caller } from "../caller.js";
import type { ProposalUnmatchedCode, StoredPair } from "../pairs/pair-model.js";
import { personRef, type PersonRef } from "../pairs/my-pairs.js";
import type { MatchingStats, PairReason, PairRef, RejectedLock } from "../../domain/matching/index.js";
import type { MatchingDeps } from "./matching-deps.js";
import type { StoredProposal } from "./matching-ports.js";
import { loadCohort, loadProposal, requireAdmin } from "./proposal-edits.js";

export interface ProposalPairView {
  id: string;
  mentor: PersonRef;
  mentee: PersonRef;
  score: number;
  locked: boolean;
  sharedMinutesPerWeek: number;
  reasons: PairReason[];
  /** "active" once published (whatever happened since: pause and end show in the pair and session views). */
  state: "proposed" | "vetoed" | "active";
  veto: { reason: string; at: string } | null;
}

export interface ProposalView {
  cohortId: string;
  version: number;
  jobId: string | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  stats: Omit<MatchingStats, "totalScoreUnits" | "feasibleEdges" | "candidateEdges"> & { feasibleEdges: number; candidateEdges: number };
  pairs: ProposalPairView[];
  unmatched: Array<{ person: PersonRef; role: "mentor" | "mentee"; code: ProposalUnmatchedCode; reason: string; compatiblePartners: number }>;
  rejectedLocks: RejectedLock[];
  locks: PairRef[];
  forbidden: PairRef[];
  vetoes: Array<PairRef & { reason: string; at: string }>;
  /** The proposal's ETag (also the HTTP ETag header). */
  etag: string;
}

/** Optional server-side narrowing of the pairs (statistics and lists stay those of the whole proposal). */
export interface PairFilter {
  /** Part of either person's name or department, case-insensitive. */
  q?: string;
  minScore?: number;
  locked?: boolean;
}

export async function getProposal(deps: MatchingDeps, caller: Caller, cohortId: string, filter: PairFilter = {}): Promise<ProposalView> {
  requireAdmin(caller);
  await loadCohort(deps, caller.tenantId, cohortId);
  const view = await proposalView(deps, await loadProposal(deps, caller.tenantId, cohortId));
  return { ...view, pairs: view.pairs.filter((p) => matchesFilter(p, filter)) };
}

function matchesFilter(pair: ProposalPairView, filter: PairFilter): boolean {
  if (filter.locked !== undefined && pair.locked !== filter.locked) return false;
  if (filter.minScore !== undefined && pair.score < filter.minScore) return false;
  const q = filter.q?.trim().toLocaleLowerCase("en");
  if (!q) return true;
  return [pair.mentor.displayName, pair.mentor.department, pair.mentee.displayName, pair.mentee.department].some((text) => text?.toLocaleLowerCase("en").includes(q));
}

export async function proposalView(deps: Pick<MatchingDeps, "pairs">, proposal: StoredProposal): Promise<ProposalView> {
  const docs = new Map((await deps.pairs.listByCohort(proposal.tenantId, proposal.cohortId)).map((p) => [p.id, p]));
  const pairs = proposal.pairs
    .map((entry) => docs.get(entry.pairId))
    .filter((p): p is StoredPair => p !== undefined)
    .map((p) => ({
      id: p.id,
      mentor: personRef(p.mentor),
      mentee: personRef(p.mentee),
      score: p.score,
      locked: p.locked,
      sharedMinutesPerWeek: p.sharedMinutesPerWeek,
      reasons: p.reasons,
      state: p.state === "proposed" || p.state === "vetoed" ? p.state : ("active" as const),
      veto: p.veto,
    }));
  const { totalScoreUnits: _units, ...stats } = proposal.stats;
  return {
    cohortId: proposal.cohortId,
    version: proposal.version,
    jobId: proposal.jobId,
    createdAt: proposal.createdAt,
    updatedAt: proposal.updatedAt,
    publishedAt: proposal.publishedAt,
    stats,
    pairs,
    unmatched: proposal.unmatched.map((u) => ({
      person: u.person ?? { id: u.id, displayName: u.id, jobTitle: null, department: null },
      role: u.role,
      code: u.code,
      reason: u.reason,
      compatiblePartners: u.compatiblePartners,
    })),
    rejectedLocks: proposal.rejectedLocks,
    locks: proposal.locks,
    forbidden: proposal.forbidden,
    vetoes: proposal.vetoes,
    etag: proposal.etag,
  };
}
