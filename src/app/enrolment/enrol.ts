// Enrolling in a cohort, changing the enrolment, and withdrawing from it. The story: find the cohort →
// check it takes enrolments now → check I may take that role → record my profile (pre-filled from the
// directory), what I teach or want to learn, and my consent with its time → save.
import { explainEligibility, type CohortRole } from "../../domain/cohort/index.js";
import type { Caller } from "../caller.js";
import type { StoredCohort } from "../cohorts/cohort-ports.js";
import { eligibilityGroupIds, groupNamesForReasons } from "../cohorts/eligibility-groups.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from "../errors.js";
import { enrolmentId, type EnrolmentPreferences, type SearchSharing, type StoredEnrolment } from "./enrolment-ports.js";
import { windowState, type EnrolmentDeps } from "./list-open-cohorts.js";
import { leaveCohort, type LeavingDeps } from "./leave-cohort.js";
import { isCatalogSkill } from "./skill-catalog.js";

export interface EnrolmentDetails {
  skills: string[];
  tags: string[];
  languages: string[];
  preferences: EnrolmentPreferences;
  sharing: SearchSharing;
}

export interface EnrolInput extends EnrolmentDetails {
  role: CohortRole;
  consent: { accepted: true; textVersion: string };
}

export async function enrol(deps: EnrolmentDeps, caller: Caller, cohortId: string, input: EnrolInput): Promise<StoredEnrolment> {
  checkSkills(input.skills);
  const cohort = await loadCohort(deps, caller, cohortId);
  requireTakingEnrolments(deps, cohort);
  const participant = await deps.participants.get(caller.tenantId, caller.userId, { groupIds: eligibilityGroupIds([cohort.settings]) });
  if (!participant) throw new NotFoundError("Your account was not found in your organisation's directory; it may have been deleted or disabled.");
  if (!explainEligibility(participant.eligibility, cohort.settings)[input.role].eligible) {
    // Refused: explain again with the names of the groups the person is not in.
    const names = await groupNamesForReasons(deps.groups, caller.tenantId, [cohort.settings], participant.eligibility.groupIds);
    const verdict = explainEligibility(participant.eligibility, cohort.settings, names)[input.role];
    throw new ForbiddenError(`You cannot enrol in "${cohort.settings.name}" as ${roleWords(input.role)}: ${verdict.reasons.join("; ")}.`);
  }
  const existing = await deps.enrolments.get(caller.tenantId, cohort.id, caller.userId);
  if (existing) throw new ConflictError(`You are already enrolled in "${cohort.settings.name}" as ${roleWords(existing.role)}; change or withdraw that enrolment instead.`);
  const now = new Date(deps.clock.now()).toISOString();
  return deps.enrolments.create({
    id: enrolmentId(cohort.id, caller.userId),
    tenantId: caller.tenantId,
    cohortId: cohort.id,
    userId: caller.userId,
    role: input.role,
    profile: participant.profile,
    skills: unique(input.skills),
    tags: unique(input.tags),
    languages: unique(input.languages),
    preferences: input.preferences,
    sharing: cleanSharing(input.sharing),
    consent: { accepted: true, textVersion: input.consent.textVersion, acceptedAt: now },
    createdAt: now,
    updatedAt: now,
  });
}

export async function listMyEnrolments(deps: EnrolmentDeps, caller: Caller): Promise<StoredEnrolment[]> {
  return deps.enrolments.listForUser(caller.tenantId, caller.userId);
}

/**
 * Changes what I teach / want to learn, languages and preferences while the cohort still takes enrolments.
 * What I share in search is my own privacy choice: that one may change at any time.
 */
export async function updateEnrolment(deps: EnrolmentDeps, caller: Caller, cohortId: string, changes: Partial<EnrolmentDetails>): Promise<StoredEnrolment> {
  if (changes.skills) checkSkills(changes.skills);
  const existing = await loadEnrolment(deps, caller, cohortId);
  const cohort = await loadCohort(deps, caller, cohortId);
  const { sharing, ...matchingFacts } = changes;
  if (Object.values(matchingFacts).some((v) => v !== undefined)) requireTakingEnrolments(deps, cohort);
  return deps.enrolments.replace({
    ...existing,
    ...(sharing ? { sharing: cleanSharing(sharing) } : {}),
    ...(changes.skills ? { skills: unique(changes.skills) } : {}),
    ...(changes.tags ? { tags: unique(changes.tags) } : {}),
    ...(changes.languages ? { languages: unique(changes.languages) } : {}),
    ...(changes.preferences ? { preferences: changes.preferences } : {}),
    updatedAt: new Date(deps.clock.now()).toISOString(),
  });
}

/**
 * Withdraws and erases, whatever state the cohort is in — leaving is always allowed. The consequences in
 * the cohort (pairs, sessions, feedback: see leave-cohort.ts) run first and the enrolment document
 * (profile snapshot, skills, preferences, consent) is deleted last, so a withdraw that failed half-way is
 * finished by a retry. A repeat after a complete withdraw finds nothing and answers 404.
 */
export async function withdraw(deps: EnrolmentDeps, caller: Caller, cohortId: string, leaving: LeavingDeps | null): Promise<void> {
  const report = leaving ? await leaveCohort(leaving, caller.tenantId, cohortId, caller.userId) : null;
  const deleted = await deps.enrolments.delete(caller.tenantId, cohortId, caller.userId);
  const erasedSomething = report !== null && Object.values(report).some((n) => n > 0);
  if (!deleted && !erasedSomething) throw new NotFoundError(`You are not enrolled in cohort ${cohortId}.`);
}

async function loadCohort(deps: EnrolmentDeps, caller: Caller, cohortId: string): Promise<StoredCohort> {
  const cohort = await deps.cohorts.get(caller.tenantId, cohortId);
  // Drafts are invisible to employees: same answer as a cohort that does not exist.
  if (!cohort || cohort.state === "draft") throw new NotFoundError(`No cohort ${cohortId} in your organisation.`);
  return cohort;
}

async function loadEnrolment(deps: EnrolmentDeps, caller: Caller, cohortId: string): Promise<StoredEnrolment> {
  const enrolment = await deps.enrolments.get(caller.tenantId, cohortId, caller.userId);
  if (!enrolment) throw new NotFoundError(`You are not enrolled in cohort ${cohortId}.`);
  return enrolment;
}

function requireTakingEnrolments(deps: EnrolmentDeps, cohort: StoredCohort): void {
  const name = cohort.settings.name;
  if (cohort.state !== "enrolling") throw new ConflictError(`"${name}" is not taking enrolments: it is in state ${cohort.state}.`);
  const state = windowState(cohort, deps.clock.now());
  if (state === "notYetOpen") throw new ConflictError(`Enrolment for "${name}" opens at ${cohort.settings.enrolment.opensAt}.`);
  if (state === "closed") throw new ConflictError(`Enrolment for "${name}" closed at ${cohort.settings.enrolment.closesAt}.`);
}

function checkSkills(skills: readonly string[]): void {
  const problems: FieldProblem[] = [];
  skills.forEach((id, i) => {
    if (!isCatalogSkill(id)) problems.push({ field: `skills[${i}]`, message: `"${id}" is not in the skills catalog (GET /api/catalog/skills); use tags for anything else` });
  });
  if (problems.length > 0) throw new ValidationError("Invalid field: skills.", problems);
}

function roleWords(role: CohortRole): string {
  return role === "mentor" ? "a mentor" : "a mentee (executive)";
}

/** Each shared field once, in the order given. */
function cleanSharing(sharing: SearchSharing): SearchSharing {
  return { discoverable: sharing.discoverable, fields: [...new Set(sharing.fields)] };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()))];
}
