// Folds a stream of session facts into the dashboard's session numbers, one session at a time (the
// stream can be a whole big cohort). Weeks start on Monday, in UTC.
import type { SessionState } from "../scheduling/session-model.js";
import type { SessionFact } from "./health-ports.js";

export interface WeekTally {
  weekStart: string;
  planned: number;
  held: number;
  cancelled: number;
}

export interface SessionTally {
  byState: Record<SessionState, number>;
  total: number;
  held: number;
  /** Sessions whose slot has started by now and that were not cancelled: what "should have happened". */
  plannedToDate: number;
  /** held / plannedToDate (0 when nothing was due yet). */
  heldRate: number;
  /** Times a declined invitation was answered by moving the session to a new slot. */
  declinesReslotted: number;
  /** Sessions without a slot because no good time exists (any reason but an unreadable calendar). */
  unschedulable: number;
  /** Sessions without a slot because a calendar could not be read. */
  calendarsUnreadable: number;
  byWeek: WeekTally[];
}

const DAY_MS = 86_400_000;

export function emptyByState(): Record<SessionState, number> {
  return { planned: 0, booked: 0, accepted: 0, tentative: 0, declined: 0, rescheduled: 0, held: 0, cancelled: 0 };
}

export class SessionTallyBuilder {
  private readonly byState = emptyByState();
  private readonly weeks = new Map<string, WeekTally>();
  private total = 0;
  private plannedToDate = 0;
  private declinesReslotted = 0;
  private unschedulable = 0;
  private calendarsUnreadable = 0;

  constructor(private readonly nowMs: number) {}

  add(fact: SessionFact): void {
    this.total++;
    this.byState[fact.state]++;
    if (fact.problemCode === "calendarUnreadable") this.calendarsUnreadable++;
    else if (fact.problemCode !== null) this.unschedulable++;
    this.declinesReslotted += countDeclinesReslotted(fact.history);
    if (fact.start === null) return;
    const startMs = Date.parse(fact.start);
    if (Number.isNaN(startMs)) return;
    if (startMs <= this.nowMs && fact.state !== "cancelled") this.plannedToDate++;
    const week = this.week(weekStartOf(startMs));
    if (fact.state === "cancelled") week.cancelled++;
    else week.planned++;
    if (fact.state === "held") week.held++;
  }

  result(): SessionTally {
    const held = this.byState.held;
    return {
      byState: { ...this.byState },
      total: this.total,
      held,
      plannedToDate: this.plannedToDate,
      // Capped: a session the calendar reports held before its planned start must not read as over 100 %.
      heldRate: this.plannedToDate === 0 ? 0 : round(Math.min(1, held / this.plannedToDate)),
      declinesReslotted: this.declinesReslotted,
      unschedulable: this.unschedulable,
      calendarsUnreadable: this.calendarsUnreadable,
      byWeek: [...this.weeks.values()].sort((a, b) => a.weekStart.localeCompare(b.weekStart)),
    };
  }

  private week(weekStart: string): WeekTally {
    let week = this.weeks.get(weekStart);
    if (!week) {
      week = { weekStart, planned: 0, held: 0, cancelled: 0 };
      this.weeks.set(weekStart, week);
    }
    return week;
  }
}

/** "YYYY-MM-DD" of the Monday (UTC) of the week holding `ms`. */
export function weekStartOf(ms: number): string {
  const day = new Date(ms).getUTCDay(); // 0 = Sunday
  const monday = Math.floor(ms / DAY_MS) * DAY_MS - ((day + 6) % 7) * DAY_MS;
  return new Date(monday).toISOString().slice(0, 10);
}

/** A "reslotted" entry right after the session reached "declined": the app answered a decline with a new slot. */
function countDeclinesReslotted(history: SessionFact["history"]): number {
  let count = 0;
  for (let i = 1; i < history.length; i++) {
    if (history[i]?.kind === "reslotted" && history[i - 1]?.state === "declined") count++;
  }
  return count;
}

export function round(value: number, digits = 4): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
