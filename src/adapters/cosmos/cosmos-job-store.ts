// Job progress records in the `jobs` container (partition /tenantId), next to the leases.
import type { Container } from "@azure/cosmos";
import type { JobRecord, JobStore, NewJobRecord } from "../../app/ports/jobs.js";
import type { Page, PageRequest } from "../../app/ports/page.js";
import { CosmosRepository, type QuerySpec } from "./cosmos-repository.js";

export class CosmosJobStore implements JobStore {
  private readonly repository: CosmosRepository<NewJobRecord>;

  constructor(jobsContainer: Container) {
    this.repository = new CosmosRepository<NewJobRecord>(jobsContainer, { type: "job" });
  }

  create(job: NewJobRecord): Promise<JobRecord> {
    return this.repository.create(job);
  }

  update(job: JobRecord): Promise<JobRecord> {
    return this.repository.replace(job);
  }

  get(tenantId: string, jobId: string): Promise<JobRecord | null> {
    return this.repository.get(tenantId, jobId);
  }

  list(tenantId: string, filter: { kind?: string }, page: PageRequest): Promise<Page<JobRecord>> {
    const spec: QuerySpec = { orderBy: { path: "createdAt", direction: "DESC" } };
    if (filter.kind) {
      spec.where = "c.kind = @kind";
      spec.parameters = { kind: filter.kind };
    }
    return this.repository.query(tenantId, spec, page);
  }
}
