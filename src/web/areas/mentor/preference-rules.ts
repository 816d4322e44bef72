// The executive's scheduling preferences as typed in the form, checked with the same rules the server
// applies (1–10 a week, HH:mm hours with start before end, a date) so mistakes show at once by their field.
import { DAYS_OF_WEEK, type DayOfWeek, type ExecutivePreferences } from "../../api/programme-types.js";
import type { FieldError } from "../../api/types.js";

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PreferenceValues {
  maxSessionsPerWeek: string;
  preferredDays: DayOfWeek[];
  hoursStart: string;
  hoursEnd: string;
  notBefore: string;
}

export function toPreferenceValues(p: ExecutivePreferences): PreferenceValues {
  return {
    maxSessionsPerWeek: p.maxSessionsPerWeek === null ? "" : String(p.maxSessionsPerWeek),
    preferredDays: p.preferredDays,
    hoursStart: p.preferredHours?.start ?? "",
    hoursEnd: p.preferredHours?.end ?? "",
    notBefore: p.notBefore ?? "",
  };
}

/** The same rules the server applies, checked first so that mistakes show at once next to the field. */
export function checkPreferences(v: PreferenceValues): { body: ExecutivePreferences | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const max = v.maxSessionsPerWeek.trim();
  if (max !== "" && !(/^\d+$/.test(max) && Number(max) >= 1 && Number(max) <= 10)) {
    errors.push({ field: "maxSessionsPerWeek", message: "Enter a whole number from 1 to 10, or leave it empty for no weekly limit." });
  }
  const anyHours = v.hoursStart !== "" || v.hoursEnd !== "";
  if (anyHours && !(HH_MM.test(v.hoursStart) && HH_MM.test(v.hoursEnd))) {
    errors.push({ field: "preferredHours", message: "Give both a start and an end time (HH:mm), or neither." });
  } else if (anyHours && v.hoursStart >= v.hoursEnd) {
    errors.push({ field: "preferredHours", message: "The start time must be before the end time." });
  }
  if (v.notBefore !== "" && !ISO_DATE.test(v.notBefore)) errors.push({ field: "notBefore", message: "Enter a date, or leave it empty." });
  if (errors.length > 0) return { body: null, errors };
  return {
    body: {
      maxSessionsPerWeek: max === "" ? null : Number(max),
      preferredDays: DAYS_OF_WEEK.filter((d) => v.preferredDays.includes(d)),
      preferredHours: anyHours ? { start: v.hoursStart, end: v.hoursEnd } : null,
      notBefore: v.notBefore === "" ? null : v.notBefore,
    },
    errors,
  };
}
