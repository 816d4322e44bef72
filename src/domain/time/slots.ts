import { MINUTE_MS, type EpochMs } from "./instant.js";
import { mergeRanges, padRanges, subtractRanges, type TimeRange } from "./time-range.js";

export interface SlotGrid {
  /** Length of each slot. */
  durationMinutes: number;
  /** Slots start on multiples of this many minutes from `origin` (15 keeps :00/:15/:30/:45 in every zone). */
  stepMinutes: number;
  /** Grid anchor; defaults to the Unix epoch, which is on a 15-minute boundary in every real zone. */
  origin?: EpochMs;
}

/**
 * Cuts free time into slots of `durationMinutes` that start on the grid and lie wholly inside one free
 * range. Returns every such slot in time order (slots may overlap each other; pick one and re-subtract).
 */
export function cutSlots(free: readonly TimeRange[], grid: SlotGrid): TimeRange[] {
  if (!(grid.durationMinutes > 0) || !(grid.stepMinutes > 0)) throw new RangeError("durationMinutes and stepMinutes must be positive");
  const duration = grid.durationMinutes * MINUTE_MS;
  const step = grid.stepMinutes * MINUTE_MS;
  const origin = grid.origin ?? 0;
  const out: TimeRange[] = [];
  for (const r of mergeRanges(free)) {
    let start = origin + Math.ceil((r.start - origin) / step) * step;
    while (start + duration <= r.end) {
      out.push({ start, end: start + duration });
      start += step;
    }
  }
  return out;
}

/**
 * Free time: `available` (e.g. working hours) minus `busy` widened by a buffer on both sides, so a slot
 * cut from the result keeps `bufferMinutes` clear before and after every busy block.
 */
export function freeTime(available: readonly TimeRange[], busy: readonly TimeRange[], bufferMinutes = 0): TimeRange[] {
  const pad = bufferMinutes * MINUTE_MS;
  return subtractRanges(available, pad > 0 ? padRanges(busy, pad) : busy);
}

/** Calls visit(start) for every slot start of the grid in the free time, in order, without allocating. */
export function forEachSlotStart(free: readonly TimeRange[], grid: SlotGrid, visit: (start: EpochMs) => void): void {
  const duration = grid.durationMinutes * MINUTE_MS;
  const step = grid.stepMinutes * MINUTE_MS;
  const origin = grid.origin ?? 0;
  for (const r of free) {
    for (let start = origin + Math.ceil((r.start - origin) / step) * step; start + duration <= r.end; start += step) visit(start);
  }
}

/** True when at least one slot of the grid fits in the free time (cheaper than cutting them all). */
export function hasSlot(free: readonly TimeRange[], grid: SlotGrid): boolean {
  const duration = grid.durationMinutes * MINUTE_MS;
  const step = grid.stepMinutes * MINUTE_MS;
  const origin = grid.origin ?? 0;
  for (const r of free) {
    const start = origin + Math.ceil((r.start - origin) / step) * step;
    if (start + duration <= r.end) return true;
  }
  return false;
}
