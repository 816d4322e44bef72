// What the scheduling use cases need besides the calendar ports: storage of sessions, executives'
// preferences and the pairs they belong to. Implemented on Cosmos DB (src/adapters/cosmos/); every call is
// tenant-scoped.
import type { CohortRepository } from "../cohorts/cohort-ports.js";
import type { Notifier } from "../messaging/notifier.js";
import type { StoredPair } from "../pairs/pair-model.js";
import type { Clock } from "../ports/clock.js";
import type { Page, PageRequest } from "../ports/page.js";
import type { AvailabilityReader, CalendarBooking } from "./calendar-ports.js";
import type { Session, SessionFeedback, SessionState, StoredExecutivePreferences, StoredSession } from "./session-model.js";

export interface SessionFilter {
  cohortId?: string;
  pairId?: string;
  /** Sessions where this person is the mentor or the mentee. */
  participantId?: string;
  states?: readonly SessionState[];
  /** Sessions whose slot ends after / starts before these ISO instants (sessions without a slot are left out). */
  endsAfter?: string;
  startsBefore?: string;
}

export interface SessionRepository {
  get(tenantId: string, id: string): Promise<StoredSession | null>;
  /** ConflictError when the id exists (a concurrent run created it first). */
  create(session: Session): Promise<StoredSession>;
  /** ConcurrencyError when someone saved it since it was read. */
  replace(session: StoredSession): Promise<StoredSession>;
  /** One page, ordered by slot start (sessions without a slot first), then id. */
  list(tenantId: string, filter: SessionFilter, page: PageRequest): Promise<Page<StoredSession>>;
  /** Every matching session (jobs and the poll only; the API pages). */
  listAll(tenantId: string, filter: SessionFilter): Promise<StoredSession[]>;
  /** The session whose event this is, if the app booked it. */
  findByEvent(tenantId: string, organiser: string, eventId: string): Promise<StoredSession | null>;
  /** A participant's feedback on a session (written by the feedback API), or null. */
  feedbackOf(tenantId: string, sessionId: string, userId: string): Promise<SessionFeedback | null>;
}

export interface PreferencesRepository {
  get(tenantId: string, userId: string): Promise<StoredExecutivePreferences | null>;
  /** Creates or replaces the person's preferences (last write wins: only that person edits them). */
  put(preferences: Omit<StoredExecutivePreferences, "type">): Promise<StoredExecutivePreferences>;
}

/** The pair documents scheduling reads and pauses (written by matching; see pair-model.ts). */
export interface SchedulingPairStore {
  get(tenantId: string, pairId: string): Promise<StoredPair | null>;
  listByCohort(tenantId: string, cohortId: string): Promise<StoredPair[]>;
  /** ConcurrencyError when someone saved it since it was read. */
  replace(pair: StoredPair): Promise<StoredPair>;
}

/** Tunables (defaults in DEFAULT_SCHEDULING_SETTINGS). */
export interface SchedulingSettings {
  /** No session is booked or moved closer to now than this. */
  leadMinutes: number;
  /** Kept free around every busy block and booking. */
  bufferMinutes: number;
  /** Slots start on this grid. */
  gridMinutes: number;
  /** How far ahead the poll looks for new conflicts. */
  conflictHorizonDays: number;
}

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = { leadMinutes: 24 * 60, bufferMinutes: 0, gridMinutes: 15, conflictHorizonDays: 14 };

export interface SchedulingDeps {
  sessions: SessionRepository;
  preferences: PreferencesRepository;
  pairs: SchedulingPairStore;
  cohorts: CohortRepository;
  availability: AvailabilityReader;
  booking: CalendarBooking;
  notifier: Notifier;
  clock: Clock;
  settings: SchedulingSettings;
}
