// Loading an organisation from a JSON fixture: the shipped example loads, bad fixtures fail naming the JSON path,
// and a fixture tenant is served over Graph.
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import { FixtureError, jsonPath, loadFixture, parseFixture } from "../../src/devtenant/org/fixture.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp } from "./sdk-clients.js";

const EXAMPLE = join(import.meta.dirname, "../fixtures/small-org.json");
const example = (): { tenant: Record<string, unknown>; people: Array<Record<string, unknown>> } => JSON.parse(readFileSync(EXAMPLE, "utf8"));

function problemsOf(data: unknown): string[] {
  try {
    parseFixture(data, "test.json");
  } catch (error) {
    if (error instanceof FixtureError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseFixture", () => {
  it("loads the shipped example with flags, levels and busy blocks", async () => {
    const org = await loadFixture(EXAMPLE);
    expect(org.tenant).toEqual({ displayName: "Northwind", domain: "northwind.example", tenantId: "11111111-2222-4333-8444-555555555555" });
    expect(org.people).toHaveLength(12);
    const byName = new Map(org.people.map((p) => [p.givenName, p]));
    expect(byName.get("Ada")).toMatchObject({ generatedLevel: 0, managerId: null, userPrincipalName: "ada.okafor@northwind.example", mail: "ada.okafor@northwind.example" });
    expect(byName.get("Bruno")?.generatedLevel).toBe(1);
    expect(byName.get("Felix")?.generatedLevel).toBe(4);
    expect(byName.get("Hana")).toMatchObject({ isProgramAdmin: true, timeZone: "UTC", workingHours: { timeZone: "Pacific Standard Time", startTime: "08:00:00", endTime: "16:00:00" } });
    expect(byName.get("Ivan")?.accountEnabled).toBe(false);
    expect(byName.get("Julia")).toMatchObject({ hasMailbox: false, mail: null });
    expect(byName.get("Kofi")).toMatchObject({ userType: "Guest", hasMailbox: false, mail: "kofi.owusu@partner.example" });
    expect(byName.get("Chitra")?.workingHours.timeZone).toBe("India Standard Time");
    expect(byName.get("Bruno")?.responseProfile).toEqual({ accept: 0.6, tentative: 0.15, decline: 0.15, delayMinutes: 120, laterConflict: 0.1 });
    expect(org.busy.get(byName.get("Bruno")?.id as string)).toEqual([
      { start: "2030-03-05T14:00:00Z", end: "2030-03-05T15:00:00Z", status: "busy", subject: "Engineering staff meeting", weeklyOccurrences: 12 },
      { start: "2030-03-08T00:00:00Z", end: "2030-03-09T00:00:00Z", status: "oof", subject: "Out of office" },
    ]);
  });

  it("names the JSON path of schema violations", () => {
    const data = example();
    delete data.people[2]?.["timeZone"];
    (data.people[4] as Record<string, unknown>)["nickname"] = "x";
    ((data.people[5] as Record<string, unknown>)["workingHours"] as Record<string, unknown>)["startTime"] = "9am";
    ((data.people[1] as Record<string, unknown>)["busy"] as Array<Record<string, unknown>>)[0]!["status"] = "away";
    const problems = problemsOf(data);
    expect(problems).toContain("$.people[2]: missing required property 'timeZone'");
    expect(problems).toContain("$.people[4]: unknown property 'nickname'");
    expect(problems.some((p) => p.startsWith("$.people[5].workingHours.startTime: "))).toBe(true);
    expect(problems.some((p) => p.startsWith("$.people[1].busy[0].status: must be one of"))).toBe(true);
  });

  it("checks what the schema cannot: references, uniqueness, zones and ranges", () => {
    const data = example();
    data.people[3]!["managerId"] = "99999999-9999-4999-8999-999999999999";
    data.people[6]!["id"] = data.people[5]!["id"];
    data.people[7]!["timeZone"] = "Mars Standard Time";
    data.people[8]!["workingHours"] = { daysOfWeek: ["monday"], startTime: "17:00", endTime: "09:00" };
    data.people[9]!["userPrincipalName"] = "ada.okafor@northwind.example";
    data.people[0]!["responseProfile"] = { accept: 0.9, tentative: 0.2, decline: 0 };
    const problems = problemsOf(data);
    expect(problems).toEqual(
      expect.arrayContaining([
        "$.people[3].managerId: no person with id 99999999-9999-4999-8999-999999999999",
        "$.people[6].id: duplicate id (also $.people[5].id)",
        "$.people[7].timeZone: 'Mars Standard Time' is not a Windows time zone name",
        "$.people[8].workingHours: startTime must be before endTime",
        "$.people[9].userPrincipalName: the address ada.okafor@northwind.example is used by another person",
        "$.people[0].responseProfile: accept + tentative + decline must not exceed 1",
      ]),
    );
  });

  it("gives people in a manager cycle the cycle level", () => {
    const data = example();
    data.people[5]!["managerId"] = data.people[6]!["id"];
    data.people[6]!["managerId"] = data.people[5]!["id"];
    const org = parseFixture(data);
    expect(org.people[5]?.generatedLevel).toBe(100);
    expect(org.people[6]?.generatedLevel).toBe(100);
    expect(org.people[4]?.generatedLevel).toBe(3);
  });

  it("reports unreadable and non-JSON files clearly", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fixture-test-"));
    const broken = join(dir, "broken.json");
    await writeFile(broken, "{ not json");
    await expect(loadFixture(broken)).rejects.toThrow(/\$: not valid JSON/);
    await expect(loadFixture(join(dir, "missing.json"))).rejects.toThrow(/Cannot read the dev tenant fixture/);
  });

  it("formats JSON paths", () => {
    expect(jsonPath("")).toBe("$");
    expect(jsonPath("/people/3/workingHours/daysOfWeek/0")).toBe("$.people[3].workingHours.daysOfWeek[0]");
    expect(jsonPath("/a~1b")).toBe('$["a/b"]');
  });
});

describe("a dev tenant started from the fixture", () => {
  let dev: DevTenant;
  beforeAll(async () => {
    dev = await startDevTenant({ fixturePath: EXAMPLE, extraTenants: [] });
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it("serves exactly the fixture's people through Graph", async () => {
    expect(dev.tenants).toEqual([{ tenantId: "11111111-2222-4333-8444-555555555555", displayName: "Northwind", domain: "northwind.example" }]);
    const agent = devTenantAgent(dev);
    const client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, dev.tenants[0]!.tenantId, agent)));
    const page = await client.api("/users").select("id,displayName,accountEnabled").get();
    expect(page.value).toHaveLength(12);
    const fixture = example();
    expect(new Set(page.value.map((u: { id: string }) => u.id))).toEqual(new Set(fixture.people.map((p) => p["id"])));
    const manager = await client.api("/users/felix.tan@northwind.example/manager").select("displayName").get();
    expect(manager.displayName).toBe("Elif Yilmaz");
    await agent.close();
  });
});
