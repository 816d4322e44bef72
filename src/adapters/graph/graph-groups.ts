// The GroupDirectory port on Microsoft Graph with app-only access (GroupMember.Read.All + User.Read.All).
// Membership: POST /users/{id}/checkMemberGroups, transitive, at most 20 group ids per call (so longer lists
// go in chunks of 20, side by side). Search: GET /groups with $search (ConsistencyLevel: eventual) or ordered
// by name; the API's continuation token is Graph's own nextLink, checked to point at Graph before it is followed.
// Existence: GET /groups/{id} per id in $batch (404 = no such group).
import { GraphError } from "@microsoft/microsoft-graph-client";
import { UnavailableError, ValidationError } from "../../app/errors.js";
import type { GroupDirectory, GroupSearch, GroupSummary } from "../../app/ports/groups.js";
import type { Page } from "../../app/ports/page.js";
import { describeGraphError, sendBatch, type BatchOptions, type BatchResult } from "./graph-batch.js";
import type { GraphClients } from "./graph-client-factory.js";

/** Graph's limit on group ids per checkMemberGroups request (user-checkmembergroups.md). */
export const CHECK_MEMBER_GROUPS_LIMIT = 20;
const GROUP_FIELDS = "id,displayName,description";
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PERMISSION_HINT = " — check the app's GroupMember.Read.All application permission and admin consent";

interface GroupsPage {
  value?: Array<Record<string, unknown>>;
  "@odata.nextLink"?: string;
}

export class GraphGroups implements GroupDirectory {
  constructor(
    private readonly graph: GraphClients,
    private readonly batchOptions: BatchOptions = {},
  ) {}

  async memberOf(tenantId: string, userId: string, groupIds: readonly string[]): Promise<string[]> {
    // A value that is no object id names no group; Graph would refuse the whole request for it.
    const ids = [...new Set(groupIds.filter((id) => OBJECT_ID.test(id)).map((id) => id.toLowerCase()))];
    if (ids.length === 0) return [];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += CHECK_MEMBER_GROUPS_LIMIT) chunks.push(ids.slice(i, i + CHECK_MEMBER_GROUPS_LIMIT));
    const client = this.graph.app(tenantId);
    const answers = await Promise.all(
      chunks.map(async (chunk) => {
        try {
          const body = (await client.api(`/users/${encodeURIComponent(userId)}/checkMemberGroups`).post({ groupIds: chunk })) as { value?: unknown };
          return Array.isArray(body.value) ? body.value.filter((v): v is string => typeof v === "string") : [];
        } catch (error) {
          // A user the directory no longer has belongs to no group (the profile lookup reports the user as gone).
          if (error instanceof GraphError && error.statusCode === 404) return [];
          throw unavailable("check group membership", error);
        }
      }),
    );
    const found = new Set(answers.flat().map((id) => id.toLowerCase()));
    // Answer with the ids as the caller spelled them (cohort rules keep the admin's spelling).
    return groupIds.filter((id) => found.has(id.toLowerCase()));
  }

  async search(tenantId: string, query: GroupSearch): Promise<Page<GroupSummary>> {
    const client = this.graph.app(tenantId);
    const nextLink = query.continuationToken === null ? null : this.checkedNextLink(query.continuationToken);
    let page: GroupsPage;
    try {
      if (nextLink !== null) {
        // Follow-up pages of an advanced query ($search) need the header again; it is harmless on the others.
        page = await client.api(nextLink).header("ConsistencyLevel", "eventual").get();
      } else {
        const request = client.api("/groups").select(GROUP_FIELDS).top(query.limit);
        const term = searchTerm(query.search);
        page = term
          ? await request.header("ConsistencyLevel", "eventual").search(`"displayName:${term}" OR "description:${term}"`).count(true).orderby("displayName").get()
          : await request.orderby("displayName").get();
      }
    } catch (error) {
      throw unavailable("list groups", error);
    }
    return {
      items: (page.value ?? []).map(summary).filter((g): g is GroupSummary => g !== null),
      continuationToken: page["@odata.nextLink"] ?? null,
    };
  }

  async findExisting(tenantId: string, groupIds: readonly string[]): Promise<Map<string, GroupSummary>> {
    const wanted = [...new Set(groupIds.filter((id) => OBJECT_ID.test(id)))];
    const found = new Map<string, GroupSummary>();
    if (wanted.length === 0) return found;
    const answers = await sendBatch(
      this.graph.app(tenantId),
      wanted.map((id, i) => ({ id: String(i), method: "GET" as const, url: `/groups/${id}?$select=${GROUP_FIELDS}` })),
      this.batchOptions,
    );
    wanted.forEach((id, i) => {
      const answer = answers.get(String(i)) as BatchResult;
      if (answer.status === 404) return;
      if (answer.status < 200 || answer.status >= 300) {
        const hint = answer.status === 401 || answer.status === 403 ? PERMISSION_HINT : "";
        throw new UnavailableError(`Microsoft Graph could not read group ${id}: ${answer.status}${hint}.`);
      }
      const group = summary(answer.body as Record<string, unknown>);
      if (group) found.set(id, group);
    });
    return found;
  }

  /** A continuation token is a nextLink of Graph's /groups; anything else is refused, never fetched. */
  private checkedNextLink(token: string): string {
    const root = `${this.graph.baseUrl}/groups?`;
    if (!token.startsWith(root) || !URL.canParse(token)) {
      throw new ValidationError("Invalid field: continuationToken.", [{ field: "continuationToken", message: "is not a continuation token of this group listing" }]);
    }
    return token;
  }
}

/** The admin's words as one $search term: quotes and backslashes would break Graph's syntax. */
function searchTerm(search: string | null): string | null {
  const term = (search ?? "").replace(/["\\]/g, " ").trim();
  return term === "" ? null : term;
}

function summary(raw: Record<string, unknown> | null | undefined): GroupSummary | null {
  const id = typeof raw?.id === "string" ? raw.id : null;
  if (!id) return null;
  return { id, displayName: typeof raw?.displayName === "string" ? raw.displayName : "", description: typeof raw?.description === "string" && raw.description !== "" ? raw.description : null };
}

function unavailable(what: string, error: unknown): UnavailableError {
  const status = error instanceof GraphError ? error.statusCode : 0;
  const hint = status === 401 || status === 403 ? PERMISSION_HINT : "";
  const retryAfter = Number((error as { headers?: Headers } | null)?.headers?.get?.("retry-after"));
  return new UnavailableError(`Microsoft Graph could not ${what} (${describeGraphError(error)})${hint}.`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, { cause: error });
}
