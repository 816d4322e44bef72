/**
 * The org chart from Graph `manager` relations, with the bad data that real directories always carry
 * (missing managers, cycles, several roots, disabled accounts, guests, users without a mailbox) reported
 * instead of thrown. Linear time and iterative throughout, so a 100,000-person directory or a
 * pathological 100,000-deep management line neither stalls nor overflows the stack.
 */

export interface DirectoryEntry {
  id: string;
  /** Direct manager's id; null when Graph returns none (the CEO, or bad data). */
  managerId: string | null;
  accountEnabled: boolean;
  userType: string;
  hasMailbox: boolean;
}

/**
 * Where a person sits:
 * - "rooted": under the organisation's root (the CEO); has a level.
 * - "detached": their management line ends at someone with no (known) manager other than the root.
 * - "cycle": part of a manager cycle.
 * - "underCycle": their management line runs into a cycle.
 * Only rooted people have a level and a division.
 */
export type Placement = "rooted" | "detached" | "cycle" | "underCycle";

export interface OrgPosition {
  id: string;
  managerId: string | null;
  /** Managers from the direct manager up to the top, nearest first; stops before repeating a cycle. */
  chain: string[];
  /** Depth from the root (CEO = 0); null when not rooted. */
  level: number | null;
  /** The level-1 ancestor (head of division); the level-1 person is their own division; null for the CEO and the unrooted. */
  division: string | null;
  placement: Placement;
}

export interface MissingManager {
  id: string;
  /** The manager id as given: null ("noManager": a second top) or an id that is not in the directory ("unknownManager"). */
  managerId: string | null;
  kind: "noManager" | "unknownManager";
  /** This person plus everyone under them, all of whom are detached from the root. */
  affected: number;
}

export interface HierarchyReport {
  people: number;
  root: string | null;
  /** Everyone without a manager (root candidates) with the size of their tree, largest first. More than one means "multiple roots". */
  roots: Array<{ id: string; people: number }>;
  missingManagers: MissingManager[];
  /** Each cycle once; members in manager order (members[i+1] manages members[i]), starting at the smallest id. */
  cycles: Array<{ members: string[] }>;
  /** People not in a cycle whose management line runs into one. */
  underCycle: string[];
  /** Count of people neither rooted nor cycle-affected. */
  detached: number;
  disabled: string[];
  guests: string[];
  noMailbox: string[];
  /** Ids that appeared more than once; the first occurrence was used. */
  duplicateIds: string[];
}

export interface HierarchyOptions {
  /** Declares the root (CEO). Default: of the people without a manager, the one with the biggest tree (ties: smallest id). */
  rootId?: string;
}

export interface Hierarchy {
  readonly root: string | null;
  readonly report: HierarchyReport;
  readonly size: number;
  has(id: string): boolean;
  position(id: string): OrgPosition | undefined;
  positions(): IterableIterator<OrgPosition>;
  chainOf(id: string): string[];
  levelOf(id: string): number | null;
  divisionOf(id: string): string | null;
  placementOf(id: string): Placement | undefined;
  /** The deepest person who manages both (directly or not); null when they share none or either is unknown. */
  lowestCommonManager(a: string, b: string): string | null;
  /** True when one is in the other's management chain (or a === b). */
  inSameChain(a: string, b: string): boolean;
}

const NONE = -1;
const UNKNOWN = -2;

interface Index {
  ids: string[];
  byId: Map<string, number>;
  managerRaw: (string | null)[];
  duplicates: string[];
}

function indexPeople(people: readonly DirectoryEntry[]): Index {
  const ids: string[] = [];
  const managerRaw: (string | null)[] = [];
  const byId = new Map<string, number>();
  const duplicates = new Set<string>();
  for (const p of people) {
    if (byId.has(p.id)) {
      duplicates.add(p.id);
      continue;
    }
    byId.set(p.id, ids.length);
    ids.push(p.id);
    managerRaw.push(p.managerId ?? null);
  }
  return { ids, byId, managerRaw, duplicates: [...duplicates].sort() };
}

function byIdAsc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildHierarchy(people: readonly DirectoryEntry[], options: HierarchyOptions = {}): Hierarchy {
  const { ids, byId, managerRaw, duplicates } = indexPeople(people);
  const n = ids.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const m = managerRaw[i];
    if (m === null || m === undefined || m === "") parent[i] = NONE;
    else parent[i] = byId.get(m) ?? UNKNOWN;
  }

  // One pass over the functional graph "person → manager": walk up from each unvisited person until
  // reaching a finished person, a top, or the current walk (a cycle); then settle the walk top-down.
  const state = new Uint8Array(n); // 0 new, 1 on current walk, 2 done
  const posInWalk = new Int32Array(n);
  const top = new Int32Array(n).fill(NONE); // top of the tree; NONE for cycle-affected
  const depth = new Int32Array(n).fill(NONE);
  const head = new Int32Array(n).fill(NONE); // depth-1 ancestor (or self at depth 1)
  const cycleOf = new Int32Array(n).fill(NONE);
  const inCycle = new Uint8Array(n);
  const cycles: number[][] = [];
  const walk: number[] = [];
  for (let i = 0; i < n; i++) {
    if (state[i] !== 0) continue;
    walk.length = 0;
    let v = i;
    while (v >= 0 && state[v] === 0) {
      state[v] = 1;
      posInWalk[v] = walk.length;
      walk.push(v);
      v = parent[v]!;
    }
    let settleFrom = walk.length;
    if (v >= 0 && state[v] === 1) {
      const members = walk.slice(posInWalk[v]);
      const cid = cycles.length;
      cycles.push(members);
      for (const m of members) {
        cycleOf[m] = cid;
        inCycle[m] = 1;
        state[m] = 2;
      }
      settleFrom = posInWalk[v]!;
    }
    for (let k = settleFrom - 1; k >= 0; k--) {
      const u = walk[k]!;
      const p = parent[u]!;
      if (p < 0) {
        top[u] = u;
        depth[u] = 0;
      } else if (cycleOf[p]! >= 0) {
        cycleOf[u] = cycleOf[p]!;
      } else {
        top[u] = top[p]!;
        depth[u] = depth[p]! + 1;
        head[u] = depth[u] === 1 ? u : head[p]!;
      }
      state[u] = 2;
    }
  }

  const treeSize = new Int32Array(n);
  for (let i = 0; i < n; i++) if (top[i]! >= 0) treeSize[top[i]!]!++;

  const root = chooseRoot(options.rootId, byId, parent, top, treeSize, ids);
  const euler = eulerTour(n, parent, top);

  const chainOfIndex = (i: number): number[] => {
    const out: number[] = [];
    const guard = cycleOf[i]! >= 0 ? new Set<number>([i]) : null;
    let p = parent[i]!;
    while (p >= 0) {
      if (guard) {
        if (guard.has(p)) break;
        guard.add(p);
      }
      out.push(p);
      p = parent[p]!;
    }
    return out;
  };
  const placementOfIndex = (i: number): Placement =>
    inCycle[i] ? "cycle" : cycleOf[i]! >= 0 ? "underCycle" : top[i] === root ? "rooted" : "detached";
  const levelOfIndex = (i: number): number | null => (top[i] === root && root >= 0 ? depth[i]! : null);
  const divisionOfIndex = (i: number): string | null => {
    if (levelOfIndex(i) === null || head[i]! < 0) return null;
    return ids[head[i]!]!;
  };
  const positionOfIndex = (i: number): OrgPosition => ({
    id: ids[i]!,
    managerId: managerRaw[i] ?? null,
    chain: chainOfIndex(i).map((c) => ids[c]!),
    level: levelOfIndex(i),
    division: divisionOfIndex(i),
    placement: placementOfIndex(i),
  });

  const isTreeNode = (i: number): boolean => top[i]! >= 0;
  const inSameChainIndex = (a: number, b: number): boolean => {
    if (a === b) return true;
    if (isTreeNode(a) && isTreeNode(b)) {
      if (top[a] !== top[b]) return false;
      return euler.isAncestor(a, b) || euler.isAncestor(b, a);
    }
    return chainOfIndex(a).includes(b) || chainOfIndex(b).includes(a);
  };
  const lowestCommonIndex = (a: number, b: number): number => {
    if (isTreeNode(a) && isTreeNode(b)) {
      if (top[a] !== top[b]) return NONE;
      let x = a;
      let y = b;
      while (depth[x]! > depth[y]!) x = parent[x]!;
      while (depth[y]! > depth[x]!) y = parent[y]!;
      while (x !== y) {
        x = parent[x]!;
        y = parent[y]!;
      }
      // A common *manager* is strictly above both: if one manages the other, go one step up.
      return x === a || x === b ? Math.max(parent[x]!, NONE) : x;
    }
    const above = new Set(chainOfIndex(a));
    for (const c of chainOfIndex(b)) if (above.has(c)) return c;
    return NONE;
  };

  const report = buildReport(people, { ids, managerRaw, parent, top, treeSize, root, cycles, cycleOf, inCycle, duplicates });
  const rootId = root >= 0 ? ids[root]! : null;

  return {
    root: rootId,
    report,
    size: n,
    has: (id) => byId.has(id),
    position: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : positionOfIndex(i);
    },
    *positions() {
      for (let i = 0; i < n; i++) yield positionOfIndex(i);
    },
    chainOf: (id) => {
      const i = byId.get(id);
      return i === undefined ? [] : chainOfIndex(i).map((c) => ids[c]!);
    },
    levelOf: (id) => {
      const i = byId.get(id);
      return i === undefined ? null : levelOfIndex(i);
    },
    divisionOf: (id) => {
      const i = byId.get(id);
      return i === undefined ? null : divisionOfIndex(i);
    },
    placementOf: (id) => {
      const i = byId.get(id);
      return i === undefined ? undefined : placementOfIndex(i);
    },
    lowestCommonManager: (a, b) => {
      const i = byId.get(a);
      const j = byId.get(b);
      if (i === undefined || j === undefined) return null;
      const c = lowestCommonIndex(i, j);
      return c >= 0 ? ids[c]! : null;
    },
    inSameChain: (a, b) => {
      const i = byId.get(a);
      const j = byId.get(b);
      if (i === undefined || j === undefined) return false;
      return inSameChainIndex(i, j);
    },
  };
}

function chooseRoot(
  declared: string | undefined,
  byId: Map<string, number>,
  parent: Int32Array,
  top: Int32Array,
  treeSize: Int32Array,
  ids: string[],
): number {
  if (declared !== undefined) {
    const i = byId.get(declared);
    // A declared root that is itself in a cycle or has a manager cannot be the top of the tree.
    if (i !== undefined && top[i] === i) return i;
  }
  let best = NONE;
  for (let i = 0; i < parent.length; i++) {
    if (parent[i] !== NONE || top[i] !== i) continue;
    if (best < 0 || treeSize[i]! > treeSize[best]! || (treeSize[i] === treeSize[best] && ids[i]! < ids[best]!)) best = i;
  }
  return best;
}

/** Entry/exit times of an iterative DFS over the forest of tree nodes: O(1) ancestor tests. */
function eulerTour(n: number, parent: Int32Array, top: Int32Array): { isAncestor(a: number, b: number): boolean } {
  const childCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (top[i]! >= 0 && parent[i]! >= 0) childCount[parent[i]! + 1]!++;
  for (let i = 0; i < n; i++) childCount[i + 1]! += childCount[i]!;
  const children = new Int32Array(childCount[n]!);
  const fill = childCount.slice(0, n);
  for (let i = 0; i < n; i++) if (top[i]! >= 0 && parent[i]! >= 0) children[fill[parent[i]!]!++] = i;

  const tin = new Int32Array(n).fill(-1);
  const tout = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const next = new Int32Array(n);
  let clock = 0;
  for (let r = 0; r < n; r++) {
    if (top[r] !== r) continue;
    let sp = 0;
    stack[sp++] = r;
    tin[r] = clock++;
    next[r] = childCount[r]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      if (next[v]! < childCount[v + 1]!) {
        const c = children[next[v]!++]!;
        tin[c] = clock++;
        next[c] = childCount[c]!;
        stack[sp++] = c;
      } else {
        tout[v] = clock++;
        sp--;
      }
    }
  }
  return { isAncestor: (a, b) => tin[a]! < tin[b]! && tout[b]! < tout[a]! };
}

interface ReportInput {
  ids: string[];
  managerRaw: (string | null)[];
  parent: Int32Array;
  top: Int32Array;
  treeSize: Int32Array;
  root: number;
  cycles: number[][];
  cycleOf: Int32Array;
  inCycle: Uint8Array;
  duplicates: string[];
}

function buildReport(people: readonly DirectoryEntry[], x: ReportInput): HierarchyReport {
  const { ids, parent, top, treeSize, root } = x;
  const roots: Array<{ id: string; people: number }> = [];
  const missingManagers: MissingManager[] = [];
  const underCycle: string[] = [];
  let detached = 0;
  for (let i = 0; i < ids.length; i++) {
    if (top[i] === i) {
      if (parent[i] === NONE) roots.push({ id: ids[i]!, people: treeSize[i]! });
      if (i !== root || parent[i] === UNKNOWN) {
        missingManagers.push({ id: ids[i]!, managerId: x.managerRaw[i] || null, kind: parent[i] === UNKNOWN ? "unknownManager" : "noManager", affected: treeSize[i]! });
      }
    }
    if (top[i]! >= 0 && top[i] !== root) detached++;
    if (!x.inCycle[i] && x.cycleOf[i]! >= 0) underCycle.push(ids[i]!);
  }
  // Cycles pointing at an unknown manager cannot happen (a cycle has no exit), so every cycle is listed once here.
  const cycles = x.cycles.map((members) => {
    let start = 0;
    for (let k = 1; k < members.length; k++) if (ids[members[k]!]! < ids[members[start]!]!) start = k;
    return { members: [...members.slice(start), ...members.slice(0, start)].map((m) => ids[m]!) };
  });
  cycles.sort((a, b) => byIdAsc(a.members[0]!, b.members[0]!));

  const disabled: string[] = [];
  const guests: string[] = [];
  const noMailbox: string[] = [];
  const seen = new Set<string>();
  for (const p of people) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    if (!p.accountEnabled) disabled.push(p.id);
    if (p.userType.toLowerCase() === "guest") guests.push(p.id);
    if (!p.hasMailbox) noMailbox.push(p.id);
  }
  roots.sort((a, b) => b.people - a.people || byIdAsc(a.id, b.id));
  missingManagers.sort((a, b) => byIdAsc(a.id, b.id));
  return {
    people: ids.length,
    root: root >= 0 ? ids[root]! : null,
    roots,
    missingManagers,
    cycles,
    underCycle: underCycle.sort(byIdAsc),
    detached,
    disabled: disabled.sort(byIdAsc),
    guests: guests.sort(byIdAsc),
    noMailbox: noMailbox.sort(byIdAsc),
    duplicateIds: x.duplicates,
  };
}
