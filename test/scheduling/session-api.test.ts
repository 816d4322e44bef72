// RSVP handling, the employee sessions API and preferences, through the real API against the dev tenant
// over HTTPS with faults on. Executives answer through the dev tenant's "respond as the executive in
// Outlook" endpoint; the change reaches the product as the calendar watch would hand it over.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SchedulingServices } from "../../src/app/scheduling/scheduling-services.js";
import type { StoredCohort } from "../../src/app/cohorts/cohort-ports.js";
import type { DevPerson } from "../../src/devtenant/index.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { cast, devCall, eventsOf, organisedSessions, pairPerson, seedCohort, waitForJob } from "./scheduling-support.js";

interface MySession {
  id: string;
  pairId: string;
  state: string;
  start: string | null;
  end: string | null;
  myRole: string;
  counterpart: { id: string };
  canReschedule: boolean;
  canSkip: boolean;
}

let t: TestApp;
let admin: string;
let notifier: RecordingNotifier;
let offsetMs = 0;
let cohort: StoredCohort;
let mentor: DevPerson;
let mentee: DevPerson;
let outsider: DevPerson;
let services: SchedulingServices;
const tenant = () => t.tenantIds[0]!.toLowerCase();

beforeAll(async () => {
  notifier = new RecordingNotifier();
  // The app's clock can be moved forward at the end (meetings that ended); tokens are taken before that.
  t = await startTestApp({ notifier, clock: { now: () => Date.now() + offsetMs } });
  await devCall(t, "PUT", "/dev/behaviour", { enabled: false });
  t.devTenant.setFaults({ throttleRate: 0.08, unavailableRate: 0.04, retryAfterSeconds: 0.05 });
  admin = await t.signInAs("admin");
  services = t.server.deps.scheduling as SchedulingServices;
  const { executives, juniors } = cast(t);
  mentee = executives[0]!;
  mentor = juniors.find((j) => j.timeZone === mentee.timeZone) ?? juniors[0]!;
  outsider = juniors.find((j) => j.id !== mentor.id)!;
  cohort = await seedCohort(t, "RSVP cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 5 }, [{ mentor: pairPerson(mentor), mentee: pairPerson(mentee) }]);
  const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: admin });
  expect((await waitForJob(t, admin, started.body.jobId)).state).toBe("succeeded");
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

async function mySessions(token: string): Promise<MySession[]> {
  const res = await t.api<{ items: MySession[] }>("GET", "/api/me/sessions?limit=50", { token });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function stored(id: string) {
  return (await services.sessions.get(tenant(), id))!;
}

/** A booked session of the pair that is still ahead (and not one an earlier test changed). */
async function bookedSession(skip: Set<string>) {
  const all = await services.sessions.listAll(tenant(), { cohortId: cohort.id });
  const found = all.filter((s) => s.eventId && !skip.has(s.id) && ["booked", "accepted", "tentative", "rescheduled"].includes(s.state)).sort((a, b) => a.index - b.index)[0];
  if (!found) throw new Error("no booked session left");
  skip.add(found.id);
  return found;
}

function respond(eventId: string, response: "accepted" | "declined" | "tentativelyAccepted") {
  return devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${mentee.id}/respond`, { organizer: mentor.id, eventId, response });
}

const touched = new Set<string>();

describe("RSVP handling", () => {
  it("an acceptance is recorded once; a repeated notification changes nothing; a resync finds a missed answer", async () => {
    const session = await bookedSession(touched);
    await respond(session.eventId!, "accepted");
    await services.rsvp.eventChanged({ tenantId: tenant(), organiserId: mentor.id, eventId: session.eventId!, changeType: "updated" });
    const after = await stored(session.id);
    expect([after.state, after.attendeeResponse]).toEqual(["accepted", "accepted"]);
    await services.rsvp.eventChanged({ tenantId: tenant(), organiserId: mentor.id, eventId: session.eventId!, changeType: "updated" });
    const again = await stored(session.id);
    expect(again.history).toHaveLength(after.history.length);
    // A change whose notification was lost is found by a resync of the organiser (lifecycle "missed").
    await respond(session.eventId!, "tentativelyAccepted");
    await services.rsvp.resync({ tenantId: tenant(), organiserId: mentor.id });
    expect((await stored(session.id)).state).toBe("tentative");
  }, 60_000);

  it("a decline moves the session to the next good slot, tells both once, and ignores the duplicate notification", async () => {
    const session = await bookedSession(touched);
    const before = notifier.of("sessionMoved").length;
    await respond(session.eventId!, "declined");
    const notice = { tenantId: tenant(), organiserId: mentor.id, eventId: session.eventId!, changeType: "updated" as const };
    await services.rsvp.eventChanged(notice);
    await services.rsvp.eventChanged(notice);
    const after = await stored(session.id);
    expect(after.state).toBe("rescheduled");
    expect(after.reslotCount).toBe(1);
    expect(after.start).not.toBe(session.start);
    expect(after.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["responded", "reslotted"]));
    const moved = notifier.of("sessionMoved").slice(before);
    expect(moved.map((n) => [n.payload.recipient.userId, n.payload.reason]).sort()).toEqual([[mentee.id, "declined"], [mentor.id, "declined"]].sort());
    // The organiser's event was moved, not duplicated: same event id, new time, answer reset.
    const events = await organisedSessions(t, mentor.id);
    const event = events.find((e) => e.id === session.eventId);
    expect(event).toBeDefined();
    expect(Date.parse(`${event!.start.dateTime}Z`)).toBe(Date.parse(after.start!));
  }, 60_000);

  it("a meeting deleted in Outlook is booked again at the next good slot as a new meeting", async () => {
    const session = await bookedSession(touched);
    const before = notifier.of("sessionMoved").length;
    await t.server.graph.app(t.tenantIds[0]!).api(`/users/${mentor.id}/events/${session.eventId}`).delete();
    await services.rsvp.eventChanged({ tenantId: tenant(), organiserId: mentor.id, eventId: session.eventId!, changeType: "deleted" });
    const after = await stored(session.id);
    expect(after.state).toBe("rescheduled");
    expect(after.eventId).not.toBe(session.eventId);
    expect(after.transactionId).not.toBe(session.transactionId);
    const events = await organisedSessions(t, mentor.id);
    expect(events.filter((e) => e.id === after.eventId)).toHaveLength(1);
    expect(notifier.of("sessionMoved").slice(before).map((n) => n.payload.reason)).toEqual(["organizer-changed", "organizer-changed"]);
  }, 60_000);
});

describe("employee sessions API", () => {
  it("lists my sessions with my role and counterpart; an outsider sees none of them and cannot act on them (404)", async () => {
    const mine = await mySessions(await t.signIn(mentor.id));
    expect(mine.length).toBe(5);
    expect(mine.every((s) => s.myRole === "mentor" && s.counterpart.id === mentee.id)).toBe(true);
    const asExec = await mySessions(await t.signIn(mentee.id));
    expect(asExec.every((s) => s.myRole === "mentee")).toBe(true);
    const other = await t.signIn(outsider.id);
    expect((await mySessions(other)).some((s) => s.pairId === mine[0]!.pairId)).toBe(false);
    expect((await t.api("POST", `/api/me/sessions/${mine[0]!.id}/skip`, { token: other, body: {} })).status).toBe(404);
    expect((await t.api("POST", `/api/me/sessions/${mine[0]!.id}/reschedule`, { token: other, body: {} })).status).toBe(404);
    expect((await t.api("POST", `/api/me/pairs/${mine[0]!.pairId}/pause`, { token: other })).status).toBe(404);
  }, 60_000);

  it("reschedule moves the session now and tells both; skip cancels the meeting", async () => {
    const token = await t.signIn(mentee.id);
    const target = await bookedSession(touched);
    const before = notifier.of("sessionMoved").length;
    const res = await t.api<MySession>("POST", `/api/me/sessions/${target.id}/reschedule`, { token, body: { reason: "travel" } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe("rescheduled");
    expect(res.body.start).not.toBe(target.start);
    expect(notifier.of("sessionMoved").slice(before).map((n) => n.payload.reason)).toEqual(["rescheduled", "rescheduled"]);

    const skipTarget = await bookedSession(touched);
    const skipped = await t.api<MySession>("POST", `/api/me/sessions/${skipTarget.id}/skip`, { token: await t.signIn(mentor.id), body: {} });
    expect(skipped.status).toBe(200);
    expect([skipped.body.state, skipped.body.canSkip, skipped.body.canReschedule]).toEqual(["cancelled", false, false]);
    expect((await organisedSessions(t, mentor.id)).some((e) => e.id === skipTarget.eventId)).toBe(false);
    // Skipping twice is refused with a reason.
    const again = await t.api<{ detail: string }>("POST", `/api/me/sessions/${skipTarget.id}/skip`, { token, body: {} });
    expect(again.status).toBe(409);
  }, 60_000);

  it("pause cancels the pair's future meetings; resume books them again", async () => {
    const token = await t.signIn(mentor.id);
    const pairId = (await mySessions(token))[0]!.pairId;
    const openBefore = (await services.sessions.listAll(tenant(), { pairId })).filter((s) => s.state !== "cancelled");
    const paused = await t.api<{ state: string }>("POST", `/api/me/pairs/${pairId}/pause`, { token });
    expect([paused.status, paused.body.state]).toEqual([200, "paused"]);
    expect((await services.sessions.listAll(tenant(), { pairId })).every((s) => s.state === "cancelled")).toBe(true);
    expect(await organisedSessions(t, mentor.id)).toHaveLength(0);
    expect((await t.api("POST", `/api/me/pairs/${pairId}/pause`, { token })).status).toBe(409);

    const resumed = await t.api<{ state: string }>("POST", `/api/me/pairs/${pairId}/resume`, { token: await t.signIn(mentee.id) });
    expect([resumed.status, resumed.body.state]).toEqual([200, "active"]);
    const after = await services.sessions.listAll(tenant(), { pairId });
    const rebooked = after.filter((s) => s.state === "booked");
    expect(rebooked.length).toBeGreaterThan(0);
    expect(rebooked.length).toBeLessThanOrEqual(openBefore.length);
    const events = await organisedSessions(t, mentor.id);
    expect(events.map((e) => e.id).sort()).toEqual(rebooked.map((s) => s.eventId).sort());
  }, 60_000);
});

describe("tenant isolation", () => {
  it("another tenant's admin and people see none of these sessions and cannot act on them", async () => {
    const fabrikam = t.tenantIds[1]!;
    const otherAdmin = await t.signInAs("admin", fabrikam);
    expect((await t.api("GET", `/api/admin/cohorts/${cohort.id}/sessions`, { token: otherAdmin })).status).toBe(404);
    expect((await t.api("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: otherAdmin })).status).toBe(404);
    const someone = await t.signInAs("employee", fabrikam);
    expect(await mySessions(someone)).toEqual([]);
    const ours = await services.sessions.listAll(tenant(), { cohortId: cohort.id });
    expect((await t.api("POST", `/api/me/sessions/${ours[0]!.id}/skip`, { token: someone, body: {} })).status).toBe(404);
  }, 60_000);
});

describe("executive preferences", () => {
  it("answers defaults, refuses bad values naming the field (400), and stores good ones", async () => {
    const token = await t.signIn(mentee.id);
    const empty = await t.api("GET", "/api/me/preferences", { token });
    expect(empty.body).toEqual({ maxSessionsPerWeek: null, preferredDays: [], preferredHours: null, notBefore: null });
    const bad = async (body: unknown) => {
      const res = await t.api<{ errors: Array<{ field: string }> }>("PUT", "/api/me/preferences", { token, body });
      expect(res.status).toBe(400);
      return res.body.errors.map((e) => e.field);
    };
    // A first date years ahead (relative to today, so the test never goes stale).
    const farAhead = new Date(Date.now() + 5 * 365 * 86_400_000).toISOString().slice(0, 10);
    const good = { maxSessionsPerWeek: 2, preferredDays: ["tuesday", "monday"], preferredHours: { start: "09:00", end: "12:00" }, notBefore: farAhead };
    expect(await bad({ ...good, maxSessionsPerWeek: 11 })).toEqual(["maxSessionsPerWeek"]);
    expect(await bad({ ...good, preferredHours: { start: "12:00", end: "09:00" } })).toEqual(["preferredHours.end"]);
    expect(await bad({ ...good, preferredHours: { start: "25:00", end: "26:00" } })).toContain("preferredHours.start");
    expect(await bad({ ...good, preferredDays: ["someday"] })).toEqual(["preferredDays[0]"]);
    expect(await bad({ ...good, notBefore: "2031-02-30" })).toEqual(["notBefore"]);
    expect(await bad({ ...good, notBefore: "tomorrow" })).toEqual(["notBefore"]);
    const saved = await t.api("PUT", "/api/me/preferences", { token, body: good });
    expect(saved.status).toBe(200);
    const read = await t.api("GET", "/api/me/preferences", { token });
    expect(read.body).toEqual({ ...good, preferredDays: ["monday", "tuesday"] });
    // The planner honours them at once: nothing can move before the executive's first date → 409 with the reason.
    const target = (await mySessions(token)).find((s) => s.canReschedule)!;
    const refused = await t.api<{ detail: string }>("POST", `/api/me/sessions/${target.id}/reschedule`, { token, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(farAhead);
    // Back to no preferences, so the later tests can re-slot this executive's sessions.
    await t.api("PUT", "/api/me/preferences", { token, body: empty.body });
  });
});

describe("the poll (safety net)", () => {
  it("moves a session whose executive is now busy over it (a new conflicting meeting)", async () => {
    const all = await services.sessions.listAll(tenant(), { cohortId: cohort.id });
    const session = all.filter((s) => s.state === "booked" && s.start).sort((a, b) => a.start!.localeCompare(b.start!))[0]!;
    const conflict = { start: new Date(Date.parse(session.start!) + 10 * 60_000).toISOString(), end: new Date(Date.parse(session.end!) + 20 * 60_000).toISOString() };
    // The executive deletes the invitation without answering (no decline reaches the organiser) and books
    // something else over it: the poll must see the clash in free/busy by itself.
    await devCall(t, "PUT", "/dev/behaviour", { laterConflict: 0, overrideProfiles: true });
    const copy = (await eventsOf(t, mentee.id)).find((e) => !e.isOrganizer && !e.isCancelled && Date.parse(`${e.start.dateTime}Z`) === Date.parse(session.start!))!;
    await t.server.graph.app(t.tenantIds[0]!).api(`/users/${mentee.id}/events/${copy.id}`).delete();
    await devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${mentee.id}/conflicts`, conflict);
    const before = notifier.of("sessionMoved").length;
    const report = await services.rsvp.poll(tenant());

    expect(report.failed).toBe(0);
    const after = await stored(session.id);
    expect(after.reslotCount).toBe(session.reslotCount + 1);
    const clash = Date.parse(after.start!) < Date.parse(conflict.end) && Date.parse(after.end!) > Date.parse(conflict.start);
    expect(clash).toBe(false);
    expect(notifier.of("sessionMoved").slice(before).map((n) => n.payload.reason)).toEqual(["conflict", "conflict"]);
    expect(after.history.at(-1)?.note).toMatch(/busy/);
  }, 60_000);

  it("moves a session when a new meeting lands on top of it while the executive's copy of ours is still there", async () => {
    const all = await services.sessions.listAll(tenant(), { cohortId: cohort.id });
    const session = all.filter((s) => s.state === "booked" && s.start).sort((a, b) => a.start!.localeCompare(b.start!))[0]!;
    const copy = (await eventsOf(t, mentee.id)).find((e) => !e.isOrganizer && !e.isCancelled && Date.parse(`${e.start.dateTime}Z`) === Date.parse(session.start!));
    expect(copy).toBeDefined();
    // Inside the session and not answered in Outlook (laterConflict 0): merged free/busy looks the same as
    // before, only the items tell the new meeting from ours.
    const conflict = { start: new Date(Date.parse(session.start!) + 5 * 60_000).toISOString(), end: new Date(Date.parse(session.start!) + 20 * 60_000).toISOString() };
    await devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${mentee.id}/conflicts`, conflict);
    const report = await services.rsvp.poll(tenant());

    expect(report.failed).toBe(0);
    const after = await stored(session.id);
    expect(after.reslotCount).toBe(session.reslotCount + 1);
    expect(Date.parse(after.start!) < Date.parse(conflict.end) && Date.parse(after.end!) > Date.parse(conflict.start)).toBe(false);
    expect(after.history.at(-1)?.note).toMatch(/busy/);
    // Ours alone is no conflict: the next poll leaves the moved session where it is.
    await services.rsvp.poll(tenant());
    expect((await stored(session.id)).reslotCount).toBe(after.reslotCount);
  }, 60_000);

  it("records an answer it was never notified about, and marks an accepted meeting that ended as held", async () => {
    // Resume re-booked the sessions, so any booked one will do.
    const session = await bookedSession(new Set());
    await respond(session.eventId!, "accepted");
    const report = await services.rsvp.poll(tenant());
    expect(report.failed).toBe(0);
    expect((await stored(session.id)).state).toBe("accepted");
    // Move the app's clock past the meeting (no API calls after this: tokens follow real time).
    offsetMs = Date.parse(session.end!) - Date.now() + 60_000;
    const later = await services.rsvp.poll(tenant());
    expect(later.held).toBeGreaterThanOrEqual(1);
    const held = await stored(session.id);
    expect(held.state).toBe("held");
    expect(held.history.at(-1)?.kind).toBe("held");
    // Only past accepted meetings: sessions still ahead keep their state.
    const ahead = (await services.sessions.listAll(tenant(), { cohortId: cohort.id })).filter((s) => s.start && Date.parse(s.start) > Date.now() + offsetMs);
    expect(ahead.every((s) => s.state !== "held")).toBe(true);
  }, 60_000);
});
