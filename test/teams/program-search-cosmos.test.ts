// CosmosProgramSearch against the embedded Cosmos DB (real SDK over HTTPS): which cohorts and mentors the
// messaging extension may see, what is shared, stable order and skip/count paging. Time comes from a fixed
// test clock, and every date in the data is relative to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosCohortRepository } from "../../src/adapters/cosmos/cohort-repository.js";
import { CosmosEnrolmentRepository } from "../../src/adapters/cosmos/enrolment-repository.js";
import { CosmosProgramSearch } from "../../src/adapters/cosmos/program-search-cosmos.js";
import type { Enrolment } from "../../src/app/enrolment/enrolment-ports.js";
import { withCohortDefaults, type CohortState } from "../../src/domain/cohort/index.js";
import { startTestCosmos, type TestCosmos } from "../helpers/test-cosmos.js";

const TENANT = "0d1e2f3a-1111-4222-8333-944455556666";
const OTHER_TENANT = "9f8e7d6c-1111-4222-8333-944455556666";
const NOW = Date.UTC(2031, 4, 12, 9, 0, 0);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

let cosmos: TestCosmos;
let search: CosmosProgramSearch;

async function cohort(tenantId: string, id: string, name: string, state: CohortState, closesInDays: number): Promise<void> {
  await new CosmosCohortRepository(cosmos.db.container("programs")).create({
    id,
    tenantId,
    state,
    settings: withCohortDefaults({ name, enrolment: { opensAt: iso(NOW - 5 * DAY), closesAt: iso(NOW + closesInDays * DAY) } }),
    createdAt: iso(NOW - 10 * DAY),
    updatedAt: iso(NOW - 10 * DAY),
    createdBy: "admin-1",
  });
}

async function mentor(
  tenantId: string,
  cohortId: string,
  userId: string,
  displayName: string,
  skills: string[],
  role: "mentor" | "mentee" = "mentor",
  sharing?: Enrolment["sharing"],
): Promise<void> {
  const enrolment: Enrolment = {
    id: "",
    tenantId,
    cohortId,
    userId,
    role,
    profile: { displayName, jobTitle: "Graduate analyst", department: "Finance", officeLocation: "Leeds", timeZone: "Europe/London", managerId: null },
    skills,
    tags: ["secret hobby"],
    languages: ["en"],
    preferences: { note: "mornings", preferOtherDepartment: false, inPerson: false },
    ...(sharing ? { sharing } : {}),
    consent: { accepted: true, textVersion: "2026-01", acceptedAt: iso(NOW - DAY) },
    createdAt: iso(NOW - DAY),
    updatedAt: iso(NOW - DAY),
  };
  await new CosmosEnrolmentRepository(cosmos.db.container("programs")).create(enrolment);
}

beforeAll(async () => {
  cosmos = await startTestCosmos();
  search = new CosmosProgramSearch(cosmos.db.container("programs"), { now: () => NOW });
  await cohort(TENANT, "c-later", "AI for leaders (autumn)", "enrolling", 40);
  await cohort(TENANT, "c-soon", "AI for leaders (spring)", "enrolling", 10);
  await cohort(TENANT, "c-matching", "Hybrid work", "matching", 2);
  await cohort(TENANT, "c-draft", "AI draft", "draft", 20);
  await cohort(TENANT, "c-closed", "AI of the past", "closed", -30);
  await cohort(OTHER_TENANT, "c-other", "AI at Fabrikam", "enrolling", 5);
  await mentor(TENANT, "c-soon", "u-zoe", "Zoë Adams", ["genai-tools"]);
  await mentor(TENANT, "c-later", "u-ben", "Ben Okafor", ["power-bi", "genai-tools"]);
  await mentor(TENANT, "c-matching", "u-amy", "Amy Chen", ["prompt-writing"]);
  await mentor(TENANT, "c-soon", "u-exec", "Erin Exec", ["genai-tools"], "mentee");
  await mentor(TENANT, "c-closed", "u-old", "Olga Old", ["genai-tools"]);
  await mentor(OTHER_TENANT, "c-other", "u-fab", "Fay Fabrikam", ["genai-tools"]);
  await mentor(TENANT, "c-later", "u-quinn", "Quinn Quiet", ["genai-tools"], "mentor", { discoverable: false, fields: ["skills", "jobTitle"] });
  await mentor(TENANT, "c-later", "u-olu", "Olu Open", ["power-bi"], "mentor", { discoverable: true, fields: ["jobTitle", "officeLocation", "languages"] });
});
afterAll(async () => cosmos?.stop());

describe("CosmosProgramSearch", () => {
  it("finds announced cohorts by name, soonest first, never drafts or another tenant's", async () => {
    const page = await search.findCohorts({ tenantId: TENANT, text: "ai", skip: 0, count: 25 });
    expect(page.items.map((c) => c.id)).toEqual(["c-closed", "c-soon", "c-later"]);
    expect(page.hasMore).toBe(false);
    const soon = page.items[1]!;
    expect(soon).toMatchObject({ name: "AI for leaders (spring)", enrolment: "open", enrolmentClosesOn: iso(NOW + 10 * DAY).slice(0, 10), cadence: { sessions: 6, minutes: 30, everyWeeks: 2 } });
    expect(page.items[0]).toMatchObject({ enrolment: "closed", enrolmentClosesOn: null });
  });

  it("pages cohorts with skip/count and says whether more follow", async () => {
    const first = await search.findCohorts({ tenantId: TENANT, text: "", skip: 0, count: 2 });
    const second = await search.findCohorts({ tenantId: TENANT, text: "", skip: 2, count: 2 });
    expect(first).toEqual({ items: [expect.objectContaining({ id: "c-closed" }), expect.objectContaining({ id: "c-matching" })], hasMore: true });
    expect(second.items.map((c) => c.id)).toEqual(["c-soon", "c-later"]);
    expect(second.hasMore).toBe(false);
  });

  it("getCohort and listOpenCohorts stay in the tenant and hide drafts", async () => {
    expect((await search.getCohort(TENANT, "c-soon"))?.name).toBe("AI for leaders (spring)");
    expect(await search.getCohort(TENANT, "c-draft")).toBeNull();
    expect(await search.getCohort(TENANT, "c-other")).toBeNull();
    expect((await search.listOpenCohorts(TENANT, 10)).map((c) => c.id)).toEqual(["c-soon", "c-later"]);
    expect((await search.listOpenCohorts(TENANT, 1)).map((c) => c.id)).toEqual(["c-soon"]);
  });

  it("shows exactly the details a mentor chose to share, and never finds one who chose not to be found", async () => {
    const olu = await search.findMentors({ tenantId: TENANT, by: "name", text: "olu", skip: 0, count: 25 });
    expect(olu.items).toEqual([
      { userId: "u-olu", displayName: "Olu Open", shared: { jobTitle: "Graduate analyst", officeLocation: "Leeds", languages: ["en"] }, cohort: { id: "c-later", name: "AI for leaders (autumn)" } },
    ]);
    // Skills are not among Olu's shared details, so a skill search does not reveal them either.
    expect((await search.findMentors({ tenantId: TENANT, by: "skill", text: "power bi", skip: 0, count: 25 })).items.map((m) => m.userId)).toEqual(["u-ben"]);
    for (const by of ["name", "skill", "any"] as const) {
      const found = await search.findMentors({ tenantId: TENANT, by, text: by === "skill" ? "generative" : "quinn", skip: 0, count: 25 });
      expect(found.items.map((m) => m.userId)).not.toContain("u-quinn");
    }
  });

  it("finds mentors of cohorts that are not closed by skill label, by name order, sharing only name and skills", async () => {
    const page = await search.findMentors({ tenantId: TENANT, by: "skill", text: "generative ai", skip: 0, count: 25 });
    expect(page.items).toEqual([
      { userId: "u-ben", displayName: "Ben Okafor", shared: { skills: ["Power BI", "Generative AI tools (Copilot, ChatGPT)"] }, cohort: { id: "c-later", name: "AI for leaders (autumn)" } },
      { userId: "u-zoe", displayName: "Zoë Adams", shared: { skills: ["Generative AI tools (Copilot, ChatGPT)"] }, cohort: { id: "c-soon", name: "AI for leaders (spring)" } },
    ]);
    expect(page.hasMore).toBe(false);
  });

  it("matches names case-insensitively, 'any' on name or skill, and pages mentors", async () => {
    expect((await search.findMentors({ tenantId: TENANT, by: "name", text: "AMY", skip: 0, count: 25 })).items.map((m) => m.userId)).toEqual(["u-amy"]);
    expect((await search.findMentors({ tenantId: TENANT, by: "name", text: "power", skip: 0, count: 25 })).items).toEqual([]);
    expect((await search.findMentors({ tenantId: TENANT, by: "any", text: "prompt", skip: 0, count: 25 })).items.map((m) => m.userId)).toEqual(["u-amy"]);
    const first = await search.findMentors({ tenantId: TENANT, by: "any", text: "", skip: 0, count: 2 });
    expect(first.items.map((m) => m.userId)).toEqual(["u-amy", "u-ben"]);
    expect(first.hasMore).toBe(true);
    const rest = await search.findMentors({ tenantId: TENANT, by: "any", text: "", skip: 2, count: 2 });
    expect(rest).toEqual({ items: [expect.objectContaining({ userId: "u-olu" }), expect.objectContaining({ userId: "u-zoe" })], hasMore: false });
    expect((await search.findMentors({ tenantId: OTHER_TENANT, by: "any", text: "", skip: 0, count: 25 })).items.map((m) => m.userId)).toEqual(["u-fab"]);
  });
});
