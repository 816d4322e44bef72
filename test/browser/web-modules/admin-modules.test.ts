// The admin screens' modules that need no browser: the cohort form's conversions to and from the API,
// the Admin area's hash routes, pair filters, chart scales, the bad-data rows, the admin decoders, and the
// API client's request headers and authenticated downloads (over real HTTP).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCohort, decodeCohortHealth, decodeCohortPage, decodeProposal, decodeSyncReport } from "../../../src/web/api/admin-decoders.js";
import type { CohortSettings, ProposedPair } from "../../../src/web/api/admin-types.js";
import { ApiClient } from "../../../src/web/api/client.js";
import { ApiError } from "../../../src/web/api/problem.js";
import { adminHash, parseAdminRoute } from "../../../src/web/areas/admin/admin-route.js";
import { cohortFormFrom, cohortInput, emptyCohortForm, instant, localDateTime } from "../../../src/web/areas/admin/cohort-form.js";
import { badDataRows } from "../../../src/web/areas/admin/bad-data-rows.js";
import { filterPairs } from "../../../src/web/areas/admin/proposal-filter.js";
import { labelEvery, niceMax } from "../../../src/web/components/charts/chart-scale.js";

const SETTINGS: CohortSettings = {
  name: "Spring 2030",
  enrolment: { opensAt: "2030-01-01T08:00:00.000Z", closesAt: "2030-01-31T17:30:00.000Z" },
  cadence: { everyWeeks: 2, sessionMinutes: 45, sessions: 6 },
  eligibility: {
    mentor: { levels: { min: 4, max: null }, titlePattern: "engineer", departments: ["Engineering", "Data"], groups: null },
    mentee: { levels: { min: 0, max: 2 }, titlePattern: null, departments: null, groups: ["6f1b2c3d-0000-4000-8000-000000000001"] },
  },
  constraints: { minLevelGap: 3, separationLevel: 1, sameDepartment: "forbid", maxTimeZoneDistanceHours: 6 },
  weights: { base: 1, skillMatch: 10, differentDepartment: 3, differentDivision: 3, differentLocation: 1, sharedLanguage: 2, diversity: 2, sharedWorkingTime: 2.5, sameDepartmentPenalty: 5 },
  diversityAttributes: ["generation"],
  menteeCapacity: 2,
  organiserMode: "programMailbox",
  programMailbox: "mentoring@contoso.example",
  objective: "maxMatchedThenScore",
};

describe("cohort form", () => {
  it("turns a stored cohort into the form and back into the same settings", () => {
    expect(cohortInput(cohortFormFrom(SETTINGS))).toEqual(SETTINGS);
  });

  it("sends empty optional boxes as 'the default' (omitted) or 'off' (null), never as 0", () => {
    const form = { ...emptyCohortForm(), name: "  New  " };
    const body = cohortInput(form);
    expect(body.name).toBe("New");
    expect(body.cadence).toEqual({});
    expect(body.weights).toEqual({});
    expect(body.constraints).toEqual({ separationLevel: null, sameDepartment: "penalise", maxTimeZoneDistanceHours: null });
    expect(body.eligibility).toEqual({ mentor: { levels: null, titlePattern: null, departments: null, groups: null }, mentee: { levels: null, titlePattern: null, departments: null, groups: null } });
    expect(body).not.toHaveProperty("menteeCapacity");
    expect(body.diversityAttributes).toEqual([]);
    expect(body.programMailbox).toBeNull();
  });

  it("sends what it cannot read as typed, so the server names the field", () => {
    const form = { ...emptyCohortForm(), everyWeeks: "two", opensAt: "", closesAt: "not a date" };
    const body = cohortInput(form) as { cadence: unknown; enrolment: unknown };
    expect(body.cadence).toEqual({ everyWeeks: "two" });
    expect(body.enrolment).toEqual({ opensAt: "", closesAt: "not a date" });
  });

  it("keeps one half of a level range and reads comma lists", () => {
    const form = emptyCohortForm();
    form.mentor = { ...form.mentor, levelMax: "5", departments: " Sales, ,Legal " };
    const body = cohortInput(form) as { eligibility: { mentor: unknown } };
    expect(body.eligibility.mentor).toEqual({ levels: { min: null, max: 5 }, titlePattern: null, departments: ["Sales", "Legal"], groups: null });
  });

  it("converts between the admin's local datetime text and UTC instants without losing a minute", () => {
    expect(localDateTime(instant("2030-03-31T01:30"))).toBe("2030-03-31T01:30");
    expect(instant(localDateTime("2030-07-01T12:45:00Z"))).toBe("2030-07-01T12:45:00.000Z");
    expect(localDateTime("nonsense")).toBe("");
  });
});

describe("admin routes", () => {
  it("reads and writes the places inside the Admin area", () => {
    expect(parseAdminRoute("#/admin")).toEqual({ screen: "home" });
    expect(parseAdminRoute("#/admin/cohorts/new")).toEqual({ screen: "new-cohort" });
    expect(parseAdminRoute("#/admin/cohorts/abc/matching")).toEqual({ screen: "cohort", cohortId: "abc", tab: "matching" });
    expect(parseAdminRoute("#/admin/cohorts/abc/nonsense")).toEqual({ screen: "cohort", cohortId: "abc", tab: "settings" });
    expect(parseAdminRoute("#/programme")).toEqual({ screen: "home" });
    const route = { screen: "cohort", cohortId: "a/b c", tab: "health" } as const;
    expect(parseAdminRoute(adminHash(route))).toEqual(route);
  });
});

describe("proposal filters", () => {
  const pair = (id: string, mentor: string, dept: string, score: number, locked: boolean): ProposedPair => ({
    id,
    mentor: { id: `m-${id}`, displayName: mentor, jobTitle: null, department: dept },
    mentee: { id: `e-${id}`, displayName: `Exec ${id}`, jobTitle: "VP", department: "Finance" },
    score,
    locked,
    sharedMinutesPerWeek: 0,
    reasons: [],
    state: "proposed",
    veto: null,
  });
  const pairs = [pair("1", "Ana", "Sales", 12, false), pair("2", "Ben", "Legal", 20, true), pair("3", "Cleo", "Sales", 8, true)];

  it("filters by name or department (either person), minimum score and locks, together", () => {
    expect(filterPairs(pairs, { text: "sales", minScore: "", lockedOnly: false }).map((p) => p.id)).toEqual(["1", "3"]);
    expect(filterPairs(pairs, { text: "finance", minScore: "10", lockedOnly: false }).map((p) => p.id)).toEqual(["1", "2"]);
    expect(filterPairs(pairs, { text: "", minScore: "", lockedOnly: true }).map((p) => p.id)).toEqual(["2", "3"]);
    expect(filterPairs(pairs, { text: "sales", minScore: "10", lockedOnly: true })).toEqual([]);
  });
});

describe("charts", () => {
  it("rounds the axis up to 1, 2 or 5 × 10ⁿ and never to zero", () => {
    expect([0, 1, 3, 7, 12, 180, 1000].map((m) => niceMax([m]))).toEqual([1, 1, 5, 10, 20, 200, 1000]);
    expect(niceMax([])).toBe(1);
  });

  it("labels every nth category so that at most the given number show", () => {
    expect(labelEvery(5, 6)).toBe(1);
    expect(labelEvery(52, 6)).toBe(9);
  });
});

const REPORT = {
  mode: "delta",
  people: 10,
  changesRead: 3,
  written: 3,
  deleted: 1,
  roots: 2,
  missingManagers: { count: 2, sample: [{ id: "u1", managerId: "gone", kind: "unknownManager", affected: 3 }, { id: "u2", managerId: null, kind: "noManager", affected: 1 }] },
  cycles: [{ members: ["a", "b"] }],
  underCycle: { count: 0, sample: [] },
  detached: 4,
  disabled: { count: 1, sample: ["d1"] },
  guests: { count: 0, sample: [] },
  noMail: { count: 7, sample: ["n1", "n2"] },
  duplicateIds: [],
  finishedAt: "2030-01-01T00:00:00Z",
};

describe("directory report", () => {
  it("lists every kind of bad data with its exact count and examples", () => {
    const rows = badDataRows(decodeSyncReport(REPORT));
    expect(rows.map((r) => [r.kind, r.count, r.sample])).toEqual([
      ["missingManagers", 2, ["u1 → gone", "u2"]],
      ["cycles", 1, ["a → b"]],
      ["underCycle", 0, []],
      ["disabled", 1, ["d1"]],
      ["guests", 0, []],
      ["noMail", 7, ["n1", "n2"]],
      ["duplicateIds", 0, []],
    ]);
  });
});

describe("admin decoders", () => {
  it("turns the cohort list into the paged shape and fills a cohort's rules", () => {
    const page = decodeCohortPage({ cohorts: [{ id: "c", name: "N", state: "draft", enrolmentOpensOn: "2030-01-01", enrolmentClosesOn: "2030-01-02", enrolled: { mentors: 1, mentees: 0 }, etag: '"1"' }], continuationToken: null });
    expect(page.items[0]?.etag).toBe('"1"');
    const cohort = decodeCohort({
      id: "c",
      name: "N",
      state: "enrolling",
      allowedTransitions: ["matching", "closed"],
      enrolmentOpensOn: "2030-01-01",
      enrolmentClosesOn: "2030-01-31",
      settings: { ...SETTINGS, eligibility: { mentor: {}, mentee: { titlePattern: "VP" } } },
      enrolled: { mentors: 0, mentees: 0 },
      createdAt: "x",
      updatedAt: "x",
      etag: '"2"',
    });
    expect(cohort.settings.eligibility.mentor).toEqual({ levels: null, titlePattern: null, departments: null, groups: null });
    expect(cohort.settings.eligibility.mentee.titlePattern).toBe("VP");
  });

  it("names the part of an answer that is wrong", () => {
    expect(() => decodeProposal({ cohortId: "c", version: 1, createdAt: "x", updatedAt: "x", publishedAt: null, stats: {} })).toThrow("proposal.stats.mentors should be a number.");
    expect(() => decodeCohortHealth({ cohortId: "c", generatedAt: "x", enrolment: { mentors: 0, mentees: 0, overTime: [] }, pairs: { proposed: 0, active: 0, paused: 0, ended: 0, vetoed: 0, crossDepartmentShare: 0 }, sessions: { byState: {}, total: 0, held: 0, plannedToDate: 0, heldRate: 0, declinesReslotted: 0, unschedulable: 0, calendarsUnreadable: 0, byWeek: [] }, feedback: { count: 0, averageRating: null, histogram: [1, 2] } })).toThrow("health.feedback.histogram should be five counts (ratings 1–5).");
  });
});

describe("API client: headers and downloads", () => {
  const seen: Array<{ method: string; url: string; headers: IncomingMessage["headers"] }> = [];
  let handler: (req: IncomingMessage, res: ServerResponse) => void;
  let baseUrl = "";
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const client = () => new ApiClient({ baseUrl, tokens: { getToken: async () => "token-1", renew: async () => "token-2" } });

  it("sends If-Match with a change, and a 412 arrives as an ApiError with status 412", async () => {
    handler = (_req, res) => {
      res.writeHead(412, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "urn:x:precondition-failed", title: "The resource changed since it was read", status: 412, detail: "read it again" }));
    };
    const error = await client().put("/api/admin/cohorts/c", { name: "x" }, () => null, { headers: { "If-Match": '"7"' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(412);
    expect(seen.at(-1)?.headers["if-match"]).toBe('"7"');
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer token-1");
  });

  it("downloads a file with the Bearer token, renewing once on 401, and reads its file name", async () => {
    let calls = 0;
    handler = (req, res) => {
      calls++;
      if (req.headers.authorization !== "Bearer token-2") {
        res.writeHead(401, { "content-type": "application/problem+json" });
        res.end(JSON.stringify({ type: "about:blank", title: "Authentication required", status: 401 }));
        return;
      }
      res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="spring-pairs.csv"' });
      res.end("mentor,mentee\r\n'=cmd,Dana\r\n");
    };
    const file = await client().download("/api/admin/cohorts/c/export?kind=pairs", { headers: { Accept: "text/csv" } });
    expect(calls).toBe(2);
    expect(file.filename).toBe("spring-pairs.csv");
    expect(await file.blob.text()).toBe("mentor,mentee\r\n'=cmd,Dana\r\n");
    expect(seen.at(-1)?.headers.accept).toBe("text/csv");
  });

  it("a failed download is an ApiError with the server's detail, not a file", async () => {
    handler = (_req, res) => {
      res.writeHead(404, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ type: "about:blank", title: "Not found", status: 404, detail: "No cohort c." }));
    };
    await expect(client().download("/api/admin/cohorts/c/export?kind=pairs")).rejects.toMatchObject({ status: 404, detail: "No cohort c." });
  });
});
