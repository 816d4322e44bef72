// Shared steps of the matching API tests: directory sync, cohorts, enrolment, running a job to the end,
// and picking dev-tenant people for a deterministic cohort (same seed → same org).
import { expect } from "vitest";
import type { DevPerson } from "../../src/devtenant/model.js";
import type { ApiResponse, TestApp } from "../helpers/test-app.js";

export interface PersonRefView {
  id: string;
  displayName: string;
  jobTitle: string | null;
  department: string | null;
}
export interface ProposalPairView {
  id: string;
  mentor: PersonRefView;
  mentee: PersonRefView;
  score: number;
  locked: boolean;
  sharedMinutesPerWeek: number;
  reasons: Array<{ term: string; points: number; text: string }>;
  state: string;
  veto: { reason: string; at: string } | null;
}
export interface ProposalView {
  cohortId: string;
  version: number;
  jobId: string | null;
  publishedAt: string | null;
  stats: { mentors: number; mentees: number; pairs: number; lockedPairs: number; matchedMentees: number; totalScore: number; averageScore: number; crossDepartmentShare: number };
  pairs: ProposalPairView[];
  unmatched: Array<{ person: PersonRefView; role: string; code: string; reason: string; compatiblePartners: number }>;
  rejectedLocks: Array<{ mentorId: string; menteeId: string; problems: Array<{ rule: string; message: string }> }>;
  locks: Array<{ mentorId: string; menteeId: string }>;
  forbidden: Array<{ mentorId: string; menteeId: string }>;
  vetoes: Array<{ mentorId: string; menteeId: string; reason: string; at: string }>;
}
export interface MyPairView {
  id: string;
  cohortId: string;
  cohortName: string;
  myRole: string;
  counterpart: PersonRefView;
  state: string;
  score: number;
  reasons: string[];
  canVeto: boolean;
}
export interface JobView {
  id: string;
  kind: string;
  state: string;
  progress: { percent: number; counts: Record<string, number>; message: string | null };
  error: { message: string } | null;
  result: Record<string, unknown> | null;
}
export interface Problem {
  type: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  violations?: unknown[];
}

const DAY = 86_400_000;
export const consent = { accepted: true, textVersion: "2026-01" };

export function problem(res: ApiResponse, status: number, kind: string): Problem {
  expect(res.status, res.text).toBe(status);
  const body = res.body as Problem;
  expect(body.type).toBe(`urn:reverse-mentorship:problem:${kind}`);
  return body;
}

/** Polls a job until it is no longer running (the job itself decides how long that takes). */
export async function waitForJob(t: TestApp, token: string, path: string): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const res = await t.api<JobView>("GET", path, { token });
    expect(res.status, res.text).toBe(200);
    if (res.body.state !== "running") return res.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${path} is still running after 600 polls`);
}

export async function syncDirectory(t: TestApp, admin: string): Promise<void> {
  const started = await t.api<{ id: string }>("POST", "/api/admin/directory/sync", { token: admin, body: { mode: "full" } });
  expect(started.status, started.text).toBe(202);
  const job = await waitForJob(t, admin, `/api/admin/directory/sync/${started.body.id}`);
  expect(job.state, JSON.stringify(job.error)).toBe("succeeded");
}

export async function openCohort(t: TestApp, admin: string, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const now = Date.now();
  const enrolment = { opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString() };
  const created = await t.api<{ id: string }>("POST", "/api/admin/cohorts", { token: admin, body: { name, enrolment, ...settings } });
  expect(created.status, created.text).toBe(201);
  const moved = await t.api("POST", `/api/admin/cohorts/${created.body.id}/transitions`, { token: admin, body: { to: "enrolling" } });
  expect(moved.status, moved.text).toBe(200);
  return created.body.id;
}

export async function enrol(t: TestApp, cohortId: string, userId: string, role: "mentor" | "mentee", skills: string[], tenantId?: string): Promise<void> {
  const token = await t.signIn(userId, tenantId);
  const res = await t.api("POST", `/api/cohorts/${cohortId}/enrolments`, { token, body: { role, skills, languages: ["en"], consent } });
  expect(res.status, res.text).toBe(201);
}

/** Starts matching and waits for the job; returns the finished job. */
export async function runMatching(t: TestApp, admin: string, cohortId: string): Promise<JobView> {
  const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohortId}/matching`, { token: admin });
  expect(started.status, started.text).toBe(202);
  const job = await waitForJob(t, admin, `/api/admin/jobs/${started.body.jobId}`);
  expect(job.state, JSON.stringify(job.error)).toBe("succeeded");
  return job;
}

export async function getProposal(t: TestApp, admin: string, cohortId: string): Promise<{ body: ProposalView; etag: string }> {
  const res = await t.api<ProposalView>("GET", `/api/admin/cohorts/${cohortId}/proposal`, { token: admin });
  expect(res.status, res.text).toBe(200);
  return { body: res.body, etag: res.headers.get("etag") ?? "" };
}

/** Everyone above a person, nearest manager first (from the dev tenant's own data). */
export function chainOf(people: readonly DevPerson[], id: string): string[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const chain: string[] = [];
  for (let m = byId.get(id)?.managerId ?? null; m !== null && !chain.includes(m); m = byId.get(m)?.managerId ?? null) chain.push(m);
  return chain;
}

export function usable(p: DevPerson): boolean {
  return p.accountEnabled && p.hasMailbox && p.userType === "Member";
}
