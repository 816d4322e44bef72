// Screenshots of every screen, light and dark, for people to look at (not compared pixel by pixel:
// fonts and anti-aliasing differ between machines). Written to the gitignored .artifacts/screenshots/.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "./build-tab.js";

export const screenshotDir = join(repoRoot, ".artifacts/screenshots");

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
