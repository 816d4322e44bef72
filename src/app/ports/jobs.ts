// Long-running work (directory sync, matching, scheduling) runs as a job: a lease makes sure only one app
// instance runs a given job kind for a tenant at a time, and a progress record lets admins watch it.
import type { Page, PageRequest } from "./page.js";

export type JobState = "running" | "succeeded" | "failed";

export interface JobProgress {
  /** 0–100. */
  percent: number;
  /** Named counters, e.g. { read: 1200, written: 1180, skipped: 20 }. */
  counts: Record<string, number>;
  /** A short human-readable status line, e.g. "Reading managers (page 3)". */
  message: string | null;
}

export interface JobRecord {
  id: string;
  tenantId: string;
  /** What runs, e.g. "directory-sync", "matching", "scheduling". */
  kind: string;
  state: JobState;
  progress: JobProgress;
  /** Object id of the user who started it; null for system-started jobs. */
  requestedBy: string | null;
  /** The app instance that runs it. */
  instanceId: string;
  /** ISO 8601 instants. */
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  error: { message: string } | null;
  /** What the job produced (small summary, not bulk data). */
  result: Record<string, unknown> | null;
  /** Concurrency token of the stored record. */
  etag: string;
}

export type NewJobRecord = Omit<JobRecord, "etag">;

export interface JobStore {
  create(job: NewJobRecord): Promise<JobRecord>;
  /** Saves a new version; throws ConcurrencyError if the record changed since `job.etag`. */
  update(job: JobRecord): Promise<JobRecord>;
  get(tenantId: string, jobId: string): Promise<JobRecord | null>;
  /** Newest first. */
  list(tenantId: string, filter: { kind?: string }, page: PageRequest): Promise<Page<JobRecord>>;
}

export interface Lease {
  tenantId: string;
  /** What the lease guards, e.g. "job:directory-sync". */
  name: string;
  /** The app instance holding it. */
  holder: string;
  /** The job running under it, for "already running" answers. */
  jobId: string | null;
  /** Epoch milliseconds; after this another holder may take the lease over. */
  expiresAt: number;
  etag: string;
}

export interface LeaseStore {
  /** Takes the lease when it is free, expired or already ours; null when someone else holds a live lease. */
  acquire(request: { tenantId: string; name: string; holder: string; ttlMs: number; jobId: string | null }): Promise<Lease | null>;
  /** Extends a lease we hold; null when it was lost (taken over after expiry). */
  renew(lease: Lease, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up (no-op when it was already lost). */
  release(lease: Lease): Promise<void>;
  /** The live lease, if any (for diagnostics and "already running" answers). */
  current(tenantId: string, name: string): Promise<Lease | null>;
}
