// Nominations in the `programs` container (type "nomination", partition /tenantId). The document id is
// derived from cohort and nominee, so the store itself refuses a second nomination for the pair (409 →
// ConflictError), even when two people nominate the same colleague at the same moment.
import type { Container } from "@azure/cosmos";
import type { Enrolment } from "../../app/enrolment/enrolment-ports.js";
import { enrolmentId } from "../../app/enrolment/enrolment-ports.js";
import type { Nomination, NominationRepository } from "../../app/messaging/nominate-colleague.js";
import { CosmosRepository } from "./cosmos-repository.js";

/** The stored id: prefixed so it can never collide with another document type in the partition. */
function nominationDocumentId(cohortId: string, nomineeId: string): string {
  return `nomination_${cohortId}_${nomineeId.toLowerCase()}`;
}

type NominationDocument = Omit<Nomination, "id"> & { id: string; nominationId: string };

export class CosmosNominationRepository implements NominationRepository {
  private readonly nominations: CosmosRepository<NominationDocument>;
  private readonly enrolments: CosmosRepository<Enrolment>;

  constructor(programs: Container) {
    this.nominations = new CosmosRepository<NominationDocument>(programs, { type: "nomination" });
    this.enrolments = new CosmosRepository<Enrolment>(programs, { type: "enrolment" });
  }

  async find(tenantId: string, cohortId: string, nomineeId: string): Promise<Nomination | null> {
    const stored = await this.nominations.get(tenantId, nominationDocumentId(cohortId, nomineeId));
    if (!stored || stored.tenantId !== tenantId) return null;
    return {
      id: stored.nominationId,
      tenantId: stored.tenantId,
      cohortId: stored.cohortId,
      nomineeId: stored.nomineeId,
      nominatorId: stored.nominatorId,
      role: stored.role,
      note: stored.note,
      createdAt: stored.createdAt,
    };
  }

  async create(nomination: Nomination): Promise<void> {
    await this.nominations.create({ ...nomination, nominationId: nomination.id, id: nominationDocumentId(nomination.cohortId, nomination.nomineeId) });
  }

  async isEnrolled(tenantId: string, cohortId: string, userId: string): Promise<boolean> {
    // One enrolment per person and cohort, whatever the role; a paused enrolment is still a document.
    const enrolment = await this.enrolments.get(tenantId, enrolmentId(cohortId, userId));
    return enrolment !== null && enrolment.tenantId === tenantId;
  }
}
