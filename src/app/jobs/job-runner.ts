// Runs long work as a job: take the tenant-wide lease for the job kind, record progress, keep the lease
// alive while working, and record the outcome. Two app instances can never run the same kind for the
// same tenant at once, because the lease is an ETag-guarded document in the shared store — not memory.
import { ConcurrencyError, ConflictError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { JobProgress, JobRecord, JobStore, Lease, LeaseStore } from "../ports/jobs.js";

export interface JobContext {
  jobId: string;
  tenantId: string;
  /** Aborted when the lease is lost or the instance shuts down: stop soon, nothing more will be saved. */
  signal: AbortSignal;
  /** Report progress; writes are coalesced (at most one per `progressIntervalMs`), the last one always lands. */
  progress(update: Partial<JobProgress>): void;
}

/** The work itself. Returns a small summary stored as the job's result. */
export type JobHandler = (context: JobContext) => Promise<Record<string, unknown> | void>;

export interface StartedJob {
  /** The record as first saved (state "running"). */
  job: JobRecord;
  /** Settles with the final record; never rejects (failures are recorded in the record). */
  done: Promise<JobRecord>;
}

export class JobAlreadyRunningError extends ConflictError {
  constructor(
    readonly kind: string,
    readonly runningJobId: string | null,
  ) {
    super(`A ${kind} job is already running for this tenant${runningJobId ? ` (job ${runningJobId})` : ""}; wait for it to finish.`);
    this.name = "JobAlreadyRunningError";
  }
}

export interface JobRunnerDeps {
  jobs: JobStore;
  leases: LeaseStore;
  clock: Clock;
  /** Identifies this app instance in leases and job records. */
  instanceId: string;
  /** Lease lifetime; renewed every third of it. Default 60 s. */
  leaseTtlMs?: number;
  /** Minimum time between two progress writes. Default 1 s. */
  progressIntervalMs?: number;
  newId?: () => string;
  onError?: (error: unknown, job: { tenantId: string; jobId: string; kind: string }) => void;
}

export interface JobRunner {
  start(request: { tenantId: string; kind: string; requestedBy: string | null; handler: JobHandler }): Promise<StartedJob>;
  /**
   * The record as readers should see it: a "running" job whose lease is gone belonged to an instance that
   * stopped (crash, redeploy) and is recorded as failed, so progress bars do not spin forever.
   */
  reconcile(job: JobRecord): Promise<JobRecord>;
  /** Aborts running jobs and waits for them to record their outcome. */
  stop(): Promise<void>;
}

export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const leaseTtlMs = deps.leaseTtlMs ?? 60_000;
  const progressIntervalMs = deps.progressIntervalMs ?? 1000;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const running = new Map<string, { abort: AbortController; done: Promise<JobRecord> }>();
  let stopping = false;

  async function start(request: { tenantId: string; kind: string; requestedBy: string | null; handler: JobHandler }): Promise<StartedJob> {
    if (stopping) throw new ConflictError("This instance is shutting down; start the job again in a moment.");
    const jobId = newId();
    const leaseName = `job:${request.kind}`;
    // The holder names the job, not just the instance: the same instance must not run a kind twice either.
    const lease = await deps.leases.acquire({ tenantId: request.tenantId, name: leaseName, holder: `${deps.instanceId}/${jobId}`, ttlMs: leaseTtlMs, jobId });
    if (!lease) {
      const current = await deps.leases.current(request.tenantId, leaseName);
      throw new JobAlreadyRunningError(request.kind, current?.jobId ?? null);
    }
    let job: JobRecord;
    try {
      const now = new Date(deps.clock.now()).toISOString();
      job = await deps.jobs.create({
        id: jobId,
        tenantId: request.tenantId,
        kind: request.kind,
        state: "running",
        progress: { percent: 0, counts: {}, message: null },
        requestedBy: request.requestedBy,
        instanceId: deps.instanceId,
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        error: null,
        result: null,
      });
    } catch (error) {
      await deps.leases.release(lease).catch(() => undefined);
      throw error;
    }
    const abort = new AbortController();
    const done = execute(job, lease, request.handler, abort);
    running.set(jobId, { abort, done });
    void done.finally(() => running.delete(jobId));
    return { job, done };
  }

  async function execute(initial: JobRecord, initialLease: Lease, handler: JobHandler, abort: AbortController): Promise<JobRecord> {
    const tracker = new ProgressTracker(initial, deps.jobs, deps.clock, progressIntervalMs);
    let lease: Lease | null = initialLease;
    const heartbeat = setInterval(() => {
      void (async () => {
        if (!lease) return;
        try {
          lease = await deps.leases.renew(lease, leaseTtlMs);
          if (!lease) abort.abort(new Error("The job lost its lease to another instance."));
          else await tracker.flushIfDue();
        } catch (error) {
          // A failed renewal is not yet a lost lease: the next beat retries before the lease expires.
          deps.onError?.(error, { tenantId: initial.tenantId, jobId: initial.id, kind: initial.kind });
        }
      })();
    }, Math.max(10, Math.floor(leaseTtlMs / 3)));
    heartbeat.unref();
    try {
      const result = await handler({
        jobId: initial.id,
        tenantId: initial.tenantId,
        signal: abort.signal,
        progress: (update) => tracker.report(update),
      });
      if (abort.signal.aborted) throw abort.signal.reason;
      return await tracker.finish({ state: "succeeded", result: result ?? null, error: null });
    } catch (error) {
      deps.onError?.(error, { tenantId: initial.tenantId, jobId: initial.id, kind: initial.kind });
      const message = error instanceof Error ? error.message : String(error);
      return await tracker.finish({ state: "failed", result: null, error: { message } }).catch(() => tracker.latest());
    } finally {
      clearInterval(heartbeat);
      if (lease) await deps.leases.release(lease).catch(() => undefined);
    }
  }

  async function reconcile(job: JobRecord): Promise<JobRecord> {
    if (job.state !== "running" || running.has(job.id)) return job;
    const lease = await deps.leases.current(job.tenantId, `job:${job.kind}`);
    if (lease?.jobId === job.id) return job;
    const now = new Date(deps.clock.now()).toISOString();
    try {
      return await deps.jobs.update({
        ...job,
        state: "failed",
        error: { message: "The app instance running this job stopped before it finished; start the job again." },
        finishedAt: now,
        updatedAt: now,
      });
    } catch (error) {
      // The runner saved its final state in the meantime: that one is the truth.
      if (error instanceof ConcurrencyError) return (await deps.jobs.get(job.tenantId, job.id)) ?? job;
      throw error;
    }
  }

  async function stop(): Promise<void> {
    stopping = true;
    const all = [...running.values()];
    for (const job of all) job.abort.abort(new Error("The app instance is shutting down."));
    await Promise.all(all.map((job) => job.done));
  }

  return { start, reconcile, stop };
}

/** Keeps the latest progress in memory and writes it to the store at a bounded rate. */
class ProgressTracker {
  private record: JobRecord;
  private dirty = false;
  /** The first progress report is written at once (a progress bar should move), later ones coalesced. */
  private lastWrite = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    initial: JobRecord,
    private readonly jobs: JobStore,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {
    this.record = initial;
  }

  latest(): JobRecord {
    return this.record;
  }

  report(update: Partial<JobProgress>): void {
    const previous = this.record.progress;
    const percent = update.percent === undefined ? previous.percent : Math.min(100, Math.max(0, Math.round(update.percent * 10) / 10));
    this.record = {
      ...this.record,
      progress: { percent, counts: { ...previous.counts, ...update.counts }, message: update.message === undefined ? previous.message : update.message },
    };
    this.dirty = true;
    // Progress writes are best effort: a failed one stays dirty and is retried by the next flush.
    if (this.clock.now() - this.lastWrite >= this.intervalMs) void this.write().catch(() => undefined);
    else this.scheduleFlush();
  }

  /** A coalesced report is written after the interval even if no further report comes. */
  private scheduleFlush(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write().catch(() => undefined);
    }, this.intervalMs);
    this.timer.unref();
  }

  async flushIfDue(): Promise<void> {
    if (!this.dirty || this.clock.now() - this.lastWrite < this.intervalMs) return;
    await this.write();
  }

  async finish(outcome: Pick<JobRecord, "state" | "result" | "error">): Promise<JobRecord> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.writing.catch(() => undefined);
    const now = new Date(this.clock.now()).toISOString();
    const percent = outcome.state === "succeeded" ? 100 : this.record.progress.percent;
    this.record = { ...this.record, ...outcome, progress: { ...this.record.progress, percent }, finishedAt: now };
    this.dirty = true;
    await this.write();
    return this.record;
  }

  private write(): Promise<void> {
    // Writes are chained so that the stored ETag always matches the record we send next.
    const next = this.writing
      .catch(() => undefined)
      .then(async () => {
        if (!this.dirty) return;
        this.dirty = false;
        this.lastWrite = this.clock.now();
        const toSave = { ...this.record, updatedAt: new Date(this.lastWrite).toISOString() };
        try {
          const saved = await this.jobs.update(toSave);
          // Keep progress reported while the write was in flight; take the new ETag.
          this.record = { ...this.record, etag: saved.etag, updatedAt: saved.updatedAt };
        } catch (error) {
          this.dirty = true;
          throw error;
        }
      });
    this.writing = next;
    return next;
  }
}
