// Publishing: the proposal's pairs become "active" (vetoed pairs never), the cohort moves to "published",
// and both people of every pair are told once. "Once" is kept by the pair document: the write that marks
// a pair active and notified is ETag-guarded, and only the request whose write succeeded sends the
// notifications — a retried or concurrent publish finds the pair already notified and sends nothing.
import type { Caller } from "../caller.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { sameEtag } from "../cohorts/manage-cohorts.js";
import { ConcurrencyError, ConflictError } from "../errors.js";
import type { StoredPair } from "../pairs/pair-model.js";
import { forEachLimited } from "../for-each-limited.js";
import type { MatchingDeps } from "./matching-deps.js";
import type { StoredProposal } from "./matching-ports.js";
import { assertNoMatchingRun, loadCohort, moveCohort, requireAdmin, sameRef } from "./proposal-edits.js";

export interface PublishResult {
  cohortId: string;
  /** Pairs of the cohort that are active after this call. */
  published: number;
  /** People notified by this call (a retry notifies nobody twice). */
  notified: number;
}

export async function publishProposal(deps: MatchingDeps, caller: Caller, cohortId: string, ifMatch: string | null): Promise<PublishResult> {
  requireAdmin(caller);
  const cohort = await loadCohort(deps, caller.tenantId, cohortId);
  if (cohort.state !== "matching" && cohort.state !== "published") {
    throw new ConflictError(`Only a cohort in matching can be published; "${cohort.settings.name}" is ${cohort.state}.`);
  }
  const proposal = await deps.proposals.get(caller.tenantId, cohortId);
  if (!proposal) throw new ConflictError(`"${cohort.settings.name}" has no proposal to publish: run matching first.`);
  if (ifMatch !== null && !sameEtag(proposal.etag, ifMatch)) throw new ConcurrencyError("proposals", proposal.id);
  await assertNoMatchingRun(deps, caller.tenantId);
  const docs = new Map((await deps.pairs.listByCohort(caller.tenantId, cohortId)).map((p) => [p.id, p]));
  // Someone who withdrew after the run is never published (and their proposed pair, which names them, goes).
  const enrolled = new Set((await deps.roster.list(caller.tenantId, cohortId)).map((e) => e.userId));
  const withdrawn = [...docs.values()].filter((p) => p.state === "proposed" && !(enrolled.has(p.mentor.id) && enrolled.has(p.mentee.id)));
  await forEachLimited(withdrawn, 8, (p) => deps.pairs.delete(caller.tenantId, p.id));
  for (const p of withdrawn) docs.delete(p.id);
  // A vetoed pair is never published, even if its document was rewritten after the veto.
  const vetoed = (p: StoredPair) => proposal.vetoes.some((v) => sameRef(v, { mentorId: p.mentor.id, menteeId: p.mentee.id }));
  const publishable = proposal.pairs
    .map((entry) => docs.get(entry.pairId))
    .filter((p): p is StoredPair => p !== undefined && (p.state === "proposed" || p.state === "active") && !(p.state === "proposed" && vetoed(p)));
  if (publishable.length === 0) throw new ConflictError(`"${cohort.settings.name}" has no pairs to publish (every proposed pair was vetoed or removed).`);

  const now = new Date(deps.clock.now()).toISOString();
  const told: number[] = [];
  await forEachLimited(publishable, 8, async (pair) => {
    told.push(await activateAndNotify(deps, cohort, pair, now));
  });
  const notified = told.reduce((a, b) => a + b, 0);
  await markPublished(deps, proposal, now);
  await moveCohort(deps, caller.tenantId, cohortId, "matching", "published");
  return { cohortId, published: publishable.length, notified };
}

/** Returns how many people this call notified for the pair (0 when someone already did). */
async function activateAndNotify(deps: MatchingDeps, cohort: StoredCohort, pair: StoredPair, now: string): Promise<number> {
  if (pair.state === "active" && pair.notifiedAt) return 0;
  let saved: StoredPair;
  try {
    saved = await deps.pairs.replace({ ...pair, state: "active", publishedAt: pair.publishedAt ?? now, notifiedAt: now, updatedAt: now });
  } catch (error) {
    // Another publish (or a veto) got there first: whoever won owns the notifications.
    if (error instanceof ConcurrencyError) return 0;
    throw error;
  }
  const reasons = saved.reasons.map((r) => r.text);
  const cohortRef = { id: cohort.id, name: cohort.settings.name };
  const sides = [
    { role: "mentor" as const, self: saved.mentor, partner: saved.mentee },
    { role: "mentee" as const, self: saved.mentee, partner: saved.mentor },
  ];
  for (const { role, self, partner } of sides) {
    deps.notifier.notifyMatched({
      recipient: { tenantId: saved.tenantId, userId: self.id },
      role,
      pairId: saved.id,
      cohort: cohortRef,
      partner: { userId: partner.id, displayName: partner.displayName, jobTitle: partner.jobTitle },
      reasons,
    });
  }
  return sides.length;
}

async function markPublished(deps: MatchingDeps, proposal: StoredProposal, now: string): Promise<void> {
  let current: StoredProposal | null = proposal;
  for (let attempt = 0; current && !current.publishedAt; attempt++) {
    try {
      await deps.proposals.replace({ ...current, publishedAt: now, updatedAt: now, version: current.version + 1 });
      return;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
      current = await deps.proposals.get(proposal.tenantId, proposal.cohortId);
    }
  }
}
