// Employee / executive API of pairs: my pairs (mentors see published ones only; executives also see
// proposals) and the executive's veto of a proposed pair. Pause / resume live with scheduling and reuse
// `myPairSchema`, `pairIdParams` and `matchingDeps` from here.
import { z } from "zod";
import type { MatchingDeps } from "../../app/matching/matching-deps.js";
import { listMyPairs, vetoPair } from "../../app/pairs/my-pairs.js";
import type { ApiDeps } from "../api-deps.js";
import { defineRoute, type AnyRoute } from "../route.js";

export const PAIR_STATES = ["proposed", "active", "paused", "ended", "vetoed"] as const;

export const personRefSchema = z
  .object({ id: z.string(), displayName: z.string(), jobTitle: z.string().nullable(), department: z.string().nullable() })
  .meta({ id: "ParticipantRef" });

export const myPairSchema = z
  .object({
    id: z.string(),
    cohortId: z.string(),
    cohortName: z.string(),
    myRole: z.enum(["mentor", "mentee"]),
    counterpart: personRefSchema,
    state: z.enum(PAIR_STATES),
    score: z.number(),
    reasons: z.array(z.string()).describe("Why the pair was matched, in plain words."),
    canVeto: z.boolean().describe("True for the executive while the pair is only proposed."),
  })
  .meta({ id: "MyPair" });

export const pairIdParams = z.object({ pairId: z.string().min(1).max(300).regex(/^[A-Za-z0-9_-]+$/, "must be a pair id") });

/** The matching ports; the routes are mounted only when they are wired (routes/index.ts). */
export function matchingDeps(deps: ApiDeps): MatchingDeps {
  if (!deps.matching) throw new Error("Matching routes are mounted without matching deps.");
  return deps.matching;
}

export const listMyPairsRoute = defineRoute({
  method: "get",
  path: "/api/me/pairs",
  operationId: "listMyPairs",
  summary: "My pairs in every cohort: published ones, and for executives also the proposed ones they may veto.",
  tags: ["pairs"],
  access: "user",
  response: { status: 200, description: "My pairs", schema: z.object({ pairs: z.array(myPairSchema) }).meta({ id: "MyPairs" }) },
  handle: async ({ caller }, deps) => ({ pairs: await listMyPairs(matchingDeps(deps), caller) }),
});

export const vetoPairRoute = defineRoute({
  method: "post",
  path: "/api/me/pairs/:pairId/veto",
  operationId: "vetoPair",
  summary: "The executive refuses a proposed pair before it is published; the admin sees the reason and the next run honours it.",
  description: "403 for anyone but the pair's executive, 409 once the pair is no longer proposed.",
  tags: ["pairs"],
  access: "user",
  params: pairIdParams,
  body: z.strictObject({ reason: z.string().trim().min(1).max(500) }),
  response: { status: 200, description: "The vetoed pair", schema: myPairSchema },
  problems: [404, 409],
  handle: async ({ params, body, caller }, deps) => vetoPair(matchingDeps(deps), caller, params.pairId, body.reason),
});

export const pairRoutes: AnyRoute[] = [listMyPairsRoute, vetoPairRoute];
