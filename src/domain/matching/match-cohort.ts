/**
 * Matching a whole cohort: admin locks first, then the exact optimum over everyone else.
 *
 * Objective "maxScore" maximises the total score. Every compatible pair scores at least one unit
 * (weights.base > 0), so a pair between two unmatched compatible people is always added; but an executive
 * may stay unmatched when giving their only compatible mentor to someone else scores more overall.
 * Objective "maxMatchedThenScore" first maximises the number of executives with at least one mentor,
 * then the total score: each executive's first slot carries a bonus larger than any possible total score
 * (big-M), which makes the single optimisation lexicographic.
 *
 * Pruning that provably keeps the optimum: with C executive slots left in total, each executive keeps
 * only its C best mentors (by score, ties by id). If an optimum used a mentor outside that list, at most
 * C − 1 of the listed mentors are taken by other slots, so one listed mentor — scoring at least as much —
 * is free, and moving the executive to it loses nothing (and keeps the same executives matched).
 */
import { solveAssignment } from "./assignment-solver.js";
import {
  HARD_RULES,
  type HardRule,
  type LockProblem,
  type MatchingInput,
  type MatchingResult,
  type MatchingStats,
  type PairRef,
  type ProposedPair,
  type RejectedLock,
  type UnmatchedPerson,
} from "./matching-types.js";
import { SCORE_SCALE, prepareMatching, type PreparedMatching } from "./prepare-matching.js";
import { noPartnerReason, takenElsewhereReason } from "./unmatched-reasons.js";

const NR = HARD_RULES.length;

export function matchCohort(input: MatchingInput): MatchingResult {
  return matchPrepared(prepareMatching(input), input.locks ?? []);
}

/** Re-runs the optimum keeping `keep` (e.g. the pairs an admin locked in the proposal) plus the input's own locks. */
export function rematchAroundLocks(input: MatchingInput, keep: readonly PairRef[]): MatchingResult {
  const seen = new Set<string>();
  const locks: PairRef[] = [];
  for (const l of [...(input.locks ?? []), ...keep]) {
    const key = JSON.stringify([l.menteeId, l.mentorId]);
    if (seen.has(key)) continue;
    seen.add(key);
    locks.push({ mentorId: l.mentorId, menteeId: l.menteeId });
  }
  return matchCohort({ ...input, locks });
}

interface AcceptedLock {
  e: number;
  j: number;
}

export function matchPrepared(prepared: PreparedMatching, locks: readonly PairRef[]): MatchingResult {
  const { mentors, mentees } = prepared;
  const nJ = mentors.length;
  const nE = mentees.length;
  const { accepted, rejected, mentorLocked, menteeUsed } = applyLocks(prepared, locks);

  // Score every pair once: counters for the unmatched reasons, and each executive's best candidates.
  const capacityLeft = Int32Array.from(mentees, (_, e) => (prepared.invalidMentees.has(e) ? 0 : Math.max(0, prepared.capacityOf(e) - menteeUsed[e]!)));
  const totalSlots = capacityLeft.reduce((a, b) => a + b, 0);
  const feasibleJ = new Int32Array(nJ);
  const feasibleE = new Int32Array(nE);
  const blockedJ = new Int32Array(nJ * NR);
  const blockedE = new Int32Array(nE * NR);
  const scores = new Int32Array(nJ);
  const edges = new EdgeBuilder(nE);
  const selection = new TopK(nJ);
  for (let e = 0; e < nE; e++) {
    if (!prepared.invalidMentees.has(e)) {
      prepared.scoreRow(e, scores);
      for (let j = 0; j < nJ; j++) {
        const s = scores[j]!;
        if (s > 0) {
          feasibleJ[j]!++;
          feasibleE[e]!++;
        } else if (s < 0) {
          blockedJ[j * NR - s - 1]!++;
          blockedE[e * NR - s - 1]!++;
        }
      }
      if (capacityLeft[e]! > 0) {
        for (let j = 0; j < nJ; j++) if (scores[j]! > 0 && mentorLocked[j]! >= 0) scores[j] = 0;
        selection.keep(scores, totalSlots, (j, s) => edges.add(j, s));
      }
    }
    edges.endOwner();
  }

  const rowOwner: number[] = [];
  const rowBonus: number[] = [];
  const bonus = prepared.rules.objective === "maxMatchedThenScore" ? lexicographicBonus(edges, Math.min(totalSlots, nJ)) : 0;
  for (let e = 0; e < nE; e++) {
    for (let s = 0; s < capacityLeft[e]!; s++) {
      rowOwner.push(e);
      rowBonus.push(s === 0 && menteeUsed[e] === 0 ? bonus : 0);
    }
  }
  const csr = edges.build();
  const assignment = solveAssignment({
    rows: rowOwner.length,
    columns: nJ,
    rowOwner: Int32Array.from(rowOwner),
    rowBonus: Float64Array.from(rowBonus),
    edgeStart: csr.start,
    edgeColumn: csr.column,
    edgeBenefit: csr.benefit,
  });

  const pairs: ProposedPair[] = [];
  const toPair = (e: number, j: number, locked: boolean): ProposedPair => {
    const ev = prepared.evaluate(e, j);
    return {
      mentorId: mentors[j]!.id,
      menteeId: mentees[e]!.id,
      score: ev.scoreUnits / SCORE_SCALE,
      scoreUnits: ev.scoreUnits,
      reasons: ev.reasons,
      locked,
      sharedMinutesPerWeek: ev.sharedMinutesPerWeek,
    };
  };
  const pairedJ = new Uint8Array(nJ);
  const pairedE = new Uint8Array(nE);
  for (const l of accepted) {
    pairs.push(toPair(l.e, l.j, true));
    pairedJ[l.j] = 1;
    pairedE[l.e] = 1;
  }
  assignment.forEach((j, r) => {
    if (j < 0) return;
    const e = rowOwner[r]!;
    pairs.push(toPair(e, j, false));
    pairedJ[j] = 1;
    pairedE[e] = 1;
  });
  pairs.sort((a, b) => cmp(a.menteeId, b.menteeId) || cmp(a.mentorId, b.mentorId));

  const unmatched = unmatchedPeople(prepared, { pairedJ, pairedE, feasibleJ, feasibleE, blockedJ, blockedE });
  const feasibleEdges = feasibleE.reduce((a, b) => a + b, 0);
  const stats = statistics(prepared, pairs, pairedJ, pairedE, feasibleEdges, csr.column.length);
  return { pairs, unmatched, rejectedLocks: rejected, stats };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function applyLocks(prepared: PreparedMatching, locks: readonly PairRef[]) {
  const mentorLocked = new Int32Array(prepared.mentors.length).fill(-1);
  const menteeUsed = new Int32Array(prepared.mentees.length);
  const accepted: AcceptedLock[] = [];
  const rejected: RejectedLock[] = [];
  // Sorted so the outcome does not depend on the order the admin's locks arrive in.
  const sorted = [...locks].sort((a, b) => cmp(a.menteeId, b.menteeId) || cmp(a.mentorId, b.mentorId));
  for (const lock of sorted) {
    const e = prepared.menteeIndex.get(lock.menteeId);
    const j = prepared.mentorIndex.get(lock.mentorId);
    const problems: Array<{ rule: LockProblem; message: string }> = [];
    if (e === undefined) problems.push({ rule: "notEnrolled", message: `executive ${lock.menteeId} is not enrolled as a mentee in this cohort` });
    if (j === undefined) problems.push({ rule: "notEnrolled", message: `${lock.mentorId} is not enrolled as a mentor in this cohort` });
    if (e !== undefined && j !== undefined) {
      if (mentorLocked[j]! >= 0) {
        problems.push({ rule: "mentorAlreadyLocked", message: `${prepared.mentors[j]!.displayName} is already locked to ${prepared.mentees[mentorLocked[j]!]!.displayName}` });
      }
      if (menteeUsed[e]! >= prepared.capacityOf(e)) {
        problems.push({ rule: "menteeAtCapacity", message: `${prepared.mentees[e]!.displayName} already has ${menteeUsed[e]} locked mentor(s), the capacity` });
      }
      problems.push(...prepared.evaluate(e, j).violations);
    }
    if (problems.length > 0) {
      rejected.push({ mentorId: lock.mentorId, menteeId: lock.menteeId, problems });
      continue;
    }
    mentorLocked[j!] = e!;
    menteeUsed[e!]!++;
    accepted.push({ e: e!, j: j! });
  }
  return { accepted, rejected, mentorLocked, menteeUsed };
}

/** A first-slot bonus larger than any total score the rest can reach, so one more matched executive always wins. */
function lexicographicBonus(edges: EdgeBuilder, maxPairs: number): number {
  const m = maxPairs * edges.maxBenefit + 1;
  // Potentials stay within a small multiple of (pairs × bonus); keep all arithmetic exact in doubles.
  if (m * (maxPairs + 2) * 4 > Number.MAX_SAFE_INTEGER) throw new RangeError("cohort too large for an exact lexicographic objective");
  return m;
}

/** Growable CSR edge list, one owner (executive) at a time. */
class EdgeBuilder {
  private columns = new Int32Array(1 << 16);
  private benefits = new Int32Array(1 << 16);
  private readonly starts: Int32Array;
  private owner = 0;
  private count = 0;
  maxBenefit = 0;

  constructor(owners: number) {
    this.starts = new Int32Array(owners + 1);
  }

  add(column: number, benefit: number): void {
    if (this.count === this.columns.length) {
      const c = new Int32Array(this.columns.length * 2);
      c.set(this.columns);
      const b = new Int32Array(this.benefits.length * 2);
      b.set(this.benefits);
      this.columns = c;
      this.benefits = b;
    }
    this.columns[this.count] = column;
    this.benefits[this.count] = benefit;
    this.count++;
    if (benefit > this.maxBenefit) this.maxBenefit = benefit;
  }

  endOwner(): void {
    this.owner++;
    this.starts[this.owner] = this.count;
  }

  build(): { start: Int32Array; column: Int32Array; benefit: Int32Array } {
    return { start: this.starts, column: this.columns.subarray(0, this.count), benefit: this.benefits.subarray(0, this.count) };
  }
}

/** Keeps the k best positive scores of a row (ties broken by smaller index), in index order. */
class TopK {
  private readonly buffer: Int32Array;

  constructor(size: number) {
    this.buffer = new Int32Array(size);
  }

  /** Calls take(j, score) for each kept entry, in index order. */
  keep(scores: Int32Array, k: number, take: (j: number, score: number) => void): void {
    let n = 0;
    for (let j = 0; j < scores.length; j++) if (scores[j]! > 0) this.buffer[n++] = scores[j]!;
    if (k <= 0 || n === 0) return;
    if (n <= k) {
      for (let j = 0; j < scores.length; j++) if (scores[j]! > 0) take(j, scores[j]!);
      return;
    }
    const threshold = kthLargest(this.buffer, n, k);
    let above = 0;
    for (let j = 0; j < scores.length; j++) if (scores[j]! > threshold) above++;
    let ties = k - above;
    for (let j = 0; j < scores.length; j++) {
      const s = scores[j]!;
      if (s > threshold) take(j, s);
      else if (s === threshold && ties > 0) {
        take(j, s);
        ties--;
      }
    }
  }
}

/** The k-th largest of a[0..n) (1-based k), by iterative quickselect; reorders a. */
function kthLargest(a: Int32Array, n: number, k: number): number {
  const target = n - k; // index in ascending order
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // Median of three as pivot keeps sorted or constant rows from going quadratic.
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

interface Tallies {
  pairedJ: Uint8Array;
  pairedE: Uint8Array;
  feasibleJ: Int32Array;
  feasibleE: Int32Array;
  blockedJ: Int32Array;
  blockedE: Int32Array;
}

function blockedRecord(blocked: Int32Array, i: number): Partial<Record<HardRule, number>> {
  const out: Partial<Record<HardRule, number>> = {};
  HARD_RULES.forEach((rule, k) => {
    const n = blocked[i * NR + k]!;
    if (n > 0) out[rule] = n;
  });
  return out;
}

function unmatchedPeople(prepared: PreparedMatching, t: Tallies): UnmatchedPerson[] {
  const out: UnmatchedPerson[] = [];
  const rules = prepared.rules;
  const describe = (role: "mentor" | "mentee", i: number): UnmatchedPerson => {
    const person = role === "mentor" ? prepared.mentors[i]! : prepared.mentees[i]!;
    const invalid = role === "mentor" ? prepared.invalidMentors.get(i) : prepared.invalidMentees.get(i);
    const compatible = role === "mentor" ? t.feasibleJ[i]! : t.feasibleE[i]!;
    const blockedBy = blockedRecord(role === "mentor" ? t.blockedJ : t.blockedE, i);
    const others = role === "mentor" ? prepared.mentees.length : prepared.mentors.length;
    const base = { id: person.id, role, compatiblePartners: compatible, blockedBy };
    if (invalid !== undefined) return { ...base, code: "invalidProfile", reason: `your profile cannot be used for matching: ${invalid}` };
    if (others === 0) return { ...base, code: "nobodyOnOtherSide", reason: role === "mentor" ? "no executives are enrolled in this cohort" : "no mentors are enrolled in this cohort" };
    if (compatible === 0) return { ...base, code: "noCompatiblePartner", reason: noPartnerReason(person, role, blockedBy, rules) };
    return { ...base, code: "partnersTakenElsewhere", reason: takenElsewhereReason(role, compatible) };
  };
  prepared.mentees.forEach((_, e) => {
    if (!t.pairedE[e]) out.push(describe("mentee", e));
  });
  prepared.mentors.forEach((_, j) => {
    if (!t.pairedJ[j]) out.push(describe("mentor", j));
  });
  return out;
}

function statistics(
  prepared: PreparedMatching,
  pairs: readonly ProposedPair[],
  pairedJ: Uint8Array,
  pairedE: Uint8Array,
  feasibleEdges: number,
  candidateEdges: number,
): MatchingStats {
  const totalScoreUnits = pairs.reduce((sum, p) => sum + p.scoreUnits, 0);
  const matchedMentees = pairedE.reduce((a, b) => a + b, 0);
  const matchedMentors = pairedJ.reduce((a, b) => a + b, 0);
  const department = (id: string, index: ReadonlyMap<string, number>, people: readonly { department: string | null }[]) =>
    (people[index.get(id)!]?.department ?? "").trim().toLocaleLowerCase("en");
  const crossDepartment = pairs.filter((p) => {
    const a = department(p.mentorId, prepared.mentorIndex, prepared.mentors);
    const b = department(p.menteeId, prepared.menteeIndex, prepared.mentees);
    return a !== "" && b !== "" && a !== b;
  }).length;
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    mentors: prepared.mentors.length,
    mentees: prepared.mentees.length,
    pairs: pairs.length,
    lockedPairs: pairs.filter((p) => p.locked).length,
    matchedMentees,
    matchedMenteeShare: share(matchedMentees, prepared.mentees.length),
    matchedMentorShare: share(matchedMentors, prepared.mentors.length),
    crossDepartmentShare: share(crossDepartment, pairs.length),
    averageScore: share(totalScoreUnits, pairs.length) / SCORE_SCALE,
    totalScore: totalScoreUnits / SCORE_SCALE,
    totalScoreUnits,
    feasibleEdges,
    candidateEdges,
    objective: prepared.rules.objective,
  };
}
