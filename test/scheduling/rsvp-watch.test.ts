// The whole RSVP loop with nothing called by hand: the calendar watch subscribes to the organiser's
// calendar in the dev tenant, the executive declines in "Outlook", Graph's change notification reaches the
// app's webhook (at least once: duplicates on), and the session is re-slotted and both people told once.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SchedulingServices } from "../../src/app/scheduling/scheduling-services.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { cast, devCall, pairPerson, seedCohort, waitForJob } from "./scheduling-support.js";

let t: TestApp;
const notifier = new RecordingNotifier();

beforeAll(async () => {
  t = await startTestApp({ notifier });
  await devCall(t, "PUT", "/dev/behaviour", { enabled: false });
  // Graph delivers at least once: every notification may come twice here.
  await devCall(t, "PUT", "/dev/notifications", { duplicateRate: 0.5 });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

it("a decline in Outlook re-slots the session through the webhook, once", async () => {
  const tenantId = t.tenantIds[0]!.toLowerCase();
  const { executives, juniors } = cast(t);
  const mentee = executives[0]!;
  const mentor = juniors.find((j) => j.timeZone === mentee.timeZone) ?? juniors[0]!;
  const cohort = await seedCohort(t, "Watched cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, [{ mentor: pairPerson(mentor), mentee: pairPerson(mentee) }]);
  const admin = await t.signInAs("admin");
  const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: admin });
  expect((await waitForJob(t, admin, started.body.jobId)).state).toBe("succeeded");

  const services = t.server.deps.scheduling as SchedulingServices;
  const watch = t.server.deps.calendarWatch!;
  await watch.maintain(tenantId);
  const session = (await services.sessions.listAll(tenantId, { cohortId: cohort.id })).find((s) => s.state === "booked")!;
  await devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${mentee.id}/respond`, { organizer: mentor.id, eventId: session.eventId, response: "declined" });

  let current = session;
  for (let i = 0; i < 200 && current.reslotCount === 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    await devCall(t, "POST", "/dev/calendar/sync");
    current = (await services.sessions.get(tenantId, session.id))!;
  }
  // Let duplicates and the notifications of our own move arrive and be handled before counting.
  for (let i = 0; i < 5; i++) {
    await devCall(t, "POST", "/dev/calendar/sync");
    await new Promise((r) => setTimeout(r, 200));
  }
  await watch.idle();
  const after = (await services.sessions.get(tenantId, session.id))!;
  expect([after.state, after.reslotCount]).toEqual(["rescheduled", 1]);
  expect(after.start).not.toBe(session.start);
  const moved = notifier.of("sessionMoved").filter((n) => (n.payload.session as { sessionId: string }).sessionId === session.id);
  expect(moved.map((n) => n.payload.recipient.userId).sort()).toEqual([mentor.id, mentee.id].sort());
}, 120_000);
