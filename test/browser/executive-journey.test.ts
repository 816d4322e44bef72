// The executive journey in real headless Chromium against the real server (embedded dev tenant + Cosmos).
// Through the HTTP API an admin opens a cohort, an executive and a few employees enrol, matching runs;
// the executive sees the proposed mentor and why, with a veto that demands a reason; sets scheduling
// preferences (with validation); the admin publishes and schedules; the executive answers the Outlook
// invitation through the dev tenant, and the tab shows the new RSVP state in the executive's zone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startAppTarget, type AppTarget, type TargetPerson } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { apiAs, devTenantCall, openCohort, runJob, type ApiCaller } from "./support/programme-seed.js";
import { saveScreenshot } from "./support/screenshots.js";
import { withSignedInPage } from "./support/signed-in-page.js";
import { checkScreenInBothThemes, expectAccessible, waitForScreen } from "./support/tab-page.js";

let target: AppTarget;
let browser: Browser;
let executive: TargetPerson;
let admin: ApiCaller;
let asExecutive: ApiCaller;
let cohortId: string;
const CONSENT = { accepted: true, textVersion: "enrolment-consent-v1" };

interface MySession {
  id: string;
  state: string;
  start: string | null;
  end: string | null;
  counterpart: { id: string; displayName: string };
}

interface MyPair {
  id: string;
  state: string;
  counterpart: { id: string; displayName: string };
  canVeto: boolean;
}

interface CalendarEvent {
  iCalUId: string;
  start: { dateTime: string };
  organizer: { emailAddress: { address: string } };
  isOrganizer?: boolean;
}

beforeAll(async () => {
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
  admin = await apiAs(target, await target.person("admin"));
  executive = await target.person("executive");
  asExecutive = await apiAs(target, executive);
  // Matching works on the synced directory snapshot (org chart, reporting lines), as in production.
  await runJob(admin, "/api/admin/directory/sync", { mode: "full" });
  // The executive answers by hand below: no simulated answers that could race the test.
  await devTenantCall(target, "PUT", "/dev/behaviour", { enabled: false });

  cohortId = await openCohort(admin, "Leadership reverse mentoring — executive journey", { cadence: { everyWeeks: 1, sessionMinutes: 30, sessions: 3 } });
  await asExecutive.call("POST", `/api/cohorts/${cohortId}/enrolments`, { role: "mentee", skills: ["genai-tools"], consent: CONSENT });
  // Several possible mentors, so that one outside the executive's reporting line exists whatever the seed.
  const { people } = (await (await fetch(`${target.baseUrl}/api/dev/people?role=employee&limit=8`)).json()) as { people: TargetPerson[] };
  for (const person of people) {
    const caller = await apiAs(target, person);
    await caller.call("POST", `/api/cohorts/${cohortId}/enrolments`, { role: "mentor", skills: ["genai-tools", "power-bi"], consent: CONSENT }).catch(() => undefined);
  }
  await runJob(admin, `/api/admin/cohorts/${cohortId}/matching`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await target?.stop();
});

async function myPairs(): Promise<MyPair[]> {
  return (await asExecutive.call<{ pairs: MyPair[] }>("GET", "/api/me/pairs")).pairs;
}

async function mySessions(): Promise<MySession[]> {
  return (await asExecutive.call<{ items: MySession[] }>("GET", "/api/me/sessions?limit=50")).items;
}

/** Opens (or reloads: a hash-only goto would not load anything again) the executive's area. */
async function openMentorArea(page: Page): Promise<void> {
  const url = `${target.baseUrl}/#/mentor`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await waitForScreen(page, "mentor");
}

describe("executive journey in Chromium", () => {
  it("sees the proposed mentor and why, may veto with a reason, sets preferences, and sees the RSVP answered in Outlook", async () => {
    const [proposed] = await myPairs();
    expect(proposed, "matching proposed a mentor for the executive").toMatchObject({ state: "proposed", canVeto: true });

    // A browser whose own zone differs from the executive's: times must follow the executive's mailbox zone.
    await withSignedInPage(browser, target, executive, async (page) => {
      await openMentorArea(page);

      // The proposal: who, why, and a veto that will not go without a reason.
      const pair = page.locator(`[data-pair="${proposed!.id}"]`);
      expect(await pair.innerText()).toContain(proposed!.counterpart.displayName);
      expect(await pair.innerText()).toContain("Proposed");
      expect(await pair.getByRole("heading", { name: "Why you were paired" }).count()).toBe(1);
      await checkScreenInBothThemes(page, "mentor-proposed");
      await pair.getByRole("button", { name: "Veto this pair" }).click();
      const veto = page.getByRole("dialog", { name: `Veto the pair with ${proposed!.counterpart.displayName}?` });
      await veto.getByRole("button", { name: "Veto the pair" }).click();
      await veto.getByText("Why this pair does not work for you is required.").waitFor();
      await expectAccessible(page, "veto dialog");
      await saveScreenshot(page, "mentor-veto-dialog-light");
      await veto.getByRole("button", { name: "Cancel" }).click();
      await veto.waitFor({ state: "detached" });
      expect((await myPairs())[0]!.state).toBe("proposed");

      // Preferences: mistakes are shown next to their fields; a valid set is saved.
      const prefs = page.getByRole("form", { name: "Your scheduling preferences" });
      await prefs.getByLabel("Most sessions per week").fill("12");
      await prefs.getByLabel("From").fill("16:00");
      await prefs.getByLabel("Until").fill("09:00");
      await prefs.getByRole("button", { name: "Save preferences" }).click();
      await prefs.getByText("Enter a whole number from 1 to 10, or leave it empty for no weekly limit.").waitFor();
      await prefs.getByText("The start time must be before the end time.").waitFor();
      await prefs.getByLabel("Most sessions per week").fill("5");
      await prefs.getByLabel("From").fill("08:00");
      await prefs.getByLabel("Until").fill("18:00");
      await prefs.getByRole("button", { name: "Save preferences" }).click();
      await prefs.getByText(/^Saved\./).waitFor();
      expect(await asExecutive.call("GET", "/api/me/preferences")).toMatchObject({ maxSessionsPerWeek: 5, preferredHours: { start: "08:00", end: "18:00" } });

      // The admin publishes and schedules; invitations land in the executive's calendar.
      await admin.call("POST", `/api/admin/cohorts/${cohortId}/publish`);
      await runJob(admin, `/api/admin/cohorts/${cohortId}/schedule`);
      const booked = (await mySessions()).filter((s) => s.state === "booked" && s.start);
      expect(booked.length, "scheduling booked the executive's sessions").toBeGreaterThan(0);
      const first = booked[0]!;

      await openMentorArea(page);
      expect(await page.locator(`[data-pair="${proposed!.id}"]`).innerText()).toContain("Active");
      const card = page.locator(`[data-session="${first.id}"]`);
      expect(await card.innerText()).toContain("Invitation sent");
      const me = await asExecutive.call<{ timeZone: string | null }>("GET", "/api/me");
      const zone = me.timeZone ?? "Pacific/Honolulu";
      const hhmm = (iso: string) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(new Date(iso));
      expect(await card.innerText()).toContain(`${hhmm(first.start!)}–${hhmm(first.end!)}`);
      expect(await page.getByTestId("time-zone-note").first().innerText()).toContain(zone);

      // The last session does not suit: skip it (the confirmation says what happens; nothing is moved).
      const last = booked[booked.length - 1]!;
      expect(last.id).not.toBe(first.id);
      const lastCard = page.locator(`[data-session="${last.id}"]`);
      await lastCard.getByRole("button", { name: /^Skip session / }).click();
      const skip = page.getByRole("dialog", { name: /^Skip session / });
      expect(await skip.innerText()).toContain("is cancelled and its Outlook invitation withdrawn");
      await skip.getByRole("button", { name: "Skip this session" }).click();
      await skip.waitFor({ state: "detached" });
      await expect.poll(() => lastCard.innerText()).toContain("Cancelled");
      expect(await lastCard.getByRole("button").count()).toBe(0);
      expect((await mySessions()).find((s) => s.id === last.id)?.state).toBe("cancelled");

      // The middle one is moved: the app finds the next good time itself.
      const middle = booked[1]!;
      expect([first.id, last.id]).not.toContain(middle.id);
      const middleCard = page.locator(`[data-session="${middle.id}"]`);
      await middleCard.getByRole("button", { name: /^Reschedule session / }).click();
      const reschedule = page.getByRole("dialog", { name: /^Reschedule session / });
      await reschedule.getByLabel("Reason (optional)").fill("Board meeting moved into that afternoon");
      await reschedule.getByRole("button", { name: "Find a new time" }).click();
      await reschedule.waitFor({ state: "detached" });
      await expect.poll(() => middleCard.innerText()).toContain("Moved");
      const moved = (await mySessions()).find((s) => s.id === middle.id)!;
      expect(moved.state).toBe("rescheduled");
      expect(moved.start).not.toBe(middle.start);
      expect(await middleCard.innerText()).toContain(`${hhmm(moved.start!)}–${hhmm(moved.end!)}`);

      // The executive accepts in "Outlook" (the dev tenant); the app hears of it and the tab shows it.
      const events = await devTenantCall<CalendarEvent[] | { value: CalendarEvent[] }>(target, "GET", `/dev/tenants/${target.tenantId}/users/${executive.id}/events`);
      const list = Array.isArray(events) ? events : events.value;
      const invitation = list.find((e) => !e.isOrganizer && Date.parse(`${e.start.dateTime.replace(/Z?$/, "Z")}`) === Date.parse(first.start!));
      expect(invitation, "the invitation is in the executive's calendar").toBeDefined();
      await devTenantCall(target, "POST", `/dev/tenants/${target.tenantId}/users/${executive.id}/respond`, {
        organizer: invitation!.organizer.emailAddress.address,
        iCalUId: invitation!.iCalUId,
        response: "accepted",
      });
      // The app learns it from a Graph change notification when its calendar watch has a subscription, and in
      // any case from its periodic RSVP poll: run that poll now instead of waiting a quarter of an hour.
      // Accepting puts the meeting in the executive's calendar as busy: that is the session itself, not a conflict.
      expect(await target.pollRsvp(), "the RSVP poll read the answer and saw no conflict").toMatchObject({ conflicts: 0, failed: 0 });
      await expect.poll(async () => (await mySessions()).find((s) => s.id === first.id)?.state, { timeout: 10_000, interval: 250 }).toBe("accepted");
      await openMentorArea(page);
      expect(await page.locator(`[data-session="${first.id}"]`).innerText()).toContain("Accepted");
      await checkScreenInBothThemes(page, "mentor-scheduled");
    }, { timezoneId: "Pacific/Honolulu" });
  }, 240_000);

  it("pauses the pair (future sessions cancelled, as the confirmation says) and resumes it", async () => {
    await withSignedInPage(browser, target, executive, async (page) => {
      await openMentorArea(page);
      const [pair] = await myPairs();
      expect(pair?.state).toBe("active");
      const card = page.locator(`[data-pair="${pair!.id}"]`);
      await card.getByRole("button", { name: "Pause the pair" }).click();
      const pause = page.getByRole("dialog", { name: `Pause your sessions with ${pair!.counterpart.displayName}?` });
      expect(await pause.innerText()).toContain("Every future session");
      await pause.getByRole("button", { name: "Pause" }).click();
      await pause.waitFor({ state: "detached" });
      await expect.poll(() => card.innerText()).toContain("Paused");
      expect((await myPairs())[0]?.state).toBe("paused");
      const upcoming = (await mySessions()).filter((s) => s.start !== null && Date.parse(s.start) > Date.now());
      expect(upcoming.length).toBeGreaterThan(0);
      expect(upcoming.filter((s) => s.state !== "cancelled")).toEqual([]);
      // The screen's session list follows without a reload.
      for (const s of upcoming) await expect.poll(() => page.locator(`[data-session="${s.id}"]`).innerText()).toContain("Cancelled");

      await card.getByRole("button", { name: "Resume the pair" }).click();
      const resume = page.getByRole("dialog", { name: `Resume your sessions with ${pair!.counterpart.displayName}?` });
      await resume.getByRole("button", { name: "Resume" }).click();
      await resume.waitFor({ state: "detached" });
      await expect.poll(() => card.innerText()).toContain("Active");
      expect((await myPairs())[0]?.state).toBe("active");
    });
  }, 120_000);

  it("vetoes a proposed pair of another cohort: with a reason, the pair is refused and the programme team sees why", async () => {
    const second = await openCohort(admin, "Second cohort — veto", { cadence: { everyWeeks: 2, sessionMinutes: 30, sessions: 2 } });
    await asExecutive.call("POST", `/api/cohorts/${second}/enrolments`, { role: "mentee", skills: ["power-bi"], consent: CONSENT });
    const { people } = (await (await fetch(`${target.baseUrl}/api/dev/people?role=employee&limit=8`)).json()) as { people: TargetPerson[] };
    for (const person of people) {
      const caller = await apiAs(target, person);
      await caller.call("POST", `/api/cohorts/${second}/enrolments`, { role: "mentor", skills: ["power-bi"], consent: CONSENT }).catch(() => undefined);
    }
    await runJob(admin, `/api/admin/cohorts/${second}/matching`);
    const proposed = (await myPairs()).find((p) => p.state === "proposed" && p.canVeto);
    expect(proposed, "the second cohort proposes a mentor").toBeDefined();

    await withSignedInPage(browser, target, executive, async (page) => {
      await openMentorArea(page);
      const card = page.locator(`[data-pair="${proposed!.id}"]`);
      await card.getByRole("button", { name: "Veto this pair" }).click();
      const veto = page.getByRole("dialog", { name: `Veto the pair with ${proposed!.counterpart.displayName}?` });
      expect(await veto.innerText()).toContain("will not propose this pair again");
      const reason = "We already work together on the pricing programme.";
      await veto.getByLabel("Why this pair does not work for you").fill(reason);
      await veto.getByRole("button", { name: "Veto the pair" }).click();
      await veto.waitFor({ state: "detached" });
      await expect.poll(() => card.innerText()).toContain("Vetoed");
      expect(await card.innerText()).toContain(`You vetoed ${proposed!.counterpart.displayName} as your mentor`);
      expect(await card.getByRole("button", { name: "Veto this pair" }).count()).toBe(0);
      expect((await myPairs()).find((p) => p.id === proposed!.id)).toMatchObject({ state: "vetoed", canVeto: false });
      const proposal = await admin.call<{ vetoes: Array<{ menteeId: string; reason: string }> }>("GET", `/api/admin/cohorts/${second}/proposal`);
      expect(proposal.vetoes).toEqual([expect.objectContaining({ menteeId: executive.id, reason })]);
    });
  }, 120_000);
});
