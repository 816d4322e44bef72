// Enrolments in the `programs` container (type "enrolment", partition /tenantId). The id is derived from
// cohort and person, so a duplicate enrolment is refused by the store itself (409 on create), even when
// two requests race.
import type { Container } from "@azure/cosmos";
import type { EnrolmentCounts } from "../../app/cohorts/cohort-ports.js";
import { enrolmentId, type Enrolment, type EnrolmentRepository, type StoredEnrolment } from "../../app/enrolment/enrolment-ports.js";
import { CosmosRepository } from "./cosmos-repository.js";

/** Enrolments one person can hold in a tenant that one read returns (far above any real programme). */
const MAX_PER_PERSON = 500;

export class CosmosEnrolmentRepository implements EnrolmentRepository {
  private readonly repo: CosmosRepository<Enrolment>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<Enrolment>(programs, { type: "enrolment" });
  }

  get(tenantId: string, cohortId: string, userId: string): Promise<StoredEnrolment | null> {
    return this.repo.get(tenantId, enrolmentId(cohortId, userId));
  }

  create(enrolment: Enrolment): Promise<StoredEnrolment> {
    return this.repo.create({ ...enrolment, id: enrolmentId(enrolment.cohortId, enrolment.userId) });
  }

  replace(enrolment: StoredEnrolment): Promise<StoredEnrolment> {
    return this.repo.replace(enrolment);
  }

  delete(tenantId: string, cohortId: string, userId: string): Promise<boolean> {
    return this.repo.delete(tenantId, enrolmentId(cohortId, userId));
  }

  async listForUser(tenantId: string, userId: string): Promise<StoredEnrolment[]> {
    const page = await this.repo.query(tenantId, { where: "c.userId = @userId", parameters: { userId }, orderBy: { path: "createdAt", direction: "DESC" } }, { limit: MAX_PER_PERSON });
    return page.items;
  }

  async countByRole(tenantId: string, cohortId: string): Promise<EnrolmentCounts> {
    const count = (role: string) => this.repo.count(tenantId, { where: "c.cohortId = @cohortId AND c.role = @role", parameters: { cohortId, role } });
    const [mentors, mentees] = await Promise.all([count("mentor"), count("mentee")]);
    return { mentors, mentees };
  }
}
