import { DateTime } from "luxon";
import { DomainValidationError } from "../domain-error.js";

/** Milliseconds since the Unix epoch (UTC). The domain's only representation of an instant. */
export type EpochMs = number;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

/**
 * Reads an instant given as epoch milliseconds or as an ISO-8601 string WITH an offset or "Z".
 * A string without an offset is refused: it names a wall-clock time, not an instant, and guessing the
 * zone is how UTC bugs are born.
 */
export function parseInstant(value: string | number, path = "instant"): EpochMs {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !Number.isInteger(value)) {
      throw new DomainValidationError([{ path, message: "must be an integer number of epoch milliseconds" }]);
    }
    return value;
  }
  if (!/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(value.trim())) {
    throw new DomainValidationError([{ path, message: `"${value}" has no UTC offset; give e.g. 2025-03-10T09:00:00Z` }]);
  }
  const parsed = DateTime.fromISO(value.trim(), { setZone: true });
  if (!parsed.isValid) {
    throw new DomainValidationError([{ path, message: `"${value}" is not an ISO-8601 instant (${parsed.invalidExplanation ?? parsed.invalidReason})` }]);
  }
  return parsed.toMillis();
}

/** Formats an instant as an ISO-8601 UTC string ("2025-03-10T14:00:00.000Z"). */
export function formatInstant(ms: EpochMs): string {
  return DateTime.fromMillis(ms, { zone: "utc" }).toISO() ?? String(ms);
}
