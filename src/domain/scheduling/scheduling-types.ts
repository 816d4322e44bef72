import type { Cadence } from "../cohort/cohort-settings.js";
import type { EpochMs } from "../time/instant.js";
import type { TimeRange } from "../time/time-range.js";
import type { Weekday } from "../time/weekday.js";
import type { WorkingHours } from "../time/working-hours.js";

/**
 * What the calendar adapter learned from getSchedule. "Could not read this calendar" is its own state,
 * never an empty busy list: an unreadable calendar must not look free.
 */
export type CalendarState =
  | {
      readable: true;
      /** Busy time, merged. */
      busy: readonly TimeRange[];
      /**
       * The busy items one by one, as the calendar lists them (not merged), when Graph gave them: they tell
       * a new meeting on top of one of ours apart from ours alone. Absent with the availability view only.
       */
      items?: readonly TimeRange[];
    }
  | { readable: false; reason: string };

export interface SchedulingPerson {
  id: string;
  /** In the person's own IANA zone (mailboxSettings, converted from the Windows name by the adapter). */
  workingHours: WorkingHours;
  calendar: CalendarState;
}

export interface ExecutivePreferences {
  /** Across all of the executive's pairs (and the app's earlier bookings), per local ISO week. */
  maxSessionsPerWeek?: number | null;
  /** Soft: slots on these days are preferred. */
  preferredDays?: readonly Weekday[] | null;
  /** Soft: slots inside this local time window ("HH:mm") are preferred. */
  preferredHours?: { start: string; end: string } | null;
  /** Hard: no session before this local date ("YYYY-MM-DD", in the executive's zone). */
  notBefore?: string | null;
}

export interface PairToSchedule {
  pairId: string;
  mentor: SchedulingPerson;
  /** The executive. */
  mentee: SchedulingPerson & { preferences?: ExecutivePreferences | null };
}

/** A meeting the app already booked (another pair, an earlier cohort, or a session kept as it is). */
export interface ExistingBooking {
  personIds: readonly string[];
  start: EpochMs;
  end: EpochMs;
}

export interface SchedulingOptions {
  cadence: Cadence;
  /** Week 1 of the series starts at this instant; session k (0-based) lies in week k × everyWeeks + 1. */
  seriesStart: EpochMs | string;
  /** No session may start before this instant (now plus a lead time; passed in, never read from a clock). */
  earliestStart?: EpochMs | string | null;
  /** Slots start on this grid (default 15 minutes). */
  gridMinutes?: number;
  /** Kept free before and after every busy block and every booking (default 0). */
  bufferMinutes?: number;
  existingBookings?: readonly ExistingBooking[];
}

export type SessionProblemCode =
  /** One calendar could not be read: nothing is booked blind. */
  | "calendarUnreadable"
  /** Working hours (in their zones) never overlap long enough in that week. */
  | "noSharedWorkingHours"
  /** The week lies before the executive's "not before" date or the earliest allowed start. */
  | "tooEarly"
  /** Working hours overlap, but the two calendars have no common free time long enough. */
  | "noCommonFreeTime"
  /** Common free time existed, but other sessions booked by the app took it. */
  | "takenByOtherSessions"
  /** The executive's weekly maximum is already reached in that week. */
  | "weeklyCapReached";

export interface SessionProblem {
  code: SessionProblemCode;
  message: string;
  /** Whose data caused it, when it is one person's. */
  who?: "mentor" | "mentee" | "both";
}

export interface PlannedSession {
  /** 0-based position in the series. */
  index: number;
  /** 1-based week of the series the session belongs in. */
  week: number;
  slot: TimeRange | null;
  problem: SessionProblem | null;
  /** True when the slot is at the series' anchor (same weekday and local time). */
  onAnchor: boolean;
}

export interface SeriesAnchor {
  weekday: Weekday;
  /** "HH:mm" in the executive's zone. */
  localTime: string;
  timeZone: string;
}

export interface PairPlan {
  pairId: string;
  anchor: SeriesAnchor | null;
  sessions: PlannedSession[];
}

export interface CohortPlanStats {
  pairs: number;
  sessionsRequested: number;
  sessionsPlanned: number;
  sessionsOnAnchor: number;
  /** Sessions without a slot, by reason. */
  problems: Partial<Record<SessionProblemCode, number>>;
}

export interface CohortPlan {
  /** In the order the pairs were given. */
  pairs: PairPlan[];
  stats: CohortPlanStats;
}
