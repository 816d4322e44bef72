// Sets up programme data for the browser journeys through the real HTTP API, as an admin would (the
// tab under test then reads it like any other data): cohorts, and calls made on someone's behalf.
import type { AppTarget, TargetPerson } from "./app-target.js";

export interface ApiCaller {
  /** JSON request with the person's Bearer token; throws with the problem body on a non-2xx answer. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function apiAs(target: AppTarget, person: TargetPerson): Promise<ApiCaller> {
  const token = await target.ssoToken(person.id);
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${target.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
      return (text === "" ? null : JSON.parse(text)) as T;
    },
  };
}

const DAY_MS = 86_400_000;

/**
 * A cohort taking enrolments now (the window is placed around the server's real clock, so the test
 * never depends on a calendar date). Extra settings (eligibility, cadence) are passed through.
 */
export async function openCohort(admin: ApiCaller, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now();
  const cohort = await admin.call<{ id: string }>("POST", "/api/admin/cohorts", {
    name,
    enrolment: { opensAt: new Date(now - DAY_MS).toISOString(), closesAt: new Date(now + 30 * DAY_MS).toISOString() },
    ...settings,
  });
  await admin.call("POST", `/api/admin/cohorts/${cohort.id}/transitions`, { to: "enrolling" });
  return cohort.id;
}
