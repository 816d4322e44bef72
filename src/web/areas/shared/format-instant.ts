/** An instant as a date and time in the viewer's zone, e.g. "14 Oct 2030, 15:00"; the browser zone if none. */
export function formatInstant(iso: string, timeZone: string | null, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    // An unknown zone name from the directory: the device's zone is better than no date at all.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}
