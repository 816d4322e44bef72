// Admin API for cohorts: create, read, list, change settings (If-Match → 412 when stale), and lifecycle
// moves (409 when the state machine refuses). Thin: parse here, decide in src/app/cohorts.
import type { Response } from "express";
import { z } from "zod";
import { createCohort, getCohort, listCohorts, transitionCohortState, updateCohort, type CohortAdminDeps, type CohortWithCounts } from "../../app/cohorts/manage-cohorts.js";
import { ConcurrencyError } from "../../app/errors.js";
import type { ProgrammeStores } from "../../app/enrolment/enrolment-ports.js";
import { allowedTransitions, COHORT_STATES } from "../../domain/cohort/index.js";
import type { ApiDeps } from "../api-deps.js";
import { continuationTokenSchema, encodeContinuationToken } from "../paging.js";
import { ProblemError } from "../problem.js";
import { defineRoute, type AnyRoute } from "../route.js";

const nullableInt = z.number().int().nullable().optional();
const ruleSchema = z
  .strictObject({
    levels: z.strictObject({ min: nullableInt, max: nullableInt }).nullable().optional().describe("Inclusive org levels; CEO = 0."),
    titlePattern: z.string().max(200).nullable().optional().describe("Regular expression matched case-insensitively against the job title."),
    departments: z.array(z.string().max(200)).max(200).nullable().optional(),
    groups: z.array(z.string().max(100)).max(200).nullable().optional().describe("Entra group ids."),
  })
  .meta({ id: "EligibilityRule" });

const stateSchema = z.enum(COHORT_STATES);

/** What an admin sends; omitted matching parts take the defaults, the domain then validates the whole. */
export const cohortSettingsInputSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    enrolment: z.strictObject({
      opensAt: z.string().max(64).describe("ISO-8601 instant with offset, e.g. 2026-03-01T09:00:00Z"),
      closesAt: z.string().max(64),
    }),
    cadence: z.strictObject({ everyWeeks: z.number().int(), sessionMinutes: z.number().int(), sessions: z.number().int() }).partial().optional(),
    eligibility: z.strictObject({ mentor: ruleSchema, mentee: ruleSchema }).optional(),
    constraints: z
      .strictObject({
        minLevelGap: z.number().int(),
        separationLevel: z.number().int().nullable(),
        sameDepartment: z.enum(["forbid", "penalise", "allow"]),
        maxTimeZoneDistanceHours: z.number().nullable(),
      })
      .partial()
      .optional(),
    weights: z
      .strictObject({
        base: z.number(),
        skillMatch: z.number(),
        differentDepartment: z.number(),
        differentDivision: z.number(),
        differentLocation: z.number(),
        sharedLanguage: z.number(),
        diversity: z.number(),
        sharedWorkingTime: z.number(),
        sameDepartmentPenalty: z.number(),
      })
      .partial()
      .optional(),
    diversityAttributes: z.array(z.string().max(64)).max(20).optional(),
    menteeCapacity: z.number().int().optional().describe("Mentors one executive takes (default 1)."),
    organiserMode: z.enum(["mentor", "programMailbox"]).optional(),
    programMailbox: z.string().max(320).nullable().optional(),
    objective: z.enum(["maxScore", "maxMatchedThenScore"]).optional(),
  })
  .meta({ id: "CohortSettingsInput" });

const countsSchema = z.object({ mentors: z.number().int(), mentees: z.number().int() });

const cohortSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: stateSchema,
    allowedTransitions: z.array(stateSchema).describe("States the cohort may move to next."),
    enrolmentOpensOn: z.string().describe("UTC date (YYYY-MM-DD) of enrolment.opensAt."),
    enrolmentClosesOn: z.string().describe("UTC date (YYYY-MM-DD) of enrolment.closesAt."),
    settings: z.record(z.string(), z.unknown()).describe("Complete settings, defaults filled in (same shape as CohortSettingsInput)."),
    enrolled: countsSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
    etag: z.string().describe("Send back in If-Match to change the cohort."),
  })
  .meta({ id: "Cohort" });

const cohortSummarySchema = z
  .object({ id: z.string(), name: z.string(), state: stateSchema, enrolmentOpensOn: z.string(), enrolmentClosesOn: z.string(), enrolled: countsSchema, etag: z.string() })
  .meta({ id: "CohortSummary" });

const cohortIdParams = z.object({ cohortId: z.string().uuid("must be a cohort id") });

function adminDeps(deps: ApiDeps): CohortAdminDeps {
  const stores = programmeStores(deps);
  return { cohorts: stores.cohorts, enrolments: stores.enrolments, clock: deps.clock, ...(stores.groups ? { groups: stores.groups } : {}) };
}

export function programmeStores(deps: ApiDeps): ProgrammeStores {
  if (!deps.programme) throw new Error("Cohort routes are mounted without programme stores.");
  return deps.programme;
}

function utcDate(instant: string): string {
  return new Date(instant).toISOString().slice(0, 10);
}

function toView(cohort: CohortWithCounts, res: Response): z.input<typeof cohortSchema> {
  res.setHeader("ETag", quoted(cohort.etag));
  const { settings } = cohort;
  return {
    id: cohort.id,
    name: settings.name,
    state: cohort.state,
    allowedTransitions: [...allowedTransitions(cohort.state)],
    enrolmentOpensOn: utcDate(settings.enrolment.opensAt),
    enrolmentClosesOn: utcDate(settings.enrolment.closesAt),
    settings: { ...settings },
    enrolled: cohort.enrolled,
    createdAt: cohort.createdAt,
    updatedAt: cohort.updatedAt,
    createdBy: cohort.createdBy,
    etag: quoted(cohort.etag),
  };
}

function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

/** Stale ETags are 412 (RFC 9110), not the generic 409 of other conflicts. */
async function withPrecondition<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ProblemError("precondition-failed", "The cohort was changed by someone else since you read it; read it again (its ETag changed) and retry.");
    throw error;
  }
}

function requiredIfMatch(header: string | undefined): string {
  if (!header || header.trim() === "" || header.trim() === "*") {
    throw new ProblemError("precondition-required", "Send the cohort's ETag in If-Match so that concurrent edits are not lost.");
  }
  return header.trim();
}

export const createCohortRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts",
  operationId: "createCohort",
  summary: "Creates a cohort in draft with its settings (omitted matching settings take the defaults).",
  tags: ["cohorts"],
  access: "admin",
  body: cohortSettingsInputSchema,
  response: { status: 201, description: "The new cohort", schema: cohortSchema },
  handle: async ({ body, caller, res }, deps) => toView(await createCohort(adminDeps(deps), caller, body), res),
});

export const listCohortsRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts",
  operationId: "listCohorts",
  summary: "Cohorts of the caller's tenant, newest first, with enrolment counts per role.",
  tags: ["cohorts"],
  access: "admin",
  query: z.object({
    state: stateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    continuationToken: continuationTokenSchema.optional(),
  }),
  response: {
    status: 200,
    description: "One page of cohorts",
    schema: z.object({ cohorts: z.array(cohortSummarySchema), continuationToken: z.string().nullable() }).meta({ id: "CohortPage" }),
  },
  handle: async ({ query, caller }, deps) => {
    const page = await listCohorts(adminDeps(deps), caller, query.state ? { states: [query.state] } : {}, { limit: query.limit, continuationToken: query.continuationToken ?? null });
    return {
      cohorts: page.items.map((c) => ({
        id: c.id,
        name: c.settings.name,
        state: c.state,
        enrolmentOpensOn: utcDate(c.settings.enrolment.opensAt),
        enrolmentClosesOn: utcDate(c.settings.enrolment.closesAt),
        enrolled: c.enrolled,
        etag: quoted(c.etag),
      })),
      continuationToken: encodeContinuationToken(page.continuationToken),
    };
  },
});

export const getCohortRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts/:cohortId",
  operationId: "getCohort",
  summary: "One cohort with all its settings, enrolment counts and ETag.",
  tags: ["cohorts"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 200, description: "The cohort", schema: cohortSchema },
  problems: [404],
  handle: async ({ params, caller, res }, deps) => toView(await getCohort(adminDeps(deps), caller, params.cohortId), res),
});

export const updateCohortRoute = defineRoute({
  method: "put",
  path: "/api/admin/cohorts/:cohortId",
  operationId: "updateCohort",
  summary: "Replaces the settings of a draft or enrolling cohort. Requires If-Match with the cohort's ETag.",
  tags: ["cohorts"],
  access: "admin",
  params: cohortIdParams,
  body: cohortSettingsInputSchema,
  response: { status: 200, description: "The updated cohort", schema: cohortSchema },
  problems: [404, 409, 412, 428],
  handle: async ({ params, body, caller, req, res }, deps) => {
    const etag = requiredIfMatch(req.get("If-Match"));
    return toView(await withPrecondition(() => updateCohort(adminDeps(deps), caller, params.cohortId, etag, body)), res);
  },
});

export const transitionCohortRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts/:cohortId/transitions",
  operationId: "transitionCohort",
  summary: "Moves the cohort along its lifecycle (draft → enrolling → matching → published → scheduled → closed). If-Match is optional.",
  tags: ["cohorts"],
  access: "admin",
  params: cohortIdParams,
  body: z.strictObject({ to: stateSchema }),
  response: { status: 200, description: "The cohort in its new state", schema: cohortSchema },
  problems: [404, 409, 412],
  handle: async ({ params, body, caller, req, res }, deps) =>
    toView(await withPrecondition(() => transitionCohortState(adminDeps(deps), caller, params.cohortId, body.to, req.get("If-Match")?.trim() || null)), res),
});

export const closeCohortRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts/:cohortId/close",
  operationId: "closeCohort",
  summary: "Closes the cohort (allowed from any state but closed). If-Match is optional.",
  tags: ["cohorts"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 200, description: "The closed cohort", schema: cohortSchema },
  problems: [404, 409, 412],
  handle: async ({ params, caller, req, res }, deps) =>
    toView(await withPrecondition(() => transitionCohortState(adminDeps(deps), caller, params.cohortId, "closed", req.get("If-Match")?.trim() || null)), res),
});

export const cohortRoutes: AnyRoute[] = [createCohortRoute, listCohortsRoute, getCohortRoute, updateCohortRoute, transitionCohortRoute, closeCohortRoute];
