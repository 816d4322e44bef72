// The proposal repository against the embedded Cosmos DB: a big cohort's proposal (its unmatched list
// alone over Cosmos DB's 2 MB item limit) is stored compressed and read back unchanged; a small one is
// stored as it is.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosProposalRepository } from "../../../src/adapters/cosmos/proposal-repository.js";
import { proposalId } from "../../../src/app/matching/matching-ports.js";
import type { Proposal, ProposalUnmatched } from "../../../src/app/pairs/pair-model.js";
import { startTestCosmos, type TestCosmos } from "../../helpers/test-cosmos.js";

const T = "11111111-0000-0000-0000-0000000000aa";
const COSMOS_ITEM_LIMIT = 2 * 1024 * 1024;
const DEPARTMENTS = ["Engineering", "Sales", "Finance", "Legal", "Marketing", "Operations"];

let cosmos: TestCosmos;
let repo: CosmosProposalRepository;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  repo = new CosmosProposalRepository(cosmos.db.container("programs"));
});
afterAll(async () => cosmos?.stop());

function unmatched(i: number): ProposalUnmatched {
  const id = randomUUID();
  const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
  return {
    id,
    role: "mentor",
    code: i % 3 === 0 ? "noCompatiblePartner" : "partnersTakenElsewhere",
    reason:
      i % 3 === 0
        ? `Every executive is in their reporting line or outside the ${4 + (i % 5)} h time-zone limit.`
        : `All ${1 + (i % 40)} compatible executives were matched with mentors who fit them better (capacity 1 each).`,
    compatiblePartners: i % 41,
    blockedBy: { reportingLine: i % 7, timeZoneDistance: i % 11, earlierPair: i % 3 },
    person: { id, displayName: `Person ${i} Surname${i % 97}`, jobTitle: `Software Engineer ${1 + (i % 3)}`, department },
  };
}

function proposal(cohortId: string, pairs: number, unmatchedPeople: number): Proposal {
  const now = new Date("2026-11-23T10:00:00.000Z").toISOString();
  return {
    id: proposalId(cohortId),
    type: "proposal",
    tenantId: T,
    cohortId,
    version: 1,
    jobId: randomUUID(),
    referenceWeekStart: "2026-11-30T00:00:00.000Z",
    createdAt: now,
    updatedAt: now,
    stats: {
      mentors: pairs + unmatchedPeople,
      mentees: pairs,
      pairs,
      lockedPairs: 0,
      matchedMentees: pairs,
      matchedMenteeShare: 1,
      matchedMentorShare: pairs / (pairs + unmatchedPeople),
      crossDepartmentShare: 0.8,
      averageScore: 21.5,
      totalScore: 21.5 * pairs,
      totalScoreUnits: 215 * pairs,
      feasibleEdges: 100 * pairs,
      candidateEdges: 40 * pairs,
      objective: "maxScore",
    },
    pairs: Array.from({ length: pairs }, (_, i) => {
      const mentorId = randomUUID();
      const menteeId = randomUUID();
      return { pairId: `${cohortId}_${mentorId}_${menteeId}`, mentorId, menteeId, score: 10 + (i % 30), locked: i % 50 === 0 };
    }),
    unmatched: Array.from({ length: unmatchedPeople }, (_, i) => unmatched(i)),
    rejectedLocks: [],
    locks: [],
    forbidden: [],
    vetoes: [],
    publishedAt: null,
  };
}

async function storedLength(cohortId: string): Promise<{ chars: number; packed: boolean }> {
  const { resource } = await cosmos.db.container("programs").item(proposalId(cohortId), T).read<Record<string, unknown>>();
  return { chars: JSON.stringify(resource).length, packed: resource?.packed !== undefined };
}

describe("CosmosProposalRepository", () => {
  it("stores a proposal too big for one Cosmos DB item compressed, and reads it back unchanged", async () => {
    const big = proposal("cohort-big", 2_000, 8_000);
    expect(JSON.stringify(big).length).toBeGreaterThan(COSMOS_ITEM_LIMIT);
    const created = await repo.create(big);
    const { etag, ...createdFields } = created;
    expect(etag).not.toBe("");
    // The repository keeps `type` to itself (toEqual treats the undefined field as absent).
    expect(createdFields).toEqual({ ...big, type: undefined });
    const stored = await storedLength("cohort-big");
    expect(stored.packed).toBe(true);
    expect(stored.chars).toBeLessThan(COSMOS_ITEM_LIMIT / 2);

    const read = await repo.get(T, "cohort-big");
    expect(read).toEqual(created);
    // An edit (a lock) replaces it under the ETag, still packed and still whole.
    const edited = await repo.replace({ ...read!, version: 2, locks: [{ mentorId: big.pairs[0]!.mentorId, menteeId: big.pairs[0]!.menteeId }] });
    expect((await repo.get(T, "cohort-big"))?.locks).toEqual(edited.locks);
    expect((await repo.get(T, "cohort-big"))?.unmatched).toEqual(big.unmatched);
    await expect(repo.replace({ ...read!, version: 3 })).rejects.toMatchObject({ name: "ConcurrencyError" });
  });

  it("stores a small proposal as it is, and unpacks lists that shrink below the threshold on the next write", async () => {
    const small = proposal("cohort-small", 20, 5);
    await repo.create(small);
    expect(await storedLength("cohort-small")).toMatchObject({ packed: false });
    expect(await repo.get(T, "cohort-small")).toMatchObject({ pairs: small.pairs, unmatched: small.unmatched });

    const grown = await repo.replace({ ...(await repo.get(T, "cohort-small"))!, unmatched: proposal("x", 0, 3_000).unmatched });
    expect(await storedLength("cohort-small")).toMatchObject({ packed: true });
    await repo.replace({ ...grown, unmatched: small.unmatched });
    expect(await storedLength("cohort-small")).toMatchObject({ packed: false });
    expect((await repo.get(T, "cohort-small"))?.unmatched).toEqual(small.unmatched);
  });
});
