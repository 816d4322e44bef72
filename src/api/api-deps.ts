// Everything the HTTP layer needs, wired by main.ts as one plain object.
import type { Logger } from "pino";
import type { Clock } from "../app/ports/clock.js";
import type { Directory } from "../app/ports/directory.js";
import type { JobStore } from "../app/ports/jobs.js";
import type { JobRunner } from "../app/jobs/job-runner.js";
import type { TokenValidator } from "../adapters/auth/token-validator.js";
import type { DevSignIn } from "../app/ports/dev-sign-in.js";
import type { DirectorySyncService } from "../app/directory/directory-sync-service.js";
import type { ProgrammeStores } from "../app/enrolment/enrolment-ports.js";
import type { Notifier } from "../app/messaging/notifier.js";
import type { NotificationDeliveries } from "../app/messaging/notification-deliveries.js";
import type { SchedulingServices } from "../app/scheduling/scheduling-services.js";
import type { MatchingDeps } from "../app/matching/matching-deps.js";
import type { CalendarWatch } from "../app/calendar-watch/calendar-watch.js";
import type { FeedbackStore } from "../app/feedback/feedback-ports.js";
import type { CohortExportSource, CohortHealthSource } from "../app/health/health-ports.js";

export interface HealthCheck {
  name: string;
  /** Resolves when healthy; rejects with a reason otherwise. */
  check(): Promise<void>;
}

export interface ApiDeps {
  mode: "embedded" | "azure";
  /** The app registration's client id (the tab needs it for SSO). */
  clientId: string;
  adminAppRole: string;
  logger: Logger;
  clock: Clock;
  tokenValidator: TokenValidator;
  directory: Directory;
  jobs: JobStore;
  jobRunner: JobRunner;
  /** Directory sync (admin API); its routes are mounted only when set. */
  directorySync?: DirectorySyncService;
  /** Cohorts and enrolments (admin and employee API); their routes are mounted only when set. */
  programme?: ProgrammeStores;
  /** Matching, proposals, publishing and pairs (admin and employee API); their routes are mounted only when set. */
  matching?: MatchingDeps;
  /** Where use cases send matched / booked / moved / reminder / feedback notifications (the Teams bot delivers them). */
  notifier: Notifier;
  /** The admin's view of undelivered notifications (needs `matching` for names); its routes are mounted only when set. */
  notificationDeliveries?: NotificationDeliveries;
  /** Sessions, the schedule-cohort job, RSVP handling and preferences; their routes are mounted only when set. */
  scheduling?: SchedulingServices;
  /** Session feedback (employee API); its routes answer 503 when unset. */
  feedback?: FeedbackStore;
  /** Cohort health dashboard and CSV export reads (admin API); needs `programme` too. */
  health?: { source: CohortHealthSource; exports: CohortExportSource };
  /** Graph change notifications for organisers' calendars (POST /api/graph/notifications, /api/graph/lifecycle); those routes answer 503 when unset. */
  calendarWatch?: CalendarWatch;
  healthChecks: HealthCheck[];
  /** null in Azure mode: the dev routes are then not mounted at all. */
  devSignIn: DevSignIn | null;
  /** Directory with the built tab (index.html); null when not built. */
  webRoot: string | null;
  /** https deployments get HSTS. */
  publicBaseUrl: string;
  /** Largest accepted JSON body. Default "100kb". */
  jsonBodyLimit?: string;
}
