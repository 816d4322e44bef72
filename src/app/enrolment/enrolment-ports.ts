// Storage of enrolments. One enrolment per person and cohort; withdrawing deletes the document (the
// person's data is erased, not flagged). Implemented in src/adapters/cosmos/enrolment-repository.ts.
import type { CohortRole } from "../../domain/cohort/index.js";
import type { CohortRepository, EnrolmentCounter } from "../cohorts/cohort-ports.js";
import type { GroupDirectory } from "../ports/groups.js";
import type { ParticipantProfile, ParticipantProfiles } from "./participant-profiles.js";

export interface EnrolmentPreferences {
  /** Free text for the admin and the match, e.g. "prefer mornings". */
  note: string | null;
  /** Prefer a partner from another department (a soft wish; the cohort's policy rules). */
  preferOtherDepartment: boolean;
  /** Open to a session in person when in the same office. */
  inPerson: boolean;
}

/** Profile details a mentor may show on their card in Teams and Outlook search (the name always shows). */
export const SHAREABLE_FIELDS = ["jobTitle", "department", "officeLocation", "skills", "languages"] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** What colleagues may see of me in the messaging extension's search (only mentors are searched). */
export interface SearchSharing {
  /** Whether colleagues can find me at all. */
  discoverable: boolean;
  /** What my card shows besides my name. */
  fields: ShareableField[];
}

/** What an enrolment that made no choice shares (and what enrolments from before the choice existed share): name and skills. */
export const DEFAULT_SHARING: SearchSharing = { discoverable: true, fields: ["skills"] };

/** The sharing an enrolment stands for (older documents have none stored). */
export function sharingOf(enrolment: Pick<Enrolment, "sharing">): SearchSharing {
  return enrolment.sharing ?? DEFAULT_SHARING;
}

export interface Consent {
  accepted: true;
  /** Which wording of the consent text the person accepted. */
  textVersion: string;
  /** ISO instant when it was given (server time). */
  acceptedAt: string;
}

export interface Enrolment {
  id: string;
  tenantId: string;
  cohortId: string;
  userId: string;
  role: CohortRole;
  /** Snapshot from the directory at enrolment. */
  profile: ParticipantProfile;
  /** Catalog skill ids: what a mentor teaches or a mentee wants to learn. */
  skills: string[];
  /** Free tags beside the catalog. */
  tags: string[];
  /** Language names or BCP 47 tags, as given. */
  languages: string[];
  preferences: EnrolmentPreferences;
  /** Absent on enrolments made before the choice existed: see sharingOf. */
  sharing?: SearchSharing;
  consent: Consent;
  createdAt: string;
  updatedAt: string;
}

/** One enrolment per person and cohort: the id says which, so a second one cannot be stored. */
export function enrolmentId(cohortId: string, userId: string): string {
  return `${cohortId}_${userId.toLowerCase()}`;
}

export type StoredEnrolment = Enrolment & { etag: string };

export interface EnrolmentRepository extends EnrolmentCounter {
  get(tenantId: string, cohortId: string, userId: string): Promise<StoredEnrolment | null>;
  /** ConflictError when the person is already enrolled in the cohort. */
  create(enrolment: Enrolment): Promise<StoredEnrolment>;
  replace(enrolment: StoredEnrolment): Promise<StoredEnrolment>;
  /** False when there was nothing to delete. */
  delete(tenantId: string, cohortId: string, userId: string): Promise<boolean>;
  /** Every enrolment of one person in the tenant. */
  listForUser(tenantId: string, userId: string): Promise<StoredEnrolment[]>;
}

/** The stores the cohort and enrolment API works on (wired by main.ts). */
export interface ProgrammeStores {
  cohorts: CohortRepository;
  enrolments: EnrolmentRepository;
  participants: ParticipantProfiles;
  /** Entra groups: the admin's group picker and the check that eligibility rules name real groups. */
  groups?: GroupDirectory;
}
