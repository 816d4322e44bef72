// One tenant's Entra groups: the groups, their direct members (users and nested groups), and membership
// looked up directly or transitively (through nested groups, loop-safe), as Graph's memberOf,
// transitiveMemberOf and checkMemberGroups answer it.

export interface DevGroup {
  /** Entra object id (GUID). */
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  /** Microsoft 365 groups carry "Unified"; security groups none. */
  groupTypes: string[];
  mailEnabled: boolean;
  securityEnabled: boolean;
  mail: string | null;
  visibility: "Public" | "Private" | null;
  /** ISO instant; derived from the seed, never from today's date. */
  createdDateTime: string;
  /** Direct members that are users (object ids). */
  memberUserIds: readonly string[];
  /** Direct members that are groups (nested groups; security groups only). */
  memberGroupIds: readonly string[];
}

export interface DevGroupDirectory {
  /** Every group, in a stable order (creation order). */
  groups(): readonly DevGroup[];
  find(id: string): DevGroup | undefined;
  /** Groups the user is a direct member of. */
  directGroupsOf(userId: string): readonly DevGroup[];
  /** Groups the user is a member of directly or through nested groups (each once). */
  transitiveGroupsOf(userId: string): readonly DevGroup[];
  /** Groups a group is a member of, directly or through nesting (each once; the group itself excluded). */
  transitiveParentsOf(groupId: string): readonly DevGroup[];
  /**
   * Takes a user out of a group's direct members, as an admin would in Entra ID (membership through a
   * nested group is untouched). False when the user was not a direct member.
   */
  removeUser(groupId: string, userId: string): boolean;
}

export function createGroupDirectory(initial: readonly DevGroup[]): DevGroupDirectory {
  const groups = [...initial];
  const byId = new Map<string, DevGroup>();
  for (const group of groups) {
    const key = group.id.toLowerCase();
    if (byId.has(key)) throw new Error(`Two dev groups share the id ${group.id}`);
    byId.set(key, group);
  }
  const userParents = new Map<string, DevGroup[]>();
  const groupParents = new Map<string, DevGroup[]>();
  const addTo = (index: Map<string, DevGroup[]>, memberId: string, parent: DevGroup): void => {
    const key = memberId.toLowerCase();
    const list = index.get(key);
    if (list) list.push(parent);
    else index.set(key, [parent]);
  };
  for (const group of groups) {
    group.memberUserIds.forEach((id) => addTo(userParents, id, group));
    group.memberGroupIds.forEach((id) => addTo(groupParents, id, group));
  }

  function replaceGroup(old: DevGroup, updated: DevGroup): void {
    groups[groups.indexOf(old)] = updated;
    byId.set(old.id.toLowerCase(), updated);
    for (const index of [userParents, groupParents]) {
      for (const list of index.values()) {
        const i = list.indexOf(old);
        if (i >= 0) list[i] = updated;
      }
    }
  }

  /** Breadth-first up the nesting; `seen` keeps loops (a group nested in itself via others) finite. */
  function closure(start: readonly DevGroup[], exclude: string | null): DevGroup[] {
    const seen = new Set<string>(exclude ? [exclude] : []);
    const out: DevGroup[] = [];
    const queue = [...start];
    while (queue.length > 0) {
      const group = queue.shift() as DevGroup;
      const key = group.id.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(group);
      queue.push(...(groupParents.get(key) ?? []));
    }
    return out;
  }

  return {
    groups: () => groups,
    find: (id) => byId.get(id.toLowerCase()),
    directGroupsOf: (userId) => userParents.get(userId.toLowerCase()) ?? [],
    transitiveGroupsOf: (userId) => closure(userParents.get(userId.toLowerCase()) ?? [], null),
    transitiveParentsOf: (groupId) => closure(groupParents.get(groupId.toLowerCase()) ?? [], groupId.toLowerCase()),
    removeUser(groupId, userId) {
      const group = byId.get(groupId.toLowerCase());
      const key = userId.toLowerCase();
      const parents = userParents.get(key) ?? [];
      const at = parents.findIndex((g) => g === group);
      if (!group || at < 0) return false;
      parents.splice(at, 1);
      // DevGroup is read-only to readers: swap in a copy without the user, in the list and the index.
      const updated: DevGroup = { ...group, memberUserIds: group.memberUserIds.filter((id) => id.toLowerCase() !== key) };
      replaceGroup(group, updated);
      return true;
    },
  };
}
