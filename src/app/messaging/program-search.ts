// Searching the programme from the messaging extension (Teams and Outlook): cohorts by name or topic and
// enrolled mentors by skill or name, one page at a time.
//
// PORT CONTRACT (implemented with Cosmos data by the matching/cohort work):
// - Everything is scoped to `tenantId`; nothing from another tenant may ever be returned.
// - findMentors returns only people ENROLLED AS MENTORS in a cohort that is not closed and who consented
//   to be discoverable. `shared` carries ONLY the profile fields that person agreed to share; a field they
//   did not share is absent (not null, not ""). The cards render exactly what is there.
// - Text matching is case-insensitive "contains" on the field asked for (`by`); "any" = name or skill.
//   Empty text means "everything", in a stable order (cohorts: soonest start first; mentors: by name).
// - Paging is skip/count over that stable order; `hasMore` says whether items exist after this page.
// - Must answer quickly: Teams gives the whole search 5 seconds (the handler gives up well before).
import { ValidationError } from "../errors.js";

export interface CohortSummary {
  id: string;
  name: string;
  description: string | null;
  topics: readonly string[];
  /** Calendar dates (yyyy-mm-dd). */
  startsOn: string;
  endsOn: string | null;
  /** e.g. 6 sessions of 30 minutes every 2 weeks; null when not fixed yet. */
  cadence: { sessions: number; minutes: number; everyWeeks: number } | null;
  enrolment: "open" | "closed";
  /** Last day to enrol (yyyy-mm-dd), when enrolment is open and has a deadline. */
  enrolmentClosesOn: string | null;
}

export interface MentorProfile {
  userId: string;
  displayName: string;
  /** Only what the mentor agreed to share (see contract above). */
  shared: {
    jobTitle?: string;
    department?: string;
    officeLocation?: string;
    skills?: readonly string[];
    languages?: readonly string[];
    about?: string;
  };
  cohort: { id: string; name: string };
}

export interface SearchPage<T> {
  items: T[];
  hasMore: boolean;
}

export type MentorSearchField = "skill" | "name" | "any";

export interface MentorSearchQuery {
  tenantId: string;
  by: MentorSearchField;
  text: string;
  skip: number;
  count: number;
}

export interface CohortSearchQuery {
  tenantId: string;
  text: string;
  skip: number;
  count: number;
}

export interface ProgramSearch {
  findMentors(query: MentorSearchQuery): Promise<SearchPage<MentorProfile>>;
  findCohorts(query: CohortSearchQuery): Promise<SearchPage<CohortSummary>>;
  /** One cohort of the tenant, or null when there is no such cohort in that tenant. */
  getCohort(tenantId: string, cohortId: string): Promise<CohortSummary | null>;
  /** Cohorts people can be nominated for now (enrolment open), soonest start first, at most `limit`. */
  listOpenCohorts(tenantId: string, limit: number): Promise<CohortSummary[]>;
}

export const MAX_SEARCH_TEXT = 100;
export const MAX_PAGE_SIZE = 25;
export const MAX_SKIP = 1000;

export interface SearchInput {
  tenantId: string;
  text: string;
  skip?: number;
  count?: number;
}

/** Normalises what a person typed and the paging Teams asked for; rejects what cannot be a search. */
export function normaliseSearch(input: SearchInput): { tenantId: string; text: string; skip: number; count: number } {
  const text = input.text.normalize("NFC").replace(/\s+/g, " ").trim();
  const problems = [];
  if (text.length > MAX_SEARCH_TEXT) problems.push({ field: "text", message: `must be at most ${MAX_SEARCH_TEXT} characters` });
  const skip = input.skip ?? 0;
  if (!Number.isInteger(skip) || skip < 0 || skip > MAX_SKIP) problems.push({ field: "skip", message: `must be an integer from 0 to ${MAX_SKIP}` });
  const count = input.count ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(count) || count < 1) problems.push({ field: "count", message: "must be a positive integer" });
  if (problems.length > 0) throw new ValidationError("The search cannot run.", problems);
  // Teams asks for 25 by default; more per page only slows the answer down.
  return { tenantId: input.tenantId, text, skip, count: Math.min(count, MAX_PAGE_SIZE) };
}

export async function searchMentors(
  programs: Pick<ProgramSearch, "findMentors">,
  input: SearchInput & { by: MentorSearchField },
): Promise<SearchPage<MentorProfile>> {
  const query = normaliseSearch(input);
  const page = await programs.findMentors({ ...query, by: input.by });
  return { items: page.items.slice(0, query.count), hasMore: page.hasMore };
}

export async function searchCohorts(programs: Pick<ProgramSearch, "findCohorts">, input: SearchInput): Promise<SearchPage<CohortSummary>> {
  const query = normaliseSearch(input);
  const page = await programs.findCohorts(query);
  return { items: page.items.slice(0, query.count), hasMore: page.hasMore };
}
