// The browser tests and the tab benchmark run against the built tab (dist/web), as the server serves
// it. Build once when it is missing or older than its sources; parallel test files share one build.
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { withFileLock } from "./file-lock.js";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const webSourceDir = join(repoRoot, "src/web");
export const webDistDir = join(repoRoot, "dist/web");

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(join(entry.parentPath, entry.name));
    newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

async function isBuildCurrent(): Promise<boolean> {
  const built = await stat(join(webDistDir, "index.html")).catch(() => null);
  if (!built) return false;
  return built.mtimeMs >= (await newestMtime(webSourceDir));
}

export async function ensureTabBuilt(): Promise<void> {
  if (await isBuildCurrent()) return;
  await withFileLock(join(tmpdir(), "reverse-mentorship-web-build.lock"), async () => {
    if (await isBuildCurrent()) return; // another test file built it while we waited
    const vite = join(repoRoot, "node_modules/vite/bin/vite.js");
    await promisify(execFile)(process.execPath, [vite, "build", "--config", "src/web/vite.config.ts", "--logLevel", "warn"], {
      cwd: repoRoot,
      // Vitest runs with NODE_ENV=test; inherited, it would give a development React and switch off
      // Griffel's static styles. The tests must see the production build that `npm start` serves.
      env: { ...process.env, NODE_ENV: "production" },
      maxBuffer: 16 * 1024 * 1024,
    });
  });
}
