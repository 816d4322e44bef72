// Time zones as Outlook speaks them: Windows names ("Pacific Standard Time") by default, IANA names when
// a client sends them, "UTC" everywhere. All arithmetic goes through luxon on the IANA zone so DST and
// half-hour offsets (India) come out right.
import { DateTime, IANAZone } from "luxon";
import { findIana, findWindows } from "windows-iana";
import { timeZoneNotSupported } from "./errors.js";

/** A zone as a request named it, resolved to the IANA zone used for arithmetic. */
export interface ResolvedZone {
  /** The name to echo back in dateTimeTimeZone.timeZone (what the client sent, or the Windows name). */
  name: string;
  /** IANA zone for luxon. */
  iana: string;
}

// CLDR's windowsZones table (and hence windows-iana) lists some zones under identifiers that IANA has
// since renamed; they remain valid links but are not the canonical names. These are all such legacy
// identifiers that CLDR uses as the primary ("001") zone of a Windows zone.
const LEGACY_TO_CANONICAL: Readonly<Record<string, string>> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "America/Godthab": "America/Nuuk",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Coral_Harbour": "America/Atikokan",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Africa/Asmera": "Africa/Asmara",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
  "Europe/Kiev": "Europe/Kyiv",
};

const windowsCache = new Map<string, string | null>();

/** The canonical IANA zone for a Windows zone name, or null when the name is not a Windows zone. */
export function windowsToIana(windowsName: string): string | null {
  const cached = windowsCache.get(windowsName);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  if (windowsName === "UTC") {
    result = "Etc/UTC";
  } else {
    // findIana lists the CLDR primary zone first, then its aliases and other territories' zones.
    const candidates = findIana(windowsName as Parameters<typeof findIana>[0]) ?? [];
    const primary = candidates[0];
    if (primary !== undefined) {
      const canonical = LEGACY_TO_CANONICAL[primary] ?? primary;
      result = IANAZone.isValidZone(canonical) ? canonical : IANAZone.isValidZone(primary) ? primary : null;
    }
  }
  windowsCache.set(windowsName, result);
  return result;
}

/** The Windows zone name for an IANA zone (first match), or null. */
export function ianaToWindows(iana: string): string | null {
  if (iana === "UTC" || iana === "Etc/UTC") return "UTC";
  const found = findWindows(iana as Parameters<typeof findWindows>[0]);
  return found?.[0] ?? null;
}

/** Resolve a zone name from a request: Windows names first (what Outlook uses), then IANA. */
export function resolveZone(name: string): ResolvedZone {
  const trimmed = name.trim();
  if (trimmed === "") throw timeZoneNotSupported(name);
  const fromWindows = windowsToIana(trimmed);
  if (fromWindows !== null) return { name: trimmed, iana: fromWindows };
  if (trimmed.includes("/") && IANAZone.isValidZone(trimmed)) return { name: trimmed, iana: trimmed };
  throw timeZoneNotSupported(name);
}

export const UTC_ZONE: ResolvedZone = { name: "UTC", iana: "Etc/UTC" };

// dateTime as Graph accepts it: date, optional time with up to 7 fractional digits, optional Z/offset.
const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2})?)(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parse a Graph dateTimeTimeZone into epoch milliseconds. A dateTime without offset is local wall time in
 * `zone`; one with an explicit offset or Z is taken as that instant (Graph tolerates both).
 * Returns null when the text is not a date-time.
 */
export function parseLocalDateTime(dateTime: string, zone: ResolvedZone): number | null {
  const match = DATE_TIME_PATTERN.exec(dateTime.trim());
  if (match === null) return null;
  const [, date, time = "00:00:00", fraction = "", offset] = match;
  const millis = fraction.padEnd(3, "0").slice(0, 3);
  const iso = `${date}T${time.length === 5 ? `${time}:00` : time}.${millis}${offset ?? ""}`;
  const parsed = DateTime.fromISO(iso, { zone: offset === undefined ? zone.iana : "UTC", setZone: false });
  return parsed.isValid ? parsed.toMillis() : null;
}

const zoneCache = new Map<string, IANAZone>();

function ianaZone(name: string): IANAZone {
  let zone = zoneCache.get(name);
  if (zone === undefined) {
    zone = IANAZone.create(name);
    zoneCache.set(name, zone);
  }
  return zone;
}

// Offsets per zone and quarter hour: every tz transition falls on a quarter-hour boundary in UTC, and
// Intl-based lookups cost microseconds each — getSchedule needs tens of thousands of them.
const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 200_000;

/** The zone's UTC offset in minutes at an instant. */
export function zoneOffsetMinutes(iana: string, epochMs: number): number {
  const key = `${iana}|${Math.floor(epochMs / QUARTER_HOUR)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = ianaZone(iana).offset(epochMs);
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The instant of a local wall-clock time (minutes after midnight of y-m-d) in a zone. A time skipped by a
 * DST change moves forward like luxon's; an ambiguous one takes the earlier instant.
 */
export function localToEpoch(iana: string, year: number, month: number, day: number, minutes: number): number {
  const local = Date.UTC(year, month - 1, day) + minutes * 60_000;
  const o1 = zoneOffsetMinutes(iana, local);
  let guess = local - o1 * 60_000;
  const o2 = zoneOffsetMinutes(iana, guess);
  if (o1 === o2) return guess;
  guess -= (o2 - o1) * 60_000;
  const o3 = zoneOffsetMinutes(iana, guess);
  if (o2 === o3) return guess;
  return local - Math.min(o2, o3) * 60_000;
}

/** The local calendar date of an instant in a zone. */
export function localDateOf(iana: string, epochMs: number): { year: number; month: number; day: number } {
  const shifted = new Date(epochMs + zoneOffsetMinutes(iana, epochMs) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** Format an instant as Graph does: local wall time in `zone` with 7 fractional digits and no offset. */
export function formatDateTimeTimeZone(epochMs: number, zone: ResolvedZone): { dateTime: string; timeZone: string } {
  const local = new Date(epochMs + zoneOffsetMinutes(zone.iana, epochMs) * 60_000).toISOString();
  return { dateTime: `${local.slice(0, 23)}0000`, timeZone: zone.name };
}

/** UTC instant as Graph prints createdDateTime etc.: ISO with 7 fractional digits and Z. */
export function formatUtcInstant(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}0000Z`;
}

/**
 * The zone named by `Prefer: outlook.timezone="..."`, or null when the header does not ask for one.
 * The Prefer header may carry several comma-separated preferences.
 */
export function preferredTimeZone(preferHeader: string | string[] | undefined): string | null {
  const values = Array.isArray(preferHeader) ? preferHeader : preferHeader === undefined ? [] : [preferHeader];
  for (const value of values) {
    const match = /outlook\.timezone\s*=\s*"([^"]*)"|outlook\.timezone\s*=\s*([^,;\s]+)/i.exec(value);
    if (match !== null) return (match[1] ?? match[2] ?? "").trim();
  }
  return null;
}

/** `Prefer: outlook.body-content-type="text"` → "text"; default html. */
export function preferredBodyType(preferHeader: string | string[] | undefined): "html" | "text" {
  const values = Array.isArray(preferHeader) ? preferHeader : preferHeader === undefined ? [] : [preferHeader];
  return values.some((v) => /outlook\.body-content-type\s*=\s*"?text"?/i.test(v)) ? "text" : "html";
}
