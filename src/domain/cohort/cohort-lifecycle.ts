/**
 * The cohort lifecycle: draft → enrolling → matching → published → scheduled → closed.
 * Admins may reopen enrolment from matching (before publishing), and close a cohort from any state.
 */
export const COHORT_STATES = ["draft", "enrolling", "matching", "published", "scheduled", "closed"] as const;
export type CohortState = (typeof COHORT_STATES)[number];

const TRANSITIONS: Readonly<Record<CohortState, readonly CohortState[]>> = {
  draft: ["enrolling", "closed"],
  enrolling: ["matching", "closed"],
  matching: ["enrolling", "published", "closed"],
  published: ["scheduled", "closed"],
  scheduled: ["closed"],
  closed: [],
};

export function isCohortState(value: unknown): value is CohortState {
  return typeof value === "string" && (COHORT_STATES as readonly string[]).includes(value);
}

export function allowedTransitions(from: CohortState): readonly CohortState[] {
  return TRANSITIONS[from];
}

export function canTransition(from: CohortState, to: CohortState): boolean {
  return TRANSITIONS[from].includes(to);
}

export type TransitionResult = { ok: true; state: CohortState } | { ok: false; error: string };

/** The next state, or why the move is not allowed (for a 409 answer). */
export function transitionCohort(from: CohortState, to: CohortState): TransitionResult {
  if (canTransition(from, to)) return { ok: true, state: to };
  const allowed = TRANSITIONS[from];
  const hint = allowed.length === 0 ? "a closed cohort cannot change" : `from ${from} it can move to ${allowed.join(", ")}`;
  return { ok: false, error: `a cohort cannot move from ${from} to ${to}: ${hint}` };
}
