import { MINUTE_MS, type EpochMs } from "../time/instant.js";
import { mergeRanges, padRanges, subtractRanges, type TimeRange } from "../time/time-range.js";
import { startOfLocalWeek } from "../time/time-zone.js";
import type { ExistingBooking } from "./scheduling-types.js";

/**
 * Everything the app has booked so far, per person — so that no one is ever double-booked across pairs —
 * and each person's number of sessions per local ISO week (for the executive's weekly cap).
 */
export class BookingLedger {
  private readonly booked = new Map<string, TimeRange[]>();
  private readonly starts = new Map<string, EpochMs[]>();
  /** Memoised week counts per person (for one zone); dropped when the person gets a new booking. */
  private readonly weekCounts = new Map<string, { zone: string; counts: Map<EpochMs, number> }>();

  constructor(
    private readonly bufferMinutes: number,
    existing: readonly ExistingBooking[] = [],
  ) {
    for (const b of existing) this.add(b.personIds, { start: b.start, end: b.end });
  }

  add(personIds: readonly string[], range: TimeRange): void {
    for (const id of new Set(personIds)) {
      this.booked.set(id, mergeRanges([...(this.booked.get(id) ?? []), range]));
      this.starts.set(id, [...(this.starts.get(id) ?? []), range.start]);
      this.weekCounts.delete(id);
    }
  }

  /** `free` minus everything booked for any of the people, widened by the buffer on both sides. */
  removeBooked(free: readonly TimeRange[], personIds: readonly string[]): TimeRange[] {
    let out: TimeRange[] = [...free];
    const pad = this.bufferMinutes * MINUTE_MS;
    for (const id of personIds) {
      const list = this.booked.get(id);
      if (list && list.length > 0) out = subtractRanges(out, pad > 0 ? padRanges(list, pad) : list);
    }
    return out;
  }

  /** Sessions the person has in the local ISO week (in `zone`) containing `at`. */
  sessionsInWeek(personId: string, zone: string, at: EpochMs): number {
    let memo = this.weekCounts.get(personId);
    if (!memo || memo.zone !== zone) {
      const counts = new Map<EpochMs, number>();
      for (const s of this.starts.get(personId) ?? []) {
        const week = startOfLocalWeek(zone, s);
        counts.set(week, (counts.get(week) ?? 0) + 1);
      }
      memo = { zone, counts };
      this.weekCounts.set(personId, memo);
    }
    return memo.counts.get(startOfLocalWeek(zone, at)) ?? 0;
  }
}
