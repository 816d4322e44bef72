// The proposal table's filters: by name or department (either person), minimum score, locked only.
import type { PersonRef, ProposedPair } from "../../api/admin-types.js";

/** Matches a filter text against a person's name, title and department. */
export function personMatches(person: PersonRef, needle: string): boolean {
  return [person.displayName, person.jobTitle, person.department].some((v) => v !== null && v.toLowerCase().includes(needle));
}

export interface PairFilter {
  text: string;
  minScore: string;
  lockedOnly: boolean;
}

export function filterPairs(pairs: readonly ProposedPair[], filter: PairFilter): ProposedPair[] {
  const needle = filter.text.trim().toLowerCase();
  const min = filter.minScore.trim() === "" ? null : Number(filter.minScore);
  return pairs.filter(
    (p) =>
      (needle === "" || personMatches(p.mentor, needle) || personMatches(p.mentee, needle)) &&
      (min === null || Number.isNaN(min) || p.score >= min) &&
      (!filter.lockedOnly || p.locked),
  );
}
