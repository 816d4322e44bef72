import type { TimeRange } from "../time/time-range.js";
import { formatLocalTime } from "../time/local-time.js";
import { weekdayOfIso } from "../time/weekday.js";
import { insidePreferences, localKey, type PairContext } from "./pair-candidates.js";
import type { SeriesAnchor } from "./scheduling-types.js";

export interface Anchor {
  weekday: number;
  minute: number;
}

/**
 * The weekday and local time (executive's zone) that is available in the most weeks of the series —
 * so the pair can meet at the same time each time. Ties: inside the executive's preferences first,
 * then the earliest in the week. Null when no week has any slot.
 */
export function chooseAnchor(ctx: PairContext, slotsByWeek: readonly TimeRange[][], avoid: (anchor: Anchor) => boolean = () => false): Anchor | null {
  const weeks = new Map<number, { anchor: Anchor; weeks: number; preferred: boolean }>();
  slotsByWeek.forEach((slots) => {
    const seen = new Set<number>();
    for (const slot of slots) {
      const key = localKey(ctx, slot.start);
      const id = key.weekday * 1440 + key.minute;
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = weeks.get(id) ?? { anchor: key, weeks: 0, preferred: insidePreferences(ctx, slot) };
      entry.weeks++;
      weeks.set(id, entry);
    }
  });
  let best: { id: number; weeks: number; preferred: boolean; anchor: Anchor } | null = null;
  // Times another pair of the same executive already chose are skipped, unless nothing else is left.
  const open = [...weeks].filter(([, e]) => !avoid(e.anchor));
  for (const [id, e] of open.length > 0 ? open : weeks) {
    const better =
      best === null ||
      e.weeks > best.weeks ||
      (e.weeks === best.weeks && e.preferred && !best.preferred) ||
      (e.weeks === best.weeks && e.preferred === best.preferred && id < best.id);
    if (better) best = { id, ...e };
  }
  return best ? best.anchor : null;
}

/** Lower is better: outside preferences last, then a different weekday, then distance in local time. */
export function slotRank(ctx: PairContext, anchor: Anchor | null, slot: TimeRange): number {
  const outside = insidePreferences(ctx, slot) ? 0 : 1;
  if (anchor === null) return outside * 1e7;
  const key = localKey(ctx, slot.start);
  return outside * 1e7 + (key.weekday === anchor.weekday ? 0 : 1e4) + Math.abs(key.minute - anchor.minute);
}

/** The best slot by rank, earliest on ties. */
export function bestSlot(ctx: PairContext, anchor: Anchor | null, slots: readonly TimeRange[]): TimeRange | null {
  let best: TimeRange | null = null;
  let bestRank = Infinity;
  for (const s of slots) {
    const rank = slotRank(ctx, anchor, s);
    if (rank < bestRank || (rank === bestRank && best !== null && s.start < best.start)) {
      best = s;
      bestRank = rank;
    }
  }
  return best;
}

export function describeAnchor(anchor: Anchor, zone: string): SeriesAnchor {
  return { weekday: weekdayOfIso(anchor.weekday), localTime: formatLocalTime(anchor.minute), timeZone: zone };
}

export function isOnAnchor(ctx: PairContext, anchor: Anchor | null, slot: TimeRange): boolean {
  if (anchor === null) return false;
  const key = localKey(ctx, slot.start);
  return key.weekday === anchor.weekday && key.minute === anchor.minute;
}
