// A fresh browser context already signed in as a person (the dev session the tab keeps), one page in it,
// checked for a clean run (no page errors, nothing sent off the machine) and closed whatever happens.
import { expect } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { AppTarget, TargetPerson } from "./app-target.js";
import { seedDevSession, signedInSession } from "./dev-session.js";
import { openContext } from "./tab-page.js";

export async function withSignedInPage(
  browser: Browser,
  target: AppTarget,
  person: TargetPerson,
  work: (page: Page) => Promise<void>,
  options: { timezoneId?: string } = {},
): Promise<void> {
  const ctx = await openContext(browser, options);
  try {
    await seedDevSession(ctx.context, await signedInSession(target, person));
    await work(await ctx.newPage());
    expect(ctx.errors, "errors in the page").toEqual([]);
    expect(ctx.blocked, "requests that tried to leave the machine").toEqual([]);
  } finally {
    await ctx.close();
  }
}
