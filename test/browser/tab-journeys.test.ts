// The three dev sign-in journeys in real headless Chromium: an employee, an executive and a programme
// admin each sign in, see their own profile, and reach exactly the areas their roles allow. Every
// screen is checked with axe and photographed in light and dark.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startAppTarget, type AppTarget } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { FOCUSED, tabUntil, type Focused } from "./support/keyboard.js";
import { checkScreenInBothThemes, openTab, waitForScreen, type TabPage } from "./support/tab-page.js";

let target: AppTarget;
let browser: Browser;

beforeAll(async () => {
  // A small org keeps start-up quick; the screens do not depend on its size.
  [target, browser] = await Promise.all([startAppTarget({ users: 200 }), launchBrowser()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await target?.stop();
});

interface Picked {
  name: string;
  title: string;
}

/** Picks the first person in a tab of the dev sign-in, signs in, and returns what the picker showed. */
async function signInFromPicker(page: Page, tab: "Employees" | "Executives" | "Program admins", landsOn = "about"): Promise<Picked> {
  await page.getByRole("tab", { name: tab }).click();
  await page.locator('[aria-selected="true"]', { hasText: tab }).waitFor();
  const card = page.locator("[data-person]").first();
  await card.waitFor();
  const name = (await card.locator(".fui-Persona__primaryText").innerText()).trim();
  const secondary = (await card.locator(".fui-Persona__secondaryText").innerText()).trim();
  await card.getByRole("button", { name: `Sign in as ${name}` }).click();
  await waitForScreen(page, landsOn);
  return { name, title: secondary.split(" · ")[0] ?? "" };
}

async function fact(page: Page, term: string): Promise<string> {
  return (await page.locator(`dd[data-fact="${term}"]`).innerText()).trim();
}

async function navTabs(page: Page): Promise<string[]> {
  return (await page.getByRole("navigation", { name: "Areas" }).getByRole("tab").allInnerTexts()).map((t) => t.trim());
}

async function openArea(page: Page, label: string, screen: string): Promise<void> {
  await page.getByRole("navigation", { name: "Areas" }).getByRole("tab", { name: label }).click();
  await waitForScreen(page, screen);
  await expect.poll(() => new URL(page.url()).hash).toBe(`#/${screen}`);
}

/**
 * Every data-backed part of an area shows a settled, honest state — "not available yet" while its API
 * (issues 4–5) answers 404, an empty state, or data — never a spinner left behind or an error.
 */
async function expectSettledWithoutErrors(page: Page, parts: number): Promise<void> {
  const states = await page.locator("main section [data-state]").evaluateAll((els) => els.map((e) => e.getAttribute("data-state")));
  expect(states.length).toBeGreaterThanOrEqual(parts);
  expect(states.filter((s) => s === "loading" || s === "error")).toEqual([]);
}

function expectCleanRun(tab: TabPage): void {
  expect(tab.errors, "errors in the page").toEqual([]);
  expect(tab.blocked, "requests that tried to leave the machine").toEqual([]);
}

describe(`tab journeys in Chromium`, () => {
  it("an employee signs in and sees their own profile and programme, nothing for executives or admins", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/`);
    try {
      const { page } = tab;
      await waitForScreen(page, "dev-sign-in");
      await checkScreenInBothThemes(page, "dev-sign-in");

      const picked = await signInFromPicker(page, "Employees");
      expect(await page.getByTestId("signed-in-person").innerText()).toContain(picked.name);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("About you");
      expect(await fact(page, "Name")).toBe(picked.name);
      expect(await fact(page, "Job title")).toBe(picked.title);
      expect(await fact(page, "Roles")).toBe("Employee");
      expect(await fact(page, "Time zone")).toMatch(/^[A-Za-z]+\/[A-Za-z_]+/);
      expect(await navTabs(page)).toEqual(["About you", "My programme"]);
      await checkScreenInBothThemes(page, "about-employee");

      await openArea(page, "My programme", "programme");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("My programme");
      expect(await page.title()).toBe("My programme · Reverse mentorship");
      for (const section of ["Open cohorts", "My match", "My sessions"]) {
        await expect.poll(() => page.getByRole("region", { name: section }).count()).toBe(1);
      }
      await expectSettledWithoutErrors(page, 3);
      await checkScreenInBothThemes(page, "programme");

      // The session survives a reload (sessionStorage) and lands on the same area.
      await page.reload();
      await waitForScreen(page, "programme");
      expect(await page.getByTestId("signed-in-person").innerText()).toContain(picked.name);
      expectCleanRun(tab);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("an executive signs in and reaches My mentor", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/`);
    try {
      const { page } = tab;
      await waitForScreen(page, "dev-sign-in");
      const picked = await signInFromPicker(page, "Executives");
      expect(await fact(page, "Name")).toBe(picked.name);
      expect(await fact(page, "Roles")).toContain("Executive");
      expect(await navTabs(page)).toContain("My mentor");
      expect(await navTabs(page)).not.toContain("Admin");

      await openArea(page, "My mentor", "mentor");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("My mentor");
      for (const section of ["Your mentor", "Upcoming sessions", "Your preferences"]) {
        await expect.poll(() => page.getByRole("region", { name: section }).count()).toBe(1);
      }
      await expectSettledWithoutErrors(page, 3);
      await checkScreenInBothThemes(page, "mentor");

      await page.getByRole("button", { name: "Switch person" }).click();
      await waitForScreen(page, "dev-sign-in");
      expect(await page.evaluate('sessionStorage.getItem("reverse-mentorship.dev-session")')).toBeNull();
      expectCleanRun(tab);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("a programme admin signs in and sees the Admin area; a link to #/admin lands there after sign-in", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/#/admin`);
    try {
      const { page } = tab;
      await waitForScreen(page, "dev-sign-in");
      const picked = await signInFromPicker(page, "Program admins", "admin");
      expect(await page.getByTestId("signed-in-person").innerText()).toContain(picked.name);
      expect(await navTabs(page)).toEqual(["About you", "My programme", "Admin"]);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Admin");
      for (const section of ["Cohorts", "Directory"]) {
        await expect.poll(() => page.getByRole("region", { name: section }).count()).toBe(1);
      }
      await expectSettledWithoutErrors(page, 2);
      await checkScreenInBothThemes(page, "admin");

      await openArea(page, "About you", "about");
      expect(await fact(page, "Name")).toBe(picked.name);
      expect(await fact(page, "Roles")).toContain("Program admin");
      expectCleanRun(tab);
    } finally {
      await tab.close();
    }
  }, 120_000);

  it("works with the keyboard alone: sign in, then move between areas", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/`);
    try {
      const { page } = tab;
      await waitForScreen(page, "dev-sign-in");
      const path = await tabUntil(page, (f) => f.tag === "button" && f.name.startsWith("Sign in as "));
      // On the way: the theme picker, the kind-of-person tabs and the filter, each with a name.
      expect(path.some((f) => f.tag === "select" && f.name === "Theme")).toBe(true);
      expect(path.some((f) => f.role === "tab" && f.name === "Employees")).toBe(true);
      expect(path.some((f) => f.tag === "input" && f.name === "Filter by name, title or department")).toBe(true);
      expect(path.filter((f) => f.name === "")).toEqual([]);
      const person = path[path.length - 1]!.name.replace("Sign in as ", "");
      await page.keyboard.press("Enter");
      await waitForScreen(page, "about");
      expect(await page.getByTestId("signed-in-person").innerText()).toContain(person);

      await tabUntil(page, (f) => f.role === "tab" && f.name === "About you");
      await page.keyboard.press("ArrowRight");
      expect(((await page.evaluate(FOCUSED)) as Focused).name).toBe("My programme");
      await page.keyboard.press("Enter");
      await waitForScreen(page, "programme");
      expectCleanRun(tab);
    } finally {
      await tab.close();
    }
  }, 60_000);

  it("?theme=dark starts the tab in the dark theme", async () => {
    const tab = await openTab(browser, `${target.baseUrl}/?theme=dark`);
    try {
      await waitForScreen(tab.page, "dev-sign-in");
      expect(await tab.page.locator(".fui-FluentProvider").first().getAttribute("data-theme")).toBe("dark");
      const background = await tab.page.locator(".fui-FluentProvider").first().evaluate("(el) => getComputedStyle(el).backgroundColor");
      expect(background).not.toBe("rgb(255, 255, 255)");
      expect(await tab.page.getByLabel("Theme").inputValue()).toBe("dark");
      expectCleanRun(tab);
    } finally {
      await tab.close();
    }
  }, 60_000);
});
