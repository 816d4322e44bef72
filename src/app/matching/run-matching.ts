// Runs matching for a cohort as a job: enrolling → matching, read the roster, the people (org chart) and
// their working hours, honour the proposal's locks, forbidden pairs and the executives' vetoes, never
// repeat a pair from an earlier cohort, find the exact optimum, and save the proposal (version + 1) with
// one "proposed" pair document per pair (dropping the previous run's proposed pairs that are gone).
import { matchingRulesOf, rematchAroundLocks, type MatchingInput, type MatchingResult, type UnmatchedPerson } from "../../domain/matching/index.js";
import type { Caller } from "../caller.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { ConcurrencyError, ConflictError } from "../errors.js";
import type { JobContext } from "../jobs/job-runner.js";
import { pairId, type Pair, type PairPerson, type Proposal, type ProposalUnmatched, type StoredPair } from "../pairs/pair-model.js";
import { forEachLimited } from "../for-each-limited.js";
import { loadParticipants, type CohortParticipants } from "./load-participants.js";
import { MATCHING_JOB_KIND, type MatchingDeps } from "./matching-deps.js";
import { proposalId, type StoredProposal } from "./matching-ports.js";
import { loadCohort, moveCohort, requireAdmin, sameRef, withStats } from "./proposal-edits.js";

const WEEK_MS = 7 * 86_400_000;
/** Attempts to save when an admin edit lands while the run computes (each recomputes on fresh lists). */
const SAVE_ATTEMPTS = 3;
const WRITES_IN_FLIGHT = 16;

export async function startMatching(deps: MatchingDeps, caller: Caller, cohortId: string): Promise<{ jobId: string }> {
  requireAdmin(caller);
  const cohort = await loadCohort(deps, caller.tenantId, cohortId);
  checkMatchable(cohort);
  const started = await deps.jobRunner.start({
    tenantId: caller.tenantId,
    kind: MATCHING_JOB_KIND,
    requestedBy: caller.userId,
    handler: (context) => runMatchingJob(deps, context, cohortId),
  });
  return { jobId: started.job.id };
}

function checkMatchable(cohort: StoredCohort): void {
  if (cohort.state !== "enrolling" && cohort.state !== "matching") {
    throw new ConflictError(`Matching runs only while a cohort is enrolling or matching; "${cohort.settings.name}" is ${cohort.state}.`);
  }
}

/** The job itself (exported for the benchmark and tests that run it without HTTP). */
export async function runMatchingJob(deps: MatchingDeps, context: JobContext, cohortId: string): Promise<Record<string, unknown>> {
  const { tenantId, signal } = context;
  context.progress({ percent: 2, message: "Reading the cohort and its enrolments" });
  const cohort = await moveToMatching(deps, tenantId, cohortId);
  const enrolments = await deps.roster.list(tenantId, cohortId);
  const mentors = enrolments.filter((e) => e.role === "mentor").length;
  context.progress({ percent: 5, counts: { mentors, mentees: enrolments.length - mentors } });

  const read = { people: 0, mailboxes: 0 };
  const participants = await loadParticipants(deps, tenantId, cohort.settings, enrolments, signal, (stage, done, total) => {
    read[stage] = done;
    // Mailbox reads are the slow half (Graph); the org chart comes from our own store.
    const share = total === 0 ? 1 : (read.people + 3 * read.mailboxes) / (4 * total);
    context.progress({ percent: 5 + 65 * share, counts: { peopleRead: read.people, mailboxesRead: read.mailboxes }, message: "Reading the org chart and working hours" });
  });
  context.progress({ percent: 70, counts: { excluded: participants.excluded.length }, message: "Finding the best pairs" });
  const earlierPairs = await deps.pairs.earlierPairs(tenantId, cohortId);
  const referenceWeekStart = nextWeekStart(deps.clock.now());

  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw signal.reason;
    // The cohort may have been closed (or moved back to enrolling) while people and mailboxes were read.
    const current = await loadCohort(deps, tenantId, cohortId);
    if (current.state !== "matching") throw new ConflictError(`"${current.settings.name}" left matching while the run was under way (it is ${current.state}); nothing was saved.`);
    // People who withdrew while the run was under way are left out: nothing about them may be stored again.
    const present = onlyEnrolled(participants, await enrolledIds(deps, tenantId, cohortId));
    const previous = await deps.proposals.get(tenantId, cohortId);
    const cohortPairs = await deps.pairs.listByCohort(tenantId, cohortId);
    const vetoes = mergeVetoes(previous, cohortPairs);
    const input: MatchingInput = {
      mentors: present.mentors,
      mentees: present.mentees,
      rules: matchingRulesOf(cohort.settings),
      referenceWeekStart,
      earlierPairs,
      forbiddenPairs: previous?.forbidden ?? [],
      vetoes,
      locks: previous?.locks ?? [],
    };
    const result = rematchAroundLocks(input, (previous?.pairs ?? []).filter((p) => p.locked));
    context.progress({ percent: 85, counts: { pairs: result.pairs.length, unmatched: result.unmatched.length + present.excluded.length }, message: "Saving the proposal" });
    const now = new Date(deps.clock.now()).toISOString();
    const pairs = result.pairs.map((p) => toPairDocument(tenantId, cohortId, p, present, cohortPairs, now));
    const counts = { mentors: present.enrolledMentors, mentees: present.enrolledMentees };
    const proposal = buildProposal({ tenantId, cohortId, jobId: context.jobId, now, referenceWeekStart, previous, result, participants: present, pairs, vetoes, counts });
    try {
      await saveProposal(deps, previous, proposal);
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < SAVE_ATTEMPTS) continue;
      throw error;
    }
    await savePairs(deps, tenantId, pairs, cohortPairs);
    // Someone who withdrew between the roster read and these writes would be stored again: run once more
    // without them (that save replaces the proposal and deletes their pair documents).
    const after = await enrolledIds(deps, tenantId, cohortId);
    if (attempt < SAVE_ATTEMPTS && [...present.people.keys()].some((id) => present.enrolled.has(id) && !after.has(id))) continue;
    return { cohortId, pairs: proposal.stats.pairs, unmatched: proposal.unmatched.length, groupsUnverified: participants.groupsUnverified, rejectedLocks: proposal.rejectedLocks.length, totalScore: proposal.stats.totalScore };
  }
}

async function enrolledIds(deps: MatchingDeps, tenantId: string, cohortId: string): Promise<Set<string>> {
  return new Set((await deps.roster.list(tenantId, cohortId)).map((e) => e.userId));
}

type PresentParticipants = CohortParticipants & { enrolled: ReadonlySet<string>; enrolledMentors: number; enrolledMentees: number };

/** The participants still enrolled now (the people map keeps everyone; it is only looked up by id). */
function onlyEnrolled(participants: CohortParticipants, enrolled: ReadonlySet<string>): PresentParticipants {
  const mentors = participants.mentors.filter((m) => enrolled.has(m.id));
  const mentees = participants.mentees.filter((m) => enrolled.has(m.id));
  const excluded = participants.excluded.filter((e) => enrolled.has(e.id));
  const excludedMentors = excluded.filter((e) => e.role === "mentor").length;
  return { ...participants, mentors, mentees, excluded, enrolled, enrolledMentors: mentors.length + excludedMentors, enrolledMentees: mentees.length + excluded.length - excludedMentors };
}

/** An enrolling cohort moves to matching when the run starts (enrolment changes stop then). */
async function moveToMatching(deps: MatchingDeps, tenantId: string, cohortId: string): Promise<StoredCohort> {
  const cohort = await moveCohort(deps, tenantId, cohortId, "enrolling", "matching");
  checkMatchable(cohort);
  return cohort;
}

/** Monday 00:00 UTC of the week after `now`: the week whose working hours the run compares. */
export function nextWeekStart(now: number): string {
  const day = new Date(now);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const daysSinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(midnight - daysSinceMonday * 86_400_000 + WEEK_MS).toISOString();
}

/** The proposal's vetoes plus any vetoed pair document (a veto saved on the pair but not yet on the proposal). */
function mergeVetoes(previous: Proposal | null, cohortPairs: readonly StoredPair[]): Proposal["vetoes"] {
  const vetoes = [...(previous?.vetoes ?? [])];
  for (const pair of cohortPairs) {
    if (pair.state !== "vetoed" || !pair.veto) continue;
    const ref = { mentorId: pair.mentor.id, menteeId: pair.mentee.id };
    if (!vetoes.some((v) => sameRef(v, ref))) vetoes.push({ ...ref, reason: pair.veto.reason, at: pair.veto.at });
  }
  return vetoes;
}

function toPairDocument(tenantId: string, cohortId: string, p: MatchingResult["pairs"][number], participants: CohortParticipants, existing: readonly StoredPair[], now: string): Pair {
  const id = pairId(cohortId, p);
  const before = existing.find((e) => e.id === id);
  return {
    id,
    type: "pair",
    tenantId,
    cohortId,
    mentor: participants.people.get(p.mentorId) as PairPerson,
    mentee: participants.people.get(p.menteeId) as PairPerson,
    state: "proposed",
    score: p.score,
    reasons: p.reasons,
    locked: p.locked,
    sharedMinutesPerWeek: p.sharedMinutesPerWeek,
    veto: null,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
    publishedAt: null,
    endedAt: null,
    notifiedAt: null,
  };
}

interface ProposalParts {
  tenantId: string;
  cohortId: string;
  jobId: string;
  now: string;
  referenceWeekStart: string;
  previous: StoredProposal | null;
  result: MatchingResult;
  participants: CohortParticipants;
  pairs: Pair[];
  vetoes: Proposal["vetoes"];
  counts: { mentors: number; mentees: number };
}

function buildProposal(x: ProposalParts): Proposal {
  const unmatched: ProposalUnmatched[] = [...x.result.unmatched.map((u) => withPerson(u, x.participants)), ...x.participants.excluded];
  const proposal: Proposal = {
    id: proposalId(x.cohortId),
    type: "proposal",
    tenantId: x.tenantId,
    cohortId: x.cohortId,
    version: (x.previous?.version ?? 0) + 1,
    jobId: x.jobId,
    referenceWeekStart: x.referenceWeekStart,
    createdAt: x.previous?.createdAt ?? x.now,
    updatedAt: x.now,
    stats: { ...x.result.stats, ...x.counts },
    pairs: x.pairs.map((p) => ({ pairId: p.id, mentorId: p.mentor.id, menteeId: p.mentee.id, score: p.score, locked: p.locked })),
    unmatched,
    rejectedLocks: x.result.rejectedLocks.map((lock) => explainExcludedLock(lock, x.participants)),
    locks: x.previous?.locks ?? [],
    forbidden: x.previous?.forbidden ?? [],
    vetoes: x.vetoes,
    publishedAt: null,
  };
  return withStats(proposal, new Map(x.pairs.map((p) => [p.id, p])));
}

function withPerson(u: UnmatchedPerson, participants: CohortParticipants): ProposalUnmatched {
  const p = participants.people.get(u.id);
  return p ? { ...u, person: { id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department } } : { ...u };
}

/** A lock naming someone the run had to leave out says why, instead of the matcher's "not enrolled". */
function explainExcludedLock(lock: MatchingResult["rejectedLocks"][number], participants: CohortParticipants): MatchingResult["rejectedLocks"][number] {
  const left = participants.excluded.filter((e) => e.id === lock.mentorId || e.id === lock.menteeId);
  if (left.length === 0) return lock;
  return { ...lock, problems: [...left.map((e) => ({ rule: "invalidProfile" as const, message: e.reason })), ...lock.problems.filter((p) => p.rule !== "notEnrolled")] };
}

async function saveProposal(deps: MatchingDeps, previous: StoredProposal | null, proposal: Proposal): Promise<void> {
  if (previous) await deps.proposals.replace({ ...proposal, etag: previous.etag });
  else {
    try {
      await deps.proposals.create(proposal);
    } catch (error) {
      // Someone created it meanwhile: recompute against theirs.
      if (error instanceof ConflictError) throw new ConcurrencyError("proposals", proposal.id);
      throw error;
    }
  }
}

async function savePairs(deps: MatchingDeps, tenantId: string, pairs: readonly Pair[], before: readonly StoredPair[]): Promise<void> {
  const keep = new Set(pairs.map((p) => p.id));
  await forEachLimited(pairs, WRITES_IN_FLIGHT, (p) => deps.pairs.upsert(p));
  const stale = before.filter((p) => p.state === "proposed" && !keep.has(p.id));
  await forEachLimited(stale, WRITES_IN_FLIGHT, (p) => deps.pairs.delete(tenantId, p.id));
}
