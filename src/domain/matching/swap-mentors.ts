import type { PairRef, ProposedPair, RuleViolation } from "./matching-types.js";
import { SCORE_SCALE, type PreparedMatching } from "./prepare-matching.js";

export type PairEditOutcome =
  | { ok: true; pairs: ProposedPair[] }
  | { ok: false; error: string; violations: Array<PairRef & { violations: RuleViolation[] }> };

function rebuild(prepared: PreparedMatching, ref: PairRef): { pair: ProposedPair; violations: RuleViolation[] } {
  const e = prepared.menteeIndex.get(ref.menteeId)!;
  const j = prepared.mentorIndex.get(ref.mentorId)!;
  const ev = prepared.evaluate(e, j);
  return {
    violations: ev.violations,
    pair: {
      mentorId: ref.mentorId,
      menteeId: ref.menteeId,
      score: ev.scoreUnits / SCORE_SCALE,
      scoreUnits: ev.scoreUnits,
      reasons: ev.reasons,
      locked: false,
      sharedMinutesPerWeek: ev.sharedMinutesPerWeek,
    },
  };
}

function sameRef(a: PairRef, b: PairRef): boolean {
  return a.mentorId === b.mentorId && a.menteeId === b.menteeId;
}

function replacePairs(pairs: readonly ProposedPair[], remove: readonly PairRef[], add: readonly ProposedPair[]): ProposedPair[] {
  const kept = pairs.filter((p) => !remove.some((r) => sameRef(p, r)));
  return [...kept, ...add].sort((a, b) => (a.menteeId < b.menteeId ? -1 : a.menteeId > b.menteeId ? 1 : a.mentorId < b.mentorId ? -1 : a.mentorId > b.mentorId ? 1 : 0));
}

/**
 * The admin's "swap": the two executives exchange mentors. Both new pairs are checked against every hard
 * rule and re-scored; on any violation nothing changes and the violations are returned. Locked pairs
 * cannot be swapped (unlock first).
 */
export function swapMentors(prepared: PreparedMatching, pairs: readonly ProposedPair[], first: PairRef, second: PairRef): PairEditOutcome {
  const a = pairs.find((p) => sameRef(p, first));
  const b = pairs.find((p) => sameRef(p, second));
  if (!a || !b) return { ok: false, error: "both pairs must be in the proposal", violations: [] };
  if (a.locked || b.locked) return { ok: false, error: "a locked pair cannot be swapped; unlock it first", violations: [] };
  if (a.menteeId === b.menteeId) return { ok: false, error: "both pairs have the same executive; swapping changes nothing", violations: [] };
  const x = rebuild(prepared, { mentorId: b.mentorId, menteeId: a.menteeId });
  const y = rebuild(prepared, { mentorId: a.mentorId, menteeId: b.menteeId });
  const violations = [x, y].filter((r) => r.violations.length > 0).map((r) => ({ mentorId: r.pair.mentorId, menteeId: r.pair.menteeId, violations: r.violations }));
  if (violations.length > 0) return { ok: false, error: "the swapped pairs would break hard rules", violations };
  return { ok: true, pairs: replacePairs(pairs, [a, b], [x.pair, y.pair]) };
}

/** Gives an executive's pair a different, currently unpaired mentor (checked and re-scored like a swap). */
export function replaceMentor(prepared: PreparedMatching, pairs: readonly ProposedPair[], pair: PairRef, newMentorId: string): PairEditOutcome {
  const current = pairs.find((p) => sameRef(p, pair));
  if (!current) return { ok: false, error: "the pair is not in the proposal", violations: [] };
  if (current.locked) return { ok: false, error: "a locked pair cannot be changed; unlock it first", violations: [] };
  if (!prepared.mentorIndex.has(newMentorId)) return { ok: false, error: `${newMentorId} is not enrolled as a mentor`, violations: [] };
  if (pairs.some((p) => p.mentorId === newMentorId)) return { ok: false, error: "that mentor is already paired; use a swap", violations: [] };
  const next = rebuild(prepared, { mentorId: newMentorId, menteeId: pair.menteeId });
  if (next.violations.length > 0) {
    return { ok: false, error: "the new pair would break hard rules", violations: [{ mentorId: newMentorId, menteeId: pair.menteeId, violations: next.violations }] };
  }
  return { ok: true, pairs: replacePairs(pairs, [current], [next.pair]) };
}

/** Checks and scores any pair (for the admin's "what if" and for explaining a forbidden pairing). */
export function evaluatePair(prepared: PreparedMatching, ref: PairRef): { pair: ProposedPair; violations: RuleViolation[] } | null {
  if (!prepared.menteeIndex.has(ref.menteeId) || !prepared.mentorIndex.has(ref.mentorId)) return null;
  return rebuild(prepared, ref);
}
