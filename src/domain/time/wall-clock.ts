/**
 * Fast, exact conversions between UTC instants and a zone's wall clock ("wall ms": the local date and
 * time written as if it were UTC). luxon gives the zone's offset at an instant, but each lookup costs
 * ~10 µs (Intl formatting), and scheduling a cohort needs millions. Offsets are piecewise constant, so
 * we remember, per zone and UTC day, the offset at the day's start and end and — on the rare day they
 * differ — the minute of the change (found by bisection). Results equal luxon's (checked by tests).
 */
import { IANAZone } from "luxon";
import { DAY_MS, MINUTE_MS, type EpochMs } from "./instant.js";

interface DayOffsets {
  start: number;
  end: number;
  /** First instant (ms) of the day that has the `end` offset; only meaningful when start !== end. */
  switchAt: number;
}

class ZoneOffsets {
  private readonly zone: IANAZone;
  private readonly days = new Map<number, DayOffsets>();

  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }

  offset(ts: EpochMs): number {
    const day = Math.floor(ts / DAY_MS);
    let info = this.days.get(day);
    if (info === undefined) {
      info = this.describeDay(day);
      if (this.days.size > 200_000) this.days.clear();
      this.days.set(day, info);
    }
    if (info.start === info.end) return info.start;
    return ts < info.switchAt ? info.start : info.end;
  }

  private describeDay(day: number): DayOffsets {
    const from = day * DAY_MS;
    const start = this.zone.offset(from);
    const end = this.zone.offset(from + DAY_MS - MINUTE_MS);
    if (start === end) return { start, end, switchAt: from };
    // Bisection over the day's minutes for the first minute with the new offset.
    let lo = 0;
    let hi = 24 * 60 - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.zone.offset(from + mid * MINUTE_MS) === end) hi = mid;
      else lo = mid + 1;
    }
    return { start, end, switchAt: from + lo * MINUTE_MS };
  }
}

const zones = new Map<string, ZoneOffsets>();

function offsets(zone: string): ZoneOffsets {
  let z = zones.get(zone);
  if (z === undefined) {
    z = new ZoneOffsets(zone);
    zones.set(zone, z);
  }
  return z;
}

/** UTC offset in minutes of `zone` at `ts` (Kolkata → 330; New York in July → −240). */
export function zoneOffsetMinutes(zone: string, ts: EpochMs): number {
  return offsets(zone).offset(ts);
}

/** The wall-clock reading of `ts` in `zone`, as wall ms. */
export function wallTimeOf(zone: string, ts: EpochMs): number {
  return ts + zoneOffsetMinutes(zone, ts) * MINUTE_MS;
}

/**
 * The instant at which `zone`'s wall clock reads `wall`. Same rule as luxon: a wall time skipped by a
 * spring-forward jump moves forward by the jump (02:30 → 03:30 EDT); an ambiguous fall-back wall time
 * takes the offset that the first guess lands on.
 */
export function instantOfWall(zone: string, wall: number): EpochMs {
  const z = offsets(zone);
  const o = z.offset(wall);
  let guess = wall - o * MINUTE_MS;
  const o2 = z.offset(guess);
  if (o === o2) return guess;
  guess -= (o2 - o) * MINUTE_MS;
  const o3 = z.offset(guess);
  if (o2 === o3) return guess;
  return wall - Math.min(o2, o3) * MINUTE_MS;
}

/** Midnight at the start of the wall day containing `wall`. */
export function wallDayStart(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}

/** ISO weekday (Monday 1 … Sunday 7) of a wall time. 1970-01-01 was a Thursday. */
export function isoWeekdayOfWall(wall: number): number {
  const days = Math.floor(wall / DAY_MS);
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Minutes after wall midnight. */
export function minuteOfWallDay(wall: number): number {
  return Math.floor((wall - wallDayStart(wall)) / MINUTE_MS);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Wall ms of midnight of an ISO date "YYYY-MM-DD"; null when malformed. */
export function wallOfIsoDate(isoDate: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (back.month !== month || back.day !== day) return null;
  return days * DAY_MS;
}

/** "YYYY-MM-DD" of a wall time. */
export function isoDateOfWall(wall: number): string {
  const { year, month, day } = civilFromDays(Math.floor(wall / DAY_MS));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
