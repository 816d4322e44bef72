// The schedule-cohort job end to end: the real API, the dev tenant over HTTPS with throttling and 503s on,
// the embedded Cosmos. Calendar truth (events, busy time, working hours) is read back from the dev tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toIanaTimeZone } from "../../src/adapters/graph/time-zones.js";
import type { CalendarBooking } from "../../src/app/scheduling/calendar-ports.js";
import { scheduleCohort } from "../../src/app/scheduling/schedule-cohort.js";
import type { SchedulingServices } from "../../src/app/scheduling/scheduling-services.js";
import { containsRange, workingRanges, type Weekday } from "../../src/domain/time/index.js";
import type { DevPerson } from "../../src/devtenant/index.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { cast, devCall, eventsOf, organisedSessions, pairPerson, seedCohort, waitForJob } from "./scheduling-support.js";

interface AdminSession {
  id: string;
  pairId: string;
  mentor: { id: string };
  mentee: { id: string };
  sequence: number;
  state: string;
  start: string | null;
  end: string | null;
  joinUrl: string | null;
  problem: { code: string; who?: string } | null;
}

let t: TestApp;
let admin: string;
let notifier: RecordingNotifier;
let executives: DevPerson[];
let juniors: DevPerson[];

beforeAll(async () => {
  notifier = new RecordingNotifier();
  t = await startTestApp({ notifier });
  await devCall(t, "PUT", "/dev/behaviour", { enabled: false });
  t.devTenant.setFaults({ throttleRate: 0.08, unavailableRate: 0.04, retryAfterSeconds: 0.05 });
  admin = await t.signInAs("admin");
  ({ executives, juniors } = cast(t));
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

/** Juniors sharing the executive's zone (so their working hours overlap), not used elsewhere in the file. */
const used = new Set<string>();
function mentorFor(exec: DevPerson): DevPerson {
  const found = juniors.find((j) => !used.has(j.id) && j.timeZone === exec.timeZone && j.managerId !== exec.id) ?? juniors.find((j) => !used.has(j.id));
  if (!found) throw new Error("no junior left");
  used.add(found.id);
  return found;
}

async function sessionsOf(cohortId: string): Promise<AdminSession[]> {
  const res = await t.api<{ items: AdminSession[] }>("GET", `/api/admin/cohorts/${cohortId}/sessions?limit=200`, { token: admin });
  expect(res.status).toBe(200);
  return res.body.items;
}

async function runSchedule(cohortId: string) {
  const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohortId}/schedule`, { token: admin });
  expect(started.status).toBe(202);
  return waitForJob(t, admin, started.body.jobId);
}

async function workingHoursOf(userId: string) {
  const settings = (await t.server.graph.app(t.tenantIds[0]!).api(`/users/${userId}/mailboxSettings`).get()) as {
    workingHours: { daysOfWeek: Weekday[]; startTime: string; endTime: string; timeZone: { name: string } };
  };
  const wh = settings.workingHours;
  return { daysOfWeek: wh.daysOfWeek, startTime: wh.startTime.slice(0, 5), endTime: wh.endTime.slice(0, 5), timeZone: toIanaTimeZone(wh.timeZone.name)! };
}

/** Other meetings (not the app's, not free) overlapping the slot in the person's calendar. */
async function clashes(userId: string, start: string, end: string): Promise<number> {
  const page = (await t.server.graph
    .app(t.tenantIds[0]!)
    .api(`/users/${userId}/calendarView`)
    .query({ startDateTime: start, endDateTime: end })
    .top(100)
    .get()) as { value: Array<{ subject?: string; showAs: string; isCancelled: boolean }> };
  return page.value.filter((e) => !e.isCancelled && e.showAs !== "free" && e.showAs !== "workingElsewhere" && !(e.subject ?? "").startsWith("Reverse mentoring")).length;
}

describe("schedule cohort", () => {
  let cohortId: string;
  let execA: DevPerson;

  it("books the whole cohort inside both people's working hours and free time, never double-booking anyone", async () => {
    execA = executives[0]!;
    const execB = executives[1]!;
    const pairs = [
      { mentor: pairPerson(mentorFor(execA)), mentee: pairPerson(execA) },
      { mentor: pairPerson(mentorFor(execA)), mentee: pairPerson(execA) },
      { mentor: pairPerson(mentorFor(execB)), mentee: pairPerson(execB) },
    ];
    // A mentor whose address Exchange cannot resolve: the calendar is unreadable, which is not "no free time".
    const ghost = mentorFor(executives[2]!);
    pairs.push({ mentor: pairPerson(ghost, "nobody-here@contoso.example"), mentee: pairPerson(executives[2]!) });
    const cohort = await seedCohort(t, "Spring cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 3 }, pairs);
    cohortId = cohort.id;

    const job = await runSchedule(cohortId);
    expect(job.state).toBe("succeeded");
    expect(job.progress.counts).toMatchObject({ pairs: 4, sessionsRequested: 12, calendarsUnreadable: 3 });

    const sessions = await sessionsOf(cohortId);
    expect(sessions).toHaveLength(12);
    const unreadable = sessions.filter((s) => s.mentor.id === ghost.id);
    expect(unreadable.map((s) => [s.state, s.start, s.problem?.code, s.problem?.who])).toEqual(Array(3).fill(["planned", null, "calendarUnreadable", "mentor"]));

    // Executives are ~75% busy: a week may have no common free time, but then it says so (never "unreadable").
    const readable = sessions.filter((s) => s.mentor.id !== ghost.id);
    const booked = readable.filter((s) => s.state === "booked");
    const unplaced = readable.filter((s) => s.state !== "booked");
    expect(booked.length).toBeGreaterThanOrEqual(6);
    expect(booked.every((s) => s.start && s.end && s.joinUrl)).toBe(true);
    expect(unplaced.every((s) => s.state === "planned" && s.start === null && s.problem && s.problem.code !== "calendarUnreadable")).toBe(true);
    expect(job.progress.counts.booked).toBe(booked.length);

    // Nobody double-booked: each person's sessions are disjoint.
    const byPerson = new Map<string, AdminSession[]>();
    for (const s of booked) for (const id of [s.mentor.id, s.mentee.id]) byPerson.set(id, [...(byPerson.get(id) ?? []), s]);
    for (const list of byPerson.values()) {
      const sorted = [...list].sort((a, b) => a.start!.localeCompare(b.start!));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start! >= sorted[i - 1]!.end!).toBe(true);
    }
    // Inside both people's working hours (their own zones) and free in both calendars.
    for (const s of booked) {
      const slot = { start: Date.parse(s.start!), end: Date.parse(s.end!) };
      for (const id of [s.mentor.id, s.mentee.id]) {
        const hours = await workingHoursOf(id);
        expect(containsRange(workingRanges(hours, { start: slot.start - 86_400_000, end: slot.end + 86_400_000 }), slot)).toBe(true);
        expect(await clashes(id, s.start!, s.end!)).toBe(0);
      }
    }
    // One event per booked session in the organisers' calendars; both people told once per session.
    const mentors = [...new Set(booked.map((s) => s.mentor.id))];
    const events = (await Promise.all(mentors.map((m) => organisedSessions(t, m)))).flat();
    expect(events).toHaveLength(booked.length);
    const told = notifier.of("sessionBooked").map((n) => `${(n.payload.session as { sessionId: string }).sessionId}|${n.payload.recipient.userId}`);
    expect(told.sort()).toEqual(booked.flatMap((s) => [`${s.id}|${s.mentor.id}`, `${s.id}|${s.mentee.id}`]).sort());

    const cohortNow = await t.api<{ state: string }>("GET", `/api/admin/cohorts/${cohortId}`, { token: admin });
    expect(cohortNow.body.state).toBe("scheduled");
  }, 120_000);

  it("a re-run keeps every session and creates no second event or notification", async () => {
    const before = await sessionsOf(cohortId);
    const notified = notifier.sent.length;
    const job = await runSchedule(cohortId);
    expect(job.state).toBe("succeeded");
    const after = await sessionsOf(cohortId);
    expect(after.map((s) => [s.id, s.start, s.state])).toEqual(before.map((s) => [s.id, s.start, s.state]));
    const mentors = [...new Set(after.filter((s) => s.state === "booked").map((s) => s.mentor.id))];
    const events = (await Promise.all(mentors.map((m) => organisedSessions(t, m)))).flat();
    expect(events).toHaveLength(after.filter((s) => s.state === "booked").length);
    expect(notifier.sent.length).toBe(notified);
  }, 60_000);

  it("a run killed mid-way (before and after a Graph create) resumes to the same sessions without duplicate events", async () => {
    const pairs = [executives[3]!, executives[4]!].map((exec) => ({ mentor: pairPerson(mentorFor(exec)), mentee: pairPerson(exec) }));
    const cohort = await seedCohort(t, "Resumed cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 3 }, pairs);
    const services = t.server.deps.scheduling as SchedulingServices;
    const tenantId = t.tenantIds[0]!.toLowerCase();
    const abort = new AbortController();
    let creates = 0;
    // The third create reaches Graph and then the process "dies" before the session records it.
    const dying: CalendarBooking = {
      ...services.booking,
      create: async (tenant, meeting, signal) => {
        const event = await services.booking.create(tenant, meeting, signal);
        creates += 1;
        if (creates === 3) {
          abort.abort(new Error("killed"));
          throw new Error("killed");
        }
        return event;
      },
    };
    await expect(scheduleCohort({ ...services, booking: dying }, { tenantId, cohortId: cohort.id, signal: abort.signal, progress: () => undefined })).rejects.toThrow("killed");
    // Bookings run several at a time: the ones in flight finish, nothing new starts, the killed one is unrecorded.
    const interrupted = await sessionsOf(cohort.id);
    const bookedBefore = interrupted.filter((s) => s.state === "booked").length;
    expect(bookedBefore).toBeGreaterThanOrEqual(2);
    expect(bookedBefore).toBeLessThan(6);
    expect(interrupted.every((s) => s.start !== null)).toBe(true);

    const job = await runSchedule(cohort.id);
    expect(job.state).toBe("succeeded");
    const resumed = await sessionsOf(cohort.id);
    expect(resumed.map((s) => [s.id, s.start, s.end])).toEqual(interrupted.map((s) => [s.id, s.start, s.end]));
    expect(resumed.every((s) => s.state === "booked")).toBe(true);
    const events = (await Promise.all(pairs.map((p) => organisedSessions(t, p.mentor.id)))).flat();
    expect(events).toHaveLength(6);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(6);
  }, 120_000);

  it("two runs at the same moment (as two instances without the job lease) book each session once and tell people once", async () => {
    const pairs = [executives[5]!, executives[6]!].map((exec) => ({ mentor: pairPerson(mentorFor(exec)), mentee: pairPerson(exec) }));
    const cohort = await seedCohort(t, "Contended cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, pairs);
    const services = t.server.deps.scheduling as SchedulingServices;
    const run = () => scheduleCohort(services, { tenantId: t.tenantIds[0]!.toLowerCase(), cohortId: cohort.id, signal: new AbortController().signal, progress: () => undefined });
    const before = notifier.of("sessionBooked").length;
    await Promise.all([run(), run()]);
    const sessions = await sessionsOf(cohort.id);
    const booked = sessions.filter((s) => s.state === "booked");
    const events = (await Promise.all(pairs.map((p) => organisedSessions(t, p.mentor.id)))).flat();
    expect(events).toHaveLength(booked.length);
    expect(notifier.of("sessionBooked").length - before).toBe(2 * booked.length);
    const planned = await t.api<{ items: AdminSession[] }>("GET", `/api/admin/cohorts/${cohort.id}/sessions?state=booked&pairId=${encodeURIComponent(booked[0]!.pairId)}`, { token: admin });
    expect(planned.body.items.map((s) => s.id)).toEqual(booked.filter((s) => s.pairId === booked[0]!.pairId).map((s) => s.id));
  }, 60_000);

  it("with a program mailbox as organiser, both people are invited from it and a decline notified under its object id is handled", async () => {
    const programMailbox = t.devTenant.directory(t.tenantIds[0]!).people().find((p) => p.isProgramAdmin && p.mail)!;
    const exec = executives[7]!;
    const mentorPerson = mentorFor(exec);
    const cohort = await seedCohort(t, "Mailbox cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 1 }, [{ mentor: pairPerson(mentorPerson), mentee: pairPerson(exec) }], {
      organiserMode: "programMailbox",
      programMailbox: programMailbox.mail,
    });
    expect((await runSchedule(cohort.id)).state).toBe("succeeded");
    const [session] = await sessionsOf(cohort.id);
    expect(session!.state).toBe("booked");
    const organised = (await eventsOf(t, programMailbox.id)).filter((e) => e.isOrganizer && !e.isCancelled && e.subject.includes("Mailbox cohort"));
    expect(organised).toHaveLength(1);
    // Both people got the invitation in their own calendars; neither organises it.
    for (const id of [mentorPerson.id, exec.id]) expect((await eventsOf(t, id)).some((e) => !e.isOrganizer && e.subject.includes("Mailbox cohort"))).toBe(true);
    const services = t.server.deps.scheduling as SchedulingServices;
    const stored = (await services.sessions.get(t.tenantIds[0]!.toLowerCase(), session!.id))!;
    await devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${exec.id}/respond`, { organizer: programMailbox.id, eventId: stored.eventId, response: "declined" });
    await services.rsvp.eventChanged({ tenantId: t.tenantIds[0]!.toLowerCase(), organiserId: programMailbox.id, eventId: stored.eventId!, changeType: "updated" });
    const after = (await services.sessions.get(t.tenantIds[0]!.toLowerCase(), session!.id))!;
    expect([after.state, after.reslotCount, after.eventId]).toEqual(["rescheduled", 1, stored.eventId]);
  }, 60_000);

  it("refuses a cohort that is not published (409), an unknown one (404) and non-admins (403)", async () => {
    const draft = await seedCohort(t, "Draft", { everyWeeks: 1, sessionMinutes: 30, sessions: 1 }, []);
    const programs = t.server.deps.programme!.cohorts;
    const stored = (await programs.get(t.tenantIds[0]!.toLowerCase(), draft.id))!;
    await programs.replace({ ...stored, state: "matching" });
    expect((await t.api("POST", `/api/admin/cohorts/${draft.id}/schedule`, { token: admin })).status).toBe(409);
    expect((await t.api("POST", `/api/admin/cohorts/00000000-0000-4000-8000-000000000000/schedule`, { token: admin })).status).toBe(404);
    const employee = await t.signInAs("employee");
    expect((await t.api("POST", `/api/admin/cohorts/${cohortId}/schedule`, { token: employee })).status).toBe(403);
    expect((await t.api("GET", `/api/admin/cohorts/${cohortId}/sessions`, { token: employee })).status).toBe(403);
  });
});
