// Matching proposals in the `programs` container (type "proposal", partition /tenantId): one document per
// cohort, id `proposal_<cohortId>`, replaced under its ETag by every run and admin edit.
import type { Container } from "@azure/cosmos";
import { proposalId, type ProposalRepository, type StoredProposal } from "../../app/matching/matching-ports.js";
import type { Proposal } from "../../app/pairs/pair-model.js";
import { CosmosRepository } from "./cosmos-repository.js";

export class CosmosProposalRepository implements ProposalRepository {
  private readonly repo: CosmosRepository<Proposal>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Proposal>(programs, { type: "proposal" });
  }

  get(tenantId: string, cohortId: string): Promise<StoredProposal | null> {
    return this.repo.get(tenantId, proposalId(cohortId));
  }

  create(proposal: Proposal): Promise<StoredProposal> {
    return this.repo.create({ ...proposal, id: proposalId(proposal.cohortId) });
  }

  replace(proposal: StoredProposal): Promise<StoredProposal> {
    return this.repo.replace(proposal);
  }
}
