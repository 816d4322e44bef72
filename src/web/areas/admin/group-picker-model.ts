// What the cohort editor's group picker knows about groups: eligibility rules store group ids, the admin
// sees names. `known` maps an id to its group, or to null once the API said no such group exists (it was
// deleted after the cohort named it) — so the picker asks about each id at most once.
import type { GroupSummary } from "../../api/admin-types.js";

export type KnownGroups = ReadonlyMap<string, GroupSummary | null>;

/** GET /api/admin/groups?ids= takes at most this many ids. */
export const MAX_IDS_PER_LOOKUP = 50;

/** The chosen ids whose names the picker has not asked for yet (one lookup's worth). */
export function unresolvedGroupIds(chosen: readonly string[], known: KnownGroups): string[] {
  return [...new Set(chosen.filter((id) => !known.has(id)))].slice(0, MAX_IDS_PER_LOOKUP);
}

/** Adds groups the API returned; ids that were asked for by ?ids= and did not come back are marked missing. */
export function withGroups(known: KnownGroups, found: readonly GroupSummary[], asked: readonly string[] = []): Map<string, GroupSummary | null> {
  const next = new Map(known);
  for (const id of asked) if (!next.get(id)) next.set(id, null);
  for (const group of found) next.set(group.id, group);
  return next;
}

/** A chosen group's tag: its name; the id itself while the name is being looked up or when the group is gone. */
export function groupTag(id: string, known: KnownGroups): { text: string; secondary: string | null } {
  const group = known.get(id);
  if (group) return { text: group.displayName, secondary: null };
  return group === null ? { text: "Group not found", secondary: id } : { text: id, secondary: null };
}

/** Search results the admin can still pick (the chosen ones are already tags). */
export function pickableGroups(results: readonly GroupSummary[], chosen: readonly string[]): GroupSummary[] {
  const taken = new Set(chosen);
  return results.filter((g) => !taken.has(g.id));
}

/** The picker's search: waiting for the debounce or the answer, the groups found, or why it failed. */
export type GroupSearch = { state: "idle" | "loading" } | { state: "done"; items: GroupSummary[] } | { state: "failed"; message: string };

/** The line the list shows instead of (or before) options; null when there are groups to pick. */
export function searchStatus(search: GroupSearch, query: string, pickable: number): string | null {
  if (search.state === "failed") return `Could not search the groups: ${search.message}`;
  if (search.state !== "done") return "Searching…";
  if (pickable > 0) return null;
  if (search.items.length > 0) return "Every group found is already chosen";
  return query.trim() === "" ? "Your organisation has no groups" : `No group has a word starting with "${query.trim()}"`;
}
