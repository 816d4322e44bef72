/** Days as Microsoft Graph names them in workingHours.daysOfWeek (lower-case English). */
export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** ISO weekday number (Monday = 1 … Sunday = 7), the numbering luxon uses. */
export function isoWeekdayOf(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

export function weekdayOfIso(isoWeekday: number): Weekday {
  const day = WEEKDAYS[isoWeekday - 1];
  if (day === undefined) throw new RangeError(`ISO weekday must be 1..7, got ${isoWeekday}`);
  return day;
}

export function isWeekday(value: unknown): value is Weekday {
  return typeof value === "string" && (WEEKDAYS as readonly string[]).includes(value);
}

/** Title-case label for human-readable reasons ("Tuesday"). */
export function weekdayLabel(day: Weekday): string {
  return day.charAt(0).toUpperCase() + day.slice(1);
}
