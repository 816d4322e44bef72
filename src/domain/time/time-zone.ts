import { IANAZone } from "luxon";
import { MINUTE_MS, type EpochMs } from "./instant.js";
import { instantOfWall, isoDateOfWall, isoWeekdayOfWall, wallDayStart, wallOfIsoDate, wallTimeOf, zoneOffsetMinutes } from "./wall-clock.js";

// Zone validity never changes within a process, and luxon builds an Intl formatter per check (slow
// enough to dominate preparing a 12,000-person cohort), so remember answers.
const validity = new Map<string, boolean>();

/** True for IANA zone names luxon (ICU) knows, e.g. "Asia/Kolkata", "UTC". Windows names are not IANA. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== "string" || zone.length === 0) return false;
  let valid = validity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validity.size < 10_000) validity.set(zone, valid);
  }
  return valid;
}

/** The zone's UTC offset in minutes at that instant (DST-aware): Kolkata → 330, New York in July → -240. */
export function utcOffsetMinutes(zone: string, at: EpochMs): number {
  return zoneOffsetMinutes(zone, at);
}

/**
 * Distance between two zones in hours at an instant, measured around the clock (so Honolulu −10 and
 * Auckland +13 are 1 h apart, not 23): what matters for meeting people is how far their clocks are,
 * not which side of the date line they sit on. Result is in [0, 12].
 */
export function timeZoneDistanceHours(zoneA: string, zoneB: string, at: EpochMs): number {
  const diff = Math.abs(utcOffsetMinutes(zoneA, at) - utcOffsetMinutes(zoneB, at)) % (24 * 60);
  return Math.min(diff, 24 * 60 - diff) / 60;
}

/** Local calendar date "YYYY-MM-DD" of an instant in a zone. */
export function localDateOf(zone: string, at: EpochMs): string {
  return isoDateOfWall(wallTimeOf(zone, at));
}

/** The instant at which the local ISO week (Monday 00:00 local) containing `at` starts in `zone`. */
export function startOfLocalWeek(zone: string, at: EpochMs): EpochMs {
  const day = wallDayStart(wallTimeOf(zone, at));
  const monday = day - (isoWeekdayOfWall(day) - 1) * 24 * 60 * MINUTE_MS;
  return instantOfWall(zone, monday);
}

/** The instant at which the local day containing `at` starts in `zone`. */
export function startOfLocalDay(zone: string, at: EpochMs): EpochMs {
  return instantOfWall(zone, wallDayStart(wallTimeOf(zone, at)));
}

/**
 * The instant of a local wall-clock date and minute in a zone. A time skipped by a DST jump moves
 * forward (02:30 on a spring-forward day in New York is 03:30 EDT); an ambiguous time picks the offset
 * luxon picks (documented in tests). minuteOfDay may be 1440 (midnight ending the day) or more.
 */
export function instantOfLocal(zone: string, isoDate: string, minuteOfDay: number): EpochMs {
  const wall = wallOfIsoDate(isoDate);
  if (wall === null) throw new RangeError(`"${isoDate}" is not an ISO date (YYYY-MM-DD)`);
  return instantOfWall(zone, wall + minuteOfDay * MINUTE_MS);
}
