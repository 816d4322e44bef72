// Directory sync, the story: read the directory's changes (a full /users/delta round, or the changes since
// the stored delta link) → apply them to the stored snapshot → rebuild the org chart (chain, level,
// division) with its bad-data report → write only the people whose stored document differs → keep the
// new delta link, the report and the index of what is stored (directory-index.ts), so that the next
// incremental sync never reads the whole people store. Replaying a delta link changes nothing; a 410 turns into a full resync.
import { buildHierarchy, type DirectoryEntry, type Hierarchy } from "../../domain/hierarchy/index.js";
import type { Clock } from "../ports/clock.js";
import type { JobProgress } from "../ports/jobs.js";
import { indexEntryOf, orgHashOf, userHashOf, type OrgFields } from "./directory-index.js";
import {
  DeltaExpiredError,
  DirectoryIndexUnusableError,
  type DirectoryChangePage,
  type DirectoryChangeSource,
  type DirectorySyncReport,
  type DirectorySyncState,
  type DirectorySyncStateStore,
  type DirectoryUser,
  type IdSample,
  type IndexEntry,
  type PeopleStore,
  type Person,
} from "./directory-sync-ports.js";

export type SyncMode = "full" | "delta";

export interface SyncDirectoryDeps {
  source: DirectoryChangeSource;
  people: PeopleStore;
  state: DirectorySyncStateStore;
  clock: Clock;
}

export interface SyncRun {
  tenantId: string;
  jobId: string;
  mode: SyncMode;
  signal: AbortSignal;
  progress(update: Partial<JobProgress>): void;
}

/** Ids listed in a stored report per category; the counts stay exact. */
const SAMPLE_SIZE = 50;

/** A person while the round is applied: org-chart inputs, and the directory fields when read this run. */
interface Working {
  managerId: string | null;
  accountEnabled: boolean;
  userType: string;
  hasMail: boolean;
  /** Read from the directory in this run; null = unchanged since the baseline (fields not loaded). */
  user: DirectoryUser | null;
}

export async function syncDirectory(deps: SyncDirectoryDeps, run: SyncRun): Promise<DirectorySyncReport> {
  const startedAt = new Date(deps.clock.now()).toISOString();
  run.progress({ percent: 0, message: "Loading the stored directory" });
  const state = await deps.state.get(run.tenantId);
  let mode: SyncMode = run.mode;
  let fullResyncReason: DirectorySyncReport["fullResyncReason"] = null;
  if (mode === "delta" && !state?.deltaLink) {
    mode = "full";
    fullResyncReason = "noDeltaLink";
  }
  const loaded = await loadBaseline(deps, run, mode, state);
  const baseline = loaded.entries;
  const expected = Math.max(baseline.size, 1);

  let round: RoundResult;
  if (mode === "delta") {
    try {
      round = await readRound(deps, run, baseline, state!.deltaLink, expected);
    } catch (error) {
      if (!(error instanceof DeltaExpiredError)) throw error;
      mode = "full";
      fullResyncReason = "deltaExpired";
      round = await readRound(deps, run, baseline, null, expected);
    }
  } else {
    round = await readRound(deps, run, baseline, null, expected);
  }

  run.progress({ percent: 60, message: "Building the org chart" });
  const hierarchy = buildHierarchy([...round.working].map(([id, w]) => toEntry(id, w)));
  const plan = planWrites(run.tenantId, round.working, baseline, hierarchy);
  if (plan.reread.size > 0) {
    run.progress({ percent: 62, message: `Reading ${plan.reread.size} people whose place in the org chart changed` });
    plan.changed.push(...(await rereadMoved(deps, run, plan.reread)));
  }
  const reread = plan.reread.size;
  const changed = plan.changed;
  const removed = [...baseline.keys()].filter((id) => !round.working.has(id));
  run.progress({ percent: 65, counts: { toWrite: changed.length, toDelete: removed.length }, message: `Saving ${changed.length} changed people` });

  await deps.people.upsertMany(run.tenantId, changed, run.signal, (written) => {
    run.progress({ percent: 65 + (30 * written) / Math.max(changed.length, 1), counts: { written } });
  });
  await deps.people.deleteMany(run.tenantId, removed, run.signal);
  run.progress({ percent: 96, counts: { written: changed.length, deleted: removed.length }, message: "Saving the sync state" });

  const report = buildReport(hierarchy, round, { mode, fullResyncReason, written: changed.length, deleted: removed.length, baseline: loaded.source, reread, startedAt, finishedAt: new Date(deps.clock.now()).toISOString() });
  // Order matters for crash safety: people, then the new index generation, then the state that points at
  // it (with the delta link). A crash before the state is saved leaves the old index and link, and reading
  // the same changes again converges; stale generations are removed only once nothing points at them.
  const generation = (state?.index?.generation ?? 0) + 1;
  const index = await deps.state.saveIndex(run.tenantId, generation, plan.entries, run.signal);
  await deps.state.save({ tenantId: run.tenantId, deltaLink: round.deltaLink, lastSyncAt: report.finishedAt, lastJobId: run.jobId, report, index });
  await deps.state.removeOtherIndexGenerations(run.tenantId, generation, run.signal);
  return report;
}

/**
 * What is stored, as index entries. A delta sync uses the saved index (a few documents); a full sync
 * reads the people documents themselves, so it also repairs documents changed or deleted behind sync's
 * back. An unusable or missing index (e.g. a state saved before the index existed) means reading the store.
 */
async function loadBaseline(deps: SyncDirectoryDeps, run: SyncRun, mode: SyncMode, state: DirectorySyncState | null): Promise<Baseline> {
  const entries = new Map<string, IndexEntry>();
  if (mode === "delta" && state?.index) {
    try {
      for (const entry of await deps.state.loadIndex(run.tenantId, state.index, run.signal)) entries.set(entry.id, entry);
      return { entries, source: "index" };
    } catch (error) {
      if (!(error instanceof DirectoryIndexUnusableError)) throw error;
      entries.clear();
    }
  }
  for (const [id, person] of await deps.people.loadAll(run.tenantId, run.signal)) entries.set(id, indexEntryOf(person));
  return { entries, source: "store" };
}

interface Baseline {
  entries: Map<string, IndexEntry>;
  source: "index" | "store";
}

interface WritePlan {
  /** People documents to write. */
  changed: Person[];
  /** People whose org fields moved but whose directory fields were not read: id → new org fields. */
  reread: Map<string, OrgFields>;
  /** The index after this run. */
  entries: IndexEntry[];
}

function planWrites(tenantId: string, working: Map<string, Working>, baseline: Map<string, IndexEntry>, hierarchy: Hierarchy): WritePlan {
  const plan: WritePlan = { changed: [], reread: new Map(), entries: [] };
  for (const [id, w] of working) {
    const org = orgOf(hierarchy, id);
    const orgHash = orgHashOf(org);
    const before = baseline.get(id);
    if (w.user) {
      const person = toPerson(tenantId, w.user, w.managerId, org);
      const entry: IndexEntry = { id, managerId: w.managerId, accountEnabled: w.accountEnabled, userType: w.userType, hasMail: w.hasMail, userHash: userHashOf(person), orgHash };
      if (!before || before.userHash !== entry.userHash || before.orgHash !== orgHash) plan.changed.push(person);
      plan.entries.push(entry);
    } else {
      // Unchanged in the directory, so it is in the baseline.
      if (before!.orgHash !== orgHash) plan.reread.set(id, org);
      plan.entries.push({ ...before!, orgHash });
    }
  }
  return plan;
}

/** The stored documents of people who moved in the org chart, with their new org fields. */
async function rereadMoved(deps: SyncDirectoryDeps, run: SyncRun, moved: Map<string, OrgFields>): Promise<Person[]> {
  const stored = await deps.people.getMany(run.tenantId, [...moved.keys()], run.signal);
  const missing = [...moved.keys()].filter((id) => !stored.has(id));
  if (missing.length > 0) {
    throw new Error(`${missing.length} people the sync index lists are missing from the people store (e.g. ${missing[0]}); run a full sync to repair the store.`);
  }
  return [...moved].map(([id, org]) => ({ ...stored.get(id)!, ...org }));
}

interface RoundResult {
  working: Map<string, Working>;
  deltaLink: string;
  changesRead: number;
  pages: number;
}

/** Reads one delta round: from scratch (link null) or from a delta link applied over the baseline. */
async function readRound(deps: SyncDirectoryDeps, run: SyncRun, baseline: Map<string, IndexEntry>, link: string | null, expected: number): Promise<RoundResult> {
  const incremental = link !== null;
  const working = new Map<string, Working>();
  if (incremental) {
    for (const [id, e] of baseline) working.set(id, { managerId: e.managerId, accountEnabled: e.accountEnabled, userType: e.userType, hasMail: e.hasMail, user: null });
  }
  let page: DirectoryChangePage = incremental ? await deps.source.page(run.tenantId, link, run.signal) : await deps.source.firstPage(run.tenantId, run.signal);
  let pages = 1;
  let changesRead = 0;
  for (;;) {
    for (const change of page.changes) {
      changesRead++;
      if (change.kind === "removed") {
        working.delete(change.id);
        continue;
      }
      const previous = working.get(change.user.id);
      const m = change.manager;
      const managerId = m.kind === "set" ? m.id : m.kind === "cleared" ? null : incremental ? (previous?.managerId ?? null) : null;
      const u = change.user;
      working.set(u.id, { managerId, accountEnabled: u.accountEnabled, userType: u.userType, hasMail: u.mail !== null, user: u });
    }
    // Reading is ~60% of the work; the stored size estimates how much there is to read.
    run.progress({ percent: Math.min(59, (60 * changesRead) / (incremental ? Math.max(changesRead, 1) : expected)), counts: { pages, read: changesRead }, message: `Reading the directory (page ${pages})` });
    if (run.signal.aborted) throw run.signal.reason;
    if (page.deltaLink) return { working, deltaLink: page.deltaLink, changesRead, pages };
    if (!page.nextLink) throw new Error("The directory ended a delta round without a deltaLink.");
    page = await deps.source.page(run.tenantId, page.nextLink, run.signal);
    pages++;
  }
}

function toEntry(id: string, w: Working): DirectoryEntry {
  // hasMailbox is only known from mailboxSettings; a missing mail address is the best signal sync has.
  return { id, managerId: w.managerId, accountEnabled: w.accountEnabled, userType: w.userType, hasMailbox: w.hasMail };
}

function orgOf(hierarchy: Hierarchy, id: string): OrgFields {
  const position = hierarchy.position(id);
  return { chain: position?.chain ?? [], level: position?.level ?? null, division: position?.division ?? null, placement: position?.placement ?? "detached" };
}

function toPerson(tenantId: string, u: DirectoryUser, managerId: string | null, org: OrgFields): Person {
  // One literal in the stored field order (no spread): 100,000 of these are built per full sync, and a
  // spread followed by more fields makes V8 build slow dictionary-mode objects.
  return {
    id: u.id,
    displayName: u.displayName,
    givenName: u.givenName,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    jobTitle: u.jobTitle,
    department: u.department,
    officeLocation: u.officeLocation,
    city: u.city,
    country: u.country,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    tenantId,
    hasMailbox: null,
    managerId,
    chain: org.chain,
    level: org.level,
    division: org.division,
    placement: org.placement,
    timeZone: null,
    windowsTimeZone: null,
    workingHours: null,
  };
}

function sample(ids: readonly string[]): IdSample {
  return { count: ids.length, sample: ids.slice(0, SAMPLE_SIZE) };
}

function buildReport(
  hierarchy: Hierarchy,
  round: RoundResult,
  extra: Pick<DirectorySyncReport, "mode" | "fullResyncReason" | "written" | "deleted" | "baseline" | "reread" | "startedAt" | "finishedAt">,
): DirectorySyncReport {
  const r = hierarchy.report;
  return {
    mode: extra.mode,
    fullResyncReason: extra.fullResyncReason,
    people: r.people,
    changesRead: round.changesRead,
    pages: round.pages,
    written: extra.written,
    deleted: extra.deleted,
    root: r.root,
    roots: r.roots.length,
    missingManagers: { count: r.missingManagers.length, sample: r.missingManagers.slice(0, SAMPLE_SIZE) },
    cycles: r.cycles.slice(0, SAMPLE_SIZE),
    underCycle: sample(r.underCycle),
    detached: r.detached,
    disabled: sample(r.disabled),
    guests: sample(r.guests),
    noMail: sample(r.noMailbox),
    duplicateIds: r.duplicateIds.slice(0, SAMPLE_SIZE),
    baseline: extra.baseline,
    reread: extra.reread,
    startedAt: extra.startedAt,
    finishedAt: extra.finishedAt,
  };
}
