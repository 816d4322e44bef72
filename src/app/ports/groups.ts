// Entra ID groups (Microsoft Graph in production, the dev tenant locally): who belongs to which group, for
// eligibility rules by group, and the group picker of the cohort editor.
import type { Page } from "./page.js";

export interface GroupSummary {
  id: string;
  displayName: string;
  description: string | null;
}

export interface GroupMembership {
  /**
   * Of `groupIds`, the groups the user belongs to, directly or through nested groups (Graph's
   * checkMemberGroups). Ids that name no group are simply not returned.
   */
  memberOf(tenantId: string, userId: string, groupIds: readonly string[]): Promise<string[]>;
}

export interface GroupSearch {
  /** Matches on the start of a word of the name or description; null = all groups, by name. */
  search: string | null;
  limit: number;
  continuationToken: string | null;
}

export interface GroupDirectory extends GroupMembership {
  search(tenantId: string, query: GroupSearch): Promise<Page<GroupSummary>>;
  /** The groups among `groupIds` that exist in the tenant, keyed by the id as given. */
  findExisting(tenantId: string, groupIds: readonly string[]): Promise<Map<string, GroupSummary>>;
}
