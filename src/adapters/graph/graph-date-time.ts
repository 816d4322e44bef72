// Graph's dateTimeTimeZone values ({ dateTime: "2025-03-10T14:00:00.0000000", timeZone: "Pacific Standard
// Time" }) to and from instants. The wall time carries no offset: its meaning depends on the zone, which may
// be "UTC", an IANA name or a Windows name. Parsed with luxon, never by string concatenation.
import { DateTime } from "luxon";
import { toIanaTimeZone } from "./time-zones.js";

export interface GraphDateTime {
  dateTime: string;
  timeZone: string;
}

/** The instant (epoch ms) of a Graph dateTimeTimeZone, or null when it is malformed or the zone is unknown. */
export function instantFromGraph(value: unknown): number | null {
  const v = value as { dateTime?: unknown; timeZone?: unknown } | null | undefined;
  if (typeof v?.dateTime !== "string") return null;
  const zoneName = typeof v.timeZone === "string" && v.timeZone.trim() !== "" ? v.timeZone : "UTC";
  const zone = /^(utc|etc\/utc|coordinated universal time)$/i.test(zoneName.trim()) ? "utc" : toIanaTimeZone(zoneName);
  if (!zone) return null;
  // A dateTime that carries its own offset ("…Z", "+01:00") is taken as that instant, as Graph does.
  const parsed = DateTime.fromISO(v.dateTime.trim(), { zone, setZone: false });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** The wall time of an instant in an IANA zone, written the way Graph accepts it. */
export function graphDateTime(ms: number, timeZone: string): GraphDateTime {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`"${timeZone}" is not a time zone Graph events can be written in.`);
  return { dateTime: local.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone };
}
