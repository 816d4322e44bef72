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

  it("left no errors in the page and no request left the machine", () => {
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
