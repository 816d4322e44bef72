// Admin API of directory sync: start (or join) a sync job, watch it, read the last report.
import { z } from "zod";
import type { JobRecord } from "../../app/ports/jobs.js";
import type { DirectorySyncService } from "../../app/directory/directory-sync-service.js";
import type { ApiDeps } from "../api-deps.js";
import { defineRoute } from "../route.js";

const jobIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a job id");

const syncJobSchema = z
  .object({
    id: z.string(),
    state: z.enum(["running", "succeeded", "failed"]),
    progress: z.object({ percent: z.number().min(0).max(100), counts: z.record(z.string(), z.number()), message: z.string().nullable() }),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.object({ message: z.string() }).nullable(),
    report: z.record(z.string(), z.unknown()).nullable().describe("The sync report once the job succeeded."),
  })
  .meta({ id: "DirectorySyncJob" });

function toView(job: JobRecord): z.input<typeof syncJobSchema> {
  const { id, state, progress, requestedBy, createdAt, updatedAt, finishedAt, error, result } = job;
  return { id, state, progress, requestedBy, createdAt, updatedAt, finishedAt, error, report: result };
}

function service(deps: ApiDeps): DirectorySyncService {
  // Routes are only mounted when the service is wired (routes/index.ts), so this always holds.
  return deps.directorySync as DirectorySyncService;
}

export const startDirectorySyncRoute = defineRoute({
  method: "post",
  path: "/api/admin/directory/sync",
  operationId: "startDirectorySync",
  summary: "Starts a directory sync for the caller's tenant, or joins the one already running.",
  description: '`mode` "delta" reads the changes since the last sync (a full sync when there is none or the delta link expired); "full" reads everyone.',
  tags: ["directory"],
  access: "admin",
  body: z.object({ mode: z.enum(["full", "delta"]).default("delta") }).strict(),
  response: { status: 202, description: "The sync job (new or already running)", schema: syncJobSchema.extend({ joined: z.boolean() }) },
  handle: async ({ body, caller, res }, deps) => {
    const started = await service(deps).start(caller.tenantId, body.mode, caller.userId);
    res.setHeader("Location", `/api/admin/directory/sync/${started.jobId}`);
    return { ...toView(started.job), joined: started.joined };
  },
});

export const getDirectorySyncRoute = defineRoute({
  method: "get",
  path: "/api/admin/directory/sync/:jobId",
  operationId: "getDirectorySync",
  summary: "Progress (percent, counts) and, when done, the report of a directory sync job.",
  tags: ["directory"],
  access: "admin",
  params: z.object({ jobId: jobIdSchema }),
  response: { status: 200, description: "The sync job", schema: syncJobSchema },
  problems: [404],
  handle: async ({ params, caller }, deps) => toView(await service(deps).getJob(caller.tenantId, params.jobId)),
});

export const getDirectoryReportRoute = defineRoute({
  method: "get",
  path: "/api/admin/directory/report",
  operationId: "getDirectoryReport",
  summary: "The report of the last completed directory sync: counts and bad data (cycles, missing managers, disabled, guests).",
  tags: ["directory"],
  access: "admin",
  response: {
    status: 200,
    description: "The last sync report",
    schema: z.object({ lastSyncAt: z.string(), jobId: z.string(), report: z.record(z.string(), z.unknown()) }).meta({ id: "DirectorySyncReport" }),
  },
  problems: [404],
  handle: async ({ caller }, deps) => {
    const last = await service(deps).lastReport(caller.tenantId);
    return { lastSyncAt: last.lastSyncAt, jobId: last.jobId, report: { ...last.report } };
  },
});

export const directorySyncRoutes = [startDirectorySyncRoute, getDirectorySyncRoute, getDirectoryReportRoute];
