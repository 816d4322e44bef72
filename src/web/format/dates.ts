// Dates and times as the person reads them: sessions in their own time zone, plain dates as dates.

/** A session's time in the viewer's zone, e.g. "Tue 14 Oct, 15:00–15:30". Falls back to the browser zone. */
export function formatSessionTime(startIso: string, endIso: string, timeZone: string | null, locale?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startIso} – ${endIso}`;
  const zone = validZone(timeZone);
  const day = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: zone }).format(start);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: zone });
  return `${day}, ${time.format(start)}–${time.format(end)}`;
}

/** A calendar date ("2025-10-14") without shifting it through a time zone. */
export function formatDate(isoDate: string, locale?: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

/** "Europe/London" → "Europe/London (British Time)"; an unknown zone is shown as given. */
export function describeTimeZone(timeZone: string, locale?: string, at: Date = new Date()): string {
  if (!validZone(timeZone)) return timeZone;
  const name = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return name && name !== timeZone ? `${timeZone} (${name})` : timeZone;
}

function validZone(timeZone: string | null): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}
