// The calendar watch as main.ts wires it: after the product's schedule-cohort job has booked a session,
// the watch's maintenance pass subscribes the organiser, and the executive's decline in Outlook reaches
// RSVP handling through Graph's notification to our webhook — no poll involved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredSession } from "../../src/app/scheduling/session-model.js";
import { RecordingNotifier } from "../helpers/recording-notifier.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { cast, devCall, pairPerson, seedCohort, waitForJob } from "../scheduling/scheduling-support.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ notifier: new RecordingNotifier() });
  await devCall(t, "PUT", "/dev/behaviour", { enabled: false });
  await devCall(t, "PUT", "/dev/notifications", { duplicateRate: 0.5, batchDelayMs: 5 });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

async function sessionsOf(cohortId: string): Promise<StoredSession[]> {
  return t.server.deps.scheduling!.sessions.listAll(t.tenantIds[0]!.toLowerCase(), { cohortId });
}

describe("calendar watch wiring", () => {
  it("subscribes organisers of booked sessions and turns an executive's decline into a re-slot", async () => {
    const { executives, juniors } = cast(t);
    const executive = executives[0]!;
    const mentor = juniors.find((j) => j.timeZone === executive.timeZone) ?? juniors[0]!;
    const cohort = await seedCohort(t, "Watch cohort", { everyWeeks: 1, sessionMinutes: 30, sessions: 2 }, [{ mentor: pairPerson(mentor), mentee: pairPerson(executive) }]);
    const admin = await t.signInAs("admin");
    const started = await t.api<{ jobId: string }>("POST", `/api/admin/cohorts/${cohort.id}/schedule`, { token: admin });
    expect((await waitForJob(t, admin, started.body.jobId)).state).toBe("succeeded");
    const booked = (await sessionsOf(cohort.id)).filter((s) => s.state === "booked");
    expect(booked.length).toBeGreaterThan(0);

    const watch = t.server.deps.calendarWatch!;
    const report = await watch.maintain(t.tenantIds[0]!.toLowerCase());
    expect(report).toMatchObject({ organisers: 1, subscribed: 1, failed: 0 });

    const target = booked[0]!;
    await devCall(t, "POST", `/dev/tenants/${t.tenantIds[0]}/users/${executive.id}/respond`, { organizer: mentor.id, eventId: target.eventId, response: "declined" });
    // Graph delivers asynchronously (and here sometimes twice); wait until RSVP handling has moved the session.
    let latest = target;
    while (latest.reslotCount === 0) {
      await devCall(t, "POST", "/dev/calendar/sync");
      await watch.idle();
      latest = (await t.server.deps.scheduling!.sessions.get(target.tenantId, target.id))!;
      if (latest.reslotCount === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(latest.history.map((h) => h.kind)).toEqual(expect.arrayContaining(["responded", "reslotted"]));
    expect(latest.reslotCount).toBe(1);
    expect(latest.start).not.toBe(target.start);
  });
});
