// What the calendar half needs to know about a person beyond the directory record: whether they count as
// an executive (busier calendars, laterConflict applies) and the zone their working hours live in.
import type { DevPerson } from "../model.js";
import { UTC_ZONE, windowsToIana, type ResolvedZone } from "./time-zones.js";

const EXECUTIVE_TITLE = /\b(ceo|cfo|coo|cto|cio|chro|cmo|chief|president|evp|svp|vp)\b/i;

/** Executives: the top of the generated tree (levels 0–3) or anyone with a VP-and-above title. */
export function isExecutive(person: DevPerson): boolean {
  return person.generatedLevel <= 3 || EXECUTIVE_TITLE.test(person.jobTitle ?? "");
}

function zoneFromWindows(name: string): ResolvedZone | null {
  const iana = windowsToIana(name);
  return iana === null ? null : { name, iana };
}

/** The zone of the person's working hours (falls back to their mailbox zone, then UTC). */
export function workingHoursZone(person: DevPerson): ResolvedZone {
  return zoneFromWindows(person.workingHours.timeZone) ?? zoneFromWindows(person.timeZone) ?? UTC_ZONE;
}

/** The zone of the person's mailbox (mailboxSettings.timeZone). */
export function mailboxZone(person: DevPerson): ResolvedZone {
  return zoneFromWindows(person.timeZone) ?? workingHoursZone(person);
}

/** "08:00:00" → minutes after midnight; tolerant of "08:00" and Graph's "08:00:00.0000000". */
export function minutesOfDay(time: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time);
  if (match === null) return 0;
  return Number(match[1]) * 60 + Number(match[2]) + Math.floor(Number(match[3] ?? 0) / 60);
}

/** Display form for an email address: the person's mail (or UPN when they have none). */
export function addressOf(person: DevPerson): string {
  return person.mail ?? person.userPrincipalName;
}
