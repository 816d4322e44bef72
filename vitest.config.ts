import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/browser/global-setup.ts"],
    // Generous: limits for a hung test, not performance checks (a loaded 2-core CI machine runs the browser
    // journeys at a third of the usual speed).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
