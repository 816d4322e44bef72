// The cohort editor's Entra group picker in real headless Chromium against the real server (dev tenant
// over HTTPS, embedded Cosmos): type part of a group's name, pick it with the keyboard, save — the cohort
// names the group's id; reopened, the tag shows the name again (?ids=); removed, the cohort names none.
// A group that is gone by the time of saving gets the server's 400 next to its picker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startAppTarget, type AppTarget } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { seedDevSession, signedInSession } from "./support/dev-session.js";
import { expectAccessible, openContext, waitForScreen } from "./support/tab-page.js";

const GRADUATES = "Graduate programme 2026";

let target: AppTarget;
let browser: Browser;
let adminToken: string;
let page: Page;
let closeContext: () => Promise<void>;
let pageErrors: string[];
let cohortId = "";

async function getJson(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${target.baseUrl}${path}`, { headers: { Authorization: `Bearer ${adminToken}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function menteeGroups(): Promise<unknown> {
  const { body } = await getJson(`/api/admin/cohorts/${cohortId}`);
  return (body.settings as { eligibility: { mentee: { groups: unknown } } }).eligibility.mentee.groups;
}

/** The group picker of a role ("Mentors (the juniors who teach)" or "Executives (mentees)"). */
function picker(role: string): { input: Locator; field: Locator } {
  const group = page.getByRole("group", { name: role });
  return { input: group.getByRole("combobox", { name: "Groups" }), field: group.locator('[data-field$=".groups"]').locator("xpath=ancestor::div[contains(@class,'fui-Field')][1]") };
}

/** "2030-01-31T09:00" in the browser's zone (the context runs in UTC). */
function localInput(instant: Date): string {
  return instant.toISOString().slice(0, 16);
}

beforeAll(async () => {
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
  const admin = await target.person("admin");
  adminToken = await target.ssoToken(admin.id);
  const ctx = await openContext(browser, { timezoneId: "UTC" });
  await seedDevSession(ctx.context, await signedInSession(target, admin));
  page = await ctx.newPage();
  closeContext = ctx.close;
  pageErrors = ctx.errors;
}, 240_000);

afterAll(async () => {
  await closeContext?.();
  await browser?.close();
  await target?.stop();
});

describe("cohort group picker in Chromium", () => {
  it("picks a group by typing part of its name (keyboard only); the saved cohort names its id", async () => {
    const { body } = await getJson(`/api/admin/groups?search=${encodeURIComponent("graduate")}`);
    const graduates = (body.items as Array<{ id: string; displayName: string }>).find((g) => g.displayName === GRADUATES);
    expect(graduates, "the dev tenant has the graduate programme group").toBeDefined();

    await page.goto(`${target.baseUrl}/#/admin/cohorts/new`);
    await waitForScreen(page, "admin-new-cohort");
    const now = Date.now();
    await page.locator('[data-field="name"]').fill("Graduates cohort");
    await page.locator('[data-field="enrolment.opensAt"]').fill(localInput(new Date(now - 3600_000)));
    await page.locator('[data-field="enrolment.closesAt"]').fill(localInput(new Date(now + 14 * 86_400_000)));

    const mentee = picker("Executives (mentees)");
    await mentee.input.focus();
    await page.keyboard.type("gradu");
    const list = page.getByRole("listbox");
    const option = list.getByRole("option", { name: new RegExp(`^${GRADUATES}`) });
    await option.waitFor();
    // Only groups with a word starting "gradu" are offered.
    for (const name of await list.getByRole("option").allInnerTexts()) expect(name.toLowerCase()).toContain("gradu");
    await expectAccessible(page, "cohort editor with the group picker open");

    const optionId = await option.getAttribute("id");
    for (let i = 0; i < 10 && (await mentee.input.getAttribute("aria-activedescendant")) !== optionId; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    const tag = page.getByRole("group", { name: "Executives (mentees)" }).locator(`[data-group="${graduates?.id}"]`);
    await expect.poll(() => tag.innerText()).toContain(GRADUATES);
    expect(await mentee.input.inputValue()).toBe("");

    await page.getByRole("button", { name: "Create cohort" }).click();
    await waitForScreen(page, "admin-cohort-settings");
    cohortId = decodeURIComponent(new URL(page.url()).hash.split("/")[3] ?? "");
    expect(await menteeGroups()).toEqual([graduates?.id]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it("shows a saved group by name after a reload, and removing its tag saves no group", async () => {
    await page.reload();
    await waitForScreen(page, "admin-cohort-settings");
    const tags = page.getByRole("group", { name: "Executives (mentees)" }).locator("[data-group]");
    await expect.poll(() => tags.allInnerTexts()).toEqual([GRADUATES]);
    // Chosen groups are a listbox: Delete on a focused tag removes it.
    await page.getByRole("group", { name: "Executives (mentees)" }).getByRole("listbox", { name: "Chosen groups (Groups)" }).getByRole("option", { name: GRADUATES }).focus();
    await page.keyboard.press("Delete");
    await expect.poll(() => tags.count()).toBe(0);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => menteeGroups()).toBeNull();
  }, 60_000);

  it("puts the server's refusal of a group that no longer exists next to that picker", async () => {
    const gone = "0d0d0d0d-0000-4000-8000-00000000dead";
    // The admin picked a group that was deleted before Save: the request names an id the directory no longer has.
    await page.route(`**/api/admin/cohorts/${cohortId}`, async (route) => {
      const request = route.request();
      if (request.method() !== "PUT") return route.continue();
      const sent = request.postDataJSON() as { eligibility: { mentor: { groups: string[] | null } } };
      sent.eligibility.mentor.groups = [gone];
      return route.continue({ postData: JSON.stringify(sent) });
    });
    await page.getByRole("button", { name: "Save changes" }).click();
    const mentor = picker("Mentors (the juniors who teach)");
    await expect.poll(() => mentor.field.innerText()).toContain(`"${gone}" is not a group in your organisation's directory`);
    expect(await picker("Executives (mentees)").field.innerText()).not.toContain("is not a group");
    await page.unroute(`**/api/admin/cohorts/${cohortId}`);
  }, 60_000);
});
