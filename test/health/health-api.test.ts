// Feedback, the cohort health dashboard and CSV export over real HTTP (the app against the dev tenant
// and the embedded Cosmos DB). Pairs, sessions, enrolments and feedback are written straight into Cosmos
// in the shapes the matching and scheduling work stores. Past sessions sit in 2024 and future ones in
// 2090, so nothing depends on today's date.
import type { Container } from "@azure/cosmos";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Pair } from "../../src/app/pairs/pair-model.js";
import type { Session } from "../../src/app/scheduling/session-model.js";
import { startTestApp, type ApiResponse, type TestApp } from "../helpers/test-app.js";
import { enrolmentDoc, feedbackDoc, historyEntry, pairDoc, person, seed, sessionDoc } from "./seed-programme.js";

interface Problem {
  type: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

let t: TestApp;
let programs: Container;
let admin: string;
let mentorToken: string;
let menteeToken: string;
let outsiderToken: string;
let cohortId: string;
let pairs: Record<"p1" | "p2" | "p3" | "p4" | "p5", Pair>;
let sessions: Record<"held" | "accepted" | "cancelled" | "future" | "unreadable" | "noTime" | "declined", Session>;

const at = (iso: string, minutes = 30) => ({ start: iso, end: new Date(Date.parse(iso) + minutes * 60_000).toISOString() });

beforeAll(async () => {
  t = await startTestApp();
  programs = t.server.cosmos.container("programs");
  admin = await t.signInAs("admin");
  const mentor = await t.person("employee", undefined, 0);
  const outsider = await t.person("employee", undefined, 1);
  const mentee = await t.person("executive");
  mentorToken = await t.signIn(mentor.id);
  menteeToken = await t.signIn(mentee.id);
  outsiderToken = await t.signIn(outsider.id);
  const now = Date.now();
  const created = await t.api<{ id: string }>("POST", "/api/admin/cohorts", {
    token: admin,
    body: { name: "Health check cohort", enrolment: { opensAt: new Date(now - 86_400_000).toISOString(), closesAt: new Date(now + 30 * 86_400_000).toISOString() } },
  });
  expect(created.status, created.text).toBe(201);
  cohortId = created.body.id;
  const tenant = t.tenantIds[0]!;
  pairs = {
    p1: pairDoc(tenant, cohortId, person(mentor.id, mentor.displayName, "Engineering"), person(mentee.id, mentee.displayName, "Sales")),
    p2: pairDoc(tenant, cohortId, person("m2", "=HYPERLINK(\"https://evil.example\")", "Sales"), person("e2", "Dana \"DJ\" Jones", "sales")),
    p3: pairDoc(tenant, cohortId, person("m3", "Ann", null), person("e3", "Bo", "Legal, EMEA"), { state: "paused" }),
    p4: pairDoc(tenant, cohortId, person("m4", "Cy", "A"), person("e4", "Di", "B"), { state: "vetoed", veto: { reason: "no", at: "2030-01-01T00:00:00Z" } }),
    p5: pairDoc(tenant, cohortId, person("m5", "Ed", "Finance"), person("e5", "Flo", "Legal"), { state: "proposed", publishedAt: null }),
  };
  sessions = {
    held: sessionDoc(pairs.p1, 0, { state: "held", ...at("2024-03-04T10:00:00Z"), attendeeResponse: "accepted" }),
    accepted: sessionDoc(pairs.p1, 1, { state: "accepted", ...at("2024-03-10T10:00:00Z") }),
    cancelled: sessionDoc(pairs.p1, 2, { state: "cancelled", ...at("2024-03-11T10:00:00Z") }),
    future: sessionDoc(pairs.p1, 3, {
      state: "rescheduled",
      ...at("2090-01-02T10:00:00Z"),
      reslotCount: 1,
      history: [historyEntry("booked", "booked"), historyEntry("responded", "declined"), historyEntry("reslotted", "rescheduled")],
    }),
    unreadable: sessionDoc(pairs.p1, 4, { state: "planned", start: null, end: null, eventId: null, problem: { code: "calendarUnreadable", message: "Could not read the calendar", who: "mentee" } }),
    noTime: sessionDoc(pairs.p1, 5, { state: "planned", start: null, end: null, eventId: null, problem: { code: "noCommonFreeTime", message: "No common free time" } }),
    declined: sessionDoc(pairs.p2, 0, { state: "declined", ...at("2024-03-12T10:00:00Z"), attendeeResponse: "declined" }),
  };
  // Another organisation's documents under the same cohort id must never count.
  const other = t.tenantIds[1]!;
  const foreignPair = pairDoc(other, cohortId, person("fm", "Foreign", "X"), person("fe", "Other", "Y"));
  await seed(programs, [
    ...Object.values(pairs),
    ...Object.values(sessions),
    feedbackDoc(sessions.held, "mentee", 5, "-1+1 was fun\nsecond line"),
    feedbackDoc(sessions.accepted, "mentee", 2),
    enrolmentDoc(tenant, cohortId, "u1", "mentor", "2024-01-01T09:00:00Z"),
    enrolmentDoc(tenant, cohortId, "u2", "mentee", "2024-01-01T15:00:00Z"),
    enrolmentDoc(tenant, cohortId, "u3", "mentor", "2024-01-03T08:00:00Z"),
    foreignPair,
    sessionDoc(foreignPair, 0, { state: "held", ...at("2024-03-04T10:00:00Z") }),
    feedbackDoc(sessionDoc(foreignPair, 0), "mentor", 1),
    enrolmentDoc(other, cohortId, "u9", "mentee", "2024-01-02T09:00:00Z"),
  ]);
});
afterAll(async () => t?.stop());

function problem(res: ApiResponse, status: number): Problem {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  return res.body as Problem;
}

const feedbackPath = (s: Session) => `/api/me/sessions/${encodeURIComponent(s.id)}/feedback`;

describe("session feedback", () => {
  it("lets a participant give feedback once after the session, and change it with PUT", async () => {
    const given = await t.api<{ rating: number; comment: string | null; createdAt: string }>("POST", feedbackPath(sessions.held), { token: mentorToken, body: { rating: 5, comment: "  Learned a lot  " } });
    expect(given.status, given.text).toBe(201);
    expect(given.body).toEqual({ rating: 5, comment: "Learned a lot", createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });

    const again = problem(await t.api("POST", feedbackPath(sessions.held), { token: mentorToken, body: { rating: 3 } }), 409);
    expect(again.detail).toMatch(/already given feedback/);

    const changed = await t.api<{ rating: number; comment: string | null; createdAt: string }>("PUT", feedbackPath(sessions.held), { token: mentorToken, body: { rating: 4 } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ rating: 4, comment: null, createdAt: given.body.createdAt });
  });

  it("accepts feedback on a booked session whose end has passed (calendar not yet confirmed)", async () => {
    const res = await t.api("PUT", feedbackPath(sessions.accepted), { token: mentorToken, body: { rating: 3, comment: "ok" } });
    expect(res.status, res.text).toBe(200);
  });

  it("refuses people outside the session, sessions not over or not held, and unknown sessions", async () => {
    problem(await t.api("POST", feedbackPath(sessions.held), { token: outsiderToken, body: { rating: 5 } }), 403);
    expect(problem(await t.api("POST", feedbackPath(sessions.future), { token: menteeToken, body: { rating: 5 } }), 409).detail).toMatch(/when the session has ended/);
    expect(problem(await t.api("POST", feedbackPath(sessions.cancelled), { token: menteeToken, body: { rating: 5 } }), 409).detail).toMatch(/did not take place/);
    problem(await t.api("POST", "/api/me/sessions/no-such-session/feedback", { token: menteeToken, body: { rating: 5 } }), 404);
    // Someone from another organisation cannot even see that the session exists.
    const foreign = await t.signInAs("employee", t.tenantIds[1]);
    problem(await t.api("POST", feedbackPath(sessions.held), { token: foreign, body: { rating: 5 } }), 404);
  });

  it("names the invalid field", async () => {
    const cases: Array<[unknown, string]> = [
      [{ rating: 6 }, "rating"],
      [{ rating: 0 }, "rating"],
      [{ rating: 4.5 }, "rating"],
      [{ rating: "4" }, "rating"],
      [{}, "rating"],
      [{ rating: 4, comment: "x".repeat(2001) }, "comment"],
      [{ rating: 4, extra: true }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = problem(await t.api("POST", feedbackPath(sessions.held), { token: menteeToken, body }), 400);
      expect(res.errors?.map((e) => e.field), JSON.stringify(body)).toContain(field);
    }
  });
});

describe("cohort health dashboard", () => {
  it("computes enrolment, pairs, sessions and feedback from the cohort's documents only", async () => {
    // Feedback given through the API above is part of the numbers; make sure it is there whatever the order.
    await t.api("PUT", feedbackPath(sessions.held), { token: mentorToken, body: { rating: 4 } });
    await t.api("PUT", feedbackPath(sessions.accepted), { token: mentorToken, body: { rating: 3 } });
    const res = await t.api<Record<string, unknown>>("GET", `/api/admin/cohorts/${cohortId}/health`, { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      cohortId,
      generatedAt: expect.stringMatching(/Z$/),
      enrolment: { mentors: 2, mentees: 1, overTime: [{ date: "2024-01-01", mentors: 1, mentees: 1 }, { date: "2024-01-03", mentors: 2, mentees: 1 }] },
      pairs: { proposed: 1, active: 2, paused: 1, ended: 0, vetoed: 1, crossDepartmentShare: 0.6667 },
      sessions: {
        byState: { planned: 2, booked: 0, accepted: 1, tentative: 0, declined: 1, rescheduled: 1, held: 1, cancelled: 1 },
        total: 7,
        held: 1,
        plannedToDate: 3,
        heldRate: 0.3333,
        declinesReslotted: 1,
        unschedulable: 1,
        calendarsUnreadable: 1,
        byWeek: [
          { weekStart: "2024-03-04", planned: 2, held: 1, cancelled: 0 },
          { weekStart: "2024-03-11", planned: 1, held: 0, cancelled: 1 },
          { weekStart: "2090-01-02", planned: 1, held: 0, cancelled: 0 },
        ],
      },
      feedback: { count: 4, averageRating: 3.5, histogram: [0, 1, 1, 1, 1] },
    });
  });

  it("is for admins of the cohort's own organisation only", async () => {
    problem(await t.api("GET", `/api/admin/cohorts/${cohortId}/health`, { token: mentorToken }), 403);
    const foreignAdmin = await t.signInAs("admin", t.tenantIds[1]);
    problem(await t.api("GET", `/api/admin/cohorts/${cohortId}/health`, { token: foreignAdmin }), 404);
    problem(await t.api("GET", "/api/admin/cohorts/no-such-cohort/health", { token: admin }), 404);
  });
});

describe("CSV export", () => {
  function rows(text: string): string[] {
    return text.split("\r\n").filter((line, i, all) => line !== "" || i < all.length - 1);
  }

  it("exports pairs as RFC 4180 CSV with formula-looking cells defused", async () => {
    const res = await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=pairs`, { token: admin });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="cohort-${cohortId}-pairs-\\d{8}\\.csv"$`));
    const lines = rows(res.text);
    expect(lines[0]).toBe("pairId,state,mentorName,mentorJobTitle,mentorDepartment,menteeName,menteeJobTitle,menteeDepartment,score,locked,crossDepartment,publishedAt,endedAt");
    expect(lines).toHaveLength(6);
    expect(res.text.endsWith("\r\n")).toBe(true);
    const p2 = lines.find((l) => l.startsWith(`${pairs.p2.id},`));
    expect(p2).toBe(`${pairs.p2.id},active,"'=HYPERLINK(""https://evil.example"")",Engineer,Sales,"Dana ""DJ"" Jones",Engineer,sales,42,false,false,2030-01-02T00:00:00.000Z,`);
    expect(lines.find((l) => l.startsWith(`${pairs.p3.id},`))).toContain(`,paused,Ann,Engineer,,Bo,Engineer,"Legal, EMEA",42,false,,`);
  });

  it("exports sessions with the pair's names, and feedback with multi-line comments quoted", async () => {
    const sessionsCsv = await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=sessions`, { token: admin });
    expect(sessionsCsv.status).toBe(200);
    const lines = rows(sessionsCsv.text);
    expect(lines).toHaveLength(8);
    expect(lines.find((l) => l.startsWith(`${sessions.unreadable.id},`))).toContain(",5,6,planned,,,none,0,calendarUnreadable: Could not read the calendar,");
    expect(lines.find((l) => l.startsWith(`${sessions.declined.id},`))).toContain(`,"'=HYPERLINK(""https://evil.example"")","Dana ""DJ"" Jones",1,6,declined,`);

    const feedbackCsv = await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=feedback`, { token: admin });
    expect(feedbackCsv.status).toBe(200);
    expect(feedbackCsv.text).toContain(`${sessions.held.id},${pairs.p1.id},mentee,5,"'-1+1 was fun\nsecond line",2030-02-01T00:00:00.000Z\r\n`);
    expect(feedbackCsv.text).not.toContain("Foreign");
  });

  it("refuses non-admins, unknown kinds and other organisations' cohorts", async () => {
    problem(await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=pairs`, { token: mentorToken }), 403);
    expect(problem(await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=people`, { token: admin }), 400).errors?.[0]?.field).toBe("query.kind");
    const foreignAdmin = await t.signInAs("admin", t.tenantIds[1]);
    const foreign = problem(await t.api("GET", `/api/admin/cohorts/${cohortId}/export?kind=pairs`, { token: foreignAdmin }), 404);
    expect(foreign.detail).toMatch(/No cohort/);
  });
});
