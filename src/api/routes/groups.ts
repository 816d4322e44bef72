// Admin API: the Entra groups of the admin's tenant, for the group picker of the cohort editor (eligibility
// rules name groups by id). Thin: parse here, the use case and the Graph adapter do the rest.
import { z } from "zod";
import { describeEligibilityGroups, searchEligibilityGroups } from "../../app/cohorts/eligibility-groups.js";
import type { GroupDirectory } from "../../app/ports/groups.js";
import type { ApiDeps } from "../api-deps.js";
import { continuationTokenSchema, encodeContinuationToken } from "../paging.js";
import { defineRoute } from "../route.js";

const groupSchema = z
  .object({ id: z.string().describe("Entra group object id (what eligibility.*.groups holds)."), displayName: z.string(), description: z.string().nullable() })
  .meta({ id: "GroupSummary" });

const groupPageSchema = z.object({ items: z.array(groupSchema), continuationToken: z.string().nullable() }).meta({ id: "GroupPage" });

function groupDirectory(deps: ApiDeps): GroupDirectory {
  const groups = deps.programme?.groups;
  if (!groups) throw new Error("Group routes are mounted without a group directory.");
  return groups;
}

export const searchGroupsRoute = defineRoute({
  method: "get",
  path: "/api/admin/groups",
  operationId: "searchGroups",
  summary: "Entra groups of the caller's tenant by name (start of a word of the name or description), or by id (?ids=), for eligibility rules.",
  tags: ["cohorts"],
  access: "admin",
  query: z.object({
    search: z.string().trim().max(120).optional().describe("Words to look for; omit to list every group by name."),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    continuationToken: continuationTokenSchema.optional(),
    ids: z
      .string()
      .max(2000)
      .transform((value) => value.split(",").map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().uuid("must be a group object id")).min(1).max(50))
      .optional()
      .describe("Comma-separated group ids (at most 50): answers those that exist, with their names, in this order (one page)."),
  }),
  response: { status: 200, description: "One page of groups", schema: groupPageSchema },
  handle: async ({ query, caller }, deps) => {
    if (query.ids) return { items: await describeEligibilityGroups(groupDirectory(deps), caller, query.ids), continuationToken: null };
    const page = await searchEligibilityGroups(groupDirectory(deps), caller, {
      search: query.search ? query.search : null,
      limit: query.limit,
      continuationToken: query.continuationToken ?? null,
    });
    return { items: page.items, continuationToken: encodeContinuationToken(page.continuationToken) };
  },
});
