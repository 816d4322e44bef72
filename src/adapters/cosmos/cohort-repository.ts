// Cohorts in the `programs` container (type "cohort", partition /tenantId), on the tenant-scoped
// CosmosRepository: ETag on every replace, tenant filter in every query.
import type { Container } from "@azure/cosmos";
import type { Cohort, CohortRepository, StoredCohort } from "../../app/cohorts/cohort-ports.js";
import type { Page, PageRequest } from "../../app/ports/page.js";
import type { CohortState } from "../../domain/cohort/index.js";
import { CosmosRepository } from "./cosmos-repository.js";

export class CosmosCohortRepository implements CohortRepository {
  private readonly repo: CosmosRepository<Cohort>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Cohort>(programs, { type: "cohort" });
  }

  get(tenantId: string, id: string): Promise<StoredCohort | null> {
    return this.repo.get(tenantId, id);
  }

  create(cohort: Cohort): Promise<StoredCohort> {
    return this.repo.create(cohort);
  }

  replace(cohort: StoredCohort): Promise<StoredCohort> {
    return this.repo.replace(cohort);
  }

  list(tenantId: string, filter: { states?: readonly CohortState[] }, page: PageRequest): Promise<Page<StoredCohort>> {
    const states = filter.states ?? [];
    // ARRAY_CONTAINS with a parameter keeps the SQL fixed whatever the number of states.
    const where = states.length > 0 ? "ARRAY_CONTAINS(@states, c.state)" : undefined;
    return this.repo.query(
      tenantId,
      { ...(where ? { where, parameters: { states: [...states] } } : {}), orderBy: { path: "createdAt", direction: "DESC" } },
      page,
    );
  }
}
