// Turns a cohort's enrolments into the matcher's participants: org-chart facts from the directory
// snapshot (chain, level, division, department, office), working hours and zone from the mailboxes,
// skills / topics / languages from the enrolment. People who cannot take part (missing from the
// snapshot, disabled, unreadable mailbox) are reported with the reason instead of failing the run.
// Eligibility is checked again against today's directory: a mentor promoted since enrolling, or an
// executive who left the group the cohort selects by, is left out with the reason (enrolment checked
// the rules once, weeks earlier).
import { explainEligibility, type CohortRole, type CohortSettings } from "../../domain/cohort/index.js";
import type { MenteeCandidate, MentorCandidate } from "../../domain/matching/index.js";
import type { WorkingHours } from "../../domain/time/index.js";
import type { Person } from "../directory/directory-sync-ports.js";
import { groupNamesForReasons } from "../cohorts/eligibility-groups.js";
import type { Enrolment } from "../enrolment/enrolment-ports.js";
import { skillLabel } from "../enrolment/skill-catalog.js";
import type { PairPerson, ProposalUnmatched } from "../pairs/pair-model.js";
import { forEachLimited } from "../for-each-limited.js";
import type { MatchingDeps } from "./matching-deps.js";
import type { MailboxWorkingHours } from "./matching-ports.js";

export interface CohortParticipants {
  mentors: MentorCandidate[];
  mentees: MenteeCandidate[];
  /** Enrolled people left out of the optimisation, with the reason (code "invalidProfile"). */
  excluded: ProposalUnmatched[];
  /** Who everyone is (for pair documents and views), by user id. */
  people: Map<string, PairPerson>;
  /**
   * Participants whose group membership could not be read now (Graph unavailable): kept in, on the
   * strength of the check made when they enrolled.
   */
  groupsUnverified: number;
}

/**
 * Up to this many participants each is a point read (1 RU each on Cosmos DB, independent of the tenant size); above it one
 * scan of the tenant's snapshot is cheaper than that many round trips.
 */
const POINT_READ_LIMIT = 1000;
const POINT_READ_CONCURRENCY = 16;
/** checkMemberGroups calls at once (each is one Graph request per person). */
const GROUP_CHECK_CONCURRENCY = 8;

export interface LoadProgress {
  (stage: "people" | "mailboxes", done: number, total: number): void;
}

export async function loadParticipants(
  deps: Pick<MatchingDeps, "people" | "mailboxes" | "groups">,
  tenantId: string,
  settings: Pick<CohortSettings, "eligibility">,
  enrolments: readonly Enrolment[],
  signal: AbortSignal,
  progress: LoadProgress = () => undefined,
): Promise<CohortParticipants> {
  // The reads at once (they are independent round trips): a mailbox read for someone the snapshot then
  // lacks is a wasted request, rare next to halving the wait for everyone else.
  const [memberships, directory, hours] = await Promise.all([
    readMemberships(deps, tenantId, settings, enrolments, signal),
    readPeople(deps, tenantId, enrolments, signal, (done) => progress("people", done, enrolments.length)),
    deps.mailboxes.read(
      tenantId,
      enrolments.map((e) => e.userId),
      signal,
      (done) => progress("mailboxes", done, enrolments.length),
    ),
  ]);
  const out: CohortParticipants = { mentors: [], mentees: [], excluded: [], people: new Map(), groupsUnverified: memberships.unverified };
  const ineligible: Array<{ enrolment: Enrolment; who: PairPerson; person: Person; rules: Pick<CohortSettings, "eligibility">; groupIds: readonly string[] }> = [];
  for (const enrolment of enrolments) {
    const person = directory.get(enrolment.userId) ?? null;
    const mailbox = hours.get(enrolment.userId) ?? null;
    const who = pairPerson(enrolment, person, mailbox);
    out.people.set(enrolment.userId, who);
    const usable = usableFacts(person, mailbox);
    if (!usable.ok) {
      out.excluded.push(excludedEntry(enrolment, who, usable.reason));
      continue;
    }
    const groupIds = memberships.byUser.get(enrolment.userId);
    const rules = rulesToJudge(settings, enrolment.role, groupIds);
    if (!explainEligibility(eligibilityFacts(usable.person, groupIds ?? []), rules)[enrolment.role].eligible) {
      ineligible.push({ enrolment, who, person: usable.person, rules, groupIds: groupIds ?? [] });
      continue;
    }
    const base = {
      id: enrolment.userId,
      displayName: firstName(usable.person.givenName, usable.person.displayName ?? enrolment.profile.displayName),
      chain: usable.person.chain,
      level: usable.person.level,
      department: usable.person.department ?? enrolment.profile.department,
      division: usable.person.division,
      location: usable.person.officeLocation ?? enrolment.profile.officeLocation,
      workingHours: usable.workingHours,
      languages: enrolment.languages,
    };
    // Catalog ids become their labels: reasons read "teaches Power BI that Dana wants to learn", and both
    // sides go through the same mapping, so comparing them is unchanged.
    const interests = [...enrolment.skills.map(skillLabel), ...enrolment.tags];
    if (enrolment.role === "mentor") out.mentors.push({ ...base, skillsOffered: interests });
    else out.mentees.push({ ...base, topicsWanted: interests });
  }
  // The names of the cohort's groups, for the reasons: read once, and only when someone fell out.
  const names = ineligible.length > 0 ? await groupNamesForReasons(deps.groups, tenantId, [settings], []) : {};
  for (const { enrolment, who, person, rules, groupIds } of ineligible) {
    const told = explainEligibility(eligibilityFacts(person, groupIds), rules, names)[enrolment.role].reasons.join("; ");
    out.excluded.push(
      excludedEntry(enrolment, who, `no longer meets this cohort's rules for ${enrolment.role === "mentor" ? "mentors" : "executives (mentees)"}: the directory changed since they enrolled (they would now be told: "${told}")`),
    );
  }
  return out;
}

/**
 * The rules a participant is judged by now: the cohort's, without the role's group rule when membership
 * was not read (no group rule, or Graph could not answer; enrolment checked it then).
 */
function rulesToJudge(settings: Pick<CohortSettings, "eligibility">, role: CohortRole, groupIds: readonly string[] | undefined): Pick<CohortSettings, "eligibility"> {
  if (groupIds !== undefined) return settings;
  return { eligibility: { ...settings.eligibility, [role]: { ...settings.eligibility[role], groups: null } } };
}

/** The snapshot's facts as eligibility sees them (the mailbox was read and usable by now). */
function eligibilityFacts(person: Person, groupIds: readonly string[]) {
  return { id: person.id, level: person.level, jobTitle: person.jobTitle, department: person.department, groupIds, accountEnabled: person.accountEnabled, userType: person.userType, hasMailbox: true };
}

/**
 * Membership of the groups the rule of each participant's role names, read now (membership changes
 * outside directory sync). People whose role's rule names no group are not looked up.
 */
async function readMemberships(
  deps: Pick<MatchingDeps, "groups">,
  tenantId: string,
  settings: Pick<CohortSettings, "eligibility">,
  enrolments: readonly Enrolment[],
  signal: AbortSignal,
): Promise<{ byUser: Map<string, string[]>; unverified: number }> {
  const byUser = new Map<string, string[]>();
  let unverified = 0;
  const checked = enrolments.filter((e) => (settings.eligibility[e.role].groups ?? []).length > 0);
  await forEachLimited(
    checked,
    GROUP_CHECK_CONCURRENCY,
    async ({ userId, role }) => {
      try {
        byUser.set(userId, await deps.groups.memberOf(tenantId, userId, settings.eligibility[role].groups ?? []));
      } catch {
        unverified++;
      }
    },
    signal,
  );
  return { byUser, unverified };
}

async function readPeople(
  deps: Pick<MatchingDeps, "people">,
  tenantId: string,
  enrolments: readonly Enrolment[],
  signal: AbortSignal,
  onProgress: (done: number) => void,
): Promise<Map<string, Person>> {
  if (enrolments.length > POINT_READ_LIMIT) {
    const all = await deps.people.loadAll(tenantId, signal);
    onProgress(enrolments.length);
    return all;
  }
  const found = new Map<string, Person>();
  let done = 0;
  await forEachLimited(
    enrolments,
    POINT_READ_CONCURRENCY,
    async ({ userId }) => {
      const person = await deps.people.get(tenantId, userId);
      if (person) found.set(userId, person);
      onProgress(++done);
    },
    signal,
  );
  return found;
}

type UsableFacts = { ok: true; person: Person; workingHours: WorkingHours } | { ok: false; reason: string };

function usableFacts(person: Person | null, mailbox: MailboxWorkingHours | null): UsableFacts {
  if (!person) return { ok: false, reason: "is not in the directory snapshot; run a directory sync, then matching again" };
  if (!person.accountEnabled) return { ok: false, reason: "has a disabled account in the directory" };
  if (!mailbox) return { ok: false, reason: "could not be checked: the mailbox settings were not read" };
  if (!mailbox.ok) return { ok: false, reason: mailbox.reason };
  return { ok: true, person, workingHours: mailbox.workingHours };
}

function excludedEntry(enrolment: Enrolment, person: PairPerson, reason: string): ProposalUnmatched {
  return {
    id: enrolment.userId,
    role: enrolment.role,
    code: "invalidProfile",
    reason: `${person.displayName} ${reason}.`,
    compatiblePartners: 0,
    blockedBy: {},
    person: { id: person.id, displayName: person.displayName, jobTitle: person.jobTitle, department: person.department },
  };
}

function pairPerson(enrolment: Enrolment, person: Person | null, mailbox: MailboxWorkingHours | null): PairPerson {
  return {
    id: enrolment.userId,
    displayName: person?.displayName ?? enrolment.profile.displayName,
    jobTitle: person?.jobTitle ?? enrolment.profile.jobTitle,
    department: person?.department ?? enrolment.profile.department,
    timeZone: mailbox?.ok ? mailbox.workingHours.timeZone : (person?.timeZone ?? enrolment.profile.timeZone),
    mail: person?.mail ?? null,
  };
}

/** Reasons read best with the given name ("… that Dana wants to learn"). */
function firstName(givenName: string | null, displayName: string): string {
  return givenName?.trim() || displayName.trim().split(/\s+/)[0] || displayName;
}
