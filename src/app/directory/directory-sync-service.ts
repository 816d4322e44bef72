// Directory sync as a job: one runs per tenant at a time (the job runner's lease), a second request joins
// the running one, admins poll its progress, and a timer starts incremental syncs on a schedule.
import { NotFoundError } from "../errors.js";
import { JobAlreadyRunningError, type JobRunner } from "../jobs/job-runner.js";
import type { JobRecord, JobStore } from "../ports/jobs.js";
import type { DirectorySyncReport, DirectorySyncState } from "./directory-sync-ports.js";
import { syncDirectory, type SyncDirectoryDeps, type SyncMode } from "./sync-directory.js";

export const DIRECTORY_SYNC_JOB = "directory-sync";

export interface DirectorySyncServiceDeps extends SyncDirectoryDeps {
  jobRunner: JobRunner;
  jobs: JobStore;
}

export interface StartedSync {
  jobId: string;
  /** True when a sync was already running and this request joined it. */
  joined: boolean;
  job: JobRecord;
}

export interface DirectorySyncService {
  start(tenantId: string, mode: SyncMode, requestedBy: string | null): Promise<StartedSync>;
  /** The sync job, or NotFoundError (also for other tenants' jobs and other job kinds). */
  getJob(tenantId: string, jobId: string): Promise<JobRecord>;
  /** The last completed sync's report, or NotFoundError before the first one. */
  lastReport(tenantId: string): Promise<{ lastSyncAt: string; jobId: string; report: DirectorySyncReport }>;
}

export function createDirectorySyncService(deps: DirectorySyncServiceDeps): DirectorySyncService {
  return {
    async start(tenantId, mode, requestedBy) {
      try {
        const started = await deps.jobRunner.start({
          tenantId,
          kind: DIRECTORY_SYNC_JOB,
          requestedBy,
          handler: async (context) => {
            const report = await syncDirectory(deps, { tenantId, jobId: context.jobId, mode, signal: context.signal, progress: context.progress });
            return { ...report };
          },
        });
        return { jobId: started.job.id, joined: false, job: started.job };
      } catch (error) {
        if (!(error instanceof JobAlreadyRunningError) || !error.runningJobId) throw error;
        const running = await deps.jobs.get(tenantId, error.runningJobId);
        if (!running) throw error;
        return { jobId: running.id, joined: true, job: running };
      }
    },
    async getJob(tenantId, jobId) {
      const job = await deps.jobs.get(tenantId, jobId);
      if (!job || job.kind !== DIRECTORY_SYNC_JOB) throw new NotFoundError(`No directory sync job ${jobId} in your organisation.`);
      return job;
    },
    async lastReport(tenantId) {
      const state: DirectorySyncState | null = await deps.state.get(tenantId);
      if (!state) throw new NotFoundError("The directory has not been synchronised yet; start a sync first.");
      return { lastSyncAt: state.lastSyncAt, jobId: state.lastJobId, report: state.report };
    },
  };
}

/** Default time between scheduled incremental syncs (README "Directory sync"). */
export const DIRECTORY_SYNC_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts a delta sync (full when there is no delta link yet) for every tenant on a fixed interval. A sync
 * already running elsewhere is not an error: the lease makes the other instance's run count.
 */
export function scheduleDirectorySync(
  service: DirectorySyncService,
  tenants: () => readonly string[],
  options: { intervalMs?: number; onError?: (error: unknown, tenantId: string) => void } = {},
): { stop(): void } {
  const timer = setInterval(() => {
    for (const tenantId of tenants()) {
      service.start(tenantId, "delta", null).catch((error: unknown) => options.onError?.(error, tenantId));
    }
  }, options.intervalMs ?? DIRECTORY_SYNC_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
