import { z } from "zod";
import { NotFoundError } from "../../app/errors.js";
import type { JobRecord } from "../../app/ports/jobs.js";
import { continuationTokenSchema, encodeContinuationToken } from "../paging.js";
import { defineRoute } from "../route.js";

const jobSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe('What runs, e.g. "directory-sync".'),
    state: z.enum(["running", "succeeded", "failed"]),
    progress: z.object({
      percent: z.number().min(0).max(100),
      counts: z.record(z.string(), z.number()),
      message: z.string().nullable(),
    }),
    requestedBy: z.string().nullable(),
    createdAt: z.string().describe("ISO 8601"),
    updatedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.object({ message: z.string() }).nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "Job" });

const jobPageSchema = z.object({ items: z.array(jobSchema), continuationToken: z.string().nullable() }).meta({ id: "JobPage" });

function toView(job: JobRecord): z.input<typeof jobSchema> {
  const { id, kind, state, progress, requestedBy, createdAt, updatedAt, finishedAt, error, result } = job;
  return { id, kind, state, progress, requestedBy, createdAt, updatedAt, finishedAt, error, result };
}

export const listJobsRoute = defineRoute({
  method: "get",
  path: "/api/admin/jobs",
  operationId: "listJobs",
  summary: "Jobs of the caller's tenant (directory sync, matching, scheduling), newest first.",
  tags: ["jobs"],
  access: "admin",
  query: z.object({
    kind: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, "must be a job kind such as directory-sync").optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    continuationToken: continuationTokenSchema.optional(),
  }),
  response: { status: 200, description: "One page of jobs", schema: jobPageSchema },
  handle: async ({ query, caller }, deps) => {
    const page = await deps.jobs.list(caller.tenantId, { kind: query.kind }, { limit: query.limit, continuationToken: query.continuationToken ?? null });
    const items = await Promise.all(page.items.map((job) => deps.jobRunner.reconcile(job)));
    return { items: items.map(toView), continuationToken: encodeContinuationToken(page.continuationToken) };
  },
});

export const getJobRoute = defineRoute({
  method: "get",
  path: "/api/admin/jobs/:jobId",
  operationId: "getJob",
  summary: "One job with its progress, for progress bars.",
  tags: ["jobs"],
  access: "admin",
  params: z.object({ jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a job id") }),
  response: { status: 200, description: "The job", schema: jobSchema },
  problems: [404],
  handle: async ({ params, caller }, deps) => {
    // The tenant comes from the token: another tenant's job id is simply not found here.
    const job = await deps.jobs.get(caller.tenantId, params.jobId);
    if (!job) throw new NotFoundError(`No job ${params.jobId} in your organisation.`);
    return toView(await deps.jobRunner.reconcile(job));
  },
});
