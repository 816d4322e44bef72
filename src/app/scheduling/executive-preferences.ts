// An executive's scheduling preferences (one set across cohorts): the weekly maximum of sessions and the
// "not before" date are hard limits for the planner; preferred days and hours are preferences.
import type { Caller } from "../caller.js";
import { ValidationError, type FieldProblem } from "../errors.js";
import { isWeekday, parseLocalTime, WEEKDAYS, type Weekday } from "../../domain/time/index.js";
import type { SchedulingDeps } from "./scheduling-ports.js";

export interface ExecutivePreferencesView {
  maxSessionsPerWeek: number | null;
  preferredDays: Weekday[];
  preferredHours: { start: string; end: string } | null;
  notBefore: string | null;
}

export const DEFAULT_PREFERENCES: Readonly<ExecutivePreferencesView> = Object.freeze({ maxSessionsPerWeek: null, preferredDays: [], preferredHours: null, notBefore: null });

export async function getMyPreferences(deps: Pick<SchedulingDeps, "preferences">, caller: Caller): Promise<ExecutivePreferencesView> {
  const stored = await deps.preferences.get(caller.tenantId, caller.userId);
  if (!stored) return { ...DEFAULT_PREFERENCES, preferredDays: [] };
  return { maxSessionsPerWeek: stored.maxSessionsPerWeek, preferredDays: stored.preferredDays.filter(isWeekday), preferredHours: stored.preferredHours, notBefore: stored.notBefore };
}

export async function putMyPreferences(deps: Pick<SchedulingDeps, "preferences" | "clock">, caller: Caller, input: ExecutivePreferencesView): Promise<ExecutivePreferencesView> {
  const problems = checkPreferences(input);
  if (problems.length > 0) throw new ValidationError(`Invalid ${problems.length === 1 ? "field" : "fields"}: ${problems.map((p) => p.field).join(", ")}.`, problems);
  // Days are kept once each, in week order, so equal choices store equally.
  const preferredDays = WEEKDAYS.filter((d) => input.preferredDays.includes(d));
  await deps.preferences.put({
    id: "",
    tenantId: caller.tenantId,
    userId: caller.userId,
    maxSessionsPerWeek: input.maxSessionsPerWeek,
    preferredDays,
    preferredHours: input.preferredHours,
    notBefore: input.notBefore,
    updatedAt: new Date(deps.clock.now()).toISOString(),
  });
  return { ...input, preferredDays };
}

/** Rules beyond the shape (which the route's schema checks): ranges, real times and dates. */
export function checkPreferences(input: ExecutivePreferencesView): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const max = input.maxSessionsPerWeek;
  if (max !== null && !(Number.isInteger(max) && max >= 1 && max <= 10)) problems.push({ field: "maxSessionsPerWeek", message: "must be a whole number from 1 to 10, or null" });
  input.preferredDays.forEach((d, i) => {
    if (!isWeekday(d)) problems.push({ field: `preferredDays[${i}]`, message: "must be monday … sunday" });
  });
  if (input.preferredHours) {
    const start = parseLocalTime(input.preferredHours.start);
    const end = parseLocalTime(input.preferredHours.end);
    if (start === null || !/^\d{2}:\d{2}$/.test(input.preferredHours.start)) problems.push({ field: "preferredHours.start", message: "must be a time of day HH:mm" });
    if (end === null || !/^\d{2}:\d{2}$/.test(input.preferredHours.end)) problems.push({ field: "preferredHours.end", message: "must be a time of day HH:mm" });
    if (start !== null && end !== null && end <= start) problems.push({ field: "preferredHours.end", message: "must be after preferredHours.start" });
  }
  if (input.notBefore !== null && !isCalendarDate(input.notBefore)) problems.push({ field: "notBefore", message: "must be a date YYYY-MM-DD" });
  return problems;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
