import { z } from "zod";
import { defineRoute } from "../route.js";
import { ProblemError } from "../problem.js";

const healthSchema = z
  .object({
    status: z.literal("ok"),
    checks: z.record(z.string(), z.literal("ok")).describe("Every dependency that was checked."),
  })
  .meta({ id: "Health" });

const CHECK_TIMEOUT_MS = 5000;

/** Liveness and readiness for App Service health checks and `npm start`: 200 when every dependency answers. */
export const healthRoute = defineRoute({
  method: "get",
  path: "/healthz",
  operationId: "getHealth",
  summary: "Health of the app and its dependencies (Cosmos DB).",
  tags: ["operations"],
  access: "public",
  response: { status: 200, description: "Healthy", schema: healthSchema },
  problems: [503],
  handle: async (_input, deps) => {
    const results = await Promise.all(
      deps.healthChecks.map(async (c) => {
        try {
          await withTimeout(c.check(), CHECK_TIMEOUT_MS, `${c.name} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`);
          return { name: c.name, error: null };
        } catch (error) {
          return { name: c.name, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    const failed = results.filter((r) => r.error !== null);
    if (failed.length > 0) {
      throw new ProblemError("unavailable", failed.map((f) => `${f.name}: ${f.error}`).join("; "), {
        members: { checks: Object.fromEntries(results.map((r) => [r.name, r.error === null ? "ok" : "failed"])) },
      });
    }
    return { status: "ok" as const, checks: Object.fromEntries(results.map((r) => [r.name, "ok" as const])) };
  },
});

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
