// What the screens do with what the API answers, in real Chromium against the app: data from the
// programme APIs of issues 4–5 (served here at the HTTP boundary with page.route, in the shapes the tab
// expects), errors with Retry, broken answers, token renewal, and the Azure-mode "open in Teams" page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page, Route } from "playwright-core";
import { startAppTarget, type AppTarget, type TargetPerson } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { seedDevSession, signedInSession } from "./support/dev-session.js";
import { saveScreenshot } from "./support/screenshots.js";
import { checkScreenInBothThemes, expectAccessible, openContext, waitForScreen } from "./support/tab-page.js";

let target: AppTarget;
let browser: Browser;
let employee: TargetPerson;
let admin: TargetPerson;

beforeAll(async () => {
  // A small org keeps start-up quick; the screens do not depend on its size.
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
  [employee, admin] = await Promise.all([target.person("employee"), target.person("admin")]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await target?.stop();
});

const json = (body: unknown, status = 200) => ({ status, contentType: "application/json", body: JSON.stringify(body) });
const problem = (status: number, title: string, detail: string) => ({
  status,
  contentType: "application/problem+json",
  body: JSON.stringify({ type: "about:blank", title, status, detail }),
});

/** A signed-in page whose browser runs in a different zone than the person (times must follow the person). */
async function signedInPage(person: TargetPerson, path = "/"): Promise<{ page: Page; close(): Promise<void>; errors: string[] }> {
  const ctx = await openContext(browser, { timezoneId: "Pacific/Honolulu" });
  await seedDevSession(ctx.context, await signedInSession(target, person));
  const page = await ctx.newPage();
  await page.goto(`${target.baseUrl}${path}`);
  return { page, close: ctx.close, errors: ctx.errors };
}

const counterpart = { id: "c0ffee00-0000-4000-8000-000000000001", displayName: "Dana Whitfield", jobTitle: "Executive Vice President", department: "Sales" };

function sessions(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    // Thursdays 16:00–16:30 UTC from 2030-01-03, two weeks apart; fixed instants, independent of today.
    const start = new Date(Date.UTC(2030, 0, 3 + 14 * (n - 1), 16, 0));
    return {
      id: `session-${n}`,
      pairId: "pair-1",
      cohortId: "c1",
      cohortName: "Spring 2030",
      sequence: n,
      of: 12,
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
      state: n === 1 ? "accepted" : n === 2 ? "declined" : "booked",
      joinUrl: `https://teams.microsoft.com/l/meetup-join/session-${n}`,
      counterpart,
      myRole: "mentor",
      problem: null,
      canReschedule: true,
      canSkip: true,
      canGiveFeedback: false,
      myFeedback: null,
    };
  });
}

describe("screens with data and failures", () => {
  it("My programme shows open cohorts with eligibility, the match with its reasons, and sessions in the person's zone, paged", async () => {
    const { page, close, errors } = await signedInPage(employee, "/#/programme");
    try {
      await page.route("**/api/cohorts/open", (r) =>
        r.fulfill(
          json({
            cohorts: [
              { id: "c1", name: "Spring 2030", enrolmentOpensOn: "2030-01-01", enrolmentClosesOn: "2030-01-31", cadence: { everyWeeks: 2, sessionMinutes: 30, sessions: 6 }, eligibleAs: ["mentor"], ineligibleReasons: [], enrolledAs: null },
              { id: "c2", name: "Leaders only", enrolmentOpensOn: "2030-02-01", enrolmentClosesOn: "2030-02-28", cadence: { everyWeeks: 1, sessionMinutes: 45, sessions: 4 }, eligibleAs: [], ineligibleReasons: ["Mentors must be below Director level"], enrolledAs: null },
            ],
          }),
        ),
      );
      await page.route("**/api/me/pairs", (r) =>
        r.fulfill(json({ pairs: [{ id: "pair-1", cohortId: "c1", cohortName: "Spring 2030", myRole: "mentor", counterpart, state: "active", score: 41.5, reasons: ["teaches GenAI tools that Dana wants to learn", "different division"], canVeto: false }] })),
      );
      const sessionRequests: string[] = [];
      await page.route("**/api/me/sessions*", (r: Route) => {
        const url = new URL(r.request().url());
        sessionRequests.push(url.search);
        const token = url.searchParams.get("continuationToken");
        return r.fulfill(json(token === "page-2" ? { items: sessions(11, 2), continuationToken: null } : { items: sessions(1, 10), continuationToken: "page-2" }));
      });
      await page.reload();
      await waitForScreen(page, "programme");

      expect(await page.getByRole("list", { name: "Open cohorts" }).locator("[data-cohort]").count()).toBe(2);
      expect(await page.locator('[data-cohort="c1"]').innerText()).toContain("You can join as a mentor");
      expect(await page.locator('[data-cohort="c2"]').innerText()).toContain("Mentors must be below Director level");

      const pair = page.locator('[data-pair="pair-1"]');
      expect(await pair.innerText()).toContain("Dana Whitfield");
      expect(await pair.getByRole("listitem").allInnerTexts()).toEqual(["teaches GenAI tools that Dana wants to learn", "different division"]);

      const first = page.locator('[data-session="session-1"]');
      expect(await first.innerText()).toContain("Accepted");
      expect(await page.locator('[data-session="session-2"]').innerText()).toContain("Declined — finding a new time");
      expect(await first.getByRole("link", { name: "Join session 1 in Teams" }).getAttribute("href")).toBe("https://teams.microsoft.com/l/meetup-join/session-1");
      // 16:00 UTC in the person's zone, not in the browser's (Honolulu).
      const zone = (await page.evaluate('fetch("/api/me", { headers: { Authorization: "Bearer " + JSON.parse(sessionStorage.getItem("reverse-mentorship.dev-session")).token } }).then(r => r.json()).then(me => me.timeZone)')) as string;
      const hhmm = (iso: string, timeZone: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
      const s1 = sessions(1, 1)[0]!;
      expect(await first.innerText()).toContain(`${hhmm(s1.start, zone)}–${hhmm(s1.end, zone)}`);
      if (hhmm(s1.start, zone) !== hhmm(s1.start, "Pacific/Honolulu")) expect(await first.innerText()).not.toContain(hhmm(s1.start, "Pacific/Honolulu"));

      // Ten per page; the server has more (continuation token) → "Load more" fetches the next page.
      const pager = page.getByRole("navigation", { name: "Sessions: pages" });
      expect(await pager.innerText()).toContain("Showing 1–10 of 10+");
      await pager.getByRole("button", { name: "Load more" }).click();
      await expect.poll(() => pager.innerText()).toContain("Showing 11–12 of 12");
      expect(sessionRequests).toEqual(["?limit=20", "?limit=20&continuationToken=page-2"]);
      expect(await page.locator('[data-session="session-12"]').count()).toBe(1);
      await pager.getByRole("button", { name: "Previous" }).click();
      expect(await page.locator('[data-session="session-1"]').count()).toBe(1);

      await checkScreenInBothThemes(page, "programme-with-data");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);

  it("Admin shows cohorts with enrolment numbers and the last directory sync's bad-data report", async () => {
    const { page, close } = await signedInPage(admin, "/#/admin");
    try {
      await page.route("**/api/admin/cohorts*", (r) =>
        r.fulfill(
          json({
            cohorts: [{ id: "c1", name: "Spring 2030", state: "enrolling", enrolmentOpensOn: "2030-01-02", enrolmentClosesOn: "2030-01-31", enrolled: { mentors: 42, mentees: 17 }, etag: '"1"' }],
            continuationToken: null,
          }),
        ),
      );
      const sample = (ids: string[]) => ({ count: ids.length, sample: ids });
      await page.route("**/api/admin/directory/report", (r) =>
        r.fulfill(
          json({
            lastSyncAt: "2030-01-01T08:00:00Z",
            jobId: "job-1",
            report: {
              mode: "full",
              fullResyncReason: "noDeltaLink",
              people: 2000,
              changesRead: 2000,
              pages: 10,
              written: 2000,
              deleted: 0,
              root: "ceo",
              roots: 2,
              missingManagers: { count: 3, sample: [{ id: "u-7", managerId: "gone-1", kind: "unknownManager", affected: 4 }] },
              cycles: [{ members: ["u-1", "u-2", "u-3"] }],
              underCycle: sample(["u-4"]),
              detached: 4,
              disabled: sample(["u-9"]),
              guests: sample(["g-1", "g-2"]),
              noMail: sample([]),
              duplicateIds: [],
              startedAt: "2030-01-01T07:59:00Z",
              finishedAt: "2030-01-01T08:00:00Z",
            },
          }),
        ),
      );
      await page.reload();
      await waitForScreen(page, "admin");
      const row = page.locator('[data-cohort="c1"]');
      expect((await row.getByRole("cell").allInnerTexts()).map((t) => t.trim())).toEqual(["Spring 2030", "Enrolling", "2 Jan 2030", "31 Jan 2030", "42", "17"]);
      expect(await row.getByRole("link", { name: "Spring 2030" }).getAttribute("href")).toBe("#/admin/cohorts/c1/settings");
      const cells = async (kind: string) => (await page.locator(`[data-bad-data="${kind}"]`).getByRole("cell").allInnerTexts()).map((t) => t.trim());
      expect(await cells("missingManagers")).toEqual(["Missing managers (manager not in the directory, or a second top)", "3", "u-7 → gone-1"]);
      expect(await cells("cycles")).toEqual(["Manager cycles", "1", "u-1 → u-2 → u-3"]);
      expect(await cells("guests")).toEqual(["Guests", "2", "g-1, g-2"]);
      expect(await cells("noMail")).toEqual(["No mailbox (no mail address)", "0", "None"]);
      expect(await page.locator('dd[data-fact="People"]').innerText()).toBe("2,000");
      await checkScreenInBothThemes(page, "admin-with-data");
    } finally {
      await close();
    }
  }, 90_000);

  it("an API error shows its title and detail, and Retry loads again", async () => {
    const { page, close } = await signedInPage(employee, "/#/programme");
    try {
      let calls = 0;
      await page.route("**/api/cohorts/open", (r) => (++calls === 1 ? r.fulfill(problem(503, "Service Unavailable", "The database is restarting.")) : r.fulfill(json({ cohorts: [] }))));
      await page.reload();
      await waitForScreen(page, "programme");
      const region = page.getByRole("region", { name: "Open cohorts" });
      expect(await region.innerText()).toContain("Service Unavailable");
      expect(await region.innerText()).toContain("The database is restarting.");
      await expectAccessible(page, "programme with an error");
      await saveScreenshot(page, "programme-error-light");
      await region.getByRole("button", { name: "Retry" }).click();
      await region.getByText("No open cohorts yet").waitFor();
      expect(calls).toBe(2);
    } finally {
      await close();
    }
  }, 60_000);

  it("a broken answer is reported, naming what is wrong, instead of rendering nonsense", async () => {
    const { page, close } = await signedInPage(employee, "/#/programme");
    try {
      await page.route("**/api/me/pairs", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<html>Sign in to the proxy</html>" }));
      await page.route("**/api/cohorts/open", (r) => r.fulfill(json({ cohorts: [{ id: "c1", name: 7 }] })));
      await page.reload();
      await waitForScreen(page, "programme");
      const match = await page.getByRole("region", { name: "My match" }).innerText();
      expect(match).toContain("Unexpected response from the server");
      expect(match).toContain("Expected JSON but received text/html");
      const cohorts = await page.getByRole("region", { name: "Open cohorts" }).innerText();
      expect(cohorts).toContain("Unexpected response from the server");
      expect(cohorts).toContain("cohorts[0].name should be a string.");
    } finally {
      await close();
    }
  }, 60_000);

  it("an expired dev session is renewed silently, and an API 401 gets one renewal and a retry", async () => {
    const ctx = await openContext(browser);
    try {
      const seeded = await signedInSession(target, employee);
      await seedDevSession(ctx.context, { ...seeded, token: "expired-token", expiresAt: Date.now() - 60_000 });
      const page = await ctx.newPage();
      const signIns: string[] = [];
      const meTokens: string[] = [];
      page.on("request", (r) => {
        const path = new URL(r.url()).pathname;
        if (path === "/api/dev/signin") signIns.push(r.postData() ?? "");
        if (path === "/api/me") meTokens.push(r.headers().authorization ?? "");
      });
      await page.goto(`${target.baseUrl}/`);
      await waitForScreen(page, "about");
      expect(signIns).toEqual([JSON.stringify({ userId: employee.id })]);
      expect(meTokens).toHaveLength(1);
      expect(meTokens[0]).not.toBe("Bearer expired-token");

      // The API refuses the (still unexpired) token once: the tab signs in again and retries.
      let refused = false;
      await page.route("**/api/me", (r) => {
        if (refused) return r.continue();
        refused = true;
        return r.fulfill(problem(401, "Unauthorized", "The token was revoked."));
      });
      await page.reload();
      await waitForScreen(page, "about");
      expect(signIns).toHaveLength(2);
      expect(await page.getByTestId("signed-in-person").innerText()).toContain(employee.displayName);
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it("when the API keeps refusing the session, the person is sent back to the dev sign-in with a notice", async () => {
    const { page, close } = await signedInPage(employee);
    try {
      await waitForScreen(page, "about");
      await page.route("**/api/me", (r) => r.fulfill(problem(401, "Unauthorized", "No.")));
      await page.reload();
      await waitForScreen(page, "dev-sign-in");
      expect(await page.getByText("Your dev session ended. Choose a person to sign in again.").count()).toBe(1);
    } finally {
      await close();
    }
  }, 60_000);

  it("in Azure mode outside a host it explains how to open the app in Teams and offers no sign-in", async () => {
    for (const theme of ["light", "dark"] as const) {
      const ctx = await openContext(browser);
      try {
        const page = await ctx.newPage();
        const devCalls: string[] = [];
        page.on("request", (r) => {
          if (new URL(r.url()).pathname.startsWith("/api/dev/")) devCalls.push(r.url());
        });
        await page.route("**/api/config", (r) => r.fulfill(json({ mode: "azure", clientId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", devSignIn: false })));
        await page.goto(`${target.baseUrl}/?theme=${theme}`);
        await waitForScreen(page, "open-in-host");
        expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Open Reverse mentorship in Microsoft Teams or Outlook");
        expect(await page.getByRole("button", { name: /sign in/i }).count()).toBe(0);
        expect(devCalls).toEqual([]);
        await expectAccessible(page, `open in Teams (${theme})`);
        await saveScreenshot(page, `open-in-teams-${theme}`);
      } finally {
        await ctx.close();
      }
    }
  }, 60_000);

  it("when the server cannot be reached at start, it says so and Try again recovers", async () => {
    const ctx = await openContext(browser);
    try {
      const page = await ctx.newPage();
      let calls = 0;
      await page.route("**/api/config", (r) => (++calls === 1 ? r.abort("connectionrefused") : r.continue()));
      await page.goto(`${target.baseUrl}/`);
      await page.locator('[data-screen="failed"]').waitFor();
      expect(await page.getByText("Cannot reach the server").count()).toBe(1);
      await expectAccessible(page, "start failed");
      await saveScreenshot(page, "start-failed-light");
      await page.getByRole("button", { name: "Try again" }).click();
      await waitForScreen(page, "dev-sign-in");
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
