// The programme admin's journey in real headless Chromium against the real server (embedded defaults:
// dev tenant over HTTPS, embedded Cosmos): sync the directory, create a cohort (see a field error, fix
// it), edit it (and meet someone else's edit: 412), open enrolment, then — with mentors and executives
// enrolled through the HTTP API as themselves — run matching, lock a pair, publish, schedule and open the
// health dashboard. Every screen gets axe and light/dark screenshots.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startAppTarget, type AppTarget, type TargetPerson } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { seedDevSession, signedInSession } from "./support/dev-session.js";
import { checkScreenInBothThemes, openContext, waitForScreen } from "./support/tab-page.js";

/** The admin's browser runs in Berlin: the form's local times must reach the API as the right instants. */
const ADMIN_ZONE = "Europe/Berlin";

let target: AppTarget;
let browser: Browser;
let admin: TargetPerson;
let adminToken: string;
let page: Page;
let closeContext: () => Promise<void>;
let pageErrors: string[];
let blocked: string[];
/** The cohort the journey creates; later steps work on it. */
let cohortId = "";

interface Json {
  [key: string]: unknown;
}

async function call(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, body: text && /json/.test(type) ? (JSON.parse(text) as Json) : {}, headers: response.headers };
}

/** "2030-01-31T09:00" for an instant, in a zone: what a person in that zone types in a datetime-local box. */
function localInput(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function people(role: "employee" | "executive", limit: number): Promise<TargetPerson[]> {
  const { body } = await call("GET", `/api/dev/people?role=${role}&limit=${limit}`);
  return body.people as TargetPerson[];
}

/** Enrols people as themselves (their own tokens), as the employee screens would; returns who made it. */
async function enrol(candidates: TargetPerson[], role: "mentor" | "mentee", wanted: number): Promise<TargetPerson[]> {
  const enrolled: TargetPerson[] = [];
  for (const person of candidates) {
    if (enrolled.length === wanted) break;
    const token = await target.ssoToken(person.id);
    const { body } = await call("GET", "/api/cohorts/open", { token });
    const cohort = (body.cohorts as Array<{ id: string; eligibleAs: string[] }>).find((c) => c.id === cohortId);
    if (!cohort?.eligibleAs.includes(role)) continue;
    const result = await call("POST", `/api/cohorts/${cohortId}/enrolments`, { token, body: { role, languages: ["English"], consent: { accepted: true, textVersion: "2026-01" } } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    enrolled.push(person);
  }
  return enrolled;
}

/**
 * Whether the server has a route (other engineers are adding the matching, scheduling and health APIs):
 * asked about a cohort that does not exist, a mounted route answers its own 404 (or 400), an unmounted
 * one the catch-all "No resource at …".
 */
async function mounted(method: string, pathOf: (cohortId: string) => string): Promise<boolean> {
  const { status, body } = await call(method, pathOf("00000000-0000-4000-8000-000000000000"), { token: adminToken, ...(method === "POST" ? { body: {} } : {}) });
  return !(status === 404 && String(body.detail ?? "").startsWith("No resource at"));
}

/** A cohort setting's input, by the server's name for it (the same name its 400 errors use). */
function field(path: string) {
  return page.locator(`[data-field="${path}"]`);
}

async function openCohortTab(tab: "Settings" | "Matching" | "Schedule" | "Health", screen: string): Promise<void> {
  await page.getByRole("tablist", { name: "Cohort" }).getByRole("tab", { name: tab }).click();
  await waitForScreen(page, screen);
}

async function waitForJob(what: string, timeout = 60_000): Promise<void> {
  await page
    .locator(`[data-job-state="succeeded"], [data-job-state="failed"]`)
    .first()
    .waitFor({ timeout })
    .catch(async (error: unknown) => {
      // Say what the screen showed instead (an error bar, a bar stuck at some percent).
      throw new Error(`${what} did not finish: ${String(error)}\nScreen: ${await page.locator("main").innerText()}`);
    });
  expect(await page.locator('[data-job-state="failed"]').count(), `${what} failed: ${await page.locator("[data-job]").innerText()}`).toBe(0);
}

beforeAll(async () => {
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
  admin = await target.person("admin");
  adminToken = await target.ssoToken(admin.id);
  const ctx = await openContext(browser, { timezoneId: ADMIN_ZONE });
  await seedDevSession(ctx.context, await signedInSession(target, admin));
  page = await ctx.newPage();
  closeContext = ctx.close;
  pageErrors = ctx.errors;
  blocked = ctx.blocked;
}, 240_000);

afterAll(async () => {
  await closeContext?.();
  await browser?.close();
  await target?.stop();
});

describe("admin journey in Chromium", () => {
  it("syncs the directory: progress to done, then the bad-data report", async () => {
    await page.goto(`${target.baseUrl}/#/admin`);
    await waitForScreen(page, "admin");
    await checkScreenInBothThemes(page, "admin-home");

    await page.getByRole("button", { name: "Sync directory" }).click();
    await waitForJob("Directory sync");
    expect(await page.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("1");
    await page.locator("[data-directory-report]").waitFor();

    // The screen shows what the API reports: people and every kind of bad data with its count.
    const { body } = await call("GET", "/api/admin/directory/report", { token: adminToken });
    const report = body.report as { people: number; cycles: unknown[]; guests: { count: number }; disabled: { count: number }; missingManagers: { count: number }; noMail: { count: number } };
    expect(await page.locator('dd[data-fact="People"]').innerText()).toBe(report.people.toLocaleString("en-GB"));
    const count = async (kind: string) => (await page.locator(`[data-bad-data="${kind}"]`).getByRole("cell").nth(1).innerText()).trim();
    expect(await count("cycles")).toBe(String(report.cycles.length));
    expect(await count("guests")).toBe(String(report.guests.count));
    expect(await count("disabled")).toBe(String(report.disabled.count));
    expect(await count("missingManagers")).toBe(String(report.missingManagers.count));
    expect(await count("noMail")).toBe(String(report.noMail.count));
    // The dev tenant seeds bad data: at least one kind is reported with examples.
    expect(report.cycles.length + report.guests.count + report.disabled.count + report.missingManagers.count).toBeGreaterThan(0);
    await checkScreenInBothThemes(page, "admin-directory-synced");
  }, 120_000);

  it("creates a cohort: a field error from the server shows next to its field, fixed, then saved", async () => {
    await page.getByRole("button", { name: "New cohort" }).click();
    await waitForScreen(page, "admin-new-cohort");
    const now = Date.now();
    await field("name").fill("Admin journey cohort");
    await field("enrolment.opensAt").fill(localInput(new Date(now - 3600_000), ADMIN_ZONE));
    await field("enrolment.closesAt").fill(localInput(new Date(now + 14 * 86_400_000), ADMIN_ZONE));
    await field("cadence.sessionMinutes").fill("17");
    await page.getByRole("button", { name: "Create cohort" }).click();

    const sessionLength = page.locator('[data-field="cadence.sessionMinutes"]').locator("xpath=ancestor::div[contains(@class,'fui-Field')][1]");
    await expect.poll(() => sessionLength.innerText()).toContain("must be a multiple of 5 minutes");
    // The form's bar says the request was refused; the message itself sits only next to its field.
    const bar = page.locator('form [data-state="error"]');
    expect(await bar.innerText()).toContain("The request is not valid");
    expect(await bar.locator("li").count()).toBe(0);
    await expect.poll(() => page.getByRole("button", { name: "Create cohort" }).isEnabled()).toBe(true);
    await checkScreenInBothThemes(page, "admin-new-cohort-field-error");

    await field("cadence.sessionMinutes").fill("30");
    await page.getByRole("button", { name: "Create cohort" }).click();
    await waitForScreen(page, "admin-cohort-settings");
    cohortId = decodeURIComponent(new URL(page.url()).hash.split("/")[3] ?? "");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Admin journey cohort");
    expect(await page.locator("[data-cohort-state]").first().getAttribute("data-cohort-state")).toBe("draft");

    // What was typed in Berlin reached the API as the same instants.
    const { body } = await call("GET", `/api/admin/cohorts/${cohortId}`, { token: adminToken });
    const settings = body.settings as { enrolment: { opensAt: string; closesAt: string }; cadence: { sessionMinutes: number } };
    expect(new Date(settings.enrolment.opensAt).getTime()).toBe(Math.floor((now - 3600_000) / 60_000) * 60_000);
    expect(settings.cadence.sessionMinutes).toBe(30);
  }, 90_000);

  it("edits the cohort; a save over someone else's change is refused (412) and Reload shows theirs", async () => {
    await field("constraints.minLevelGap").fill("1");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(async () => (await call("GET", `/api/admin/cohorts/${cohortId}`, { token: adminToken })).body.settings).toMatchObject({ constraints: { minLevelGap: 1 } });
    await checkScreenInBothThemes(page, "admin-cohort-settings");

    // Another admin renames the cohort behind this page's back.
    const current = await call("GET", `/api/admin/cohorts/${cohortId}`, { token: adminToken });
    const { name: _name, ...rest } = current.body.settings as Json;
    const theirs = await call("PUT", `/api/admin/cohorts/${cohortId}`, { token: adminToken, body: { ...rest, name: "Renamed elsewhere" }, headers: { "If-Match": current.body.etag as string } });
    expect(theirs.status).toBe(200);

    await field("name").fill("My rename");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.locator('[data-state="stale"]').waitFor();
    expect(await page.locator('[data-state="stale"]').innerText()).toContain("Someone else changed this cohort");
    await page.locator('[data-state="stale"]').getByRole("button", { name: "Reload" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Renamed elsewhere");
    expect(await field("name").inputValue()).toBe("Renamed elsewhere");
  }, 90_000);

  it("opens enrolment; people enrolled through the API show in the cohort's numbers", async () => {
    await page.getByRole("button", { name: "Open enrolment" }).click();
    await expect.poll(() => page.locator("[data-cohort-state]").first().getAttribute("data-cohort-state")).toBe("enrolling");

    const mentors = await enrol(await people("employee", 40), "mentor", 6);
    const mentees = await enrol(await people("executive", 20), "mentee", 3);
    expect(mentors.length).toBe(6);
    expect(mentees.length).toBe(3);

    await page.reload();
    await waitForScreen(page, "admin-cohort-settings");
    expect(await page.getByTestId("cohort-summary").innerText()).toContain("6 mentors · 3 executives enrolled");
  }, 90_000);

  it("runs matching with a progress bar, locks a pair and publishes", async (ctx) => {
    if (!(await mounted("POST", (id) => `/api/admin/cohorts/${id}/matching`))) ctx.skip();
    await openCohortTab("Matching", "admin-cohort-matching");
    await page.getByRole("button", { name: "Run matching" }).click();
    await waitForJob("Matching");
    const rows = page.getByRole("table", { name: "Proposed pairs" }).locator("[data-pair]");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    await checkScreenInBothThemes(page, "admin-cohort-matching");

    const first = rows.first();
    const pairId = await first.getAttribute("data-pair");
    await first.getByRole("button", { name: /^Lock the pair / }).click();
    await expect.poll(() => page.locator(`[data-pair="${pairId}"]`).getAttribute("data-locked")).toBe("true");
    const proposal = await call("GET", `/api/admin/cohorts/${cohortId}/proposal`, { token: adminToken });
    expect((proposal.body.pairs as Array<{ id: string; locked: boolean }>).find((p) => p.id === pairId)?.locked).toBe(true);

    await page.getByRole("button", { name: "Publish pairs" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
    await page.locator('[data-state="published"]').waitFor();
    await expect.poll(() => page.locator("[data-cohort-state]").first().getAttribute("data-cohort-state")).toBe("published");
  }, 120_000);

  it("schedules the cohort with a progress bar and lists the sessions", async (ctx) => {
    if (!(await mounted("POST", (id) => `/api/admin/cohorts/${id}/schedule`))) ctx.skip();
    await openCohortTab("Schedule", "admin-cohort-schedule");
    await page.getByRole("button", { name: "Schedule sessions" }).click();
    await waitForJob("Scheduling", 90_000);
    await page.getByRole("table", { name: "Sessions" }).waitFor();
    expect(await page.locator("[data-session]").count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator("[data-cohort-state]").first().getAttribute("data-cohort-state")).toBe("scheduled");
    await checkScreenInBothThemes(page, "admin-cohort-schedule");
  }, 150_000);

  it("opens the health dashboard with accessible charts and exports CSV", async (ctx) => {
    if (!(await mounted("GET", (id) => `/api/admin/cohorts/${id}/health`))) ctx.skip();
    await openCohortTab("Health", "admin-cohort-health");
    await page.locator("figure[data-chart]").first().waitFor();
    for (const chart of ["Enrolment over time", "Sessions by RSVP state", "Feedback ratings"]) {
      const image = page.locator(`figure[data-chart="${chart}"] svg[role="img"]`);
      expect(await image.getAttribute("aria-label")).toBeTruthy();
    }
    await checkScreenInBothThemes(page, "admin-cohort-health");

    if (await mounted("GET", (id) => `/api/admin/cohorts/${id}/export?kind=pairs`)) {
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Export pairs (CSV)" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/\.csv$/);
    }
  }, 90_000);

  it("the Admin tab leads back to the cohorts list, which shows the cohort's state and numbers", async () => {
    await page.getByRole("navigation", { name: "Areas" }).getByRole("tab", { name: "Admin" }).click();
    await waitForScreen(page, "admin");
    expect(new URL(page.url()).hash).toBe("#/admin");
    const cells = (await page.locator(`[data-cohort="${cohortId}"]`).getByRole("cell").allInnerTexts()).map((t) => t.trim());
    const { body } = await call("GET", `/api/admin/cohorts/${cohortId}`, { token: adminToken });
    expect([cells[0], cells[4], cells[5]]).toEqual(["Renamed elsewhere", "6", "3"]);
    expect(cells[1]?.toLowerCase()).toBe(String(body.state));

    // Publishing notified the pairs, but nobody here has the app installed in Teams: the admin sees who
    // did not get their "Matched" message and why, and can send one again (it is refused again for the same reason).
    const notInstalled = page.locator('[data-undelivered="notInstalled"]');
    await notInstalled.first().waitFor();
    const first = await notInstalled.first().innerText();
    expect(first).toContain("App not installed in Teams");
    const { body: undelivered } = await call("GET", "/api/admin/notifications/undelivered?limit=100", { token: adminToken });
    // Both people of each of the 3 published pairs.
    expect((undelivered.items as Array<{ kind: string }>).filter((n) => n.kind === "matched").length).toBe(6);
    await notInstalled.first().getByRole("button", { name: /^Send again: .* to / }).click();
    await waitForScreen(page, "admin");
    await checkScreenInBothThemes(page, "admin-home-undelivered");
  }, 60_000);

  it("left no errors in the page and no request left the machine", () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

// The admin screens' behaviour on answers the journey's small cohort does not produce (30 pairs, vetoes,
// refused swaps, unreadable calendars), served at the HTTP boundary in the contract's shapes.
describe("admin screens with API answers at the HTTP boundary", () => {
  const COHORT = "5f0c1a52-3c1e-4d7a-9b43-2f8a1d7c0e11";
  const json = (body: unknown, status = 200) => ({ status, contentType: "application/json", body: JSON.stringify(body) });
  const person = (id: string, displayName: string, department: string) => ({ id, displayName, jobTitle: "Engineer", department });

  function cohort(state: string) {
    return {
      id: COHORT,
      name: "Boundary cohort",
      state,
      allowedTransitions: ["closed"],
      enrolmentOpensOn: "2030-01-01",
      enrolmentClosesOn: "2030-01-31",
      settings: {
        name: "Boundary cohort",
        enrolment: { opensAt: "2030-01-01T08:00:00Z", closesAt: "2030-01-31T17:00:00Z" },
        cadence: { everyWeeks: 2, sessionMinutes: 30, sessions: 6 },
        eligibility: { mentor: {}, mentee: { levels: { min: 0, max: 2 } } },
        constraints: { minLevelGap: 2, separationLevel: null, sameDepartment: "penalise", maxTimeZoneDistanceHours: null },
        weights: { base: 1, skillMatch: 10, differentDepartment: 3, differentDivision: 3, differentLocation: 1, sharedLanguage: 2, diversity: 2, sharedWorkingTime: 2, sameDepartmentPenalty: 5 },
        diversityAttributes: [],
        menteeCapacity: 1,
        organiserMode: "mentor",
        programMailbox: null,
        objective: "maxScore",
      },
      enrolled: { mentors: 40, mentees: 31 },
      createdAt: "2029-12-01T00:00:00Z",
      updatedAt: "2029-12-01T00:00:00Z",
      createdBy: "admin",
      etag: '"7"',
    };
  }

  function proposal(lockedIds: string[] = []) {
    const pairs = Array.from({ length: 30 }, (_, i) => ({
      id: `pair-${i + 1}`,
      mentor: person(`mentor-${i + 1}`, `Mentor ${String(i + 1).padStart(2, "0")}`, i % 2 ? "Sales" : "Engineering"),
      mentee: person(`exec-${i + 1}`, `Executive ${String(i + 1).padStart(2, "0")}`, "Finance"),
      score: 30 - i,
      locked: lockedIds.includes(`pair-${i + 1}`),
      sharedMinutesPerWeek: 600,
      reasons: [{ term: "skillMatch", points: 10, text: "teaches Copilot, which they want to learn" }],
      state: i === 29 ? "vetoed" : "proposed",
      veto: i === 29 ? { reason: "We already work together", at: "2030-02-01T10:00:00Z" } : null,
    }));
    return {
      cohortId: COHORT,
      version: 3,
      jobId: "job-9",
      createdAt: "2030-02-01T09:00:00Z",
      updatedAt: "2030-02-01T09:00:00Z",
      publishedAt: null,
      stats: { mentors: 40, mentees: 31, pairs: 30, lockedPairs: lockedIds.length, matchedMentees: 30, matchedMenteeShare: 30 / 31, matchedMentorShare: 0.75, crossDepartmentShare: 1, averageScore: 15.5, totalScore: 465, objective: "maxScore" },
      pairs,
      unmatched: [{ person: person("exec-31", "Executive 31", "Legal"), role: "mentee", code: "noCompatiblePartner", reason: "every mentor is in their reporting line", compatiblePartners: 0 }],
      rejectedLocks: [],
      locks: lockedIds.map((id) => ({ mentorId: id.replace("pair", "mentor"), menteeId: id.replace("pair", "exec") })),
      forbidden: [],
      vetoes: [{ mentorId: "mentor-30", menteeId: "exec-30", reason: "We already work together", at: "2030-02-01T10:00:00Z" }],
    };
  }

  async function boundaryPage(cohortState: string, hashTab: string) {
    // A browser zone far from the admin's: times on screen must follow the admin's Outlook zone.
    const ctx = await openContext(browser, { timezoneId: "Pacific/Honolulu" });
    await seedDevSession(ctx.context, await signedInSession(target, admin));
    const p = await ctx.newPage();
    await p.route(`**/api/admin/cohorts/${COHORT}`, (r) => r.fulfill(json(cohort(cohortState))));
    return { p, ctx, open: () => p.goto(`${target.baseUrl}/#/admin/cohorts/${COHORT}/${hashTab}`) };
  }

  it("proposal: 25 pairs a page, filters, lock, forbid, a refused swap explained, vetoes and the unmatched shown", async () => {
    const { p, ctx, open } = await boundaryPage("matching", "matching");
    try {
      const edits: Array<{ method: string; path: string; body: unknown }> = [];
      await p.route(`**/api/admin/cohorts/${COHORT}/proposal**`, (r) => {
        const req = r.request();
        const path = new URL(req.url()).pathname.replace(`/api/admin/cohorts/${COHORT}/proposal`, "");
        if (req.method() !== "GET") edits.push({ method: req.method(), path, body: req.postDataJSON() as unknown });
        if (path === "/swaps") return r.fulfill({ status: 409, contentType: "application/problem+json", body: JSON.stringify({ type: "urn:x:conflict", title: "Conflict with the current state", status: 409, detail: "Mentor 01 is in Executive 02's reporting line." }) });
        return r.fulfill(json(proposal(path === "/locks" ? ["pair-3"] : [])));
      });
      await open();
      await waitForScreen(p, "admin-cohort-matching");
      const table = p.getByRole("table", { name: "Proposed pairs" });
      expect(await table.locator("[data-pair]").count()).toBe(25);
      expect(await p.getByRole("navigation", { name: "Proposed pairs: pages" }).innerText()).toContain("Showing 1–25 of 30");
      expect(await p.locator('dd[data-fact="Executives matched"]').innerText()).toBe("97% (30 of 31)");
      const unmatchedRow = await p.locator('[data-unmatched="noCompatiblePartner"]').innerText();
      expect(unmatchedRow).toContain("every mentor is in their reporting line");
      expect(unmatchedRow).toContain("No compatible partner");
      expect(await p.getByRole("region", { name: "Vetoes" }).innerText()).toContain("Mentor 30 and Executive 30: “We already work together”");

      await p.getByLabel("Name or department").fill("mentor 0");
      expect(await table.locator("[data-pair]").count()).toBe(9);
      await p.getByLabel("Minimum score", { exact: true }).fill("25");
      expect(await table.locator("[data-pair]").count()).toBe(6);
      await p.getByLabel("Name or department").fill("");
      await p.getByLabel("Minimum score", { exact: true }).fill("");

      await p.getByRole("button", { name: "Lock the pair Mentor 03 and Executive 03" }).click();
      await expect.poll(() => p.locator('[data-pair="pair-3"]').getAttribute("data-locked")).toBe("true");
      await p.getByLabel("Locked pairs only").check();
      expect(await table.locator("[data-pair]").count()).toBe(1);
      await p.getByLabel("Locked pairs only").uncheck();

      await p.getByRole("button", { name: "Forbid the pair Mentor 05 and Executive 05" }).click();
      await p.getByLabel("Select the pair Mentor 01 and Executive 01").check();
      await p.getByLabel("Select the pair Mentor 02 and Executive 02").check();
      await p.getByRole("button", { name: "Swap mentors of the two selected pairs" }).click();
      await expect.poll(() => p.locator('[data-state="error"]').count()).toBe(1);
      expect(await p.locator('[data-state="error"]').innerText()).toContain("Mentor 01 is in Executive 02's reporting line.");
      expect(edits).toEqual([
        { method: "POST", path: "/locks", body: { mentorId: "mentor-3", menteeId: "exec-3" } },
        { method: "POST", path: "/forbidden", body: { mentorId: "mentor-5", menteeId: "exec-5" } },
        { method: "POST", path: "/swaps", body: { pairIdA: "pair-1", pairIdB: "pair-2" } },
      ]);
      await checkScreenInBothThemes(p, "admin-proposal-with-data");
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it("a directory sync already running when the screen opens shows its progress", async () => {
    const ctx = await openContext(browser);
    try {
      await seedDevSession(ctx.context, await signedInSession(target, admin));
      const p = await ctx.newPage();
      const job = { id: "job-running", kind: "directory-sync", state: "running", progress: { percent: 40, counts: { read: 800 }, message: "Reading the directory" }, requestedBy: "someone", createdAt: "2030-01-01T08:00:00Z", updatedAt: "2030-01-01T08:00:05Z", finishedAt: null, error: null };
      await p.route("**/api/admin/jobs?kind=directory-sync*", (r) => r.fulfill(json({ items: [{ ...job, result: null }], continuationToken: null })));
      await p.route("**/api/admin/directory/sync/job-running", (r) => r.fulfill(json({ ...job, report: null })));
      await p.goto(`${target.baseUrl}/#/admin`);
      await waitForScreen(p, "admin");
      const bar = p.locator('[data-job="job-running"]');
      await bar.waitFor();
      expect(await bar.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("0.4");
      expect(await bar.innerText()).toContain("40% · Reading the directory");
      expect(await bar.locator('dd[data-count="read"]').innerText()).toBe("800");
      expect(await p.getByRole("button", { name: "Sync directory" }).isDisabled()).toBe(true);
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it("the proposal works with the keyboard alone: every stop is named, Enter on Lock locks", async () => {
    const { p, ctx, open } = await boundaryPage("matching", "matching");
    try {
      const locks: unknown[] = [];
      await p.route(`**/api/admin/cohorts/${COHORT}/proposal**`, (r) => {
        if (r.request().method() === "POST") locks.push(r.request().postDataJSON());
        return r.fulfill(json(proposal(locks.length > 0 ? ["pair-1"] : [])));
      });
      await open();
      await waitForScreen(p, "admin-cohort-matching");
      // The focused control's accessible name: aria-label, its <label>, aria-labelledby, or its text.
      const focused = async () =>
        (await p.evaluate(`(() => {
          const e = document.activeElement;
          if (!e) return "";
          const byFor = e.id ? document.querySelector('label[for="' + e.id + '"]') : null;
          const ids = (e.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
          const byId = ids.length ? document.getElementById(ids[0]) : null;
          return (e.getAttribute("aria-label") || (byFor && byFor.textContent) || (byId && byId.textContent) || e.innerText || "").trim();
        })()`)) as string;
      const stops: string[] = [];
      for (let i = 0; i < 80 && stops.at(-1) !== "Lock the pair Mentor 01 and Executive 01"; i++) {
        await p.keyboard.press("Tab");
        stops.push(await focused());
      }
      expect(stops.at(-1)).toBe("Lock the pair Mentor 01 and Executive 01");
      expect(stops).toEqual(expect.arrayContaining(["Run matching again", "Publish pairs", "Name or department", "Minimum score", "Select the pair Mentor 01 and Executive 01"]));
      expect(stops.filter((s) => s === "")).toEqual([]);
      await p.keyboard.press("Enter");
      await expect.poll(() => p.locator('[data-pair="pair-1"]').getAttribute("data-locked")).toBe("true");
      expect(locks).toEqual([{ mentorId: "mentor-1", menteeId: "exec-1" }]);
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it("sessions: 'could not read this calendar' and 'no free time' look different", async () => {
    const { p, ctx, open } = await boundaryPage("scheduled", "schedule");
    try {
      const base = { pairId: "pair-1", mentor: person("m1", "Mentor 01", "Sales"), mentee: person("e1", "Executive 01", "Finance"), of: 6, reslotCount: 0, attendeeResponse: null, joinUrl: null };
      await p.route(`**/api/admin/cohorts/${COHORT}/sessions*`, (r) =>
        r.fulfill(
          json({
            items: [
              { ...base, id: "s1", sequence: 1, state: "accepted", start: "2030-03-05T15:00:00Z", end: "2030-03-05T15:30:00Z", problem: null, reslotCount: 1, attendeeResponse: "accepted" },
              { ...base, id: "s2", sequence: 2, state: "planned", start: null, end: null, problem: { code: "calendarUnreadable", message: "Graph answered 503 for the calendar", who: "mentee" } },
              { ...base, id: "s3", sequence: 3, state: "planned", start: null, end: null, problem: { code: "noCommonFreeTime", message: "No 30 minutes free in both calendars that week" } },
            ],
            continuationToken: null,
          }),
        ),
      );
      await open();
      await waitForScreen(p, "admin-cohort-schedule");
      expect(await p.locator('[data-problem="calendarUnreadable"]').innerText()).toContain("Could not read the executive's calendar");
      expect(await p.locator('[data-problem="noCommonFreeTime"]').innerText()).toContain("No free time");
      expect(await p.locator('[data-problem="noCommonFreeTime"]').innerText()).not.toContain("Could not read");
      expect(await p.locator('[data-session="s1"]').innerText()).toContain("1×");
      // In the admin's Outlook time zone (from /api/me), not the browser's.
      const me = await call("GET", "/api/me", { token: adminToken });
      const hhmm = (iso: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: String(me.body.timeZone) }).format(new Date(iso));
      expect(await p.locator('[data-session="s1"]').innerText()).toContain(`${hhmm("2030-03-05T15:00:00Z")}–${hhmm("2030-03-05T15:30:00Z")}`);
      expect(me.body.timeZone).not.toBe("Pacific/Honolulu");
      expect(await p.locator('[data-session="s1"]').innerText()).not.toContain("05:00–05:30");
      await checkScreenInBothThemes(p, "admin-sessions-with-problems");
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it("health: every chart is an image with a summary and its numbers in a table", async () => {
    const { p, ctx, open } = await boundaryPage("scheduled", "health");
    try {
      await p.route(`**/api/admin/cohorts/${COHORT}/health`, (r) =>
        r.fulfill(
          json({
            cohortId: COHORT,
            generatedAt: "2030-03-20T12:00:00Z",
            enrolment: { mentors: 40, mentees: 31, overTime: [{ date: "2030-01-02", mentors: 10, mentees: 5 }, { date: "2030-01-09", mentors: 40, mentees: 31 }] },
            pairs: { proposed: 0, active: 28, paused: 1, ended: 1, vetoed: 1, crossDepartmentShare: 0.8 },
            sessions: {
              byState: { planned: 100, booked: 40, accepted: 20, tentative: 2, declined: 3, rescheduled: 4, held: 9, cancelled: 2 },
              total: 180,
              held: 9,
              plannedToDate: 12,
              heldRate: 0.75,
              declinesReslotted: 3,
              unschedulable: 2,
              calendarsUnreadable: 1,
              byWeek: [{ weekStart: "2030-03-04", planned: 6, held: 5, cancelled: 1 }, { weekStart: "2030-03-11", planned: 6, held: 4, cancelled: 1 }],
            },
            feedback: { count: 9, averageRating: 4.2, histogram: [0, 1, 0, 4, 4] },
          }),
        ),
      );
      await open();
      await waitForScreen(p, "admin-cohort-health");
      const rsvp = p.locator('figure[data-chart="Sessions by RSVP state"]');
      expect(await rsvp.locator('svg[role="img"]').getAttribute("aria-label")).toContain("held 9");
      expect(await rsvp.locator("table tr").nth(7).innerText()).toMatch(/Held\s+9/);
      expect(await p.locator('figure[data-chart="Sessions held and planned per week"] svg').getAttribute("aria-label")).toBe("Sessions per week over 2 weeks: 9 held of 12 planned.");
      expect(await p.locator('[data-share="Cross-department pairs"]').innerText()).toBe("80%");
      expect(await p.locator('dd[data-fact="Average feedback"]').innerText()).toBe("4.2 / 5 (9)");
      await checkScreenInBothThemes(p, "admin-health-with-data");
    } finally {
      await ctx.close();
    }
  }, 90_000);
});
