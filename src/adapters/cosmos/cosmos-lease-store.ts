// Leases as ETag-guarded documents in the `jobs` container. Taking, renewing and releasing a lease are
// conditional writes, so of two instances racing for the same lease exactly one succeeds: the other's
// create fails with 409 or its If-Match replace with 412. An expired lease can be taken over by anyone.
import type { Container } from "@azure/cosmos";
import { ConcurrencyError, ConflictError, NotFoundError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import type { Lease, LeaseStore } from "../../app/ports/jobs.js";
import { CosmosRepository, type Stored } from "./cosmos-repository.js";

interface LeaseDocument {
  id: string;
  tenantId: string;
  name: string;
  holder: string;
  jobId: string | null;
  expiresAt: number;
}

export class CosmosLeaseStore implements LeaseStore {
  private readonly repository: CosmosRepository<LeaseDocument>;

  constructor(
    jobsContainer: Container,
    private readonly clock: Clock,
  ) {
    this.repository = new CosmosRepository<LeaseDocument>(jobsContainer, { type: "lease" });
  }

  async acquire(request: { tenantId: string; name: string; holder: string; ttlMs: number; jobId: string | null }): Promise<Lease | null> {
    const id = leaseId(request.name);
    const now = this.clock.now();
    const wanted: LeaseDocument = { id, tenantId: request.tenantId, name: request.name, holder: request.holder, jobId: request.jobId, expiresAt: now + request.ttlMs };
    const existing = await this.repository.get(request.tenantId, id);
    if (!existing) {
      return lostRace(() => this.repository.create(wanted));
    }
    if (existing.holder !== request.holder && existing.expiresAt > now) return null;
    return lostRace(() => this.repository.replace({ ...wanted, etag: existing.etag }));
  }

  async renew(lease: Lease, ttlMs: number): Promise<Lease | null> {
    return lostRace(() => this.repository.replace({ ...toDocument(lease), expiresAt: this.clock.now() + ttlMs, etag: lease.etag }));
  }

  async release(lease: Lease): Promise<void> {
    try {
      await this.repository.delete(lease.tenantId, leaseId(lease.name), lease.etag);
    } catch (error) {
      // Someone took the lease over after it expired: it is no longer ours to release.
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }

  async current(tenantId: string, name: string): Promise<Lease | null> {
    const doc = await this.repository.get(tenantId, leaseId(name));
    return doc && doc.expiresAt > this.clock.now() ? toLease(doc) : null;
  }
}

function leaseId(name: string): string {
  // Cosmos ids may not contain / \ ? #; lease names are code-chosen ("job:matching").
  return `lease:${name.replace(/[/\\?#]/g, "_")}`;
}

/** Runs a conditional write; a lost race (409/412/404) means "not acquired", anything else is an error. */
async function lostRace(write: () => Promise<Stored<LeaseDocument>>): Promise<Lease | null> {
  try {
    return toLease(await write());
  } catch (error) {
    if (error instanceof ConflictError || error instanceof NotFoundError) return null;
    throw error;
  }
}

function toLease(doc: Stored<LeaseDocument>): Lease {
  return { tenantId: doc.tenantId, name: doc.name, holder: doc.holder, jobId: doc.jobId, expiresAt: doc.expiresAt, etag: doc.etag };
}

function toDocument(lease: Lease): LeaseDocument {
  return { id: leaseId(lease.name), tenantId: lease.tenantId, name: lease.name, holder: lease.holder, jobId: lease.jobId, expiresAt: lease.expiresAt };
}
