// What directory sync needs from the outside world: a source of directory changes (Graph /users/delta),
// a store for the per-tenant people snapshot, and a store for the sync cursor and last report.

/** A user as the directory reports it (the properties sync selects). */
export interface DirectoryUser {
  id: string;
  displayName: string | null;
  givenName: string | null;
  surname: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  city: string | null;
  country: string | null;
  accountEnabled: boolean;
  userType: string;
}

/** Every DirectoryUser property, once: the Graph `$select` of sync and the sync index's content hash both use it. */
export const DIRECTORY_USER_FIELDS = [
  "id",
  "displayName",
  "givenName",
  "surname",
  "userPrincipalName",
  "mail",
  "jobTitle",
  "department",
  "officeLocation",
  "city",
  "country",
  "accountEnabled",
  "userType",
] as const satisfies ReadonlyArray<keyof DirectoryUser>;

/**
 * The manager relation of a changed user: "set" (manager id), "cleared" (`@removed` in manager@delta),
 * or "absent" (no manager@delta: no manager in a full round, unchanged in an incremental one).
 */
export type ManagerChange = { kind: "set"; id: string } | { kind: "cleared" } | { kind: "absent" };

export type DirectoryChange = { kind: "user"; user: DirectoryUser; manager: ManagerChange } | { kind: "removed"; id: string; reason: string };

export interface DirectoryChangePage {
  changes: DirectoryChange[];
  /** More pages of this round follow. */
  nextLink: string | null;
  /** The round is complete; keep this link for the next incremental sync. */
  deltaLink: string | null;
}

/** The stored delta link is too old or unknown (Graph 410 syncStateNotFound): only a full resync helps. */
export class DeltaExpiredError extends Error {
  constructor(message = "The directory no longer knows the stored delta link (410 Gone); a full resync is needed.") {
    super(message);
    this.name = "DeltaExpiredError";
  }
}

/** The saved sync index cannot be used (a chunk missing, unknown format, wrong size): read the people store instead. */
export class DirectoryIndexUnusableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DirectoryIndexUnusableError";
  }
}

export interface DirectoryChangeSource {
  /** First page of a full round (every user, with managers). */
  firstPage(tenantId: string, signal: AbortSignal): Promise<DirectoryChangePage>;
  /** A nextLink or deltaLink page; throws DeltaExpiredError on 410. */
  page(tenantId: string, link: string, signal: AbortSignal): Promise<DirectoryChangePage>;
}

export type Placement = "rooted" | "detached" | "cycle" | "underCycle";

/** One person of a tenant's directory snapshot, with their place in the org chart. */
export interface Person extends DirectoryUser {
  tenantId: string;
  /** Unknown until mailboxSettings is read (scheduling reads it on demand); null here. */
  hasMailbox: boolean | null;
  managerId: string | null;
  /** Managers from the direct manager up to the top, nearest first. */
  chain: string[];
  /** Depth from the CEO (0); null when not under the CEO. */
  level: number | null;
  /** The level-1 ancestor (head of division); null for the CEO and the unrooted. */
  division: string | null;
  placement: Placement;
  /** IANA zone, Windows zone name and working hours come from mailboxSettings: not read by sync (null). */
  timeZone: string | null;
  windowsTimeZone: string | null;
  workingHours: null;
}

export interface PeopleStore {
  /** Every stored person of the tenant, by id. */
  loadAll(tenantId: string, signal: AbortSignal): Promise<Map<string, Person>>;
  /** Creates or overwrites; `onWritten` is called as writes complete. */
  upsertMany(tenantId: string, people: readonly Person[], signal: AbortSignal, onWritten?: (count: number) => void): Promise<void>;
  deleteMany(tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<void>;
  get(tenantId: string, id: string): Promise<Person | null>;
  /** The stored people among `ids` (point reads, batched); absent ids are left out. */
  getMany(tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<Map<string, Person>>;
}

export interface DirectorySyncState {
  tenantId: string;
  /** null until a full round completed. */
  deltaLink: string | null;
  lastSyncAt: string;
  lastJobId: string;
  report: DirectorySyncReport;
  /** Where the index of the stored people is; absent for states saved before the index existed. */
  index?: DirectoryIndexRef | null;
}

/**
 * What sync remembers about one stored person so that an incremental sync need not read the people
 * store: the inputs of the org chart and a hash of the rest of the document.
 */
export interface IndexEntry {
  id: string;
  managerId: string | null;
  accountEnabled: boolean;
  userType: string;
  hasMail: boolean;
  /** Hash of every stored field except the derived org fields (see directory-index.ts). */
  userHash: string;
  /** Hash of chain, level, division and placement. */
  orgHash: string;
}

/** One saved generation of a tenant's index. */
export interface DirectoryIndexRef {
  generation: number;
  /** Documents the generation is split into (each stays well under Cosmos DB's 2 MB item limit). */
  chunks: number;
  entries: number;
}

export interface DirectorySyncStateStore {
  get(tenantId: string): Promise<DirectorySyncState | null>;
  save(state: DirectorySyncState): Promise<void>;
  /** The entries of a saved index generation; DirectoryIndexUnusableError when it is incomplete or unreadable. */
  loadIndex(tenantId: string, ref: DirectoryIndexRef, signal: AbortSignal): Promise<IndexEntry[]>;
  /** Saves a new generation beside the current one (the state still points at the old one until saved). */
  saveIndex(tenantId: string, generation: number, entries: readonly IndexEntry[], signal: AbortSignal): Promise<DirectoryIndexRef>;
  /** Deletes every index document of the tenant not of generation `keep`; returns how many. */
  removeOtherIndexGenerations(tenantId: string, keep: number, signal: AbortSignal): Promise<number>;
}

/** A list of ids, capped for storage: the count is exact, the sample is the first ids (sorted). */
export interface IdSample {
  count: number;
  sample: string[];
}

export interface DirectorySyncReport {
  mode: "full" | "delta";
  /** Why a delta request ran as a full sync, if it did. */
  fullResyncReason: "noDeltaLink" | "deltaExpired" | null;
  people: number;
  /** Users and tombstones read from the directory in this run. */
  changesRead: number;
  pages: number;
  written: number;
  deleted: number;
  root: string | null;
  roots: number;
  missingManagers: { count: number; sample: Array<{ id: string; managerId: string | null; kind: string; affected: number }> };
  cycles: Array<{ members: string[] }>;
  underCycle: IdSample;
  detached: number;
  disabled: IdSample;
  guests: IdSample;
  /** Members without a mail address (likely no mailbox; mailboxSettings is not read by sync). */
  noMail: IdSample;
  duplicateIds: string[];
  /** What the stored side was read from: the sync index (delta) or the people documents (full, repair, no index). Absent in reports before the index. */
  baseline?: "index" | "store";
  /** People read back because their org position changed while their directory data did not. */
  reread?: number;
  startedAt: string;
  finishedAt: string;
}
