// Test support for the scheduling tests: seeds a published cohort with active pairs straight into the
// embedded Cosmos (the matching flow is tested elsewhere), talks to the dev tenant's /dev endpoints, and
// reads calendar truth back from the dev tenant.
import { randomUUID } from "node:crypto";
import { createTrustedHttp } from "../../src/adapters/auth/trusted-http.js";
import { CosmosCohortRepository } from "../../src/adapters/cosmos/cohort-repository.js";
import { CosmosRepository } from "../../src/adapters/cosmos/cosmos-repository.js";
import { toIanaTimeZone } from "../../src/adapters/graph/time-zones.js";
import type { StoredCohort } from "../../src/app/cohorts/cohort-ports.js";
import type { Pair, PairPerson } from "../../src/app/pairs/pair-model.js";
import { pairId } from "../../src/app/pairs/pair-model.js";
import { withCohortDefaults, type Cadence, type OrganiserMode } from "../../src/domain/cohort/index.js";
import type { DevPerson } from "../../src/devtenant/index.js";
import type { TestApp } from "../helpers/test-app.js";

export interface DevEndpoints {
  json<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

/** The dev tenant's own /dev endpoints (no Graph auth), JSON in and out, over one kept-alive connection pool. */
export function devEndpoints(t: TestApp): DevEndpoints {
  const http = createTrustedHttp(t.devTenant.caCertPem);
  return {
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await http.fetch(`${t.devTenant.url}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    },
    close: () => http.close(),
  };
}

/** One call to a /dev endpoint on its own connection pool. */
export async function devCall<T = unknown>(t: TestApp, method: string, path: string, body?: unknown): Promise<T> {
  const dev = devEndpoints(t);
  try {
    return await dev.json<T>(method, path, body);
  } finally {
    await dev.close();
  }
}

export function pairPerson(p: DevPerson, mail: string | null = p.mail): PairPerson {
  return { id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department, timeZone: toIanaTimeZone(p.timeZone), mail };
}

/** Mailbox-enabled members, executives (generated level 1–2) and juniors (level 3 and below), in a stable order. */
export function cast(t: TestApp): { executives: DevPerson[]; juniors: DevPerson[] } {
  const people = t.devTenant
    .directory(t.tenantIds[0]!)
    .people()
    .filter((p) => p.hasMailbox && p.mail && p.accountEnabled && p.userType === "Member" && !p.isProgramAdmin);
  return {
    executives: people.filter((p) => p.generatedLevel >= 1 && p.generatedLevel <= 2),
    juniors: people.filter((p) => p.generatedLevel >= 3),
  };
}

/** A published cohort with the given active pairs (mentor, mentee), stored as the matching flow would. */
export async function seedCohort(
  t: TestApp,
  name: string,
  cadence: Cadence,
  pairs: Array<{ mentor: PairPerson; mentee: PairPerson }>,
  organiser: { organiserMode?: OrganiserMode; programMailbox?: string | null } = {},
): Promise<StoredCohort> {
  const tenantId = t.tenantIds[0]!.toLowerCase();
  const programs = t.server.cosmos.container("programs");
  const now = new Date().toISOString();
  const cohort = await new CosmosCohortRepository(programs).create({
    id: randomUUID(),
    tenantId,
    state: "published",
    settings: withCohortDefaults({ name, enrolment: { opensAt: "2020-01-01T00:00:00Z", closesAt: "2020-02-01T00:00:00Z" }, cadence, ...organiser }),
    createdAt: now,
    updatedAt: now,
    createdBy: "test",
  });
  const repo = new CosmosRepository<Pair>(programs, { type: "pair" });
  for (const p of pairs) {
    await repo.create({
      id: pairId(cohort.id, { mentorId: p.mentor.id, menteeId: p.mentee.id }),
      type: "pair",
      tenantId,
      cohortId: cohort.id,
      mentor: p.mentor,
      mentee: p.mentee,
      state: "active",
      score: 10,
      reasons: [{ term: "base", points: 10, text: "Compatible" }],
      locked: false,
      sharedMinutesPerWeek: 600,
      veto: null,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
      endedAt: null,
    });
  }
  return cohort;
}

export interface DevEvent {
  id: string;
  subject: string;
  isOrganizer: boolean;
  isCancelled: boolean;
  transactionId?: string;
  start: { dateTime: string };
  end: { dateTime: string };
}

/** Every stored event of a mailbox (the dev tenant's own view, not the product's). */
export async function eventsOf(t: TestApp, userId: string): Promise<DevEvent[]> {
  const found = await devCall<{ value?: DevEvent[]; events?: DevEvent[] } | DevEvent[]>(t, "GET", `/dev/tenants/${t.tenantIds[0]}/users/${userId}/events`);
  return Array.isArray(found) ? found : (found.value ?? found.events ?? []);
}

/** The app's meetings a mentor organises (not cancelled). */
export async function organisedSessions(t: TestApp, mentorId: string): Promise<DevEvent[]> {
  return (await eventsOf(t, mentorId)).filter((e) => e.isOrganizer && !e.isCancelled && e.subject.startsWith("Reverse mentoring"));
}

export async function waitForJob(t: TestApp, token: string, jobId: string): Promise<{ state: string; progress: { counts: Record<string, number> }; error: unknown }> {
  for (let i = 0; i < 600; i++) {
    const res = await t.api<{ state: string; progress: { counts: Record<string, number> }; error: unknown }>("GET", `/api/admin/jobs/${jobId}`, { token });
    if (res.body.state !== "running") return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}
