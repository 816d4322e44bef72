// Admin API of matching: run it as a job, review the proposal, lock / forbid / swap, publish. Thin: the
// decisions live in src/app/matching. Edits take an optional If-Match (the proposal's ETag): stale → 412.
import type { Response } from "express";
import { z } from "zod";
import { ConcurrencyError } from "../../app/errors.js";
import { forbidPair, lockPair, SwapRefusedError, swapPairMentors, unforbidPair, unlockPair } from "../../app/matching/manage-proposal.js";
import type { StoredProposal } from "../../app/matching/matching-ports.js";
import { getProposal, proposalView, type ProposalView } from "../../app/matching/proposal-view.js";
import { publishProposal } from "../../app/matching/publish-proposal.js";
import { startMatching } from "../../app/matching/run-matching.js";
import type { PairRef } from "../../domain/matching/index.js";
import type { ApiDeps } from "../api-deps.js";
import { ProblemError } from "../problem.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { matchingDeps, personRefSchema } from "./pairs.js";

const cohortIdParams = z.object({ cohortId: z.string().uuid("must be a cohort id") });
const userId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, "must be a user object id");
const refSchema = z.strictObject({ mentorId: userId, menteeId: userId }).meta({ id: "PairRef" });
const refParams = cohortIdParams.extend({ mentorId: userId, menteeId: userId });

const reasonSchema = z.object({ term: z.string(), points: z.number(), text: z.string() });
const ruleProblemSchema = z.object({ rule: z.string(), message: z.string() });

const proposalSchema = z
  .object({
    cohortId: z.string(),
    version: z.number().int(),
    jobId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    stats: z.object({
      mentors: z.number().int(),
      mentees: z.number().int(),
      pairs: z.number().int(),
      lockedPairs: z.number().int(),
      matchedMentees: z.number().int(),
      matchedMenteeShare: z.number(),
      matchedMentorShare: z.number(),
      crossDepartmentShare: z.number(),
      averageScore: z.number(),
      totalScore: z.number(),
      objective: z.enum(["maxScore", "maxMatchedThenScore"]),
      feasibleEdges: z.number().int().describe("Pairs passing every hard rule in the last run."),
      candidateEdges: z.number().int(),
    }),
    pairs: z.array(
      z.object({
        id: z.string(),
        mentor: personRefSchema,
        mentee: personRefSchema,
        score: z.number(),
        locked: z.boolean(),
        sharedMinutesPerWeek: z.number(),
        reasons: z.array(reasonSchema),
        state: z.enum(["proposed", "vetoed", "active"]).describe("active = published (a later pause or end shows in the pair and session views)."),
        veto: z.object({ reason: z.string(), at: z.string() }).nullable(),
      }),
    ),
    unmatched: z.array(
      z.object({
        person: personRefSchema,
        role: z.enum(["mentor", "mentee"]),
        code: z.enum(["noCompatiblePartner", "partnersTakenElsewhere", "invalidProfile", "nobodyOnOtherSide", "pairRemoved"]),
        reason: z.string(),
        compatiblePartners: z.number().int(),
      }),
    ),
    rejectedLocks: z.array(z.object({ mentorId: z.string(), menteeId: z.string(), problems: z.array(ruleProblemSchema) })),
    locks: z.array(refSchema),
    forbidden: z.array(refSchema),
    vetoes: z.array(z.object({ mentorId: z.string(), menteeId: z.string(), reason: z.string(), at: z.string() })),
  })
  .meta({ id: "Proposal" });

function quoted(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

function send(view: ProposalView, res: Response): z.input<typeof proposalSchema> {
  res.setHeader("ETag", quoted(view.etag));
  const { etag: _etag, ...body } = view;
  return body;
}

function ifMatchOf(header: string | undefined): string | null {
  const value = header?.trim();
  return value && value !== "*" ? value : null;
}

/** A stale If-Match is 412 (RFC 9110); a refused swap is 409 listing the broken rules. */
async function edit(deps: ApiDeps, res: Response, work: () => Promise<StoredProposal>): Promise<z.input<typeof proposalSchema>> {
  try {
    return send(await proposalView(matchingDeps(deps), await work()), res);
  } catch (error) {
    if (error instanceof ConcurrencyError) throw new ProblemError("precondition-failed", "The proposal was changed by someone else since you read it; read it again (its ETag changed) and retry.");
    if (error instanceof SwapRefusedError) throw new ProblemError("conflict", error.message, { members: { violations: error.violations } });
    throw error;
  }
}

const editProblems = [404, 409, 412];

export const startMatchingRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts/:cohortId/matching",
  operationId: "startMatching",
  summary: "Runs matching for the cohort as a job (an enrolling cohort moves to matching); honours the proposal's locks, forbidden pairs and vetoes.",
  description: "Poll GET /api/admin/jobs/{jobId}. 409 when the cohort is not enrolling or matching, or a matching job already runs in the tenant.",
  tags: ["matching"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 202, description: "The matching job", schema: z.object({ jobId: z.string() }) },
  problems: [404, 409],
  handle: async ({ params, caller, res }, deps) => {
    const started = await startMatching(matchingDeps(deps), caller, params.cohortId);
    res.setHeader("Location", `/api/admin/jobs/${started.jobId}`);
    return started;
  },
});

export const getProposalRoute = defineRoute({
  method: "get",
  path: "/api/admin/cohorts/:cohortId/proposal",
  operationId: "getProposal",
  summary: "The cohort's matching proposal: pairs with scores and reasons, unmatched people with reasons, statistics, locks, forbidden pairs and vetoes.",
  tags: ["matching"],
  access: "admin",
  params: cohortIdParams,
  query: z.object({
    q: z.string().max(200).optional().describe("Only pairs where either person's name or department contains this (case-insensitive)."),
    minScore: z.coerce.number().min(0).optional(),
    locked: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  }),
  response: { status: 200, description: "The proposal (ETag header = its version); filters narrow `pairs` only", schema: proposalSchema },
  problems: [404],
  handle: async ({ params, query, caller, res }, deps) => send(await getProposal(matchingDeps(deps), caller, params.cohortId, query), res),
});

function refEditRoute(options: { method: "post" | "delete"; path: string; operationId: string; summary: string; run: typeof lockPair }): AnyRoute {
  const fromBody = options.method === "post";
  return defineRoute({
    method: options.method,
    path: options.path,
    operationId: options.operationId,
    summary: options.summary,
    tags: ["matching"],
    access: "admin",
    params: fromBody ? cohortIdParams : refParams,
    ...(fromBody ? { body: refSchema } : {}),
    response: { status: 200, description: "The proposal after the change", schema: proposalSchema },
    problems: editProblems,
    handle: async ({ params, body, caller, req, res }, deps) => {
      const p = params as z.output<typeof refParams>;
      const ref: PairRef = fromBody ? (body as PairRef) : { mentorId: p.mentorId, menteeId: p.menteeId };
      return edit(deps, res, () => options.run(matchingDeps(deps), caller, p.cohortId, ref, ifMatchOf(req.get("If-Match"))));
    },
  });
}

const proposalPath = "/api/admin/cohorts/:cohortId/proposal";

export const lockRoute = refEditRoute({ method: "post", path: `${proposalPath}/locks`, operationId: "lockPair", summary: "Locks a pair: kept by every later run (applies at once when it is already proposed).", run: lockPair });
export const unlockRoute = refEditRoute({ method: "delete", path: `${proposalPath}/locks/:mentorId/:menteeId`, operationId: "unlockPair", summary: "Removes a lock.", run: unlockPair });
export const forbidRoute = refEditRoute({ method: "post", path: `${proposalPath}/forbidden`, operationId: "forbidPair", summary: "Forbids a pair: removed from the proposal now and never proposed again.", run: forbidPair });
export const unforbidRoute = refEditRoute({ method: "delete", path: `${proposalPath}/forbidden/:mentorId/:menteeId`, operationId: "unforbidPair", summary: "Allows a forbidden pair again (from the next run).", run: unforbidPair });

export const swapRoute = defineRoute({
  method: "post",
  path: `${proposalPath}/swaps`,
  operationId: "swapMentors",
  summary: "The executives of two proposed pairs exchange mentors; 409 naming the hard rule a new pair would break.",
  tags: ["matching"],
  access: "admin",
  params: cohortIdParams,
  body: z.strictObject({ pairIdA: z.string().min(1).max(300), pairIdB: z.string().min(1).max(300) }),
  response: { status: 200, description: "The proposal after the swap", schema: proposalSchema },
  problems: editProblems,
  handle: async ({ params, body, caller, req, res }, deps) =>
    edit(deps, res, () => swapPairMentors(matchingDeps(deps), caller, params.cohortId, body.pairIdA, body.pairIdB, ifMatchOf(req.get("If-Match")))),
});

export const publishRoute = defineRoute({
  method: "post",
  path: "/api/admin/cohorts/:cohortId/publish",
  operationId: "publishProposal",
  summary: "Publishes the proposal: pairs become active (vetoed ones never), the cohort moves to published, both people of each pair are notified once.",
  description: "Safe to retry: nobody is notified twice. Optional If-Match with the proposal's ETag (412 when stale). 409 when there is no proposal or nothing to publish.",
  tags: ["matching"],
  access: "admin",
  params: cohortIdParams,
  response: { status: 200, description: "What was published", schema: z.object({ cohortId: z.string(), published: z.number().int(), notified: z.number().int() }) },
  problems: editProblems,
  handle: async ({ params, caller, req }, deps) => {
    try {
      return await publishProposal(matchingDeps(deps), caller, params.cohortId, ifMatchOf(req.get("If-Match")));
    } catch (error) {
      if (error instanceof ConcurrencyError) throw new ProblemError("precondition-failed", "The proposal was changed since you read it; review it again (its ETag changed) before publishing.");
      throw error;
    }
  },
});

export const matchingRoutes: AnyRoute[] = [startMatchingRoute, getProposalRoute, lockRoute, unlockRoute, forbidRoute, unforbidRoute, swapRoute, publishRoute];
