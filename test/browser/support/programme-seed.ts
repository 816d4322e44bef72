// Sets up programme data for the browser journeys through the real HTTP API, as an admin would (the
// tab under test then reads it like any other data): cohorts, and calls made on someone's behalf.
import { request as httpsRequest } from "node:https";
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

/** A JSON call to the dev tenant's own endpoints (HTTPS with its private CA, trusted for this request only). */
export function devTenantCall<T = unknown>(target: AppTarget, method: string, path: string, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const request = httpsRequest(
      `${target.devTenant.url}${path}`,
      { method, ca: target.devTenant.caCertPem, headers: payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {} },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status >= 300) reject(new Error(`${method} ${path} answered ${status}: ${text}`));
          else resolve((text === "" ? null : JSON.parse(text)) as T);
        });
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

interface JobRecord {
  state: "running" | "succeeded" | "failed";
  error?: unknown;
}

/** Starts an admin job (202 { jobId }, or the directory sync's job record { id }) and waits for it to finish. */
export async function runJob(admin: ApiCaller, path: string, body?: unknown): Promise<void> {
  const started = await admin.call<{ jobId?: string; id?: string }>("POST", path, body);
  const jobId = started.jobId ?? started.id;
  for (let i = 0; i < 600; i++) {
    const job = await admin.call<JobRecord>("GET", `/api/admin/jobs/${jobId}`);
    if (job.state === "succeeded") return;
    if (job.state === "failed") throw new Error(`Job ${path} failed: ${JSON.stringify(job.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Job ${path} did not finish within a minute`);
}
