// CosmosNominationRepository against the embedded Cosmos DB (real SDK over HTTPS): one nomination per
// cohort and person enforced by the store, tenant isolation, and isEnrolled over every role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosEnrolmentRepository } from "../../src/adapters/cosmos/enrolment-repository.js";
import { CosmosNominationRepository } from "../../src/adapters/cosmos/nomination-repository-cosmos.js";
import type { Enrolment } from "../../src/app/enrolment/enrolment-ports.js";
import { ConflictError } from "../../src/app/errors.js";
import type { Nomination } from "../../src/app/messaging/nominate-colleague.js";
import { startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";

const TENANT = "0d1e2f3a-1111-4222-8333-944455556666";
const OTHER_TENANT = "9f8e7d6c-1111-4222-8333-944455556666";
const NOMINEE = "5A1B2C3D-0000-4000-8000-000000000001";

let cosmos: TestCosmos;
let nominations: CosmosNominationRepository;
let enrolments: CosmosEnrolmentRepository;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  nominations = new CosmosNominationRepository(cosmos.db.container("programs"));
  enrolments = new CosmosEnrolmentRepository(cosmos.db.container("programs"));
});
afterAll(async () => cosmos?.stop());

function nomination(cohortId: string, overrides: Partial<Nomination> = {}): Nomination {
  return {
    id: `${cohortId}:${NOMINEE}`,
    tenantId: TENANT,
    cohortId,
    nomineeId: NOMINEE,
    nominatorId: "nominator-1",
    role: "mentor",
    note: "Runs our Copilot clinic",
    createdAt: 1_900_000_000_000,
    ...overrides,
  };
}

function enrolment(tenantId: string, cohortId: string, userId: string, role: "mentor" | "mentee"): Enrolment {
  const at = "2030-01-01T00:00:00.000Z";
  return {
    id: "",
    tenantId,
    cohortId,
    userId,
    role,
    profile: { displayName: "Someone", jobTitle: null, department: null, officeLocation: null, timeZone: null, managerId: null },
    skills: [],
    tags: [],
    languages: [],
    preferences: { note: null, preferOtherDepartment: false, inPerson: false },
    consent: { accepted: true, textVersion: "2026-01", acceptedAt: at },
    createdAt: at,
    updatedAt: at,
  };
}

describe("CosmosNominationRepository", () => {
  it("stores a nomination and finds it again, only in its own tenant", async () => {
    const stored = nomination("cohort-a");
    await nominations.create(stored);
    expect(await nominations.find(TENANT, "cohort-a", NOMINEE)).toEqual(stored);
    expect(await nominations.find(TENANT, "cohort-b", NOMINEE)).toBeNull();
    expect(await nominations.find(OTHER_TENANT, "cohort-a", NOMINEE)).toBeNull();
  });

  it("refuses a second nomination of the same person for the same cohort and keeps the first", async () => {
    const first = nomination("cohort-c");
    await nominations.create(first);
    await expect(nominations.create(nomination("cohort-c", { nominatorId: "nominator-2", note: null }))).rejects.toBeInstanceOf(ConflictError);
    // The same person with their object id in another case is the same person.
    await expect(nominations.create(nomination("cohort-c", { nomineeId: NOMINEE.toLowerCase() }))).rejects.toBeInstanceOf(ConflictError);
    expect(await nominations.find(TENANT, "cohort-c", NOMINEE)).toEqual(first);
  });

  it("stores exactly one of two simultaneous nominations", async () => {
    const results = await Promise.allSettled([
      nominations.create(nomination("cohort-d", { nominatorId: "nominator-1" })),
      nominations.create(nomination("cohort-d", { nominatorId: "nominator-2" })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(rejected?.reason).toBeInstanceOf(ConflictError);
  });

  it("isEnrolled covers mentors and mentees, per cohort and tenant", async () => {
    await enrolments.create(enrolment(TENANT, "cohort-e", "mentee-1", "mentee"));
    await enrolments.create(enrolment(TENANT, "cohort-e", "mentor-1", "mentor"));
    expect(await nominations.isEnrolled(TENANT, "cohort-e", "mentee-1")).toBe(true);
    expect(await nominations.isEnrolled(TENANT, "cohort-e", "MENTOR-1")).toBe(true);
    expect(await nominations.isEnrolled(TENANT, "cohort-f", "mentee-1")).toBe(false);
    expect(await nominations.isEnrolled(OTHER_TENANT, "cohort-e", "mentee-1")).toBe(false);
  });
});
