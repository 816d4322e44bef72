// Cohorts (admin API) and enrolment (employee API) over real HTTP: the app against the dev tenant over
// HTTPS and the embedded Cosmos DB. Enrolment windows are set relative to the real clock (the tokens the
// dev tenant signs are checked against it too), so nothing depends on today's date.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosPeopleStore } from "../../src/adapters/cosmos/people-store.js";
import type { Person } from "../../src/app/directory/directory-sync-ports.js";
import { startTestApp, type ApiResponse, type TestApp } from "../helpers/test-app.js";

interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}
interface CohortView {
  id: string;
  name: string;
  state: string;
  etag: string;
  enrolled: { mentors: number; mentees: number };
  settings: { cadence: { everyWeeks: number; sessions: number }; weights: { skillMatch: number }; menteeCapacity: number };
}
interface OpenCohort {
  id: string;
  eligibleAs: string[];
  ineligibleReasons: string[];
  eligibility: { mentor: { eligible: boolean; reasons: string[] }; mentee: { eligible: boolean; reasons: string[] } };
  enrolledAs: string | null;
}
interface EnrolmentView {
  cohortId: string;
  role: string;
  profile: { displayName: string; department: string | null };
  skills: string[];
  tags: string[];
  consent: { accepted: boolean; textVersion: string; acceptedAt: string };
}

const DAY = 86_400_000;
let t: TestApp;
let admin: string;
let employee: string;
let employeeId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signInAs("admin");
  const person = await t.person("employee");
  employeeId = person.id;
  employee = await t.signIn(person.id);
});
afterAll(async () => t?.stop());

function window(fromDays: number, toDays: number): { opensAt: string; closesAt: string } {
  const now = Date.now();
  return { opensAt: new Date(now + fromDays * DAY).toISOString(), closesAt: new Date(now + toDays * DAY).toISOString() };
}

function problem(res: ApiResponse, status: number, kind: string): Problem {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = res.body as Problem;
  expect(body.type).toBe(`urn:reverse-mentorship:problem:${kind}`);
  return body;
}

async function createCohort(settings: Record<string, unknown>, token = admin): Promise<CohortView> {
  const res = await t.api<CohortView>("POST", "/api/admin/cohorts", { token, body: { enrolment: window(-1, 30), ...settings } });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function openCohort(settings: Record<string, unknown>, token = admin): Promise<CohortView> {
  const created = await createCohort(settings, token);
  const res = await t.api<CohortView>("POST", `/api/admin/cohorts/${created.id}/transitions`, { token, body: { to: "enrolling" } });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const consent = { accepted: true, textVersion: "2026-01" };

describe("admin cohort API", () => {
  it("creates a draft cohort with defaults filled in, returns it with an ETag, and lists it with counts", async () => {
    const created = await createCohort({ name: "Spring cohort", cadence: { everyWeeks: 3 }, weights: { skillMatch: 12.5 } });
    expect(created).toMatchObject({ name: "Spring cohort", state: "draft", enrolled: { mentors: 0, mentees: 0 } });
    expect(created.settings.cadence).toEqual({ everyWeeks: 3, sessionMinutes: 30, sessions: 6 });
    expect(created.settings.weights.skillMatch).toBe(12.5);
    expect(created.settings.menteeCapacity).toBe(1);

    const read = await t.api<CohortView>("GET", `/api/admin/cohorts/${created.id}`, { token: admin });
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe(read.body.etag);

    const list = await t.api<{ cohorts: Array<{ id: string; state: string }> }>("GET", "/api/admin/cohorts?state=draft", { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.cohorts.map((c) => c.id)).toContain(created.id);
    expect(list.body.cohorts.every((c) => c.state === "draft")).toBe(true);
  });

  it("answers bad settings with one 400 naming every bad field, from zod and from the domain rules", async () => {
    const res = await t.api("POST", "/api/admin/cohorts", {
      token: admin,
      body: {
        name: "Bad",
        enrolment: { opensAt: "2026-03-10T09:00:00Z", closesAt: "2026-03-01T09:00:00Z" },
        cadence: { sessionMinutes: 7 },
        eligibility: { mentor: { titlePattern: "([" }, mentee: {} },
        weights: { base: -1 },
        organiserMode: "programMailbox",
      },
    });
    const body = problem(res, 400, "validation");
    expect([...new Set(body.errors?.map((e) => e.field))].sort()).toEqual(
      ["cadence.sessionMinutes", "eligibility.mentor.titlePattern", "enrolment.closesAt", "programMailbox", "weights.base"].sort(),
    );

    const typeErrors = await t.api("POST", "/api/admin/cohorts", { token: admin, body: { name: "", enrolment: { opensAt: 5 }, surprise: true } });
    expect(problem(typeErrors, 400, "validation").errors?.map((e) => e.field)).toEqual(expect.arrayContaining(["name", "enrolment.opensAt", "enrolment.closesAt"]));
  });

  it("refuses non-admins with 403 on every admin cohort route", async () => {
    const created = await createCohort({ name: "Admins only" });
    problem(await t.api("POST", "/api/admin/cohorts", { token: employee, body: { name: "x", enrolment: window(0, 1) } }), 403, "forbidden");
    problem(await t.api("GET", "/api/admin/cohorts", { token: employee }), 403, "forbidden");
    problem(await t.api("GET", `/api/admin/cohorts/${created.id}`, { token: employee }), 403, "forbidden");
    problem(await t.api("POST", `/api/admin/cohorts/${created.id}/close`, { token: employee }), 403, "forbidden");
  });

  it("updates with If-Match, answers 412 to a stale ETag and 428 without one", async () => {
    const created = await createCohort({ name: "Versioned" });
    const path = `/api/admin/cohorts/${created.id}`;
    const first = await t.api<CohortView>("PUT", path, { token: admin, headers: { "If-Match": created.etag }, body: { name: "Versioned v2", enrolment: window(-1, 20) } });
    expect(first.status, first.text).toBe(200);
    expect(first.body.name).toBe("Versioned v2");
    expect(first.body.etag).not.toBe(created.etag);

    // A second admin still holding the first version loses, and the first admin's change stays.
    const stale = await t.api("PUT", path, { token: admin, headers: { "If-Match": created.etag }, body: { name: "Overwrite", enrolment: window(-1, 20) } });
    problem(stale, 412, "precondition-failed");
    problem(await t.api("PUT", path, { token: admin, body: { name: "No tag", enrolment: window(-1, 20) } }), 428, "precondition-required");
    expect((await t.api<CohortView>("GET", path, { token: admin })).body.name).toBe("Versioned v2");
  });

  it("follows the lifecycle: bad transitions are 409 with the reason; closed is final", async () => {
    const created = await createCohort({ name: "Lifecycle" });
    const base = `/api/admin/cohorts/${created.id}`;
    const jump = problem(await t.api("POST", `${base}/transitions`, { token: admin, body: { to: "published" } }), 409, "conflict");
    expect(jump.detail).toMatch(/from draft to published/);
    expect((await t.api<CohortView>("POST", `${base}/close`, { token: admin })).body.state).toBe("closed");
    const reopen = problem(await t.api("POST", `${base}/transitions`, { token: admin, body: { to: "enrolling" } }), 409, "conflict");
    expect(reopen.detail).toMatch(/closed cohort cannot change/);
    const edit = await t.api<CohortView>("GET", base, { token: admin });
    problem(await t.api("PUT", base, { token: admin, headers: { "If-Match": edit.body.etag }, body: { name: "Too late", enrolment: window(-1, 2) } }), 409, "conflict");
  });
});

describe("employee enrolment API", () => {
  it("lists open cohorts with eligibility explained per role, and hides drafts and cohorts outside their window", async () => {
    const open = await openCohort({ name: "Mentors only", eligibility: { mentor: {}, mentee: { levels: { max: 0 } } } });
    const draft = await createCohort({ name: "Still a draft" });
    const later = await openCohort({ name: "Opens later", enrolment: window(10, 20) });
    const res = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: employee });
    expect(res.status, res.text).toBe(200);
    const ids = res.body.cohorts.map((c) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(later.id);
    const mine = res.body.cohorts.find((c) => c.id === open.id)!;
    expect(mine.eligibleAs).toEqual(["mentor"]);
    expect(mine.eligibility.mentee.eligible).toBe(false);
    // The level comes from walking the employee's manager chain: an employee sits below the CEO.
    expect(mine.eligibility.mentee.reasons[0]).toMatch(/down to org level 0; you are at level [1-9]\d*/);
    expect(mine.ineligibleReasons[0]).toMatch(/^As a mentee: /);
  });

  it("enrols with a pre-filled profile and consent time, lists it, updates it, counts it, and refuses a duplicate", async () => {
    const cohort = await openCohort({ name: "Enrol me" });
    const path = `/api/cohorts/${cohort.id}/enrolments`;
    const before = Date.now();
    const res = await t.api<EnrolmentView>("POST", path, {
      token: employee,
      body: { role: "mentor", skills: ["genai-tools", "power-bi"], tags: ["  excel tricks "], languages: ["en", "es"], consent },
    });
    expect(res.status, res.text).toBe(201);
    const me = await t.person("employee");
    expect(res.body).toMatchObject({ cohortId: cohort.id, role: "mentor", skills: ["genai-tools", "power-bi"], tags: ["excel tricks"] });
    expect(res.body.profile).toMatchObject({ displayName: me.displayName, department: me.department });
    expect(res.body.consent).toMatchObject({ accepted: true, textVersion: "2026-01" });
    expect(Date.parse(res.body.consent.acceptedAt)).toBeGreaterThanOrEqual(before - 1000);

    const duplicate = problem(await t.api("POST", path, { token: employee, body: { role: "mentee", consent } }), 409, "conflict");
    expect(duplicate.detail).toMatch(/already enrolled/);

    const mineList = await t.api<{ enrolments: EnrolmentView[] }>("GET", "/api/me/enrolments", { token: employee });
    expect(mineList.body.enrolments.map((e) => e.cohortId)).toContain(cohort.id);
    const openList = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: employee });
    expect(openList.body.cohorts.find((c) => c.id === cohort.id)?.enrolledAs).toBe("mentor");

    const patched = await t.api<EnrolmentView>("PATCH", `/api/me/enrolments/${cohort.id}`, { token: employee, body: { skills: ["automation"] } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.skills).toEqual(["automation"]);
    expect(patched.body.tags).toEqual(["excel tricks"]);

    const counts = await t.api<CohortView>("GET", `/api/admin/cohorts/${cohort.id}`, { token: admin });
    expect(counts.body.enrolled).toEqual({ mentors: 1, mentees: 0 });
  });

  it("two simultaneous enrolments of one person: exactly one is stored (201), the other is 409", async () => {
    const cohort = await openCohort({ name: "Race" });
    const send = (role: string) => t.api("POST", `/api/cohorts/${cohort.id}/enrolments`, { token: employee, body: { role, consent } });
    const answers = await Promise.all([send("mentor"), send("mentee")]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const counts = (await t.api<CohortView>("GET", `/api/admin/cohorts/${cohort.id}`, { token: admin })).body.enrolled;
    expect(counts.mentors + counts.mentees).toBe(1);
  });

  it("changes to an enrolment are refused (409) once the cohort moved on to matching, except what I share in search; withdrawing still works", async () => {
    const cohort = await openCohort({ name: "Moves on" });
    const enrolled = await t.api<{ sharing: unknown }>("POST", `/api/cohorts/${cohort.id}/enrolments`, { token: employee, body: { role: "mentor", consent } });
    expect(enrolled.status).toBe(201);
    // No choice made: findable, showing name and skills (what enrolments always shared).
    expect(enrolled.body.sharing).toEqual({ discoverable: true, fields: ["skills"] });
    expect((await t.api("POST", `/api/admin/cohorts/${cohort.id}/transitions`, { token: admin, body: { to: "matching" } })).status).toBe(200);
    const late = problem(await t.api("PATCH", `/api/me/enrolments/${cohort.id}`, { token: employee, body: { tags: ["late"] } }), 409, "conflict");
    expect(late.detail).toMatch(/state matching/);
    const hidden = await t.api<{ sharing: unknown; tags: string[] }>("PATCH", `/api/me/enrolments/${cohort.id}`, { token: employee, body: { sharing: { discoverable: false, fields: [] } } });
    expect(hidden.status, hidden.text).toBe(200);
    expect(hidden.body).toMatchObject({ sharing: { discoverable: false, fields: [] }, tags: [] });
    expect((await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token: employee })).status).toBe(204);
  });

  it("answers bad enrolment input with 400 naming the field", async () => {
    const cohort = await openCohort({ name: "Strict input" });
    const res = await t.api("POST", `/api/cohorts/${cohort.id}/enrolments`, {
      token: employee,
      body: { role: "boss", tags: Array.from({ length: 11 }, (_, i) => `tag${i}`), consent: { accepted: false, textVersion: "v1" } },
    });
    expect(problem(res, 400, "validation").errors?.map((e) => e.field).sort()).toEqual(["consent.accepted", "role", "tags"]);
    const unknownSkill = await t.api("POST", `/api/cohorts/${cohort.id}/enrolments`, { token: employee, body: { role: "mentor", skills: ["genai-tools", "juggling"], consent } });
    expect(problem(unknownSkill, 400, "validation").errors).toEqual([expect.objectContaining({ field: "skills[1]" })]);
    const badSharing = await t.api("POST", `/api/cohorts/${cohort.id}/enrolments`, { token: employee, body: { role: "mentor", sharing: { discoverable: "yes", fields: ["skills", "salary"] }, consent } });
    expect(problem(badSharing, 400, "validation").errors?.map((e) => e.field).sort()).toEqual(["sharing.discoverable", "sharing.fields[1]"]);
  });

  it("refuses enrolment outside the window (409) and when ineligible (403), with the reason", async () => {
    const later = await openCohort({ name: "Not yet", enrolment: window(5, 10) });
    const notYet = problem(await t.api("POST", `/api/cohorts/${later.id}/enrolments`, { token: employee, body: { role: "mentor", consent } }), 409, "conflict");
    expect(notYet.detail).toMatch(/opens at/);
    const past = await openCohort({ name: "Too late", enrolment: window(-10, -5) });
    expect(problem(await t.api("POST", `/api/cohorts/${past.id}/enrolments`, { token: employee, body: { role: "mentor", consent } }), 409, "conflict").detail).toMatch(/closed at/);
    const draft = await createCohort({ name: "Draft" });
    problem(await t.api("POST", `/api/cohorts/${draft.id}/enrolments`, { token: employee, body: { role: "mentor", consent } }), 404, "not-found");

    const execOnly = await openCohort({ name: "Executives", eligibility: { mentor: { departments: ["No Such Department"] }, mentee: {} } });
    const refused = problem(await t.api("POST", `/api/cohorts/${execOnly.id}/enrolments`, { token: employee, body: { role: "mentor", consent } }), 403, "forbidden");
    expect(refused.detail).toMatch(/No Such Department/);
  });

  it("withdrawing erases the enrolment: gone from my list, from the counts, and a second withdraw is 404", async () => {
    const cohort = await openCohort({ name: "Leave me" });
    expect((await t.api("POST", `/api/cohorts/${cohort.id}/enrolments`, { token: employee, body: { role: "mentor", tags: ["private"], consent } })).status).toBe(201);
    const gone = await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token: employee });
    expect(gone.status).toBe(204);
    const stored = await t.server.cosmos
      .container("programs")
      .items.query({ query: "SELECT * FROM c WHERE c.cohortId = @c AND c.userId = @u", parameters: [{ name: "@c", value: cohort.id }, { name: "@u", value: employeeId }] })
      .fetchAll();
    expect(stored.resources).toEqual([]);
    const mine = await t.api<{ enrolments: EnrolmentView[] }>("GET", "/api/me/enrolments", { token: employee });
    expect(mine.body.enrolments.map((e) => e.cohortId)).not.toContain(cohort.id);
    expect((await t.api<CohortView>("GET", `/api/admin/cohorts/${cohort.id}`, { token: admin })).body.enrolled).toEqual({ mentors: 0, mentees: 0 });
    problem(await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token: employee }), 404, "not-found");
  });

  it("serves the curated skills catalog", async () => {
    const res = await t.api<{ skills: Array<{ id: string; label: string }> }>("GET", "/api/catalog/skills", { token: employee });
    expect(res.status).toBe(200);
    expect(res.body.skills.map((s) => s.id)).toContain("genai-tools");
  });
});

describe("tenant isolation", () => {
  it("a Fabrikam user can neither see nor enrol in a Contoso cohort, and a Fabrikam admin cannot read it", async () => {
    const contoso = await openCohort({ name: "Contoso only" });
    const fabrikam = t.tenantIds[1]!;
    const fabEmployee = await t.signInAs("employee", fabrikam);
    const fabAdmin = await t.signInAs("admin", fabrikam);
    const open = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: fabEmployee });
    expect(open.status, open.text).toBe(200);
    expect(open.body.cohorts.map((c) => c.id)).not.toContain(contoso.id);
    problem(await t.api("POST", `/api/cohorts/${contoso.id}/enrolments`, { token: fabEmployee, body: { role: "mentor", consent } }), 404, "not-found");
    problem(await t.api("GET", `/api/admin/cohorts/${contoso.id}`, { token: fabAdmin }), 404, "not-found");
    const list = await t.api<{ cohorts: Array<{ id: string }> }>("GET", "/api/admin/cohorts", { token: fabAdmin });
    expect(list.body.cohorts.map((c) => c.id)).not.toContain(contoso.id);
  });
});

describe("eligibility facts from the synced directory snapshot", () => {
  // Runs last: it changes what the snapshot says about the employee.
  it("prefers the stored org-chart level (and account state) over walking the live manager chain", async () => {
    const cohort = await openCohort({ name: "Top only", eligibility: { mentor: { levels: { max: 0 } }, mentee: { levels: { max: 0 } } } });
    const me = await t.person("employee");
    const stored: Person = {
      id: me.id,
      tenantId: t.tenantIds[0]!,
      displayName: me.displayName,
      givenName: null,
      surname: null,
      userPrincipalName: me.userPrincipalName,
      mail: null,
      jobTitle: me.jobTitle,
      department: me.department,
      officeLocation: null,
      city: null,
      country: null,
      accountEnabled: true,
      userType: "Member",
      hasMailbox: null,
      managerId: null,
      chain: [],
      // Deliberately unlike the live chain, so the answer shows which source was used.
      level: 0,
      division: null,
      placement: "rooted",
      timeZone: null,
      windowsTimeZone: null,
      workingHours: null,
    };
    const people = new CosmosPeopleStore(t.server.cosmos.container("people"));
    await people.upsertMany(stored.tenantId, [stored], new AbortController().signal);
    const atTop = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: employee });
    expect(atTop.body.cohorts.find((c) => c.id === cohort.id)?.eligibleAs).toEqual(["mentor", "mentee"]);

    await people.upsertMany(stored.tenantId, [{ ...stored, accountEnabled: false, level: null, placement: "cycle" }], new AbortController().signal);
    const res = await t.api<{ cohorts: OpenCohort[] }>("GET", "/api/cohorts/open", { token: employee });
    const reasons = res.body.cohorts.find((c) => c.id === cohort.id)!.eligibility.mentor.reasons;
    expect(reasons).toEqual([expect.stringMatching(/account is disabled/), expect.stringMatching(/place in the org chart is unknown/)]);
  });
});
