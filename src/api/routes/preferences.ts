// An executive's scheduling preferences (GET with defaults when none are saved; PUT replaces them).
import { z } from "zod";
import { getMyPreferences, putMyPreferences } from "../../app/scheduling/executive-preferences.js";
import { WEEKDAYS } from "../../domain/time/index.js";
import { defineRoute, type AnyRoute } from "../route.js";
import { schedulingOf } from "./sessions.js";

const hhmm = z.string().regex(/^\d{2}:\d{2}$/, "must be a time of day HH:mm");

const preferencesSchema = z
  .strictObject({
    maxSessionsPerWeek: z.number().int("must be a whole number").min(1, "must be at least 1").max(10, "must be at most 10").nullable(),
    preferredDays: z.array(z.enum(WEEKDAYS)).max(7),
    preferredHours: z.strictObject({ start: hhmm, end: hhmm }).nullable(),
    notBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD").nullable().describe("No session before this date (in my time zone)."),
  })
  .meta({ id: "ExecutivePreferences" });

export const getPreferencesRoute = defineRoute({
  method: "get",
  path: "/api/me/preferences",
  operationId: "getMyPreferences",
  summary: "My scheduling preferences as an executive (defaults when none are saved).",
  tags: ["sessions"],
  access: "user",
  response: { status: 200, description: "My preferences", schema: preferencesSchema },
  handle: async ({ caller }, deps) => getMyPreferences(schedulingOf(deps), caller),
});

export const putPreferencesRoute = defineRoute({
  method: "put",
  path: "/api/me/preferences",
  operationId: "putMyPreferences",
  summary: "Replaces my scheduling preferences: weekly maximum (hard), preferred days and hours, first date (hard).",
  tags: ["sessions"],
  access: "user",
  body: preferencesSchema,
  response: { status: 200, description: "The saved preferences", schema: preferencesSchema },
  handle: async ({ body, caller }, deps) => putMyPreferences(schedulingOf(deps), caller, body),
});

export const preferencesRoutes: AnyRoute[] = [getPreferencesRoute, putPreferencesRoute];
