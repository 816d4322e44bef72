// ProgramSearch (the messaging extension's port) on the cohorts and enrolments in the `programs` container.
// Every query goes through CosmosRepository, so `c.tenantId = @tenantId` (and the document type) is in the
// SQL of each one; only plain WHERE/ORDER BY is used (no GROUP BY, DISTINCT or OFFSET), and paging is
// done by reading the stable order up to skip + count + 1 items.
//
// What a mentor shares: the enrolment's `sharing` choice (findable at all, and which details besides the
// name). Enrolments from before the choice existed share the name and catalog skills. Details come from
// the enrolment's directory snapshot; free tags and preferences are never shared from here.
//
// Dates: a cohort has no separate programme start, so `startsOn` is the day enrolment closes (sessions are
// matched and booked after it) and "soonest start first" orders by that instant.
import type { Container } from "@azure/cosmos";
import type { Cohort } from "../../app/cohorts/cohort-ports.js";
import { sharingOf, type Enrolment } from "../../app/enrolment/enrolment-ports.js";
import { SKILL_CATALOG } from "../../app/enrolment/skill-catalog.js";
import type {
  CohortSearchQuery,
  CohortSummary,
  MentorProfile,
  MentorSearchQuery,
  ProgramSearch,
  SearchPage,
} from "../../app/messaging/program-search.js";
import type { Clock } from "../../app/ports/clock.js";
import type { CohortState } from "../../domain/cohort/index.js";
import { CosmosRepository, type QuerySpec, type Stored } from "./cosmos-repository.js";

/** States people outside the admin team may see (drafts are not announced yet). */
const VISIBLE_STATES: readonly CohortState[] = ["enrolling", "matching", "published", "scheduled", "closed"];
/** Cohorts whose mentors are discoverable (the contract: enrolled in a cohort that is not closed). */
const ACTIVE_STATES: readonly CohortState[] = ["enrolling", "matching", "published", "scheduled"];
/** Read size while walking a stable order. */
const READ_PAGE = 200;
/** Active cohorts one tenant runs at once, read in one query (far above any real programme). */
const MAX_ACTIVE_COHORTS = 500;

const SKILL_LABELS = new Map(SKILL_CATALOG.map((skill) => [skill.id, skill.label]));

export class CosmosProgramSearch implements ProgramSearch {
  private readonly cohorts: CosmosRepository<Cohort>;
  private readonly enrolments: CosmosRepository<Enrolment>;

  constructor(
    programs: Container,
    private readonly clock: Clock,
  ) {
    this.cohorts = new CosmosRepository<Cohort>(programs, { type: "cohort" });
    this.enrolments = new CosmosRepository<Enrolment>(programs, { type: "enrolment" });
  }

  async findCohorts(query: CohortSearchQuery): Promise<SearchPage<CohortSummary>> {
    const text = query.text.toLowerCase();
    const spec: QuerySpec = {
      where: text ? "ARRAY_CONTAINS(@states, c.state) AND CONTAINS(LOWER(c.settings.name), @text)" : "ARRAY_CONTAINS(@states, c.state)",
      parameters: text ? { states: [...VISIBLE_STATES], text } : { states: [...VISIBLE_STATES] },
      orderBy: { path: "settings.enrolment.closesAt", direction: "ASC" },
    };
    const found = await collect(this.cohorts, query.tenantId, spec, query.skip + query.count + 1, () => true);
    return pageOf(found.map((cohort) => this.summary(cohort)), query.skip, query.count);
  }

  async getCohort(tenantId: string, cohortId: string): Promise<CohortSummary | null> {
    const cohort = await this.cohorts.get(tenantId, cohortId);
    if (!cohort || cohort.tenantId !== tenantId || !VISIBLE_STATES.includes(cohort.state)) return null;
    return this.summary(cohort);
  }

  async listOpenCohorts(tenantId: string, limit: number): Promise<CohortSummary[]> {
    const spec: QuerySpec = {
      where: "c.state = @state AND c.settings.enrolment.closesAt > @now",
      parameters: { state: "enrolling", now: new Date(this.clock.now()).toISOString() },
      orderBy: { path: "settings.enrolment.closesAt", direction: "ASC" },
    };
    const found = await collect(this.cohorts, tenantId, spec, Math.max(0, limit), (cohort) => this.enrolmentOpen(cohort));
    return found.map((cohort) => this.summary(cohort));
  }

  async findMentors(query: MentorSearchQuery): Promise<SearchPage<MentorProfile>> {
    const active = await collect(
      this.cohorts,
      query.tenantId,
      { where: "ARRAY_CONTAINS(@states, c.state)", parameters: { states: [...ACTIVE_STATES] } },
      MAX_ACTIVE_COHORTS,
      () => true,
    );
    if (active.length === 0) return { items: [], hasMore: false };
    const cohortNames = new Map(active.map((cohort) => [cohort.id, cohort.settings.name]));
    const text = query.text.toLowerCase();
    // Name matching runs in SQL; skill matching compares with the catalog labels, so it runs here.
    const nameInSql = text !== "" && query.by === "name";
    const spec: QuerySpec = {
      where: `c.role = @role AND c.consent.accepted = true AND (NOT IS_DEFINED(c.sharing) OR c.sharing.discoverable = true) AND ARRAY_CONTAINS(@cohortIds, c.cohortId)${nameInSql ? " AND CONTAINS(LOWER(c.profile.displayName), @text)" : ""}`,
      parameters: { role: "mentor", cohortIds: [...cohortNames.keys()], ...(nameInSql ? { text } : {}) },
      orderBy: { path: "profile.displayName", direction: "ASC" },
    };
    const matches = (enrolment: Enrolment): boolean => {
      if (text === "" || nameInSql) return true;
      // Skills a mentor does not share are not searched either: a hit would reveal them.
      const skillHit = sharingOf(enrolment).fields.includes("skills") && enrolment.skills.some((id) => id.toLowerCase().includes(text) || (SKILL_LABELS.get(id) ?? "").toLowerCase().includes(text));
      if (query.by === "skill") return skillHit;
      return skillHit || enrolment.profile.displayName.toLowerCase().includes(text);
    };
    const found = await collect(this.enrolments, query.tenantId, spec, query.skip + query.count + 1, matches);
    const profiles = found.map((enrolment) => mentorProfile(enrolment, cohortNames.get(enrolment.cohortId) ?? ""));
    return pageOf(profiles, query.skip, query.count);
  }

  private enrolmentOpen(cohort: Cohort): boolean {
    const now = this.clock.now();
    return cohort.state === "enrolling" && Date.parse(cohort.settings.enrolment.opensAt) <= now && now < Date.parse(cohort.settings.enrolment.closesAt);
  }

  private summary(cohort: Cohort): CohortSummary {
    const { settings } = cohort;
    const open = this.enrolmentOpen(cohort);
    return {
      id: cohort.id,
      name: settings.name,
      description: null,
      topics: [],
      startsOn: calendarDate(settings.enrolment.closesAt),
      endsOn: null,
      cadence: { sessions: settings.cadence.sessions, minutes: settings.cadence.sessionMinutes, everyWeeks: settings.cadence.everyWeeks },
      enrolment: open ? "open" : "closed",
      enrolmentClosesOn: open ? calendarDate(settings.enrolment.closesAt) : null,
    };
  }
}

function mentorProfile(enrolment: Enrolment, cohortName: string): MentorProfile {
  const shown = new Set(sharingOf(enrolment).fields);
  const { jobTitle, department, officeLocation } = enrolment.profile;
  const skills = enrolment.skills.map((id) => SKILL_LABELS.get(id) ?? id);
  const shared: MentorProfile["shared"] = {
    ...(shown.has("jobTitle") && jobTitle ? { jobTitle } : {}),
    ...(shown.has("department") && department ? { department } : {}),
    ...(shown.has("officeLocation") && officeLocation ? { officeLocation } : {}),
    ...(shown.has("skills") && skills.length > 0 ? { skills } : {}),
    ...(shown.has("languages") && enrolment.languages.length > 0 ? { languages: [...enrolment.languages] } : {}),
  };
  return { userId: enrolment.userId, displayName: enrolment.profile.displayName, shared, cohort: { id: enrolment.cohortId, name: cohortName } };
}

/** Reads the stable order page by page until `wanted` items passed `keep` (or the data ends). */
async function collect<T extends { id: string; tenantId: string }>(
  repo: CosmosRepository<T>,
  tenantId: string,
  spec: QuerySpec,
  wanted: number,
  keep: (item: Stored<T>) => boolean,
): Promise<Array<Stored<T>>> {
  const found: Array<Stored<T>> = [];
  let continuationToken: string | null = null;
  while (found.length < wanted) {
    const page: { items: Array<Stored<T>>; continuationToken: string | null } = await repo.query(tenantId, spec, { limit: READ_PAGE, continuationToken });
    for (const item of page.items) if (item.tenantId === tenantId && keep(item) && found.length < wanted) found.push(item);
    continuationToken = page.continuationToken;
    if (!continuationToken) break;
  }
  return found;
}

function pageOf<T>(items: T[], skip: number, count: number): SearchPage<T> {
  return { items: items.slice(skip, skip + count), hasMore: items.length > skip + count };
}

/** yyyy-mm-dd of an ISO instant, in UTC (cards show instants in each reader's zone; these are dates). */
function calendarDate(instant: string): string {
  return new Date(Date.parse(instant)).toISOString().slice(0, 10);
}
