// The enrolments of one cohort, read by the matching job (the enrolment repository answers per person;
// matching needs the whole roster). Same documents: `programs` container, type "enrolment".
import type { Container } from "@azure/cosmos";
import type { Enrolment } from "../../app/enrolment/enrolment-ports.js";
import type { CohortRoster } from "../../app/matching/matching-ports.js";
import { CosmosRepository } from "./cosmos-repository.js";

export class CosmosCohortRoster implements CohortRoster {
  private readonly repo: CosmosRepository<Enrolment>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Enrolment>(programs, { type: "enrolment" });
  }

  async list(tenantId: string, cohortId: string): Promise<Enrolment[]> {
    const out: Enrolment[] = [];
    for await (const { etag: _etag, ...enrolment } of this.repo.queryAll(tenantId, { where: "c.cohortId = @cohortId", parameters: { cohortId }, orderBy: { path: "userId", direction: "ASC" } }, 1000)) {
      out.push(enrolment);
    }
    return out;
  }
}
