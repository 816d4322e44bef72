// The ports the matching, publishing and veto use cases work on (wired by main.ts as one plain object).
import type { CohortRepository } from "../cohorts/cohort-ports.js";
import type { PeopleStore } from "../directory/directory-sync-ports.js";
import type { EnrolmentRepository } from "../enrolment/enrolment-ports.js";
import type { JobRunner } from "../jobs/job-runner.js";
import type { Notifier } from "../messaging/notifier.js";
import type { PairRepository } from "../pairs/pair-ports.js";
import type { Clock } from "../ports/clock.js";
import type { GroupDirectory } from "../ports/groups.js";
import type { JobStore } from "../ports/jobs.js";
import type { CohortRoster, MailboxSettingsReader, ProposalRepository } from "./matching-ports.js";

export interface MatchingDeps {
  cohorts: CohortRepository;
  roster: CohortRoster;
  enrolments: Pick<EnrolmentRepository, "get">;
  people: Pick<PeopleStore, "get" | "loadAll">;
  mailboxes: MailboxSettingsReader;
  /** Entra groups: membership for eligibility rules by group, checked again when matching runs. */
  groups: GroupDirectory;
  pairs: PairRepository;
  proposals: ProposalRepository;
  jobRunner: JobRunner;
  /** To see whether a matching run is under way (edits, publish and vetoes wait for it). */
  jobs: Pick<JobStore, "list">;
  notifier: Notifier;
  clock: Clock;
}

/** The job kind of a matching run (one per tenant at a time). */
export const MATCHING_JOB_KIND = "matching";
