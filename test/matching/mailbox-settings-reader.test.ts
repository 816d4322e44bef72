// Working hours for matching from mailboxSettings: the official Graph example payloads interpreted, and
// the batched reader against the dev tenant over HTTPS (≤ 20 per $batch; same answer with throttling on).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphMailboxSettingsReader, workingHoursFrom } from "../../src/adapters/graph/mailbox-settings-reader.js";
import type { BatchResult } from "../../src/adapters/graph/graph-batch.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

const example = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../shared/graph-reference/examples/${name}`, import.meta.url), "utf8"));
const ok = (body: unknown): BatchResult => ({ id: "0", status: 200, headers: {}, body });

describe("workingHoursFrom", () => {
  it("reads the official example: Windows zone of the working hours converted to IANA, Graph's tick-precision times kept", () => {
    expect(workingHoursFrom(ok(example("mailboxsettings.response.json")))).toEqual({
      ok: true,
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "08:00:00.0000000", endTime: "17:00:00.0000000", timeZone: "America/Los_Angeles" },
    });
  });

  it("refuses a custom time zone (bias rules) instead of guessing a zone", () => {
    const result = workingHoursFrom(ok({ workingHours: example("mailboxsettings-workinghours.response.json") }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/custom time zone \("Customized Time Zone"\)/) });
  });

  it("tells a missing mailbox, an unknown zone, no working days and a failed item apart", () => {
    const noMailbox = { id: "0", status: 404, headers: {}, body: { error: { code: "MailboxNotEnabledForRESTAPI", message: "REST API is not yet supported for this mailbox." } } };
    expect(workingHoursFrom(noMailbox)).toEqual({ ok: false, reason: expect.stringMatching(/no mailbox/) });
    expect(workingHoursFrom({ ...noMailbox, status: 403 })).toEqual({ ok: false, reason: expect.stringMatching(/no mailbox/) });
    const hours = { daysOfWeek: ["monday"], startTime: "09:00:00.0000000", endTime: "17:00:00.0000000", timeZone: { name: "Mars Standard Time" } };
    expect(workingHoursFrom(ok({ workingHours: hours }))).toEqual({ ok: false, reason: expect.stringMatching(/"Mars Standard Time" is unknown/) });
    expect(workingHoursFrom(ok({ workingHours: { ...hours, daysOfWeek: [], timeZone: { name: "UTC" } } }))).toEqual({ ok: false, reason: expect.stringMatching(/no working days/) });
    expect(workingHoursFrom(ok({ workingHours: { ...hours, startTime: "9am", timeZone: { name: "India Standard Time" } } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/unusable/) });
    expect(workingHoursFrom({ id: "0", status: 500, headers: {}, body: { error: { code: "generalException" } } })).toEqual({ ok: false, reason: expect.stringMatching(/500 generalException/) });
  });
});

describe("GraphMailboxSettingsReader on the dev tenant", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(async () => t?.stop());

  it("reads 45 mailboxes in three $batch calls of ≤ 20, and gives the same answer with throttling and outages injected", async () => {
    const tenantId = t.tenantIds[0]!;
    const people = t.devTenant.directory(tenantId).people().slice(0, 45);
    const ids = people.map((p) => p.id);
    const reader = new GraphMailboxSettingsReader(t.server.graph, { maxRetries: 10, sleep: async () => undefined });
    const progress: number[] = [];
    t.devTenant.resetCounters();
    const clean = await reader.read(tenantId, ids, new AbortController().signal, (done) => progress.push(done));
    const counters = t.devTenant.counters();
    expect(Object.entries(counters).filter(([k]) => /\$batch/.test(k) && !k.startsWith("batch ")).reduce((n, [, v]) => n + v, 0)).toBe(3);
    expect(progress).toEqual([45]);
    for (const p of people) {
      const got = clean.get(p.id)!;
      if (p.hasMailbox) expect(got).toMatchObject({ ok: true, workingHours: { daysOfWeek: p.workingHours.daysOfWeek } });
      else expect(got).toEqual({ ok: false, reason: expect.stringMatching(/no mailbox/) });
    }
    expect([...clean.values()].filter((v) => v.ok).map((v) => (v.ok ? v.workingHours.timeZone : "")).every((z) => z.includes("/") || z === "UTC")).toBe(true);

    t.devTenant.setFaults({ throttleRate: 0.1, unavailableRate: 0.05, retryAfterSeconds: 0.01 });
    try {
      expect(await reader.read(tenantId, ids, new AbortController().signal)).toEqual(clean);
    } finally {
      t.devTenant.setFaults({ throttleRate: 0, unavailableRate: 0 });
    }
  });
});
