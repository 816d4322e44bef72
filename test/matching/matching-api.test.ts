// Matching through the real API: the app against the dev tenant over HTTPS and the embedded Cosmos DB.
// The flow an admin follows — sync, enrol, match, lock / forbid / swap, re-run, veto, publish — with the
// hard rules checked against the synced org chart. People are picked from the seeded dev org, so every
// run of this file sees the same organisation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CosmosJobStore } from "../../src/adapters/cosmos/cosmos-job-store.js";
import { CosmosLeaseStore } from "../../src/adapters/cosmos/cosmos-lease-store.js";
import { CosmosPeopleStore } from "../../src/adapters/cosmos/people-store.js";
import { EXECUTIVE_TITLE_PATTERN } from "../../src/app/roles.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import {
  chainOf,
  enrol,
  getProposal,
  openCohort,
  problem,
  runMatching,
  syncDirectory,
  usable,
  waitForJob,
  type JobView,
  type MyPairView,
  type ProposalPairView,
  type ProposalView,
} from "./matching-helpers.js";

const notifier = new RecordingNotifier();
let t: TestApp;
let admin: string;
let tenantId: string;
let people: readonly DevPerson[];
/** e[0] has the insider below them; e[4] is kept for the unmatched-reasons cohort. */
let e: DevPerson[];
/** Mentors nobody of e[] manages; m[5], m[6] are kept for the unmatched-reasons cohort. */
let m: DevPerson[];
/** A mentor inside e[0]'s reporting line. */
let insider: DevPerson;
let cohortId: string;
/** A cohort left in matching with a proposal (by the unmatched-reasons test). */
let matchingCohortId: string;

const NEAR_ZONES = new Set(["Eastern Standard Time", "Pacific Standard Time"]);

beforeAll(async () => {
  t = await startTestApp({ notifier });
  tenantId = t.tenantIds[0]!;
  admin = await t.signInAs("admin");
  await syncDirectory(t, admin);
  people = t.devTenant.directory(tenantId).people();
  pickPeople();
}, 120_000);
afterAll(async () => t?.stop());

function pickPeople(): void {
  const byId = (a: DevPerson, b: DevPerson) => (a.id < b.id ? -1 : 1);
  const hasReports = (p: DevPerson) => people.some((x) => x.managerId === p.id);
  const candidates = people.filter((p) => usable(p) && NEAR_ZONES.has(p.timeZone)).sort(byId);
  // Senior vice presidents (level 2) lead smaller parts of the org than C-levels, leaving more juniors outside.
  const execs = candidates.filter((p) => p.generatedLevel === 2 && EXECUTIVE_TITLE_PATTERN.test(p.jobTitle ?? "") && hasReports(p));
  const juniors = candidates.filter((p) => p.generatedLevel >= 3 && !hasReports(p));
  const first = execs.find((x) => juniors.some((j) => chainOf(people, j.id).includes(x.id)))!;
  insider = juniors.find((j) => chainOf(people, j.id).includes(first.id))!;
  const others = execs.filter((x) => x !== first && !chainOf(people, insider.id).includes(x.id)).slice(0, 4);
  e = [first, ...others];
  m = juniors.filter((j) => e.every((x) => !chainOf(people, j.id).includes(x.id))).slice(0, 7);
  expect(e).toHaveLength(5);
  expect(m).toHaveLength(7);
}

const ref = (p: ProposalPairView) => ({ mentorId: p.mentor.id, menteeId: p.mentee.id });
const pairOf = (proposal: ProposalView, mentorId: string, menteeId: string) => proposal.pairs.find((p) => p.mentor.id === mentorId && p.mentee.id === menteeId);
const path = (suffix = "") => `/api/admin/cohorts/${cohortId}${suffix}`;

/** A small cohort (two executives, two mentors nobody of them manages) matched into two pairs. */
async function matchedPairOfPairs(name: string, mentees: DevPerson[], mentors: DevPerson[]): Promise<{ id: string; pairs: ProposalPairView[] }> {
  const id = await openCohort(t, admin, name, { constraints: { minLevelGap: 1 } });
  for (const x of mentees) await enrol(t, id, x.id, "mentee", ["automation"]);
  for (const j of mentors) await enrol(t, id, j.id, "mentor", ["automation"]);
  await runMatching(t, admin, id);
  const pairs = (await getProposal(t, admin, id)).body.pairs;
  expect(pairs).toHaveLength(2);
  return { id, pairs };
}

describe("matching flow", () => {
  it("runs matching as a job: the cohort moves to matching and the proposal explains every pair, none inside a reporting line", async () => {
    cohortId = await openCohort(t, admin, "Matching flow", { constraints: { minLevelGap: 1 } });
    for (const x of e.slice(0, 4)) await enrol(t, cohortId, x.id, "mentee", ["genai-tools", "power-bi"]);
    for (const j of [...m.slice(0, 5), insider]) await enrol(t, cohortId, j.id, "mentor", ["genai-tools", "automation"]);

    const job = await runMatching(t, admin, cohortId);
    expect(job.kind).toBe("matching");
    expect(job.progress.percent).toBe(100);
    expect(job.progress.counts).toMatchObject({ mentors: 5 + 1, mentees: 4, mailboxesRead: 10 });
    expect((await t.api<{ state: string }>("GET", path(), { token: admin })).body.state).toBe("matching");

    const res = await t.api<ProposalView>("GET", path("/proposal"), { token: admin });
    expect(res.status, res.text).toBe(200);
    const proposal = res.body;
    expect(res.headers.get("etag")).toMatch(/^".+"$/);
    expect(proposal).toMatchObject({ cohortId, version: 1, jobId: job.id, publishedAt: null });
    expect(proposal.stats).toMatchObject({ mentors: 6, mentees: 4, pairs: 4, matchedMentees: 4 });
    expect(proposal.pairs.every((p) => p.state === "proposed" && p.reasons.length > 0 && p.sharedMinutesPerWeek > 0)).toBe(true);
    expect(proposal.pairs.some((p) => p.reasons.some((r) => /GenAI|Generative/i.test(r.text)))).toBe(true);
    expect(proposal.stats.totalScore).toBeCloseTo(proposal.pairs.reduce((s, p) => s + p.score, 0), 6);
    expect(proposal.unmatched.map((u) => u.role)).toEqual(["mentor", "mentor"]);

    // The hard rule, checked against the synced people store (not the matcher's own view).
    const store = new CosmosPeopleStore(t.server.cosmos.container("people"));
    for (const p of proposal.pairs) {
      const [mentor, mentee] = await Promise.all([store.get(tenantId, p.mentor.id), store.get(tenantId, p.mentee.id)]);
      expect(mentor!.chain).not.toContain(p.mentee.id);
      expect(mentee!.chain).not.toContain(p.mentor.id);
    }
    expect(pairOf(proposal, insider.id, e[0]!.id)).toBeUndefined();

    // Optional server-side filters narrow the pairs only.
    const someone = proposal.pairs[0]!.mentee;
    const byName = (await t.api<ProposalView>("GET", path(`/proposal?q=${encodeURIComponent(someone.displayName.toUpperCase())}`), { token: admin })).body;
    expect(byName.pairs.map((p) => p.mentee.id)).toEqual([someone.id]);
    expect(byName.stats.pairs).toBe(4);
    expect((await t.api<ProposalView>("GET", path("/proposal?minScore=100000"), { token: admin })).body.pairs).toEqual([]);
    expect((await t.api<ProposalView>("GET", path("/proposal?locked=true"), { token: admin })).body.pairs).toEqual([]);
    expect(problem(await t.api("GET", path("/proposal?minScore=lots"), { token: admin }), 400, "validation").errors?.map((x) => x.field)).toEqual(["query.minScore"]);
  });

  it("lock and forbid edit the proposal at once (stats recomputed, stale If-Match is 412) and a re-run keeps locks and excludes forbidden pairs", async () => {
    const before = await getProposal(t, admin, cohortId);
    const locked = await t.api<ProposalView>("POST", path("/proposal/locks"), { token: admin, headers: { "If-Match": before.etag }, body: { mentorId: insider.id, menteeId: e[1]!.id } });
    expect(locked.status, locked.text).toBe(200);
    expect(locked.body.version).toBe(before.body.version + 1);
    expect(locked.body.locks).toContainEqual({ mentorId: insider.id, menteeId: e[1]!.id });
    // The lock inside a reporting line is accepted as a wish and rejected by the run with the rule.
    expect((await t.api("POST", path("/proposal/locks"), { token: admin, body: { mentorId: insider.id, menteeId: e[0]!.id } })).status).toBe(200);
    problem(await t.api("POST", path("/proposal/forbidden"), { token: admin, headers: { "If-Match": before.etag }, body: { mentorId: m[0]!.id, menteeId: e[2]!.id } }), 412, "precondition-failed");

    const current = (await getProposal(t, admin, cohortId)).body;
    const victim = current.pairs.find((p) => p.mentor.id !== insider.id && p.mentee.id !== e[1]!.id)!;
    const forbidden = await t.api<ProposalView>("POST", path("/proposal/forbidden"), { token: admin, body: ref(victim) });
    expect(forbidden.status, forbidden.text).toBe(200);
    expect(forbidden.body.pairs.map((p) => p.id)).not.toContain(victim.id);
    expect(forbidden.body.stats.pairs).toBe(current.stats.pairs - 1);
    expect(forbidden.body.unmatched.filter((u) => u.code === "pairRemoved").map((u) => u.person.id).sort()).toEqual([victim.mentor.id, victim.mentee.id].sort());

    await runMatching(t, admin, cohortId);
    const rerun = (await getProposal(t, admin, cohortId)).body;
    expect(rerun.version).toBeGreaterThan(forbidden.body.version);
    expect(pairOf(rerun, insider.id, e[1]!.id)).toMatchObject({ locked: true, state: "proposed" });
    expect(pairOf(rerun, victim.mentor.id, victim.mentee.id)).toBeUndefined();
    expect(rerun.forbidden).toContainEqual(ref(victim));
    const rejected = rerun.rejectedLocks.find((l) => l.mentorId === insider.id && l.menteeId === e[0]!.id);
    expect(rejected?.problems.map((p) => p.rule)).toContain("reportingLine");
    expect(rerun.stats.lockedPairs).toBe(1);
    // The previous run's pair documents that are no longer proposed are gone.
    expect((await t.api<MyPairView[]>("GET", "/api/me/pairs", { token: await t.signIn(victim.mentee.id) })).text).not.toContain(victim.id);
  });

  it("swaps mentors of two pairs, and refuses (409) a swap that would put a mentor under their own executive", async () => {
    const unlocked = await t.api<ProposalView>("DELETE", path(`/proposal/locks/${insider.id}/${e[1]!.id}`), { token: admin });
    expect(unlocked.status, unlocked.text).toBe(200);
    expect(pairOf(unlocked.body, insider.id, e[1]!.id)?.locked).toBe(false);
    problem(await t.api("DELETE", path(`/proposal/locks/${insider.id}/${e[1]!.id}`), { token: admin }), 404, "not-found");

    const withInsider = pairOf(unlocked.body, insider.id, e[1]!.id)!;
    const ofFirst = unlocked.body.pairs.find((p) => p.mentee.id === e[0]!.id)!;
    const refused = problem(await t.api("POST", path("/proposal/swaps"), { token: admin, body: { pairIdA: withInsider.id, pairIdB: ofFirst.id } }), 409, "conflict");
    expect(refused.detail).toMatch(/reportingLine/);
    expect(refused.violations).toHaveLength(1);

    const [a, b] = unlocked.body.pairs.filter((p) => p.mentor.id !== insider.id);
    const swapped = await t.api<ProposalView>("POST", path("/proposal/swaps"), { token: admin, body: { pairIdA: a!.id, pairIdB: b!.id } });
    expect(swapped.status, swapped.text).toBe(200);
    const ids = swapped.body.pairs.map((p) => p.id);
    expect(ids).not.toContain(a!.id);
    expect(ids).not.toContain(b!.id);
    expect(pairOf(swapped.body, b!.mentor.id, a!.mentee.id)?.reasons.length).toBeGreaterThan(0);
    expect(pairOf(swapped.body, a!.mentor.id, b!.mentee.id)).toBeDefined();
    expect(swapped.body.stats.pairs).toBe(unlocked.body.stats.pairs);
    expect(swapped.body.stats.totalScore).toBeCloseTo(swapped.body.pairs.reduce((s, p) => s + p.score, 0), 6);
    problem(await t.api("POST", path("/proposal/swaps"), { token: admin, body: { pairIdA: a!.id, pairIdB: ids[0] } }), 404, "not-found");
  });

  it("lets only the executive veto a proposed pair; the admin sees it and the next run respects it", async () => {
    const proposal = (await getProposal(t, admin, cohortId)).body;
    const target = proposal.pairs.find((p) => p.mentor.id !== insider.id)!;
    const exec = await t.signIn(target.mentee.id);
    const mentor = await t.signIn(target.mentor.id);

    const mine = await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: exec });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body.pairs.find((p) => p.id === target.id)).toMatchObject({ myRole: "mentee", state: "proposed", canVeto: true, cohortName: "Matching flow", counterpart: { id: target.mentor.id } });
    expect((await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: mentor })).body.pairs.map((p) => p.id)).not.toContain(target.id);

    problem(await t.api("POST", `/api/me/pairs/${target.id}/veto`, { token: mentor, body: { reason: "not me" } }), 403, "forbidden");
    expect(problem(await t.api("POST", `/api/me/pairs/${target.id}/veto`, { token: exec, body: { reason: " " } }), 400, "validation").errors?.map((x) => x.field)).toEqual(["reason"]);
    const vetoed = await t.api<MyPairView>("POST", `/api/me/pairs/${target.id}/veto`, { token: exec, body: { reason: "We already work together closely" } });
    expect(vetoed.status, vetoed.text).toBe(200);
    expect(vetoed.body).toMatchObject({ state: "vetoed", canVeto: false });
    problem(await t.api("POST", `/api/me/pairs/${target.id}/veto`, { token: exec, body: { reason: "again" } }), 409, "conflict");

    const seen = (await getProposal(t, admin, cohortId)).body;
    expect(seen.vetoes).toContainEqual(expect.objectContaining({ ...ref(target), reason: "We already work together closely" }));
    expect(seen.pairs.find((p) => p.id === target.id)).toMatchObject({ state: "vetoed", veto: { reason: "We already work together closely" } });
    expect(seen.stats.pairs).toBe(proposal.stats.pairs - 1);

    await runMatching(t, admin, cohortId);
    const rerun = (await getProposal(t, admin, cohortId)).body;
    expect(rerun.pairs.map((p) => p.id)).not.toContain(target.id);
    expect(rerun.vetoes).toContainEqual(expect.objectContaining(ref(target)));
  });

  it("publishes: pairs become active, both people are notified once, a retry notifies nobody again, and the proposal is then frozen", async () => {
    const proposal = (await getProposal(t, admin, cohortId)).body;
    const published = await t.api<{ cohortId: string; published: number; notified: number }>("POST", path("/publish"), { token: admin });
    expect(published.status, published.text).toBe(200);
    expect(published.body).toEqual({ cohortId, published: proposal.pairs.length, notified: 2 * proposal.pairs.length });

    const matched = notifier.of("matched").map((n) => n.payload as unknown as { recipient: { userId: string }; role: string; pairId: string; reasons: string[]; partner: { userId: string } });
    expect(matched).toHaveLength(2 * proposal.pairs.length);
    for (const pair of proposal.pairs) {
      const told = matched.filter((n) => n.pairId === pair.id);
      expect(told.map((n) => [n.role, n.recipient.userId, n.partner.userId]).sort()).toEqual([
        ["mentee", pair.mentee.id, pair.mentor.id],
        ["mentor", pair.mentor.id, pair.mentee.id],
      ]);
      expect(told[0]!.reasons).toEqual(pair.reasons.map((r) => r.text));
    }

    const again = await t.api<{ published: number; notified: number }>("POST", path("/publish"), { token: admin });
    expect(again.status, again.text).toBe(200);
    expect(again.body).toMatchObject({ published: proposal.pairs.length, notified: 0 });
    expect(notifier.of("matched")).toHaveLength(2 * proposal.pairs.length);

    expect((await t.api<{ state: string }>("GET", path(), { token: admin })).body.state).toBe("published");
    const after = (await getProposal(t, admin, cohortId)).body;
    expect(after.publishedAt).not.toBeNull();
    expect(after.pairs.every((p) => p.state === "active")).toBe(true);
    const first = after.pairs[0]!;
    const mentorView = await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: await t.signIn(first.mentor.id) });
    expect(mentorView.body.pairs.find((p) => p.id === first.id)).toMatchObject({ myRole: "mentor", state: "active", canVeto: false });

    problem(await t.api("POST", path("/proposal/locks"), { token: admin, body: ref(first) }), 409, "conflict");
    problem(await t.api("POST", path("/matching"), { token: admin }), 409, "conflict");
    problem(await t.api("POST", `/api/me/pairs/${first.id}/veto`, { token: await t.signIn(first.mentee.id), body: { reason: "late" } }), 409, "conflict");
  });
  it("never repeats a pair from an earlier cohort: the same two people in a new cohort stay unmatched, with the reason", async () => {
    const earlier = (await getProposal(t, admin, cohortId)).body.pairs[0]!;
    const next = await openCohort(t, admin, "Second round", { constraints: { minLevelGap: 1 } });
    await enrol(t, next, earlier.mentee.id, "mentee", ["genai-tools"]);
    await enrol(t, next, earlier.mentor.id, "mentor", ["genai-tools"]);
    await runMatching(t, admin, next);
    const proposal = (await getProposal(t, admin, next)).body;
    expect(proposal.pairs).toEqual([]);
    const mentee = proposal.unmatched.find((u) => u.person.id === earlier.mentee.id);
    expect(mentee).toMatchObject({ code: "noCompatiblePartner", compatiblePartners: 0, reason: expect.stringMatching(/paired with in an earlier cohort/) });
  });

  it("two publishes at the same time notify each person exactly once", async () => {
    const { id } = await matchedPairOfPairs("Published twice at once", [e[1]!, e[2]!], [m[5]!, m[6]!]);
    const before = notifier.of("matched").length;
    const answers = await Promise.all([0, 1].map(() => t.api<{ published: number; notified: number }>("POST", `/api/admin/cohorts/${id}/publish`, { token: admin })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers[0]!.body.notified + answers[1]!.body.notified).toBe(4);
    const told = notifier.of("matched").slice(before).map((n) => n.payload.recipient.userId).sort();
    expect(told).toEqual([e[1]!.id, e[2]!.id, m[5]!.id, m[6]!.id].sort());
  });

  it("does not publish a pair whose executive withdrew after the run, and erases that proposed pair", async () => {
    const { id, pairs } = await matchedPairOfPairs("Someone withdrew", [e[0]!, e[3]!], [m[5]!, m[6]!]);
    const leaver = await t.signIn(e[3]!.id);
    expect((await t.api("DELETE", `/api/me/enrolments/${id}`, { token: leaver })).status).toBe(204);
    const published = await t.api<{ published: number; notified: number }>("POST", `/api/admin/cohorts/${id}/publish`, { token: admin });
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ published: 1, notified: 2 });
    const left = pairs.find((p) => p.mentee.id === e[3]!.id)!;
    expect((await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: leaver })).body.pairs.map((p) => p.id)).not.toContain(left.id);
    expect((await getProposal(t, admin, id)).body.pairs.map((p) => p.id)).toEqual(pairs.filter((p) => p !== left).map((p) => p.id));
  });

  it("leaves out someone who withdraws while the run is under way: nothing about them is stored again", async () => {
    const id = await openCohort(t, admin, "Withdrew mid-run", { constraints: { minLevelGap: 1 } });
    for (const x of [e[1]!, e[2]!]) await enrol(t, id, x.id, "mentee", ["automation"]);
    for (const j of [m[3]!, m[4]!]) await enrol(t, id, j.id, "mentor", ["automation"]);
    const leaver = e[2]!;
    // Slow Graph: the run is still reading working hours when the executive withdraws.
    t.devTenant.setFaults({ latencyMs: [1500, 1500] });
    try {
      const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${id}/matching`, { token: admin });
      expect(started.status, started.text).toBe(202);
      expect((await t.api("DELETE", `/api/me/enrolments/${id}`, { token: await t.signIn(leaver.id) })).status).toBe(204);
      const job: JobView = await waitForJob(t, admin, `/api/admin/jobs/${started.body.jobId}`);
      expect(job.state, JSON.stringify(job.error)).toBe("succeeded");
    } finally {
      t.devTenant.setFaults({ latencyMs: [0, 0] });
    }
    const { body } = await getProposal(t, admin, id);
    expect(body.pairs).toHaveLength(1);
    expect(body.stats).toMatchObject({ mentees: 1, mentors: 2 });
    expect(JSON.stringify(body)).not.toContain(leaver.id);
    const stored = await t.server.cosmos
      .container("programs")
      .items.query({ query: "SELECT * FROM c WHERE c.tenantId = @t AND c.cohortId = @c", parameters: [{ name: "@t", value: tenantId }, { name: "@c", value: id }] })
      .fetchAll();
    const mentions = stored.resources.filter((doc) => JSON.stringify(doc).includes(leaver.id) || JSON.stringify(doc).includes(leaver.displayName));
    expect(mentions).toEqual([]);
  });
});

describe("people who cannot be matched", () => {
  it("reports a participant missing from the directory snapshot and one without a mailbox as unmatched, with the reason", async () => {
    const id = await openCohort(t, admin, "Unmatched reasons");
    matchingCohortId = id;
    const [gone, noMailbox] = [m[5]!, m[6]!];
    await enrol(t, id, e[4]!.id, "mentee", ["genai-tools"]);
    await enrol(t, id, gone.id, "mentor", ["genai-tools"]);
    await enrol(t, id, noMailbox.id, "mentor", ["genai-tools"]);
    await new CosmosPeopleStore(t.server.cosmos.container("people")).deleteMany(tenantId, [gone.id], new AbortController().signal);
    t.devTenant.directory(tenantId).update(noMailbox.id, { hasMailbox: false });
    try {
      await runMatching(t, admin, id);
    } finally {
      t.devTenant.directory(tenantId).update(noMailbox.id, { hasMailbox: true });
    }
    const proposal = (await getProposal(t, admin, id)).body;
    expect(proposal.pairs).toEqual([]);
    const byId = new Map(proposal.unmatched.map((u) => [u.person.id, u]));
    expect(byId.get(gone.id)).toMatchObject({ role: "mentor", code: "invalidProfile", reason: expect.stringMatching(/not in the directory snapshot/) });
    expect(byId.get(noMailbox.id)).toMatchObject({ role: "mentor", code: "invalidProfile", reason: expect.stringMatching(/no mailbox/) });
    expect(byId.get(e[4]!.id)).toMatchObject({ role: "mentee", code: "nobodyOnOtherSide" });
    expect(byId.get(noMailbox.id)?.person.displayName).toBe(noMailbox.displayName);
    problem(await t.api("POST", `/api/admin/cohorts/${id}/publish`, { token: admin }), 409, "conflict");
  });
});

describe("problems", () => {
  it("answers bad input with 400 naming the field, unknown things with 404, non-admins with 403 and wrong states with 409", async () => {
    const employee = await t.signIn(m[4]!.id);
    const fresh = await openCohort(t, admin, "Problems");
    const bad = problem(await t.api("POST", `/api/admin/cohorts/${fresh}/proposal/locks`, { token: admin, body: { mentorId: "a/b" } }), 400, "validation");
    expect(bad.errors?.map((x) => x.field).sort()).toEqual(["menteeId", "mentorId"]);
    expect(problem(await t.api("POST", "/api/admin/cohorts/not-a-cohort/matching", { token: admin }), 400, "validation").errors?.map((x) => x.field)).toEqual(["path.cohortId"]);
    expect(problem(await t.api("POST", `/api/admin/cohorts/${fresh}/proposal/swaps`, { token: admin, body: { pairIdA: "x" } }), 400, "validation").errors?.map((x) => x.field)).toEqual(["pairIdB"]);
    problem(await t.api("GET", `/api/admin/cohorts/${crypto.randomUUID()}/proposal`, { token: admin }), 404, "not-found");
    problem(await t.api("POST", `/api/admin/cohorts/${crypto.randomUUID()}/matching`, { token: admin }), 404, "not-found");
    problem(await t.api("GET", `/api/admin/cohorts/${fresh}/proposal`, { token: admin }), 404, "not-found");
    problem(await t.api("POST", `/api/admin/cohorts/${fresh}/publish`, { token: admin }), 409, "conflict");
    problem(await t.api("POST", `/api/me/pairs/${fresh}_nobody_none/veto`, { token: employee, body: { reason: "x" } }), 404, "not-found");
    for (const [method, suffix] of [["POST", "/matching"], ["GET", "/proposal"], ["POST", "/publish"]] as const) {
      problem(await t.api(method, `/api/admin/cohorts/${fresh}${suffix}`, { token: employee }), 403, "forbidden");
    }
    const draft = await t.api<{ id: string }>("POST", "/api/admin/cohorts", { token: admin, body: { name: "Draft", enrolment: { opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() } } });
    expect(problem(await t.api("POST", `/api/admin/cohorts/${draft.body.id}/matching`, { token: admin }), 409, "conflict").detail).toMatch(/enrolling or matching; "Draft" is draft/);
  });

  it("while another instance runs matching (its job and lease): a second run, edits and publishing are 409 naming the running job", async () => {
    const id = await openCohort(t, admin, "Busy");
    const now = new Date().toISOString();
    const job = await new CosmosJobStore(t.server.cosmos.container("jobs")).create({
      id: crypto.randomUUID(),
      tenantId,
      kind: "matching",
      state: "running",
      progress: { percent: 10, counts: {}, message: null },
      requestedBy: null,
      instanceId: "another-instance",
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
      error: null,
      result: null,
    });
    const leases = new CosmosLeaseStore(t.server.cosmos.container("jobs"), { now: () => Date.now() });
    const lease = await leases.acquire({ tenantId, name: "job:matching", holder: `another-instance/${job.id}`, ttlMs: 60_000, jobId: job.id });
    expect(lease).not.toBeNull();
    try {
      expect(problem(await t.api("POST", `/api/admin/cohorts/${id}/matching`, { token: admin }), 409, "conflict").detail).toMatch(new RegExp(`already running.*${job.id}`));
      const edit = problem(await t.api("POST", `/api/admin/cohorts/${matchingCohortId}/proposal/forbidden`, { token: admin, body: { mentorId: m[6]!.id, menteeId: e[4]!.id } }), 409, "conflict");
      expect(edit.detail).toMatch(new RegExp(`Matching is running \\(job ${job.id}\\)`));
      expect(problem(await t.api("POST", `/api/admin/cohorts/${matchingCohortId}/publish`, { token: admin }), 409, "conflict").detail).toMatch(/Matching is running/);
    } finally {
      await leases.release(lease!);
    }
    expect((await t.api<{ state: string }>("GET", `/api/admin/cohorts/${id}`, { token: admin })).body.state).toBe("enrolling");
    // Once the other instance is gone (no lease), its stale job no longer blocks edits.
    expect((await t.api("POST", `/api/admin/cohorts/${matchingCohortId}/proposal/forbidden`, { token: admin, body: { mentorId: m[6]!.id, menteeId: e[4]!.id } })).status).toBe(200);
    // Locks and forbids name two people enrolled in their roles.
    const wrongRole = problem(await t.api("POST", `/api/admin/cohorts/${matchingCohortId}/proposal/locks`, { token: admin, body: { mentorId: e[4]!.id, menteeId: m[0]!.id } }), 409, "conflict");
    expect(wrongRole.detail).toBe(`${e[4]!.id} is not enrolled as a mentor in this cohort; ${m[0]!.id} is not enrolled as a mentee in this cohort.`);
  });
});

describe("tenant isolation", () => {
  it("another tenant's admin cannot read, edit or publish a proposal, and its people cannot see or veto the pairs", async () => {
    const fabrikam = t.tenantIds[1]!;
    const fabAdmin = await t.signInAs("admin", fabrikam);
    const fabExec = await t.signInAs("executive", fabrikam);
    problem(await t.api("GET", path("/proposal"), { token: fabAdmin }), 404, "not-found");
    problem(await t.api("POST", path("/matching"), { token: fabAdmin }), 404, "not-found");
    problem(await t.api("POST", path("/publish"), { token: fabAdmin }), 404, "not-found");
    problem(await t.api("POST", path("/proposal/forbidden"), { token: fabAdmin, body: { mentorId: m[0]!.id, menteeId: e[0]!.id } }), 404, "not-found");
    const pairId = (await getProposal(t, admin, cohortId)).body.pairs[0]!.id;
    problem(await t.api("POST", `/api/me/pairs/${pairId}/veto`, { token: fabExec, body: { reason: "x" } }), 404, "not-found");
    expect((await t.api<{ pairs: MyPairView[] }>("GET", "/api/me/pairs", { token: fabExec })).body.pairs).toEqual([]);
  });
});
