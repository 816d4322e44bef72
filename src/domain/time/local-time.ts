/**
 * Parses a wall-clock time of day as Graph writes it ("08:00:00.0000000") or as people type it
 * ("08:00", "17:30:00") into minutes after local midnight. "24:00" is accepted as the end of the day.
 * Seconds are truncated: working hours and preferences are minute-grained. Returns null when malformed.
 */
export function parseLocalTime(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,7})?)?$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (minutes > 59 || seconds > 59) return null;
  if (hours === 24 && minutes === 0 && seconds === 0) return 24 * 60;
  if (hours > 23) return null;
  return hours * 60 + minutes;
}

/** "09:30" for 570. */
export function formatLocalTime(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}
