// The calendar adapters' reading of Graph's official example payloads (shared/graph-reference/examples):
// getSchedule replies (Windows zones, DST, a custom working-hours zone), the online-meeting create reply,
// and the change-notification envelope; plus the watch's small in-process helpers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { interpretSchedule, planCalls, splitWindow, workingHoursOf } from "../../../src/adapters/graph/graph-availability-reader.js";
import { toCalendarEvent } from "../../../src/adapters/graph/graph-calendar-booking.js";
import { graphDateTime, instantFromGraph } from "../../../src/adapters/graph/graph-date-time.js";
import { BackgroundQueue } from "../../../src/app/calendar-watch/background-queue.js";
import { parseChangeNotifications, parseLifecycleNotifications } from "../../../src/app/calendar-watch/graph-notification-payloads.js";
import { RecentKeys } from "../../../src/app/calendar-watch/recent-keys.js";
import { ValidationError } from "../../../src/app/errors.js";
import { DAY_MS } from "../../../src/domain/time/index.js";

const EXAMPLES = "/work/shared/graph-reference/examples";
const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as Record<string, unknown>;
const schedules = (example("getschedule.response.json").value as Array<Record<string, unknown>>);
const MARCH_15_2019: { start: number; end: number } = { start: Date.UTC(2019, 2, 15, 0), end: Date.UTC(2019, 2, 16, 0) };

describe("getSchedule replies (official example)", () => {
  it("reads busy items written in a Windows zone at the right instants (Pacific daylight time on 15 March 2019)", () => {
    const adele = interpretSchedule(schedules[0]!, MARCH_15_2019);
    // 12:00–14:00 "Pacific Standard Time" on a DST date is 19:00–21:00 UTC (UTC−7), not 20:00–22:00.
    expect(adele).toMatchObject({ readable: true, busy: [{ start: Date.UTC(2019, 2, 15, 19), end: Date.UTC(2019, 2, 15, 21) }] });
  });

  it("counts tentative and busy items as busy and merges touching ones", () => {
    const megan = interpretSchedule(schedules[1]!, MARCH_15_2019);
    if (!megan.readable) throw new Error(megan.reason);
    const hours = megan.busy.map((b) => [new Date(b.start).toISOString().slice(11, 16), new Date(b.end).toISOString().slice(11, 16)]);
    expect(hours).toEqual([
      ["15:30", "16:30"],
      ["19:00", "21:00"],
      ["23:00", "00:00"],
    ]);
  });

  it("keeps the busy items one by one beside the merged time (they tell a meeting on top of ours apart)", () => {
    const megan = interpretSchedule(schedules[1]!, MARCH_15_2019);
    if (!megan.readable) throw new Error(megan.reason);
    const merged = megan.busy.reduce((sum, b) => sum + (b.end - b.start), 0);
    const itemised = (megan.items ?? []).reduce((sum, b) => sum + (b.end - b.start), 0);
    expect(megan.items!.length).toBeGreaterThan(megan.busy.length);
    expect(itemised).toBeGreaterThanOrEqual(merged);
    for (const item of megan.items!) expect(megan.busy.some((b) => b.start <= item.start && item.end <= b.end)).toBe(true);
  });

  it("converts a Windows working-hours zone to IANA and refuses a custom zone with a reason", () => {
    expect(workingHoursOf(schedules[0]!.workingHours)).toEqual({
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "08:00:00.0000000", endTime: "17:00:00.0000000", timeZone: "America/Los_Angeles" },
      workingHoursProblem: null,
    });
    const custom = workingHoursOf(schedules[1]!.workingHours);
    expect(custom.workingHours).toBeNull();
    expect(custom.workingHoursProblem).toMatch(/custom time zone \("Customized Time Zone"\)/);
    expect(workingHoursOf({ daysOfWeek: ["monday"], startTime: "25:00:00", endTime: "17:00:00", timeZone: { name: "UTC" } }).workingHoursProblem).toMatch(/unusable/);
  });

  it("turns a per-schedule error into 'could not read this calendar', never into free time", () => {
    const result = interpretSchedule({ scheduleId: "ghost@contoso.com", error: { message: "Unable to resolve e-mail address", responseCode: "5009" } }, MARCH_15_2019);
    expect(result).toEqual({ readable: false, reason: "could not read this calendar (5009: the address has no mailbox Graph can read)" });
  });

  it("falls back to the availabilityView digits when a reply carries no items", () => {
    const result = interpretSchedule({ scheduleId: "a@b.c", availabilityView: "0210", availabilityViewInterval: 30 }, { start: Date.UTC(2025, 0, 6, 9), end: Date.UTC(2025, 0, 6, 11) });
    expect(result).toMatchObject({ readable: true, busy: [{ start: Date.UTC(2025, 0, 6, 9, 30), end: Date.UTC(2025, 0, 6, 10, 30) }] });
  });
});

describe("call planning", () => {
  const people = Array.from({ length: 41 }, (_, i) => ({ id: `p${i}`, address: `p${i}@contoso.example` }));

  it("cuts people into chunks of 20 and windows into pieces under 62 days that cover the window exactly", () => {
    const window = { start: Date.UTC(2025, 0, 1), end: Date.UTC(2025, 0, 1) + 130 * DAY_MS };
    const pieces = splitWindow(window);
    expect(pieces).toHaveLength(3);
    expect(pieces[0]!.start).toBe(window.start);
    expect(pieces[2]!.end).toBe(window.end);
    pieces.forEach((p, i) => {
      expect(p.end - p.start).toBeLessThan(62 * DAY_MS);
      if (i > 0) expect(p.start).toBe(pieces[i - 1]!.end);
    });
    const calls = planCalls(people, window);
    expect(calls).toHaveLength(3 * 3);
    expect(calls.map((c) => c.mailboxes.length)).toEqual([20, 20, 20, 20, 20, 20, 1, 1, 1]);
  });
});

describe("Graph date-times and events (official example)", () => {
  it("reads dateTimeTimeZone values in Windows, IANA and UTC zones and writes wall times in the given zone", () => {
    expect(instantFromGraph({ dateTime: "2025-07-01T09:30:00.0000000", timeZone: "India Standard Time" })).toBe(Date.UTC(2025, 6, 1, 4, 0));
    expect(instantFromGraph({ dateTime: "2025-07-01T09:30:00.0000000", timeZone: "Asia/Kolkata" })).toBe(Date.UTC(2025, 6, 1, 4, 0));
    expect(instantFromGraph({ dateTime: "2025-07-01T09:30:00.0000000", timeZone: "UTC" })).toBe(Date.UTC(2025, 6, 1, 9, 30));
    expect(instantFromGraph({ dateTime: "2025-07-01T09:30:00", timeZone: "Mars Standard Time" })).toBeNull();
    // 2:30 on the US spring-forward night does not exist in New York; the written wall time is after the gap.
    expect(graphDateTime(Date.UTC(2025, 2, 9, 7, 30), "America/New_York")).toEqual({ dateTime: "2025-03-09T03:30:00", timeZone: "America/New_York" });
    expect(() => graphDateTime(0, "Not/AZone")).toThrow(/time zone/);
  });

  it("maps the online-meeting create reply: join link, attendees' answers, changeKey, instants", () => {
    const event = toCalendarEvent(example("create-event-online-meeting.response.json"), { id: "cd209b0b-3f83-4c35-82d2-d88a61820480", address: "danas@contoso.onmicrosoft.com" });
    expect(event).toMatchObject({
      eventId: "AAMkAGI1AAAt8AHjAAA=",
      start: Date.UTC(2017, 3, 15, 18),
      end: Date.UTC(2017, 3, 15, 19),
      isCancelled: false,
      changeKey: "ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ==",
      attendees: [{ address: "samanthab@contoso.onmicrosoft.com", response: "none" }],
    });
    expect(event.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
  });
});

describe("notification payloads", () => {
  it("parses the official webhook payload (etag unwrapped, event id from resourceData)", () => {
    const parsed = parseChangeNotifications(example("change-notification.webhook-payload.json"));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.items).toEqual([
      {
        subscriptionId: "{subscription_guid}",
        clientState: "secretClientValue",
        tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
        changeType: "created",
        eventId: "{long_id_string}",
        etag: "CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf",
      },
    ]);
  });

  it("keeps good items and reports bad ones; refuses a body that is not { value: [...] }", () => {
    const parsed = parseChangeNotifications({
      value: [
        { subscriptionId: "s", tenantId: "t", changeType: "updated", resource: "Users/u/Events/AAMk%3D1", clientState: "c" },
        { subscriptionId: "s", tenantId: "t", changeType: "renamed", resourceData: { id: "x" } },
        { subscriptionId: "s", tenantId: "t", changeType: "deleted" },
      ],
    });
    expect(parsed.items.map((i) => i.eventId)).toEqual(["AAMk=1"]);
    expect(parsed.rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(() => parseChangeNotifications({ nothing: true })).toThrow(ValidationError);
    const lifecycle = parseLifecycleNotifications({ value: [{ lifecycleEvent: "missed", subscriptionId: "s", tenantId: "t", clientState: "c" }, { lifecycleEvent: "other", subscriptionId: "s", tenantId: "t" }] });
    expect(lifecycle.items).toEqual([{ lifecycleEvent: "missed", subscriptionId: "s", tenantId: "t", clientState: "c" }]);
    expect(lifecycle.rejected).toHaveLength(1);
  });
});

describe("watch helpers", () => {
  it("RecentKeys reports repeats and forgets the oldest beyond its capacity", () => {
    const keys = new RecentKeys(2);
    expect([keys.add("a"), keys.add("a"), keys.add("b"), keys.add("c"), keys.add("a")]).toEqual([true, false, true, true, true]);
    keys.forget("c");
    expect(keys.add("c")).toBe(true);
  });

  it("BackgroundQueue runs at most `concurrency` tasks, refuses work beyond its capacity, and reports idle", async () => {
    const errors: unknown[] = [];
    const queue = new BackgroundQueue({ concurrency: 1, capacity: 2, onError: (e) => errors.push(e) });
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    expect(queue.push(async () => { order.push("a"); await gate; })).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.push(async () => void order.push("b"))).toBe(true);
    expect(queue.push(async () => { throw new Error("boom"); })).toBe(true);
    expect(queue.push(async () => void order.push("refused"))).toBe(false);
    expect(order).toEqual(["a"]);
    release();
    await queue.idle();
    expect(order).toEqual(["a", "b"]);
    expect(errors).toHaveLength(1);
  });
});
