// A cross-process lock (vitest runs test files in parallel forks): mkdir is atomic on every platform.
import { mkdir, rm, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";

const STALE_AFTER_MS = 5 * 60_000;

export async function withFileLock<T>(lockDir: string, work: () => Promise<T>, waitMs = 4 * 60_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left behind by a killed run must not block every later run.
      const info = await stat(lockDir).catch(() => null);
      if (info && Date.now() - info.mtimeMs > STALE_AFTER_MS) await rm(lockDir, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lockDir}`, { cause: error });
      await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}
