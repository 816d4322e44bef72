import { DateTime, IANAZone } from "luxon";
import type { EpochMs } from "./instant.js";

/** True for IANA zone names luxon (ICU) knows, e.g. "Asia/Kolkata", "UTC". Windows names are not IANA. */
export function isValidTimeZone(zone: string): boolean {
  return typeof zone === "string" && zone.length > 0 && IANAZone.isValidZone(zone);
}

/** The zone's UTC offset in minutes at that instant (DST-aware): Kolkata → 330, New York in July → -240. */
export function utcOffsetMinutes(zone: string, at: EpochMs): number {
  return IANAZone.create(zone).offset(at);
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
  return DateTime.fromMillis(at, { zone }).toISODate() ?? "";
}

/** The instant at which the local ISO week (Monday 00:00 local) containing `at` starts in `zone`. */
export function startOfLocalWeek(zone: string, at: EpochMs): EpochMs {
  return DateTime.fromMillis(at, { zone }).startOf("week").toMillis();
}

/**
 * The instant of a local wall-clock date and minute in a zone. A time skipped by a DST jump moves
 * forward (02:30 on a spring-forward day in New York is 03:30 EDT); an ambiguous time picks the offset
 * luxon picks (documented in tests). minuteOfDay may be 1440 (midnight ending the day).
 */
export function instantOfLocal(zone: string, isoDate: string, minuteOfDay: number): EpochMs {
  const day = DateTime.fromISO(isoDate, { zone });
  const base = minuteOfDay >= 24 * 60 ? day.plus({ days: 1 }) : day;
  const minute = minuteOfDay % (24 * 60);
  return DateTime.fromObject(
    { year: base.year, month: base.month, day: base.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone },
  ).toMillis();
}
