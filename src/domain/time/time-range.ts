import { MINUTE_MS, type EpochMs } from "./instant.js";

/**
 * A half-open interval [start, end) of UTC instants (epoch ms). A list of ranges is "normalised" when
 * it is sorted by start, every range is non-empty, and no two ranges overlap or touch. Every function
 * here returns normalised lists and accepts any list (it normalises input that is not).
 */
export interface TimeRange {
  start: EpochMs;
  end: EpochMs;
}

function isNormalised(ranges: readonly TimeRange[]): boolean {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (!(r.end > r.start)) return false;
    if (i > 0 && r.start <= ranges[i - 1]!.end) return false;
  }
  return true;
}

/** Sorts, drops empty ranges and merges overlapping or touching ones. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  if (isNormalised(ranges)) return ranges.map((r) => ({ start: r.start, end: r.end }));
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ start: r.start, end: r.end });
    }
  }
  return out;
}

function normalised(ranges: readonly TimeRange[]): readonly TimeRange[] {
  return isNormalised(ranges) ? ranges : mergeRanges(ranges);
}

/** The instants that lie in both lists (linear merge). */
export function intersectRanges(a: readonly TimeRange[], b: readonly TimeRange[]): TimeRange[] {
  const x = normalised(a);
  const y = normalised(b);
  const out: TimeRange[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (end > start) out.push({ start, end });
    if (p.end < q.end) i++;
    else j++;
  }
  return out;
}

/** Intersection of any number of lists; the empty call means "no constraint" and is refused. */
export function intersectAll(lists: readonly (readonly TimeRange[])[]): TimeRange[] {
  const [first, ...rest] = lists;
  if (first === undefined) throw new RangeError("intersectAll needs at least one list");
  return rest.reduce<TimeRange[]>((acc, list) => intersectRanges(acc, list), mergeRanges(first));
}

/** The instants of `ranges` that are not in `remove` (e.g. working hours minus busy time). */
export function subtractRanges(ranges: readonly TimeRange[], remove: readonly TimeRange[]): TimeRange[] {
  const x = normalised(ranges);
  const y = normalised(remove);
  const out: TimeRange[] = [];
  let j = 0;
  for (const r of x) {
    let cursor = r.start;
    while (j < y.length && y[j]!.end <= cursor) j++;
    let k = j;
    while (k < y.length && y[k]!.start < r.end) {
      const cut = y[k]!;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      if (cut.end > cursor) cursor = cut.end;
      if (cursor >= r.end) break;
      k++;
    }
    if (cursor < r.end) out.push({ start: cursor, end: r.end });
  }
  return out;
}

/** Widens every range by `beforeMs` / `afterMs` (buffers around busy time), then merges. */
export function padRanges(ranges: readonly TimeRange[], beforeMs: number, afterMs: number = beforeMs): TimeRange[] {
  if (beforeMs < 0 || afterMs < 0) throw new RangeError("padding must be non-negative");
  return mergeRanges(ranges.map((r) => ({ start: r.start - beforeMs, end: r.end + afterMs })));
}

/** The parts of `ranges` inside `window`. */
export function clipRanges(ranges: readonly TimeRange[], window: TimeRange): TimeRange[] {
  return clipNormalisedRanges(normalised(ranges), window);
}

/**
 * clipRanges for a list the caller guarantees is normalised (e.g. the output of another function here):
 * a binary search plus the k ranges in the window, without re-checking the whole list.
 */
export function clipNormalisedRanges(list: readonly TimeRange[], window: TimeRange): TimeRange[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.end <= window.start) lo = mid + 1;
    else hi = mid;
  }
  const out: TimeRange[] = [];
  for (let i = lo; i < list.length && list[i]!.start < window.end; i++) {
    const start = Math.max(list[i]!.start, window.start);
    const end = Math.min(list[i]!.end, window.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}

/** Total covered time in whole minutes. */
export function totalMinutes(ranges: readonly TimeRange[]): number {
  return Math.floor(normalised(ranges).reduce((sum, r) => sum + (r.end - r.start), 0) / MINUTE_MS);
}

/** Length in minutes of the longest single range (0 for none). */
export function longestMinutes(ranges: readonly TimeRange[]): number {
  return Math.floor(normalised(ranges).reduce((best, r) => Math.max(best, r.end - r.start), 0) / MINUTE_MS);
}

/** True when the two ranges share at least one instant. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `inner` lies wholly inside one range of the (normalised) list. */
export function containsRange(ranges: readonly TimeRange[], inner: TimeRange): boolean {
  return normalised(ranges).some((r) => r.start <= inner.start && inner.end <= r.end);
}
