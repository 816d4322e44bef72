// Optional vitest globalSetup (vitest.config.ts `globalSetup: ["test/browser/global-setup.ts"]`): builds
// the tab once before any test file starts. Without it each browser test file calls ensureTabBuilt()
// itself (cross-process locked, so the build still happens once).
import { ensureTabBuilt } from "./support/build-tab.js";

export async function setup(): Promise<void> {
  await ensureTabBuilt();
}
