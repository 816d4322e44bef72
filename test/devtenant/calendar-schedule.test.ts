import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, attendee, eventBody, startHarness, type Harness } from "./calendar-harness.js";
import { example, shapeDiff } from "./calendar-shape.js";

describe("mailboxSettings", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.stop());

  it("is shaped like the official payload, with Windows zone names", async () => {
    const r = await h.graph("GET", `/users/${h.people.exec.userPrincipalName}/mailboxSettings`);
    expect(r.status).toBe(200);
    expect(shapeDiff(example("mailboxsettings.response.json"), r.json)).toEqual([]);
    expect(r.json["timeZone"]).toBe("Eastern Standard Time");
    expect(r.json["workingHours"]).toEqual({
      daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"],
      startTime: "09:00:00.0000000",
      endTime: "17:00:00.0000000",
      timeZone: { name: "Eastern Standard Time" },
    });
    expect(r.json["@odata.context"]).toBe(`${h.origin}/v1.0/$metadata#users('${h.people.exec.userPrincipalName}')/mailboxSettings`);
  });

  it("serves single settings: workingHours as an object, timeZone wrapped in value", async () => {
    const wh = await h.graph("GET", `/users/${h.people.mentor.id}/mailboxSettings/workingHours`);
    expect(wh.status).toBe(200);
    // The example uses a custom time zone; ours are named zones, so only the zone object differs.
    expect(shapeDiff(example("mailboxsettings-workinghours.response.json"), wh.json, { ignore: ["$.timeZone"] })).toEqual([]);
    expect(wh.json["startTime"]).toBe("09:30:00.0000000");
    const tz = await h.graph("GET", `/users/${h.people.mentor.id}/mailboxSettings/timeZone`);
    expect(tz.json).toEqual({ "@odata.context": `${h.origin}/v1.0/$metadata#users('${h.people.mentor.id}')/mailboxSettings/timeZone`, value: "India Standard Time" });
  });

  it("answers 404 MailboxNotEnabledForRESTAPI without a mailbox, ErrorInvalidUser for strangers, 403 without the permission", async () => {
    const none = await h.graph("GET", `/users/${h.people.noMailbox.id}/mailboxSettings`);
    expect(none.status).toBe(404);
    expect((none.json["error"] as { code: string }).code).toBe("MailboxNotEnabledForRESTAPI");
    const stranger = await h.graph("GET", "/users/nobody@contoso.example/mailboxSettings");
    expect(stranger.status).toBe(404);
    expect((stranger.json["error"] as { code: string }).code).toBe("ErrorInvalidUser");
    const denied = await h.graph("GET", `/users/${h.people.exec.id}/mailboxSettings`, { ctx: { roles: ["Calendars.Read"] } });
    expect(denied.status).toBe(403);
    expect((denied.json["error"] as { code: string }).code).toBe("ErrorAccessDenied");
    // Tenants are isolated: another tenant's app cannot see Contoso's people.
    const foreign = await h.graph("GET", `/users/${h.people.exec.id}/mailboxSettings`, { ctx: { tenantId: h.other.info.tenantId } });
    expect(foreign.status).toBe(404);
  });
});

describe("getSchedule", () => {
  let h: Harness;
  const scheduleOf = (r: { json: Record<string, unknown> }, i = 0): Record<string, unknown> => (r.json["value"] as Record<string, unknown>[])[i]!;

  beforeAll(async () => {
    h = await startHarness();
    const organizer = h.people.mentor.userPrincipalName;
    // Exec: a busy lunch 12:00–14:00 Pacific on 2019-03-15 (the example's day) with a tentative 12–13 on top.
    const lunch = await h.graph("POST", `/users/${h.people.exec.id}/events`, {
      body: eventBody({ subject: "Let's go for lunch", location: { displayName: "Harry's Bar" }, start: at("2019-03-15T12:00:00", "Pacific Standard Time"), end: at("2019-03-15T14:00:00", "Pacific Standard Time") }),
    });
    expect(lunch.status).toBe(201);
    const tentative = await h.graph("POST", `/users/${organizer}/events`, {
      body: eventBody({ start: at("2019-03-15T12:00:00", "Pacific Standard Time"), end: at("2019-03-15T13:00:00", "Pacific Standard Time"), attendees: [attendee(h.people.exec)] }),
    });
    expect(tentative.status).toBe(201);
    // An out-of-office day for the CEO, and a working-elsewhere afternoon.
    await h.graph("POST", `/users/${h.people.ceo.id}/events`, { body: eventBody({ showAs: "oof", start: at("2019-03-15T09:00:00", "Pacific Standard Time"), end: at("2019-03-15T11:00:00", "Pacific Standard Time") }) });
    await h.graph("POST", `/users/${h.people.ceo.id}/events`, { body: eventBody({ showAs: "busy", start: at("2019-03-15T10:00:00", "Pacific Standard Time"), end: at("2019-03-15T12:00:00", "Pacific Standard Time") }) });
    await h.graph("POST", `/users/${h.people.ceo.id}/events`, { body: eventBody({ showAs: "workingElsewhere", start: at("2019-03-15T15:00:00", "Pacific Standard Time"), end: at("2019-03-15T18:00:00", "Pacific Standard Time") }) });
  });
  afterAll(async () => h.stop());

  it("matches the official example's shape, with availabilityView digits for busy over tentative", async () => {
    const request = example("getschedule.request.json") as Record<string, unknown>;
    const r = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, {
      body: { ...request, schedules: [h.people.exec.mail, h.people.ceo.mail] },
      headers: { Prefer: 'outlook.timezone="Pacific Standard Time"' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("preference-applied")).toBe('outlook.timezone="Pacific Standard Time"');
    expect(shapeDiff(example("getschedule.response.json"), r.json)).toEqual([]);
    const exec = scheduleOf(r);
    // 9:00–18:00 in hours: busy 12–14 (tentative 12–13 underneath) → "000220000".
    expect(exec["availabilityView"]).toBe("000220000");
    const items = exec["scheduleItems"] as Record<string, unknown>[];
    expect(items.map((i) => i["status"]).sort()).toEqual(["busy", "tentative"]);
    const busy = items.find((i) => i["status"] === "busy")!;
    expect(busy["start"]).toEqual({ dateTime: "2019-03-15T12:00:00.0000000", timeZone: "Pacific Standard Time" });
    expect(busy["end"]).toEqual({ dateTime: "2019-03-15T14:00:00.0000000", timeZone: "Pacific Standard Time" });
    expect(busy["subject"]).toBe("Let's go for lunch");
    expect(busy["location"]).toBe("Harry's Bar");
    // oof beats busy, busy beats workingElsewhere: 9–11 oof, 11–12 busy, 15–18 workingElsewhere.
    expect(scheduleOf(r, 1)["availabilityView"]).toBe("332000444");
  });

  it("accepts the concept page's capitalised keys and a string interval, answering in UTC by default", async () => {
    const request = example("getschedule-concept.request.json") as Record<string, unknown>;
    // The concept page writes the path in lower case; Graph paths are case-insensitive.
    const r = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getschedule`, {
      body: { ...request, Schedules: [h.people.exec.userPrincipalName], StartTime: at("2019-03-15T09:00:00", "Pacific Standard Time"), EndTime: at("2019-03-15T18:00:00", "Pacific Standard Time") },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get("preference-applied")).toBeNull();
    const exec = scheduleOf(r);
    expect((exec["availabilityView"] as string).length).toBe(36);
    expect(exec["availabilityView"]).toBe("000000000000222222220000000000000000");
    expect((exec["scheduleItems"] as Record<string, unknown>[])[0]!["start"]).toEqual({ dateTime: "2019-03-15T19:00:00.0000000", timeZone: "UTC" });
    // The concept example prints a custom zone and capitalised statuses; fields and types otherwise agree.
    expect(shapeDiff(example("getschedule-concept.response.json"), r.json, { allowExtra: true, ignore: ["$.value[].workingHours.timeZone"] })).toEqual([]);
  });

  it("gives unknown addresses and people without a mailbox a per-schedule error, not a failed call", async () => {
    const r = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, {
      body: { schedules: ["ghost@contoso.example", h.people.noMailbox.userPrincipalName, h.people.exec.mail], startTime: at("2019-03-15T09:00:00"), endTime: at("2019-03-15T10:00:00") },
    });
    expect(r.status).toBe(200);
    const [ghost, noMailbox, exec] = r.json["value"] as Record<string, unknown>[];
    const errorShape = (example("getschedule.error-item.schema-shape.json") as { freeBusyError: unknown }).freeBusyError;
    for (const entry of [ghost!, noMailbox!]) {
      expect(shapeDiff(errorShape, entry["error"])).toEqual([]);
      expect(entry["availabilityView"]).toBeUndefined();
    }
    expect(ghost!["scheduleId"]).toBe("ghost@contoso.example");
    expect((ghost!["error"] as { responseCode: string }).responseCode).toBe("5009");
    expect((noMailbox!["error"] as { responseCode: string }).responseCode).toBe("ErrorMailRecipientNotFound");
    expect(exec!["availabilityView"]).toBe("00");
  });

  it("enforces Graph's limits: 20 schedules, a window under 62 days, an interval of 5–1440 minutes", async () => {
    const base = { startTime: at("2025-03-03T00:00:00"), endTime: at("2025-03-04T00:00:00") };
    const path = `/users/${h.people.mentor.id}/calendar/getSchedule`;
    const code = (r: { json: Record<string, unknown> }): string => (r.json["error"] as { code: string }).code;
    const twentyOne = await h.graph("POST", path, { body: { ...base, schedules: Array.from({ length: 21 }, (_, i) => `p${i}@contoso.example`) } });
    expect(twentyOne.status).toBe(400);
    expect(code(twentyOne)).toBe("ErrorMailboxDataArrayTooBig");
    const twenty = await h.graph("POST", path, { body: { ...base, schedules: Array.from({ length: 20 }, (_, i) => `p${i}@contoso.example`) } });
    expect(twenty.status).toBe(200);
    const sixtyTwo = await h.graph("POST", path, { body: { schedules: [h.people.exec.mail], startTime: at("2025-03-01T00:00:00"), endTime: at("2025-05-02T00:00:00") } });
    expect(sixtyTwo.status).toBe(400);
    expect(code(sixtyTwo)).toBe("ErrorTimeIntervalTooBig");
    const sixtyOne = await h.graph("POST", path, { body: { schedules: [h.people.exec.mail], startTime: at("2025-03-01T00:00:00"), endTime: at("2025-05-01T00:00:00") } });
    expect(sixtyOne.status).toBe(200);
    for (const interval of [4, 1441, "abc", 2.5]) {
      const r = await h.graph("POST", path, { body: { ...base, schedules: [h.people.exec.mail], availabilityViewInterval: interval } });
      expect(r.status).toBe(400);
      expect(code(r)).toBe("ErrorInvalidMergedFreeBusyInterval");
    }
    const backwards = await h.graph("POST", path, { body: { schedules: [h.people.exec.mail], startTime: at("2025-03-04T00:00:00"), endTime: at("2025-03-03T00:00:00") } });
    expect(code(backwards)).toBe("ErrorInvalidTimeInterval");
    const badZone = await h.graph("POST", path, { body: { schedules: [h.people.exec.mail], startTime: at("2025-03-03T00:00:00", "Atlantis Time"), endTime: at("2025-03-04T00:00:00") } });
    expect(code(badZone)).toBe("TimeZoneNotSupportedException");
  });

  it("keeps India's half-hour offset: a 10:00 IST meeting starts 04:30 UTC and fills the right 30-minute slots", async () => {
    const created = await h.graph("POST", `/users/${h.people.mentor.id}/events`, {
      body: eventBody({ start: at("2025-03-05T10:00:00", "India Standard Time"), end: at("2025-03-05T11:00:00", "India Standard Time") }),
    });
    expect(created.status).toBe(201);
    const r = await h.graph("POST", `/users/${h.people.exec.id}/calendar/getSchedule`, {
      body: { schedules: [h.people.mentor.mail], startTime: at("2025-03-05T04:00:00"), endTime: at("2025-03-05T06:00:00"), availabilityViewInterval: 30 },
    });
    const mentor = scheduleOf(r);
    expect(mentor["availabilityView"]).toBe("0220");
    expect((mentor["scheduleItems"] as Record<string, unknown>[])[0]!["start"]).toEqual({ dateTime: "2025-03-05T04:30:00.0000000", timeZone: "UTC" });
    const inIndia = await h.graph("POST", `/users/${h.people.exec.id}/calendar/getSchedule`, {
      body: { schedules: [h.people.mentor.mail], startTime: at("2025-03-05T09:30:00", "Asia/Kolkata"), endTime: at("2025-03-05T11:30:00", "Asia/Kolkata") },
      headers: { Prefer: 'outlook.timezone="Asia/Kolkata"' },
    });
    expect(scheduleOf(inIndia)["availabilityView"]).toBe("0220");
    expect((scheduleOf(inIndia)["scheduleItems"] as Record<string, unknown>[])[0]!["start"]).toEqual({ dateTime: "2025-03-05T10:00:00.0000000", timeZone: "Asia/Kolkata" });
  });

  it("follows New York across the March and November DST changes", async () => {
    const times: string[] = [];
    for (const day of ["2025-03-07", "2025-03-10", "2025-10-31", "2025-11-03"]) {
      const created = await h.graph("POST", `/users/${h.people.exec.id}/events`, { body: eventBody({ start: at(`${day}T09:00:00`, "Eastern Standard Time"), end: at(`${day}T10:00:00`, "Eastern Standard Time") }) });
      expect(created.status).toBe(201);
      const r = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, { body: { schedules: [h.people.exec.mail], startTime: at(`${day}T00:00:00`), endTime: at(`${day}T23:59:00`) } });
      times.push(((scheduleOf(r)["scheduleItems"] as Record<string, { dateTime: string }>[])[0]!["start"]!).dateTime);
    }
    expect(times).toEqual(["2025-03-07T14:00:00.0000000", "2025-03-10T13:00:00.0000000", "2025-10-31T13:00:00.0000000", "2025-11-03T14:00:00.0000000"]);
  });
});

describe("getSchedule over generated calendars", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ generateCalendars: true });
  });
  afterAll(async () => h.stop());

  it("shows executives much busier than juniors inside their working hours", async () => {
    const start = "2025-03-03T00:00:00";
    const end = "2025-03-29T00:00:00";
    const r = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, {
      body: { schedules: [h.people.exec.mail, h.people.junior.mail], startTime: at(start, "UTC"), endTime: at(end, "UTC"), availabilityViewInterval: 30 },
    });
    expect(r.status).toBe(200);
    const [exec, junior] = (r.json["value"] as Record<string, unknown>[]).map((v) => v["availabilityView"] as string);
    const busy = (view: string): number => [...view].filter((d) => d !== "0").length;
    expect(busy(exec!)).toBeGreaterThan(busy(junior!) * 1.4);
    // Same request, same answer: generated calendars are deterministic.
    const again = await h.graph("POST", `/users/${h.people.mentor.id}/calendar/getSchedule`, {
      body: { schedules: [h.people.exec.mail, h.people.junior.mail], startTime: at(start, "UTC"), endTime: at(end, "UTC"), availabilityViewInterval: 30 },
    });
    expect(again.json).toEqual(r.json);
  });
});
