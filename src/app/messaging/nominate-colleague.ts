// "Nominate a colleague": someone invites a colleague to take part in a cohort (as mentor or mentee). The
// nomination is recorded once per cohort and nominee (nominating twice is harmless), and the nominee gets
// an invitation card in Teams when they have the app; otherwise they see it in the tab.
//
// PORT CONTRACT for NominationRepository (implemented with Cosmos data by the matching/cohort work):
// - Everything is scoped to `tenantId`.
// - `create` must be idempotent on (tenantId, cohortId, nomineeId): if a nomination for that pair exists
//   it throws ConflictError (src/app/errors.ts) and stores nothing.
// - `isEnrolled` is true when the person is enrolled in the cohort in any role (including paused).
import type { Clock } from "../ports/clock.js";
import type { Directory } from "../ports/directory.js";
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from "../errors.js";
import type { ConversationReferenceStore } from "./conversation-reference.js";
import type { Notifier, ProgramRole } from "./notifier.js";
import type { CohortSummary, ProgramSearch } from "./program-search.js";

export interface Nomination {
  /** Deterministic: `${cohortId}:${nomineeId}` (one nomination per cohort and person). */
  id: string;
  tenantId: string;
  cohortId: string;
  nomineeId: string;
  nominatorId: string;
  role: ProgramRole;
  note: string | null;
  /** ms since the Unix epoch. */
  createdAt: number;
}

export interface NominationRepository {
  find(tenantId: string, cohortId: string, nomineeId: string): Promise<Nomination | null>;
  /** Throws ConflictError when a nomination for (cohortId, nomineeId) already exists. */
  create(nomination: Nomination): Promise<void>;
  isEnrolled(tenantId: string, cohortId: string, userId: string): Promise<boolean>;
}

export interface NominateColleagueDeps {
  programs: Pick<ProgramSearch, "getCohort">;
  nominations: NominationRepository;
  directory: Directory;
  conversations: Pick<ConversationReferenceStore, "findPersonal">;
  notifier: Notifier;
  clock: Clock;
}

export interface NominateColleagueInput {
  /** From the authenticated activity, never from the form. */
  tenantId: string;
  nominatorId: string;
  /** From the form. */
  cohortId: string;
  nomineeId: string;
  role: string;
  note: string;
}

export type NominationOutcome =
  | { outcome: "nominated"; nominee: NomineeSummary; cohort: CohortSummary; invitation: "sent" | "shown-in-app" }
  | { outcome: "already-nominated"; nominee: NomineeSummary; cohort: CohortSummary }
  | { outcome: "already-enrolled"; nominee: NomineeSummary; cohort: CohortSummary };

export interface NomineeSummary {
  userId: string;
  displayName: string;
}

export const MAX_NOTE_LENGTH = 500;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COHORT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export async function nominateColleague(deps: NominateColleagueDeps, input: NominateColleagueInput): Promise<NominationOutcome> {
  const form = validate(input);
  const cohort = await deps.programs.getCohort(input.tenantId, form.cohortId);
  if (!cohort) throw new NotFoundError("That cohort does not exist.");
  if (cohort.enrolment !== "open") throw new ValidationError(`Enrolment for ${cohort.name} is closed.`, [{ field: "cohortId", message: "enrolment is closed" }]);

  const [nomineeProfile, nominatorProfile] = await Promise.all([
    deps.directory.getProfile(input.tenantId, form.nomineeId),
    deps.directory.getProfile(input.tenantId, input.nominatorId),
  ]);
  if (!nomineeProfile) throw new NotFoundError("That colleague is not in your organisation's directory.");
  const nominee = { userId: nomineeProfile.id, displayName: nomineeProfile.displayName };

  if (await deps.nominations.isEnrolled(input.tenantId, cohort.id, nominee.userId)) return { outcome: "already-enrolled", nominee, cohort };
  if (await deps.nominations.find(input.tenantId, cohort.id, nominee.userId)) return { outcome: "already-nominated", nominee, cohort };

  const nomination: Nomination = {
    id: `${cohort.id}:${nominee.userId}`,
    tenantId: input.tenantId,
    cohortId: cohort.id,
    nomineeId: nominee.userId,
    nominatorId: input.nominatorId,
    role: form.role,
    note: form.note,
    createdAt: deps.clock.now(),
  };
  try {
    await deps.nominations.create(nomination);
  } catch (error) {
    // Two people nominated the same colleague at the same moment: theirs won, ours is a no-op.
    if (error instanceof ConflictError) return { outcome: "already-nominated", nominee, cohort };
    throw error;
  }

  deps.notifier.notifyNominated({
    recipient: { tenantId: input.tenantId, userId: nominee.userId },
    role: form.role,
    nominator: { userId: input.nominatorId, displayName: nominatorProfile?.displayName ?? "A colleague" },
    cohort: { id: cohort.id, name: cohort.name, startsOn: cohort.startsOn },
    note: form.note,
  });
  const reachable = (await deps.conversations.findPersonal(input.tenantId, nominee.userId)) !== null;
  return { outcome: "nominated", nominee, cohort, invitation: reachable ? "sent" : "shown-in-app" };
}

function validate(input: NominateColleagueInput): { cohortId: string; nomineeId: string; role: ProgramRole; note: string | null } {
  const problems: FieldProblem[] = [];
  const cohortId = input.cohortId.trim();
  const nomineeId = input.nomineeId.trim().toLowerCase();
  if (!COHORT_ID.test(cohortId)) problems.push({ field: "cohortId", message: "choose a cohort" });
  if (!GUID.test(nomineeId)) problems.push({ field: "nomineeId", message: "choose a colleague from your organisation" });
  else if (nomineeId === input.nominatorId.toLowerCase()) problems.push({ field: "nomineeId", message: "you cannot nominate yourself" });
  if (input.role !== "mentor" && input.role !== "mentee") problems.push({ field: "role", message: "choose mentor or mentee" });
  const note = input.note.trim();
  if (note.length > MAX_NOTE_LENGTH) problems.push({ field: "note", message: `must be at most ${MAX_NOTE_LENGTH} characters` });
  if (problems.length > 0) throw new ValidationError("The nomination is not complete.", problems);
  return { cohortId, nomineeId, role: input.role as ProgramRole, note: note === "" ? null : note };
}
