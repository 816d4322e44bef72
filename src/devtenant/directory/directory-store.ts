// One tenant's directory: people indexed by id, UPN and mail, plus the change versions /users/delta needs.
// Every mutation bumps a per-tenant version; delta tokens are version watermarks, so a deltaLink call returns
// exactly the users changed since (latest state, one entry per user) and tombstones for removed users.
import type { DevBusyBlock, DevDirectoryView, DevPerson, DevTenantInfo } from "../model.js";
import { createRng, pick, shuffled } from "../rng.js";

export type RemovalReason = "changed" | "deleted";
export type PersonPatch = Partial<Omit<DevPerson, "id">>;

export interface Tombstone {
  id: string;
  version: number;
  reason: RemovalReason;
}

/** A user as /users/delta reports it: present (with the version of its last change) or removed. */
export type DirectoryEntry =
  | {
      kind: "person";
      person: DevPerson;
      version: number;
      previousManagerId: string | null;
      /** DevPerson fields changed after `version` (for Prefer: return=minimal); null = created after it (everything is new). */
      changedSince(version: number): ReadonlySet<string> | null;
    }
  | { kind: "removed"; tombstone: Tombstone };

export interface DevDirectoryMutable extends DevDirectoryView {
  /** Applies a patch (a new object replaces the old one) and records the change for delta. */
  update(id: string, patch: PersonPatch): DevPerson;
  add(person: DevPerson): void;
  /** "changed" = soft delete (restorable), "deleted" = hard delete. Reports of a removed manager lose their manager. */
  remove(id: string, reason?: RemovalReason): void;
  /** Changes title, department or manager of round(fraction × people) people, seeded; returns the changed ids. */
  mutateRandom(fraction: number, seed: number): string[];
  directReports(managerId: string): DevPerson[];
  /** The current change version (0 before any change). */
  version(): number;
  /** Entries in a stable order starting at `cursor`; used by delta paging. */
  entryAt(cursor: number): DirectoryEntry | undefined;
  entryCount(): number;
}

interface Slot {
  id: string;
  version: number;
  previousManagerId: string | null;
  /** Version at which the user was (re)created; 0 for the initial population. */
  createdVersion: number;
  /** Which fields each update touched, for Prefer: return=minimal. */
  changes: Array<{ version: number; keys: string[] }>;
}

export function createDirectory(info: DevTenantInfo, seed: number, people: readonly DevPerson[], busy: ReadonlyMap<string, readonly DevBusyBlock[]> = new Map()): DevDirectoryMutable {
  const byId = new Map<string, DevPerson>();
  const byAddress = new Map<string, string>();
  const reports = new Map<string, Set<string>>();
  const tombstones = new Map<string, Tombstone>();
  // Stable order of every id ever seen (present or removed): delta cursors index into it.
  const order: Slot[] = [];
  const slotOf = new Map<string, Slot>();
  let currentVersion = 0;
  let listCache: DevPerson[] | null = null;

  const key = (s: string): string => s.toLowerCase();

  function indexPerson(p: DevPerson): void {
    byId.set(key(p.id), p);
    byAddress.set(key(p.userPrincipalName), p.id);
    if (p.mail) byAddress.set(key(p.mail), p.id);
    if (p.managerId) {
      let set = reports.get(key(p.managerId));
      if (!set) reports.set(key(p.managerId), (set = new Set()));
      set.add(p.id);
    }
  }

  function unindexPerson(p: DevPerson): void {
    byId.delete(key(p.id));
    if (byAddress.get(key(p.userPrincipalName)) === p.id) byAddress.delete(key(p.userPrincipalName));
    if (p.mail && byAddress.get(key(p.mail)) === p.id) byAddress.delete(key(p.mail));
    if (p.managerId) reports.get(key(p.managerId))?.delete(p.id);
  }

  function touch(id: string, change: { previousManagerId?: string | null; keys?: string[]; created?: boolean } = {}): void {
    currentVersion++;
    let slot = slotOf.get(key(id));
    if (!slot) {
      slot = { id, version: currentVersion, previousManagerId: null, createdVersion: currentVersion, changes: [] };
      slotOf.set(key(id), slot);
      order.push(slot);
    }
    slot.version = currentVersion;
    if (change.created) {
      slot.createdVersion = currentVersion;
      slot.changes = [];
    }
    if (change.previousManagerId !== undefined) slot.previousManagerId = change.previousManagerId;
    if (change.keys) slot.changes.push({ version: currentVersion, keys: change.keys });
    listCache = null;
  }

  function changedKeys(before: DevPerson, after: DevPerson): string[] {
    return (Object.keys(after) as Array<keyof DevPerson>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  }

  function assertAddressesFree(p: DevPerson, exceptId?: string): void {
    for (const address of [p.userPrincipalName, p.mail]) {
      if (!address) continue;
      const owner = byAddress.get(key(address));
      if (owner && owner !== exceptId) throw new Error(`Another user already has the address ${address}`);
    }
  }

  for (const p of people) {
    if (byId.has(key(p.id))) throw new Error(`Duplicate user id ${p.id}`);
    assertAddressesFree(p);
    indexPerson(p);
    const slot: Slot = { id: p.id, version: 0, previousManagerId: null, createdVersion: 0, changes: [] };
    slotOf.set(key(p.id), slot);
    order.push(slot);
  }

  /** True when `ancestorId` is on the manager chain of `person` (cycle-safe). */
  function isAbove(ancestorId: string, person: DevPerson): boolean {
    const seen = new Set<string>();
    let current: DevPerson | undefined = person;
    while (current?.managerId && !seen.has(current.id)) {
      if (key(current.managerId) === key(ancestorId)) return true;
      seen.add(current.id);
      current = byId.get(key(current.managerId));
    }
    return false;
  }

  function pickNewManager(rng: () => number, managers: readonly DevPerson[], person: DevPerson): DevPerson | undefined {
    for (let attempt = 0; attempt < 20 && managers.length > 0; attempt++) {
      const candidate = pick(rng, managers);
      if (candidate.id !== person.id && candidate.id !== person.managerId && !isAbove(person.id, candidate)) return candidate;
    }
    return undefined;
  }

  function mustGet(id: string): DevPerson {
    const p = byId.get(key(id));
    if (!p) throw new Error(`No user with id ${id} in tenant ${info.displayName}`);
    return p;
  }

  const directory: DevDirectoryMutable = {
    info,
    seed,
    findPerson(idOrAddress: string): DevPerson | undefined {
      const k = key(idOrAddress);
      const direct = byId.get(k);
      if (direct) return direct;
      const id = byAddress.get(k);
      return id ? byId.get(key(id)) : undefined;
    },
    people(): readonly DevPerson[] {
      if (!listCache) listCache = order.map((s) => byId.get(key(s.id))).filter((p): p is DevPerson => p !== undefined);
      return listCache;
    },
    fixtureBusy(personId: string): readonly DevBusyBlock[] {
      return busy.get(personId) ?? [];
    },
    directReports(managerId: string): DevPerson[] {
      const ids = reports.get(key(managerId));
      return ids ? [...ids].map((id) => byId.get(key(id))).filter((p): p is DevPerson => p !== undefined) : [];
    },
    update(id: string, patch: PersonPatch): DevPerson {
      const before = mustGet(id);
      if ("id" in patch) throw new Error("A user's id cannot change");
      const after: DevPerson = { ...before, ...patch, id: before.id };
      if (after.managerId && !byId.has(key(after.managerId))) throw new Error(`Manager ${after.managerId} does not exist`);
      if (after.managerId && key(after.managerId) === key(after.id)) throw new Error("A user cannot be their own manager");
      assertAddressesFree(after, before.id);
      unindexPerson(before);
      indexPerson(after);
      touch(before.id, { previousManagerId: before.managerId !== after.managerId ? before.managerId : undefined, keys: changedKeys(before, after) });
      return after;
    },
    add(person: DevPerson): void {
      if (byId.has(key(person.id))) throw new Error(`A user with id ${person.id} already exists`);
      if (person.managerId && !byId.has(key(person.managerId))) throw new Error(`Manager ${person.managerId} does not exist`);
      assertAddressesFree(person);
      tombstones.delete(key(person.id));
      indexPerson(person);
      touch(person.id, { previousManagerId: null, created: true });
    },
    remove(id: string, reason: RemovalReason = "deleted"): void {
      const person = mustGet(id);
      for (const report of directory.directReports(person.id)) directory.update(report.id, { managerId: null });
      unindexPerson(person);
      touch(person.id);
      tombstones.set(key(person.id), { id: person.id, version: currentVersion, reason });
    },
    mutateRandom(fraction: number, mutationSeed: number): string[] {
      if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be within 0..1; got ${fraction}`);
      const rng = createRng(mutationSeed);
      const everyone = directory.people();
      const count = Math.round(fraction * everyone.length);
      const chosen = shuffled(rng, everyone).slice(0, count);
      const managers = everyone.filter((p) => reports.get(key(p.id))?.size);
      const departments = [...new Set(everyone.map((p) => p.department).filter((d): d is string => d !== null))];
      for (const p of chosen) {
        const what = rng();
        if (what < 0.4 && p.jobTitle) directory.update(p.id, { jobTitle: p.jobTitle.startsWith("Senior ") ? p.jobTitle.slice(7) : `Senior ${p.jobTitle}` });
        else if (what < 0.7 && departments.length > 0) directory.update(p.id, { department: pick(rng, departments) });
        else {
          // Move under another manager outside the person's own subtree, so no new cycle appears.
          const target = p.managerId === null ? undefined : pickNewManager(rng, managers, p);
          if (target) directory.update(p.id, { managerId: target.id });
          else directory.update(p.id, { officeLocation: p.officeLocation });
        }
      }
      return chosen.map((p) => p.id);
    },
    version: () => currentVersion,
    entryCount: () => order.length,
    entryAt(cursor: number): DirectoryEntry | undefined {
      const slot = order[cursor];
      if (!slot) return undefined;
      const person = byId.get(key(slot.id));
      if (person) {
        return {
          kind: "person",
          person,
          version: slot.version,
          previousManagerId: slot.previousManagerId,
          changedSince(version: number): ReadonlySet<string> | null {
            if (slot.createdVersion > version) return null;
            return new Set(slot.changes.filter((c) => c.version > version).flatMap((c) => c.keys));
          },
        };
      }
      const tombstone = tombstones.get(key(slot.id));
      return tombstone ? { kind: "removed", tombstone } : undefined;
    },
  };
  return directory;
}
