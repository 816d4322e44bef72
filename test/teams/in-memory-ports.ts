// Test doubles for the data ports the bot uses, written to the port contracts in src/app/messaging (the
// real implementations read Cosmos and belong to the matching / cohort work). Only tests use these.
import { ConflictError } from "../../src/app/errors.js";
import type { Directory, DirectoryProfile } from "../../src/app/ports/directory.js";
import type { ConversationReference, ConversationReferenceStore } from "../../src/app/messaging/conversation-reference.js";
import type { Nomination, NominationRepository } from "../../src/app/messaging/nominate-colleague.js";
import type { CohortSummary, MentorProfile, ProgramSearch, SearchPage } from "../../src/app/messaging/program-search.js";

export interface MentorEntry extends MentorProfile {
  tenantId: string;
  /** Skills used for matching, even when the mentor does not share them on their card. */
  searchableSkills: readonly string[];
}

export class InMemoryProgramSearch implements ProgramSearch {
  calls: Array<{ method: string; args: unknown }> = [];
  /** When set, every call waits for this promise first (to simulate a slow store). */
  delay: Promise<void> | null = null;

  constructor(
    readonly cohorts: Array<CohortSummary & { tenantId: string }>,
    readonly mentors: MentorEntry[],
  ) {}

  async findMentors(query: Parameters<ProgramSearch["findMentors"]>[0]): Promise<SearchPage<MentorProfile>> {
    this.calls.push({ method: "findMentors", args: query });
    if (this.delay) await this.delay;
    const text = query.text.toLowerCase();
    const matches = this.mentors
      .filter((m) => m.tenantId === query.tenantId)
      .filter((m) => {
        const byName = m.displayName.toLowerCase().includes(text);
        const bySkill = m.searchableSkills.some((s) => s.toLowerCase().includes(text));
        return query.by === "name" ? byName : query.by === "skill" ? bySkill : byName || bySkill;
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    return page(matches.map(({ tenantId: _t, searchableSkills: _s, ...profile }) => profile), query.skip, query.count);
  }

  async findCohorts(query: Parameters<ProgramSearch["findCohorts"]>[0]): Promise<SearchPage<CohortSummary>> {
    this.calls.push({ method: "findCohorts", args: query });
    if (this.delay) await this.delay;
    const text = query.text.toLowerCase();
    const matches = this.cohorts
      .filter((c) => c.tenantId === query.tenantId)
      .filter((c) => c.name.toLowerCase().includes(text) || c.topics.some((t) => t.toLowerCase().includes(text)))
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
    return page(matches.map(strip), query.skip, query.count);
  }

  async getCohort(tenantId: string, cohortId: string): Promise<CohortSummary | null> {
    this.calls.push({ method: "getCohort", args: { tenantId, cohortId } });
    const cohort = this.cohorts.find((c) => c.tenantId === tenantId && c.id === cohortId);
    return cohort ? strip(cohort) : null;
  }

  async listOpenCohorts(tenantId: string, limit: number): Promise<CohortSummary[]> {
    this.calls.push({ method: "listOpenCohorts", args: { tenantId, limit } });
    return this.cohorts
      .filter((c) => c.tenantId === tenantId && c.enrolment === "open")
      .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
      .slice(0, limit)
      .map(strip);
  }
}

function strip(cohort: CohortSummary & { tenantId: string }): CohortSummary {
  const { tenantId: _t, ...rest } = cohort;
  return rest;
}

function page<T>(items: T[], skip: number, count: number): SearchPage<T> {
  return { items: items.slice(skip, skip + count), hasMore: items.length > skip + count };
}

export class InMemoryNominations implements NominationRepository {
  readonly nominations: Nomination[] = [];
  readonly enrolments: Array<{ tenantId: string; cohortId: string; userId: string }> = [];

  async find(tenantId: string, cohortId: string, nomineeId: string): Promise<Nomination | null> {
    return this.nominations.find((n) => n.tenantId === tenantId && n.cohortId === cohortId && n.nomineeId === nomineeId) ?? null;
  }

  async create(nomination: Nomination): Promise<void> {
    if (await this.find(nomination.tenantId, nomination.cohortId, nomination.nomineeId)) throw new ConflictError("already nominated");
    this.nominations.push(nomination);
  }

  async isEnrolled(tenantId: string, cohortId: string, userId: string): Promise<boolean> {
    return this.enrolments.some((e) => e.tenantId === tenantId && e.cohortId === cohortId && e.userId === userId);
  }
}

export class InMemoryDirectory implements Directory {
  constructor(readonly people: Array<DirectoryProfile & { tenantId: string }>) {}

  async getProfile(tenantId: string, userId: string): Promise<DirectoryProfile | null> {
    const person = this.people.find((p) => p.tenantId === tenantId && p.id === userId);
    if (!person) return null;
    const { tenantId: _t, ...profile } = person;
    return profile;
  }
}

export function person(tenantId: string, id: string, displayName: string): DirectoryProfile & { tenantId: string } {
  return {
    tenantId,
    id,
    displayName,
    userPrincipalName: `${displayName.toLowerCase().replace(/\W+/g, ".")}@contoso.example`,
    mail: null,
    jobTitle: null,
    department: null,
    officeLocation: null,
    manager: null,
    hasDirectReports: false,
    timeZone: null,
  };
}

export class InMemoryConversations implements ConversationReferenceStore {
  readonly references: ConversationReference[] = [];
  failLookups = 0;

  async save(reference: ConversationReference): Promise<void> {
    const index = this.references.findIndex(
      (r) => r.tenantId === reference.tenantId && (r.conversationId === reference.conversationId || (reference.userId !== null && r.userId === reference.userId)),
    );
    if (index >= 0) this.references.splice(index, 1);
    this.references.push(reference);
  }

  async findPersonal(tenantId: string, userId: string): Promise<ConversationReference | null> {
    if (this.failLookups > 0) {
      this.failLookups--;
      throw new Error("store unavailable");
    }
    return this.references.find((r) => r.tenantId === tenantId && r.scope === "personal" && r.userId === userId) ?? null;
  }

  async remove(tenantId: string, conversationId: string): Promise<void> {
    const index = this.references.findIndex((r) => r.tenantId === tenantId && r.conversationId === conversationId);
    if (index >= 0) this.references.splice(index, 1);
  }
}
