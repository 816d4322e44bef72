// The tab inside a Microsoft 365 host, in real Chromium: a stand-in Teams web client frames it and
// speaks the teams-js protocol. SSO replaces the dev sign-in, the host's theme wins and changes live,
// and the host hears notifySuccess — or notifyFailure when SSO fails.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { startAppTarget, type AppTarget } from "./support/app-target.js";
import { launchBrowser, type Browser } from "./support/browser.js";
import { openInFakeHost } from "./support/fake-teams-host.js";
import { saveScreenshot } from "./support/screenshots.js";
import { expectAccessible, openContext, waitForScreen } from "./support/tab-page.js";

const TEAMS_JS_ORIGIN_LIST = "https://res.cdn.office.net/teams-js/validDomains/json/validDomains.json";

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

async function providerTheme(frame: Frame): Promise<string | null> {
  return frame.locator(".fui-FluentProvider").first().getAttribute("data-theme");
}

describe("the tab inside a Teams host", () => {
  it("signs in with Teams SSO, follows the host theme live, and tells the host it is ready", async () => {
    const person = await target.person("employee");
    const token = await target.ssoToken(person.id);
    const ctx = await openContext(browser);
    try {
      const page = await ctx.newPage();
      const authHeaders: Array<{ path: string; authorization: string | undefined }> = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith("/api/")) authHeaders.push({ path: url.pathname, authorization: r.headers().authorization });
      });
      const host = await openInFakeHost(page, target.baseUrl, { tabPath: "/", theme: "dark", token });
      const tab = host.tab();
      await waitForScreen(tab, "about");

      expect(await tab.getByTestId("signed-in-person").innerText()).toContain(person.displayName);
      expect(await providerTheme(tab)).toBe("dark");
      // The host decides: no dev sign-in, no theme picker, no "Switch person".
      expect(await tab.getByLabel("Theme").count()).toBe(0);
      expect(await tab.getByRole("button", { name: "Switch person" }).count()).toBe(0);
      expect(authHeaders.filter((h) => h.path.startsWith("/api/dev/"))).toEqual([]);
      expect(authHeaders.find((h) => h.path === "/api/me")?.authorization).toBe(`Bearer ${token}`);

      const funcs = (await host.messages()).map((m) => m.func);
      expect(funcs[0]).toBe("initialize");
      expect(funcs).toEqual(expect.arrayContaining(["getContext", "authentication.getAuthToken", "appInitialization.success"]));
      expect(funcs.indexOf("appInitialization.success")).toBeGreaterThan(funcs.indexOf("authentication.getAuthToken"));
      expect(funcs).not.toContain("appInitialization.failure");
      await expectAccessible(tab, "about in Teams (dark)");
      await saveScreenshot(page, "teams-about-dark");

      await host.setTheme("contrast");
      await expect.poll(() => providerTheme(tab)).toBe("contrast");
      await expectAccessible(tab, "about in Teams (high contrast)");
      await saveScreenshot(page, "teams-about-contrast");
      await host.setTheme("default");
      await expect.poll(() => providerTheme(tab)).toBe("light");

      expect(ctx.errors).toEqual([]);
      // teams-js itself asks its CDN for the list of valid host origins; nothing else may leave.
      expect(ctx.blocked.filter((u) => u !== TEAMS_JS_ORIGIN_LIST)).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 90_000);

  it("opens the area a Teams deep link names (subEntityId)", async () => {
    const admin = await target.person("admin");
    const ctx = await openContext(browser);
    try {
      const page = await ctx.newPage();
      const host = await openInFakeHost(page, target.baseUrl, { tabPath: "/", theme: "default", token: await target.ssoToken(admin.id), subEntityId: "admin" });
      await waitForScreen(host.tab(), "admin");
      expect(await host.tab().getByRole("heading", { level: 1 }).innerText()).toBe("Admin");
      expect(ctx.errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it("reports an SSO failure to the host and explains it in the tab", async () => {
    const ctx = await openContext(browser);
    try {
      const page = await ctx.newPage();
      const host = await openInFakeHost(page, target.baseUrl, { tabPath: "/", theme: "default", token: null });
      const tab = host.tab();
      await tab.locator('[data-screen="failed"]').waitFor();
      expect(await tab.getByText("Microsoft 365 could not sign you in to this app").count()).toBe(1);
      expect(await tab.getByText("resourceRequiresConsent").count()).toBe(1);
      await expect.poll(async () => (await host.messages()).find((m) => m.func === "appInitialization.failure")?.args[0]).toBe("AuthFailed");
      expect((await host.messages()).map((m) => m.func)).not.toContain("appInitialization.success");
      await expectAccessible(tab, "SSO failure");
      await saveScreenshot(page, "teams-sso-failed-light");
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it("in a frame that is not a Microsoft 365 host, gives up after the timeout and offers the dev sign-in", async () => {
    const ctx = await openContext(browser);
    try {
      const page = await ctx.newPage();
      const host = await openInFakeHost(page, target.baseUrl, { tabPath: "/", theme: "default", token: null, answers: false });
      await waitForScreen(host.tab(), "dev-sign-in");
      expect((await host.messages()).map((m) => m.func)).toEqual(["initialize"]);
    } finally {
      await ctx.close();
    }
  }, 60_000);
});
