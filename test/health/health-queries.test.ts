// The health and export reads against the embedded Cosmos DB with tiny pages, so streaming across many
// pages is exercised without a big data set: nothing is lost or repeated between pages, and other cohorts
// and tenants never leak in.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CosmosCohortHealthQueries } from "../../src/adapters/cosmos/health-queries.js";
import { startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";
import { enrolmentDoc, feedbackDoc, pairDoc, person, seed, sessionDoc } from "./seed-programme.js";

const TENANT = "t-contoso";
let cosmos: TestCosmos;
let queries: CosmosCohortHealthQueries;

beforeAll(async () => {
  cosmos = await startTestCosmos();
  const programs = cosmos.db.container("programs");
  queries = new CosmosCohortHealthQueries(programs, { pageSize: 2 });
  const docs: object[] = [];
  for (const [tenant, cohort] of [[TENANT, "c1"], [TENANT, "c2"], ["t-other", "c1"]] as const) {
    for (let i = 0; i < 5; i++) {
      const pair = pairDoc(tenant, cohort, person(`m${i}`, `Mentor ${i}`, "A"), person(`e${i}`, `Exec ${i}`, i % 2 === 0 ? "B" : "A"));
      const session = sessionDoc(pair, 0, { state: "held", start: "2024-03-04T10:00:00Z", end: "2024-03-04T10:30:00Z" });
      docs.push(pair, session, feedbackDoc(session, "mentor", 1 + i), enrolmentDoc(tenant, cohort, `m${i}`, "mentor", `2024-01-0${1 + i}T09:00:00Z`));
    }
  }
  await seed(programs, docs);
});
afterAll(async () => cosmos?.stop());

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    expect(page.length).toBeLessThanOrEqual(2);
    all.push(...page);
  }
  return all;
}

it("streams every document of one cohort exactly once, page by page, in id order", async () => {
  const pairs = await collect(queries.pairPages(TENANT, "c1"));
  expect(pairs.map((p) => p.id)).toEqual([0, 1, 2, 3, 4].map((i) => `c1_m${i}_e${i}`));
  expect(pairs.every((p) => p.tenantId === TENANT && p.cohortId === "c1" && typeof p.etag === "string" && !("_rid" in p))).toBe(true);
  expect((await collect(queries.sessionPages(TENANT, "c1"))).map((s) => s.id)).toEqual([0, 1, 2, 3, 4].map((i) => `c1_m${i}_e${i}_s0`));
  expect((await collect(queries.feedbackPages(TENANT, "c1"))).map((f) => f.rating).sort()).toEqual([1, 2, 3, 4, 5]);
});

it("counts and streams facts for the cohort only", async () => {
  expect(await queries.pairStats(TENANT, "c1")).toEqual({ byState: { proposed: 0, active: 5, paused: 0, ended: 0, vetoed: 0 }, withDepartments: 5, crossDepartment: 3 });
  expect(await queries.ratingHistogram(TENANT, "c1")).toEqual([1, 1, 1, 1, 1]);
  const facts = [];
  for await (const fact of queries.sessionFacts(TENANT, "c1")) facts.push(fact);
  expect(facts).toHaveLength(5);
  const enrolments = [];
  for await (const fact of queries.enrolments(TENANT, "c1")) enrolments.push(fact);
  expect(enrolments.map((e) => e.createdAt).sort()).toEqual([1, 2, 3, 4, 5].map((d) => `2024-01-0${d}T09:00:00Z`));
  expect(await queries.pairStats(TENANT, "no-such-cohort")).toEqual({ byState: { proposed: 0, active: 0, paused: 0, ended: 0, vetoed: 0 }, withDepartments: 0, crossDepartment: 0 });
});
