// What the cohort and enrolment use cases need from storage. Implemented on Cosmos DB in
// src/adapters/cosmos/cohort-repository.ts and enrolment-repository.ts; every call is tenant-scoped.
import type { CohortRole, CohortSettings, CohortState } from "../../domain/cohort/index.js";
import type { Page, PageRequest } from "../ports/page.js";

export interface Cohort {
  id: string;
  tenantId: string;
  state: CohortState;
  settings: CohortSettings;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
  /** Entra object id of the admin who created it. */
  createdBy: string;
}

/** A cohort as read, with its concurrency token (the HTTP ETag). */
export type StoredCohort = Cohort & { etag: string };

export interface CohortRepository {
  get(tenantId: string, id: string): Promise<StoredCohort | null>;
  create(cohort: Cohort): Promise<StoredCohort>;
  /** ConcurrencyError when the stored etag differs from `cohort.etag`. */
  replace(cohort: StoredCohort): Promise<StoredCohort>;
  /** Newest first; optionally only cohorts in the given states. */
  list(tenantId: string, filter: { states?: readonly CohortState[] }, page: PageRequest): Promise<Page<StoredCohort>>;
}

export interface EnrolmentCounts {
  mentors: number;
  mentees: number;
}

/** Counts enrolments per role (the enrolment repository answers it). */
export interface EnrolmentCounter {
  countByRole(tenantId: string, cohortId: string): Promise<EnrolmentCounts>;
}

export type { CohortRole };
