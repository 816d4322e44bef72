// What leaving a cohort (DELETE /api/me/enrolments/{cohortId}) does to pairs, sessions and feedback,
// through the real API: the app against the dev tenant over HTTPS and the embedded Cosmos DB. Calendar
// truth (cancelled meetings) is read back from the dev tenant itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosFeedbackRepository } from "../../src/adapters/cosmos/feedback-repository.js";
import { CosmosPairRepository } from "../../src/adapters/cosmos/pair-repository.js";
import type { SchedulingServices } from "../../src/app/scheduling/scheduling-services.js";
import { EXECUTIVE_TITLE_PATTERN } from "../../src/app/roles.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { chainOf, enrol, getProposal, openCohort, problem, runMatching, syncDirectory, usable, type MyPairView } from "../matching/matching-helpers.js";
import { devCall, organisedSessions, pairPerson, seedCohort, waitForJob } from "../scheduling/scheduling-support.js";

let t: TestApp;
let admin: string;
let people: readonly DevPerson[];
let execs: DevPerson[];
let juniors: DevPerson[];
const tenant = () => t.tenantIds[0]!.toLowerCase();

beforeAll(async () => {
  t = await startTestApp({ notifier: new RecordingNotifier() });
  // Executives answer only when a test says so.
  await devCall(t, "PUT", "/dev/behaviour", { enabled: false });
  admin = await t.signInAs("admin");
  await syncDirectory(t, admin);
  people = t.devTenant.directory(t.tenantIds[0]!).people();
  const zones = new Set(["Eastern Standard Time", "Pacific Standard Time"]);
  const hasReports = (p: DevPerson) => people.some((x) => x.managerId === p.id);
  const candidates = people.filter((p) => usable(p) && p.mail && zones.has(p.timeZone)).sort((a, b) => (a.id < b.id ? -1 : 1));
  execs = candidates.filter((p) => p.generatedLevel === 2 && EXECUTIVE_TITLE_PATTERN.test(p.jobTitle ?? "")).slice(0, 2);
  juniors = candidates.filter((j) => j.generatedLevel >= 3 && !hasReports(j) && execs.every((x) => !chainOf(people, j.id).includes(x.id))).slice(0, 3);
  expect(execs).toHaveLength(2);
  expect(juniors).toHaveLength(3);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

async function myPairs(userId: string): Promise<MyPairView[]> {
  const res = await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: await t.signIn(userId) });
  expect(res.status, res.text).toBe(200);
  return res.body.pairs;
}

describe("leaving while the pair is only proposed", () => {
  it("takes the leaver out of the proposal, leaves the partner unmatched without naming anyone, and deletes the pair", async () => {
    const cohortId = await openCohort(t, admin, "Leave while proposed", { constraints: { minLevelGap: 1 } });
    for (const x of execs) await enrol(t, cohortId, x.id, "mentee", ["automation"]);
    for (const j of juniors.slice(0, 2)) await enrol(t, cohortId, j.id, "mentor", ["automation"]);
    await runMatching(t, admin, cohortId);
    const matched = (await getProposal(t, admin, cohortId)).body;
    expect(matched.pairs).toHaveLength(2);
    const [left, kept] = matched.pairs as [(typeof matched.pairs)[0], (typeof matched.pairs)[0]];
    const leaver = left.mentor;
    const partner = left.mentee;
    // The admin locked the leaver's pair: a lock naming someone who left must go too.
    const locked = await t.api("POST", `/api/admin/cohorts/${cohortId}/proposal/locks`, { token: admin, body: { mentorId: leaver.id, menteeId: partner.id } });
    expect(locked.status, locked.text).toBe(200);
    const before = (await getProposal(t, admin, cohortId)).body;
    expect(before.locks).toHaveLength(1);

    const res = await t.api("DELETE", `/api/me/enrolments/${cohortId}`, { token: await t.signIn(leaver.id) });
    expect(res.status, res.text).toBe(204);

    const after = (await getProposal(t, admin, cohortId)).body;
    expect(after.pairs.map((p) => p.id)).toEqual([kept.id]);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.stats).toMatchObject({ mentors: before.stats.mentors - 1, mentees: before.stats.mentees, pairs: 1, lockedPairs: 0, matchedMentees: 1 });
    expect(after.locks).toEqual([]);
    const unmatched = after.unmatched.find((u) => u.person.id === partner.id);
    expect(unmatched).toMatchObject({ role: "mentee", code: "pairRemoved" });
    expect(unmatched?.reason).toMatch(/partner left the cohort/);
    expect(unmatched?.reason).not.toContain(leaver.displayName);
    expect(JSON.stringify(after)).not.toContain(leaver.id);
    // The executive no longer sees the proposal with the leaver; the document is gone.
    expect((await myPairs(partner.id)).map((p) => p.id)).not.toContain(left.id);
    expect(await new CosmosPairRepository(t.server.cosmos.container("programs")).get(tenant(), left.id)).toBeNull();
    // The unaffected pair is untouched.
    expect((await myPairs(kept.mentee.id)).find((p) => p.id === kept.id)?.state).toBe("proposed");

    // A repeat finds nothing left: 404, and the proposal does not change again.
    const again = await t.api("DELETE", `/api/me/enrolments/${cohortId}`, { token: await t.signIn(leaver.id) });
    problem(again, 404, "not-found");
    expect((await getProposal(t, admin, cohortId)).body.version).toBe(after.version);
  }, 120_000);
});

describe("leaving a published, scheduled pair", () => {
  it("cancels future meetings in Outlook, ends the pair, erases the leaver and their feedback, and keeps held sessions countable", async () => {
    const mentor = juniors[2]!;
    const mentee = execs[0]!;
    const cohort = await seedCohort(t, "Leave after publish", { everyWeeks: 1, sessionMinutes: 30, sessions: 3 }, [{ mentor: pairPerson(mentor), mentee: pairPerson(mentee) }]);
    const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: admin });
    expect(started.status, started.text).toBe(202);
    expect((await waitForJob(t, admin, started.body.jobId)).state).toBe("succeeded");
    const services = t.server.deps.scheduling as SchedulingServices;
    const sessions = (await services.sessions.listAll(tenant(), { cohortId: cohort.id })).sort((a, b) => a.index - b.index);
    expect(sessions).toHaveLength(3);
    expect(await organisedSessions(t, mentor.id)).toHaveLength(3);

    // The mentor skips the last session with a reason of their own (free text that must not survive).
    const mentorToken = await t.signIn(mentor.id);
    const skipped = await t.api("POST", `/api/me/sessions/${sessions[2]!.id}/skip`, { token: mentorToken, body: { reason: "my private reason" } });
    expect(skipped.status, skipped.text).toBe(200);
    // The first meeting took place (as the RSVP poll records it) and both gave feedback on it.
    const first = sessions[0]!;
    await services.sessions.replace({ ...first, state: "held" });
    const feedback = new CosmosFeedbackRepository(t.server.cosmos.container("programs"));
    const base = { type: "feedback" as const, tenantId: tenant(), cohortId: cohort.id, pairId: first.pairId, sessionId: first.id, rating: 5, createdAt: new Date().toISOString() };
    await feedback.create({ ...base, id: `${first.id}_${mentor.id.toLowerCase()}`, userId: mentor.id, role: "mentor", comment: "mentor's words" });
    await feedback.create({ ...base, id: `${first.id}_${mentee.id.toLowerCase()}`, userId: mentee.id, role: "mentee", comment: "mentee's words" });

    const res = await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token: mentorToken });
    expect(res.status, res.text).toBe(204);

    // Calendar truth: only the meeting that was held is left in the organiser's calendar.
    expect((await organisedSessions(t, mentor.id)).map((e) => e.id)).toEqual([first.eventId]);
    const afterSessions = new Map((await services.sessions.listAll(tenant(), { cohortId: cohort.id })).map((s) => [s.id, s]));
    expect(afterSessions.get(first.id)?.state).toBe("held");
    const middle = afterSessions.get(sessions[1]!.id)!;
    expect(middle.state).toBe("cancelled");
    expect(middle.history.at(-1)).toMatchObject({ kind: "cancelled", by: "system", note: "participant left" });
    const skippedAfter = afterSessions.get(sessions[2]!.id)!;
    expect(skippedAfter.history.filter((h) => h.by === "mentor").map((h) => h.note)).toEqual([null]);
    expect(JSON.stringify([...afterSessions.values()])).not.toContain("my private reason");

    const pair = (await services.pairs.get(tenant(), first.pairId))!;
    expect(pair.state).toBe("ended");
    expect(pair.endedAt).not.toBeNull();
    expect(pair.mentor).toEqual({ id: mentor.id, displayName: "Former participant", jobTitle: null, department: null, timeZone: null, mail: null });
    expect(pair.mentee).toEqual(pairPerson(mentee));
    expect(JSON.stringify(pair)).not.toContain(mentor.displayName);

    expect(await feedback.get(tenant(), first.id, mentor.id)).toBeNull();
    expect((await feedback.get(tenant(), first.id, mentee.id))?.comment).toBe("mentee's words");

    // The admin's figures still count what happened: the held meeting, the ended pair, the partner's feedback.
    const health = await t.api<{ pairs: Record<string, number>; sessions: { byState: Record<string, number> }; feedback: { count: number } }>("GET", `/api/admin/cohorts/${cohort.id}/health`, { token: admin });
    expect(health.status, health.text).toBe(200);
    expect(health.body.sessions.byState).toMatchObject({ held: 1, cancelled: 2 });
    expect(health.body.pairs).toMatchObject({ active: 0, ended: 1 });
    expect(health.body.feedback.count).toBe(1);

    // The partner sees the ended pair, and only "Former participant" in place of the leaver.
    const seen = (await myPairs(mentee.id)).find((p) => p.id === pair.id);
    expect(seen).toMatchObject({ state: "ended", counterpart: { id: mentor.id, displayName: "Former participant", jobTitle: null, department: null } });

    // The leaver no longer sees the pair or its sessions, and cannot bring their feedback back.
    expect((await myPairs(mentor.id)).map((p) => p.id)).not.toContain(pair.id);
    const theirSessions = await t.api<{ items: Array<{ cohortId: string }> }>("GET", "/api/me/sessions?limit=50", { token: mentorToken });
    expect(theirSessions.status, theirSessions.text).toBe(200);
    expect(theirSessions.body.items.filter((x) => x.cohortId === cohort.id)).toEqual([]);
    problem(await t.api("POST", `/api/me/sessions/${first.id}/feedback`, { token: mentorToken, body: { rating: 1, comment: "back again" } }), 403, "forbidden");

    // A retried withdraw does no harm: 404, nothing rewritten, no calendar call.
    const etag = pair.etag;
    problem(await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token: mentorToken }), 404, "not-found");
    expect((await services.pairs.get(tenant(), pair.id))?.etag).toBe(etag);
    expect((await services.sessions.get(tenant(), middle.id))?.etag).toBe(middle.etag);
  }, 180_000);
});

describe("a withdraw that fails half-way", () => {
  it("changes nothing it could not finish, and a retry completes it", async () => {
    const mentor = juniors[0]!;
    const mentee = execs[1]!;
    const cohort = await seedCohort(t, "Leave while Graph is down", { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, [{ mentor: pairPerson(mentor), mentee: pairPerson(mentee) }]);
    const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: admin });
    expect((await waitForJob(t, admin, started.body.jobId)).state).toBe("succeeded");
    expect(await organisedSessions(t, mentor.id)).toHaveLength(2);
    const services = t.server.deps.scheduling as SchedulingServices;
    const pairId = (await services.sessions.listAll(tenant(), { cohortId: cohort.id }))[0]!.pairId;
    const token = await t.signIn(mentor.id);

    // Graph answers nothing but 503: the calendar cannot be cancelled, so the pair is neither ended nor erased.
    t.devTenant.setFaults({ unavailableRate: 1, retryAfterSeconds: 0.01 });
    try {
      const failed = await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token });
      expect(failed.status, failed.text).toBe(503);
    } finally {
      t.devTenant.setFaults({ unavailableRate: 0 });
    }
    const halfway = (await services.pairs.get(tenant(), pairId))!;
    expect(halfway.state).toBe("active");
    expect(halfway.mentor).toEqual(pairPerson(mentor));

    const retried = await t.api("DELETE", `/api/me/enrolments/${cohort.id}`, { token });
    expect(retried.status, retried.text).toBe(204);
    expect(await organisedSessions(t, mentor.id)).toHaveLength(0);
    const sessions = await services.sessions.listAll(tenant(), { cohortId: cohort.id });
    expect(sessions.map((s) => s.state)).toEqual(["cancelled", "cancelled"]);
    const done = (await services.pairs.get(tenant(), pairId))!;
    expect([done.state, done.mentor.displayName]).toEqual(["ended", "Former participant"]);
  }, 120_000);
});
