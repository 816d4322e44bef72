// Turns a cohort's enrolments into the matcher's participants: org-chart facts from the directory
// snapshot (chain, level, division, department, office), working hours and zone from the mailboxes,
// skills / topics / languages from the enrolment. People who cannot take part (missing from the
// snapshot, disabled, unreadable mailbox) are reported with the reason instead of failing the run.
import type { MenteeCandidate, MentorCandidate } from "../../domain/matching/index.js";
import type { WorkingHours } from "../../domain/time/index.js";
import type { Person } from "../directory/directory-sync-ports.js";
import type { Enrolment } from "../enrolment/enrolment-ports.js";
import { skillLabel } from "../enrolment/skill-catalog.js";
import type { PairPerson, ProposalUnmatched } from "../pairs/pair-model.js";
import { forEachLimited } from "./for-each-limited.js";
import type { MatchingDeps } from "./matching-deps.js";
import type { MailboxWorkingHours } from "./matching-ports.js";

export interface CohortParticipants {
  mentors: MentorCandidate[];
  mentees: MenteeCandidate[];
  /** Enrolled people left out of the optimisation, with the reason (code "invalidProfile"). */
  excluded: ProposalUnmatched[];
  /** Who everyone is (for pair documents and views), by user id. */
  people: Map<string, PairPerson>;
}

/**
 * Up to this many participants each is a point read (1 RU each on Cosmos DB, independent of the tenant size); above it one
 * scan of the tenant's snapshot is cheaper than that many round trips.
 */
const POINT_READ_LIMIT = 1000;
const POINT_READ_CONCURRENCY = 16;

export interface LoadProgress {
  (stage: "people" | "mailboxes", done: number, total: number): void;
}

export async function loadParticipants(
  deps: Pick<MatchingDeps, "people" | "mailboxes">,
  tenantId: string,
  enrolments: readonly Enrolment[],
  signal: AbortSignal,
  progress: LoadProgress = () => undefined,
): Promise<CohortParticipants> {
  // Both reads at once (they are independent round trips): a mailbox read for someone the snapshot then
  // lacks is a wasted request, rare next to halving the wait for everyone else.
  const [directory, hours] = await Promise.all([
    readPeople(deps, tenantId, enrolments, signal, (done) => progress("people", done, enrolments.length)),
    deps.mailboxes.read(
      tenantId,
      enrolments.map((e) => e.userId),
      signal,
      (done) => progress("mailboxes", done, enrolments.length),
    ),
  ]);
  const out: CohortParticipants = { mentors: [], mentees: [], excluded: [], people: new Map() };
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
  return out;
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
  await forEachLimited(enrolments, POINT_READ_CONCURRENCY, async ({ userId }) => {
    if (signal.aborted) throw signal.reason;
    const person = await deps.people.get(tenantId, userId);
    if (person) found.set(userId, person);
    onProgress(++done);
  });
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
