// Opening the tab in a fresh browser context and the checks every screen gets: wait for its
// data-ready marker, axe (no serious/critical violations), and a screenshot per theme.
import { expect } from "vitest";
import type { Browser, BrowserContext, Frame, Page } from "playwright-core";
import { describeViolations, runAxe, seriousViolations } from "./axe.js";
import { confineToLoopback } from "./browser.js";
import { saveScreenshot } from "./screenshots.js";

export interface TabPage {
  page: Page;
  context: BrowserContext;
  /** Requests to non-loopback hosts that were stopped. */
  blocked: string[];
  /** Uncaught exceptions and console errors (except the browser's own "Failed to load resource" lines). */
  errors: string[];
  close(): Promise<void>;
}

export async function openContext(browser: Browser, options: { timezoneId?: string } = {}): Promise<Omit<TabPage, "page"> & { newPage(): Promise<Page> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", reducedMotion: "reduce", ...options });
  const { blocked } = await confineToLoopback(context);
  const errors: string[] = [];
  return {
    context,
    blocked,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
      });
      return page;
    },
    close: () => context.close(),
  };
}

export async function openTab(browser: Browser, url: string): Promise<TabPage> {
  const ctx = await openContext(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  return { ...ctx, page };
}

export async function waitForScreen(page: Page | Frame, screen: string): Promise<void> {
  await page.locator(`html[data-ready="${screen}"]`).waitFor({ state: "attached", timeout: 20_000 });
}

export async function expectAccessible(page: Page | Frame, label: string): Promise<void> {
  const violations = await runAxe(page);
  const serious = seriousViolations(violations);
  expect(serious, `axe on ${label}:\n${describeViolations(serious)}`).toEqual([]);
}

export type ThemeLabel = "Light" | "Dark" | "High contrast";

/** The dev theme picker in the header (outside a host). */
export async function chooseTheme(page: Page, theme: ThemeLabel): Promise<void> {
  await page.getByLabel("Theme").selectOption({ label: theme });
  const name = theme === "High contrast" ? "contrast" : theme.toLowerCase();
  await page.locator(`.fui-FluentProvider[data-theme="${name}"]`).first().waitFor();
}

/** axe + screenshot of the current screen in light and dark, leaving the page in light. */
export async function checkScreenInBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ["Light", "Dark"] as const) {
    await chooseTheme(page, theme);
    await expectAccessible(page, `${name} (${theme})`);
    await saveScreenshot(page, `${name}-${theme.toLowerCase()}`);
  }
  await chooseTheme(page, "Light");
}
