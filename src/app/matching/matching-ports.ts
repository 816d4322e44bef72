// What the matching use cases need from the outside world besides cohorts, people and pairs: the
// proposal store, the cohort's enrolments, and working hours from the mailboxes (Graph mailboxSettings).
import type { Enrolment } from "../enrolment/enrolment-ports.js";
import type { Proposal } from "../pairs/pair-model.js";
import type { WorkingHours } from "../../domain/time/index.js";

export type StoredProposal = Proposal & { etag: string };

export interface ProposalRepository {
  get(tenantId: string, cohortId: string): Promise<StoredProposal | null>;
  /** ConflictError when a proposal for the cohort already exists. */
  create(proposal: Proposal): Promise<StoredProposal>;
  /** ConcurrencyError when the stored ETag differs from `proposal.etag`. */
  replace(proposal: StoredProposal): Promise<StoredProposal>;
}

export function proposalId(cohortId: string): string {
  return `proposal_${cohortId}`;
}

/** Every enrolment of one cohort (the matching job reads the whole roster). */
export interface CohortRoster {
  list(tenantId: string, cohortId: string): Promise<Enrolment[]>;
}

/** A mailbox's working hours in its own IANA zone, or why they cannot be used. */
export type MailboxWorkingHours = { ok: true; workingHours: WorkingHours } | { ok: false; reason: string };

export interface MailboxSettingsReader {
  /**
   * Working hours of every user (batched, ≤ 20 per $batch). A mailbox that cannot be read (no mailbox,
   * unknown zone, per-item error) gets `{ ok: false, reason }`; only a failure of the whole service throws.
   */
  read(tenantId: string, userIds: readonly string[], signal: AbortSignal, onProgress?: (done: number) => void): Promise<Map<string, MailboxWorkingHours>>;
}
