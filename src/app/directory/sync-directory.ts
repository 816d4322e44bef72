// Directory sync, the story: read the directory's changes (a full /users/delta round, or the changes since
// the stored delta link) → apply them to the stored snapshot → rebuild the org chart (chain, level,
// division) with its bad-data report → write only the people whose stored document differs → keep the
// new delta link and the report. Replaying a delta link changes nothing; a 410 turns into a full resync.
import { buildHierarchy, type DirectoryEntry, type Hierarchy } from "../../domain/hierarchy/index.js";
import type { Clock } from "../ports/clock.js";
import type { JobProgress } from "../ports/jobs.js";
import {
  DeltaExpiredError,
  type DirectoryChangePage,
  type DirectoryChangeSource,
  type DirectorySyncReport,
  type DirectorySyncStateStore,
  type DirectoryUser,
  type IdSample,
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

interface Working {
  user: DirectoryUser;
  managerId: string | null;
}

export async function syncDirectory(deps: SyncDirectoryDeps, run: SyncRun): Promise<DirectorySyncReport> {
  const startedAt = new Date(deps.clock.now()).toISOString();
  run.progress({ percent: 0, message: "Loading the stored directory" });
  const [state, stored] = await Promise.all([deps.state.get(run.tenantId), deps.people.loadAll(run.tenantId, run.signal)]);
  const expected = Math.max(stored.size, 1);

  let mode: SyncMode = run.mode;
  let fullResyncReason: DirectorySyncReport["fullResyncReason"] = null;
  if (mode === "delta" && !state?.deltaLink) {
    mode = "full";
    fullResyncReason = "noDeltaLink";
  }
  let round: RoundResult;
  if (mode === "delta") {
    try {
      round = await readRound(deps, run, stored, state!.deltaLink, expected);
    } catch (error) {
      if (!(error instanceof DeltaExpiredError)) throw error;
      mode = "full";
      fullResyncReason = "deltaExpired";
      round = await readRound(deps, run, stored, null, expected);
    }
  } else {
    round = await readRound(deps, run, stored, null, expected);
  }

  run.progress({ percent: 60, message: "Building the org chart" });
  const hierarchy = buildHierarchy([...round.working.values()].map(toEntry));
  const changed: Person[] = [];
  for (const [id, w] of round.working) {
    const person = toPerson(run.tenantId, w, hierarchy);
    const before = stored.get(id);
    if (!before || !samePerson(before, person)) changed.push(person);
  }
  const removed = [...stored.keys()].filter((id) => !round.working.has(id));
  run.progress({ percent: 65, counts: { toWrite: changed.length, toDelete: removed.length }, message: `Saving ${changed.length} changed people` });

  await deps.people.upsertMany(run.tenantId, changed, run.signal, (written) => {
    run.progress({ percent: 65 + (30 * written) / Math.max(changed.length, 1), counts: { written } });
  });
  await deps.people.deleteMany(run.tenantId, removed, run.signal);
  run.progress({ percent: 97, counts: { written: changed.length, deleted: removed.length }, message: "Saving the sync state" });

  const report = buildReport(hierarchy, round, { mode, fullResyncReason, written: changed.length, deleted: removed.length, startedAt, finishedAt: new Date(deps.clock.now()).toISOString() });
  // The people are saved before the cursor: a crash in between only means the same changes are read again.
  await deps.state.save({ tenantId: run.tenantId, deltaLink: round.deltaLink, lastSyncAt: report.finishedAt, lastJobId: run.jobId, report });
  return report;
}

interface RoundResult {
  working: Map<string, Working>;
  deltaLink: string;
  changesRead: number;
  pages: number;
}

/** Reads one delta round: from scratch (link null) or from a delta link applied over the stored snapshot. */
async function readRound(deps: SyncDirectoryDeps, run: SyncRun, stored: Map<string, Person>, link: string | null, expected: number): Promise<RoundResult> {
  const incremental = link !== null;
  const working = new Map<string, Working>();
  if (incremental) for (const [id, p] of stored) working.set(id, { user: userOf(p), managerId: p.managerId });
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
      working.set(change.user.id, { user: change.user, managerId });
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

function toEntry(w: Working): DirectoryEntry {
  // hasMailbox is only known from mailboxSettings; a missing mail address is the best signal sync has.
  return { id: w.user.id, managerId: w.managerId, accountEnabled: w.user.accountEnabled, userType: w.user.userType, hasMailbox: w.user.mail !== null };
}

function toPerson(tenantId: string, w: Working, hierarchy: Hierarchy): Person {
  const position = hierarchy.position(w.user.id);
  return {
    ...userOf(w.user),
    tenantId,
    hasMailbox: null,
    managerId: w.managerId,
    chain: position?.chain ?? [],
    level: position?.level ?? null,
    division: position?.division ?? null,
    placement: position?.placement ?? "detached",
    timeZone: null,
    windowsTimeZone: null,
    workingHours: null,
  };
}

function userOf(u: DirectoryUser): DirectoryUser {
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
  };
}

const COMPARED: ReadonlyArray<keyof Person> = [
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
  "hasMailbox",
  "managerId",
  "level",
  "division",
  "placement",
  "timeZone",
  "windowsTimeZone",
  "workingHours",
];

/** Equal stored content: such a person is not rewritten. */
export function samePerson(a: Person, b: Person): boolean {
  for (const key of COMPARED) if ((a[key] ?? null) !== (b[key] ?? null)) return false;
  if (a.chain.length !== b.chain.length) return false;
  for (let i = 0; i < a.chain.length; i++) if (a.chain[i] !== b.chain[i]) return false;
  return true;
}

function sample(ids: readonly string[]): IdSample {
  return { count: ids.length, sample: ids.slice(0, SAMPLE_SIZE) };
}

function buildReport(
  hierarchy: Hierarchy,
  round: RoundResult,
  extra: Pick<DirectorySyncReport, "mode" | "fullResyncReason" | "written" | "deleted" | "startedAt" | "finishedAt">,
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
    startedAt: extra.startedAt,
    finishedAt: extra.finishedAt,
  };
}
