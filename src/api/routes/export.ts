// Admin API: CSV export of a cohort's pairs, sessions or feedback, streamed page by page with
// backpressure (a slow client slows the reads instead of filling memory).
import type { Response } from "express";
import { z } from "zod";
import { EXPORT_KINDS, exportCohort } from "../../app/health/cohort-export.js";
import { defineRoute } from "../route.js";
import { cohortIdParams, healthStores } from "./health-dashboard.js";

export const cohortExportRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts/:cohortId/export",
  operationId: "exportCohort",
  summary: "CSV (RFC 4180, UTF-8) of a cohort's pairs, sessions or feedback, as an attachment.",
  description: "Text cells starting with = + - @ are prefixed with an apostrophe so spreadsheets never run them as formulas.",
  tags: ["health"],
  access: "admin",
  params: cohortIdParams,
  query: z.object({ kind: z.enum(EXPORT_KINDS, { error: "must be pairs, sessions or feedback" }) }),
  response: { status: 200, description: "text/csv; charset=utf-8 (attachment)", schema: undefined },
  problems: [404],
  handle: async ({ params, query, caller, res }, deps) => {
    const { exports, cohorts } = healthStores(deps);
    const file = await exportCohort({ exports, cohorts, clock: deps.clock }, caller, params.cohortId, query.kind);
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename="${file.filename}"`);
    res.setHeader("Cache-Control", "no-store");
    await stream(res, file.chunks);
  },
});

async function stream(res: Response, chunks: AsyncIterable<string>): Promise<void> {
  try {
    for await (const chunk of chunks) {
      if (res.destroyed) return;
      if (chunk !== "" && !res.write(chunk)) await drainOrClose(res);
    }
    res.end();
  } catch (error) {
    // Headers are gone: the only honest signal left is a broken response, so the client never
    // mistakes a partial file for a complete one.
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    res.removeHeader("Content-Disposition");
    throw error;
  }
}

/** Waits until the client takes more, or goes away (then `res.destroyed` ends the loop; no read is left hanging). */
function drainOrClose(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
