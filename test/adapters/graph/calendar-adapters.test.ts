// The calendar adapters (getSchedule reader, event booking, subscriptions) through the real SDKs over HTTPS
// against the dev tenant, with its fault injection (429 + Retry-After, 503) switched on where it matters.
// Windows are placed relative to the dev clock, so nothing depends on today's date.
import { DateTime } from "luxon";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTrustedHttp, type TrustedHttp } from "../../../src/adapters/auth/trusted-http.js";
import { ConcurrencyLimiter } from "../../../src/adapters/graph/concurrency-limiter.js";
import { GraphAvailabilityReader, splitWindow } from "../../../src/adapters/graph/graph-availability-reader.js";
import { GraphCalendarBooking } from "../../../src/adapters/graph/graph-calendar-booking.js";
import type { GraphClients } from "../../../src/adapters/graph/graph-client-factory.js";
import { GraphEventSubscriptions } from "../../../src/adapters/graph/graph-event-subscriptions.js";
import type { GraphMetrics } from "../../../src/adapters/graph/graph-metrics.js";
import { ForbiddenError, NotFoundError } from "../../../src/app/errors.js";
import type { MailboxRef, NewMeeting } from "../../../src/app/scheduling/calendar-ports.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, workingRanges, type TimeRange } from "../../../src/domain/time/index.js";
import { startDevTenant, type DevPerson, type DevTenant } from "../../../src/devtenant/index.js";
import { devTenantGraph } from "./calendar-graph-clients.js";

const GET_SCHEDULE = "batch POST /users/{id}/calendar/getSchedule";
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;

let dev: DevTenant;
let http: TrustedHttp;
let tenant: string;
let graph: GraphClients;
let metrics: GraphMetrics;
let limiter: ConcurrencyLimiter;
let people: DevPerson[];

function ref(p: DevPerson): MailboxRef {
  return { id: p.id, address: p.mail as string };
}

/** Midnight UTC of a day well ahead of the dev clock (Graph and the dev tenant accept future windows). */
function dayAhead(days: number): number {
  return DateTime.fromMillis(dev.clock.now(), { zone: "utc" }).startOf("day").plus({ days }).toMillis();
}

async function devCall(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await http.fetch(`${dev.url}${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

beforeAll(async () => {
  dev = await startDevTenant({ seed: 11, users: 150 });
  http = createTrustedHttp(dev.caCertPem);
  tenant = dev.tenants[0]!.tenantId;
  ({ graph, metrics, limiter } = devTenantGraph(dev, http, { limiter: new ConcurrencyLimiter({ global: 8, perKey: 4 }), maxRetries: 6, retryDelaySeconds: 0.05 }));
  people = dev
    .directory(tenant)
    .people()
    .filter((p) => p.hasMailbox && p.mail && p.accountEnabled && p.userType === "Member");
  await devCall("PUT", "/dev/behaviour", { enabled: false });
});
afterAll(async () => {
  await http?.close();
  await dev?.stop();
});
afterEach(() => {
  dev.setFaults({ throttleRate: 0, unavailableRate: 0, retryAfterSeconds: 2 });
  metrics.reset();
  limiter.resetStats();
});

function reader(): GraphAvailabilityReader {
  return new GraphAvailabilityReader(graph, { batch: { metrics, maxRetries: 8, defaultRetrySeconds: 0.05 } });
}

describe("GraphAvailabilityReader", () => {
  it("asks getSchedule in chunks of at most 20 schedules: 21 people take 2 calls in one $batch", async () => {
    const week: TimeRange = { start: dayAhead(7), end: dayAhead(14) };
    const result = await reader().read(tenant, people.slice(0, 21).map(ref), week);
    expect(result.size).toBe(21);
    expect(metrics.snapshot().byEndpoint[GET_SCHEDULE]).toBe(2);
    expect(metrics.snapshot().byEndpoint["POST /$batch"]).toBe(1);
    for (const availability of result.values()) expect(availability.calendar.readable).toBe(true);
    // Generated calendars keep people busy during their working week: somebody must have busy time.
    expect([...result.values()].some((a) => a.calendar.readable && a.calendar.busy.length > 0)).toBe(true);
  });

  it("splits a 90-day window into pieces under 62 days and merges them without losing a busy block", async () => {
    const person = people[3]!;
    const window: TimeRange = { start: dayAhead(2), end: dayAhead(92) };
    expect(splitWindow(window).every((w) => w.end - w.start < 62 * DAY_MS)).toBe(true);
    // A meeting in the second piece (day 80) and one straddling the cut between the pieces.
    const cut = splitWindow(window)[0]!.end;
    const late = { start: dayAhead(80) + 15 * HOUR_MS, end: dayAhead(80) + 16 * HOUR_MS };
    const straddling = { start: cut - 30 * MINUTE_MS, end: cut + 30 * MINUTE_MS };
    for (const block of [late, straddling]) {
      await devCall("POST", `/dev/tenants/${tenant}/users/${person.id}/conflicts`, { start: new Date(block.start).toISOString(), end: new Date(block.end).toISOString() });
    }
    const result = await reader().read(tenant, [ref(person)], window);
    expect(metrics.snapshot().byEndpoint[GET_SCHEDULE]).toBe(2);
    const calendar = result.get(person.id)!.calendar;
    if (!calendar.readable) throw new Error(calendar.reason);
    for (const block of [late, straddling]) expect(calendar.busy.some((b) => b.start <= block.start && b.end >= block.end)).toBe(true);
    expect(calendar.busy.every((b) => b.start < window.end && b.end > window.start)).toBe(true);
  });

  it("keeps 'could not read this calendar' apart from 'no free time' and from a free weekend", async () => {
    const free = people[4]!;
    dev.directory(tenant).update(free.id, { workingHours: { daysOfWeek: [...WEEKDAYS], startTime: "09:00:00", endTime: "17:00:00", timeZone: "Pacific Standard Time" } });
    const saturday = DateTime.fromMillis(dayAhead(10), { zone: "utc" }).set({ weekday: 6 }).plus({ weeks: 1 }).toMillis();
    const weekend: TimeRange = { start: saturday + 12 * HOUR_MS, end: saturday + 36 * HOUR_MS };
    const unknown: MailboxRef = { id: "ghost", address: "nobody.here@contoso.example" };
    const result = await reader().read(tenant, [ref(free), unknown], weekend);
    expect(result.get(free.id)!.calendar).toEqual({ readable: true, busy: [], items: [] });
    const ghost = result.get("ghost")!;
    expect(ghost.calendar.readable).toBe(false);
    expect(ghost.calendar.readable === false && ghost.calendar.reason).toMatch(/could not read this calendar \(5009/);
    expect(ghost.workingHours).toBeNull();
  });

  it("converts Windows working-hours zones to IANA: a half-hour zone, a DST zone, and an unknown name without crashing", async () => {
    const [kolkata, newYork, odd] = [people[5]!, people[6]!, people[7]!];
    const directory = dev.directory(tenant);
    directory.update(kolkata.id, { workingHours: { daysOfWeek: [...WEEKDAYS], startTime: "09:30:00", endTime: "18:00:00", timeZone: "India Standard Time" } });
    directory.update(newYork.id, { workingHours: { daysOfWeek: [...WEEKDAYS], startTime: "09:00:00", endTime: "17:00:00", timeZone: "Eastern Standard Time" } });
    directory.update(odd.id, { workingHours: { daysOfWeek: [...WEEKDAYS], startTime: "09:00:00", endTime: "17:00:00", timeZone: "Mars Standard Time" } });
    // The next US spring-forward after the dev clock: second Sunday of March.
    const now = DateTime.fromMillis(dev.clock.now(), { zone: "America/New_York" });
    let march = DateTime.fromObject({ year: now.year, month: 3, day: 1 }, { zone: "America/New_York" });
    if (march.plus({ days: 14 }) <= now) march = march.plus({ years: 1 });
    const dstSunday = march.plus({ days: (7 - march.weekday) % 7 + 7 });
    const window: TimeRange = { start: dstSunday.minus({ days: 6 }).toMillis(), end: dstSunday.plus({ days: 8 }).toMillis() };
    // A meeting at 10:00 India time on the Monday after: must come back at that instant (04:30 UTC).
    const mondayIst = DateTime.fromObject({ year: dstSunday.year, month: dstSunday.month, day: dstSunday.day, hour: 10 }, { zone: "Asia/Kolkata" }).plus({ days: 1 });
    await devCall("POST", `/dev/tenants/${tenant}/users/${kolkata.id}/conflicts`, {
      start: { dateTime: mondayIst.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: "India Standard Time" },
      end: { dateTime: mondayIst.plus({ hours: 1 }).toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: "India Standard Time" },
    });

    const result = await reader().read(tenant, [kolkata, newYork, odd].map(ref), window);

    const india = result.get(kolkata.id)!;
    expect(india.workingHours).toMatchObject({ timeZone: "Asia/Kolkata", startTime: "09:30:00.0000000" });
    expect(india.calendar.readable && india.calendar.busy.some((b) => b.start <= mondayIst.toMillis() && b.end >= mondayIst.plus({ hours: 1 }).toMillis())).toBe(true);
    // 09:30 India time is 04:00 UTC on every working day (no DST there); the first day is clipped by the window.
    const indiaDays = workingRanges(india.workingHours!, window).slice(1);
    expect(indiaDays.length).toBeGreaterThan(5);
    expect(indiaDays.every((r) => new Date(r.start).toISOString().slice(11, 16) === "04:00")).toBe(true);

    const eastern = result.get(newYork.id)!;
    expect(eastern.workingHours?.timeZone).toBe("America/New_York");
    const starts = workingRanges(eastern.workingHours!, window).map((r) => new Date(r.start).toISOString());
    const before = starts.filter((s) => Date.parse(s) < dstSunday.toMillis());
    const after = starts.filter((s) => Date.parse(s) > dstSunday.toMillis());
    // 09:00 EST is 14:00 UTC; after the change 09:00 EDT is 13:00 UTC.
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(before.every((s) => s.slice(11, 16) === "14:00")).toBe(true);
    expect(after.every((s) => s.slice(11, 16) === "13:00")).toBe(true);

    const unknownZone = result.get(odd.id)!;
    expect(unknownZone.workingHours).toBeNull();
    expect(unknownZone.workingHoursProblem).toMatch(/"Mars Standard Time" is unknown/);
    expect(unknownZone.calendar.readable).toBe(true);
  });

  it("gives the same answer with throttling (429 + Retry-After) and 503s on, keeping ≤ 4 in flight per mailbox", async () => {
    const group = people.slice(20, 65).map(ref);
    const window: TimeRange = { start: dayAhead(3), end: dayAhead(31) };
    const calm = await reader().read(tenant, group, window);
    dev.setFaults({ throttleRate: 0.2, unavailableRate: 0.1, retryAfterSeconds: 0.05 });
    metrics.reset();
    const stormy = await reader().read(tenant, group, window);
    expect(metrics.snapshot().throttled + metrics.snapshot().serverErrors).toBeGreaterThan(0);
    expect(stormy).toEqual(calm);
    expect(limiter.snapshot().maxInFlightPerKey).toBeLessThanOrEqual(4);
  });

  it("throws when the whole tenant cannot be read (no consent) instead of calling everyone unreadable", async () => {
    const unconsented = devTenantGraph(dev, http, { app: dev.unconsentedApp, limiter, metrics, maxRetries: 0 }).graph;
    await expect(new GraphAvailabilityReader(unconsented).read(tenant, people.slice(0, 3).map(ref), { start: dayAhead(1), end: dayAhead(2) })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("GraphCalendarBooking", () => {
  const booking = () => new GraphCalendarBooking(graph);

  function meeting(organiser: DevPerson, attendee: DevPerson, start: number, transactionId: string): NewMeeting {
    return {
      organiser: ref(organiser),
      attendees: [{ ...ref(attendee), name: attendee.displayName }],
      subject: "Reverse mentoring — session 1 of 6",
      bodyHtml: "<p>Agenda: <b>AI tools</b> in daily work.</p>",
      start,
      end: start + 30 * MINUTE_MS,
      timeZone: "America/New_York",
      transactionId,
    };
  }

  it("creates a Teams meeting at the requested instant and returns the same event for a repeated transactionId", async () => {
    const [mentor, executive] = [people[10]!, people[11]!];
    const start = dayAhead(9) + 15 * HOUR_MS;
    dev.setFaults({ throttleRate: 0.15, unavailableRate: 0.1, retryAfterSeconds: 0.05 });
    const first = await booking().create(tenant, meeting(mentor, executive, start, "4b1c2d3e-0000-4000-8000-000000000001"));
    const again = await booking().create(tenant, meeting(mentor, executive, start + HOUR_MS, "4b1c2d3e-0000-4000-8000-000000000001"));
    dev.setFaults({ throttleRate: 0, unavailableRate: 0 });
    expect(again.eventId).toBe(first.eventId);
    expect(first).toMatchObject({ start, end: start + 30 * MINUTE_MS, isCancelled: false, attendees: [{ address: executive.mail!.toLowerCase(), response: "none" }] });
    expect(first.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    const stored = (await devCall("GET", `/dev/tenants/${tenant}/users/${mentor.id}/events`)) as { value?: Array<Record<string, unknown>> } | Array<Record<string, unknown>>;
    const list = Array.isArray(stored) ? stored : (stored.value ?? []);
    const mine = list.filter((e) => e.transactionId === "4b1c2d3e-0000-4000-8000-000000000001");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness", originalStartTimeZone: "America/New_York" });
  });

  it("moves, reads, cancels; a vanished event reads as null and cancelling it again succeeds", async () => {
    const [mentor, executive] = [people[12]!, people[13]!];
    const start = dayAhead(12) + 16 * HOUR_MS;
    const created = await booking().create(tenant, meeting(mentor, executive, start, "4b1c2d3e-0000-4000-8000-000000000002"));
    await devCall("POST", `/dev/tenants/${tenant}/users/${executive.id}/respond`, { organizer: mentor.id, eventId: created.eventId, response: "accepted" });
    expect((await booking().get(tenant, ref(mentor), created.eventId))?.attendees[0]?.response).toBe("accepted");

    const moved = await booking().move(tenant, ref(mentor), created.eventId, { start: start + DAY_MS, end: start + DAY_MS + 45 * MINUTE_MS, timeZone: "Asia/Kolkata" });
    expect(moved).toMatchObject({ eventId: created.eventId, start: start + DAY_MS, end: start + DAY_MS + 45 * MINUTE_MS });
    // Moving a meeting asks the attendee again.
    expect(moved?.attendees[0]?.response).toBe("none");
    expect(moved?.changeKey).not.toBe(created.changeKey);

    await booking().cancel(tenant, ref(mentor), created.eventId, "The pair paused the programme.");
    expect(await booking().get(tenant, ref(mentor), created.eventId)).toBeNull();
    await expect(booking().cancel(tenant, ref(mentor), created.eventId, "again")).resolves.toBeUndefined();
    expect(await booking().move(tenant, ref(mentor), created.eventId, { start, end: start + HOUR_MS, timeZone: "UTC" })).toBeNull();
  });

  it("refuses bad input before calling Graph, and reports Graph's refusals as app errors", async () => {
    const [mentor, executive] = [people[14]!, people[15]!];
    const start = dayAhead(5) + 15 * HOUR_MS;
    await expect(booking().create(tenant, { ...meeting(mentor, executive, start, "x"), end: start })).rejects.toThrow(/end after it starts/);
    await expect(booking().create(tenant, meeting(mentor, executive, start, "has spaces in it"))).rejects.toThrow(/transactionId/);
    await expect(booking().create(tenant, { ...meeting(mentor, executive, start, "ok-1"), timeZone: "Nowhere/Special" })).rejects.toThrow(/time zone/);
    const noMailbox = dev.directory(tenant).people().find((p) => !p.hasMailbox);
    expect(noMailbox).toBeDefined();
    await expect(booking().create(tenant, { ...meeting(mentor, executive, start, "ok-2"), organiser: { id: noMailbox!.id, address: "x@contoso.example" } })).rejects.toBeInstanceOf(NotFoundError);
    // An id Graph does not know is "gone", not an error.
    await expect(booking().move(tenant, ref(mentor), "AAMkGEN-not-an-event", { start, end: start + HOUR_MS, timeZone: "UTC" })).resolves.toBeNull();
  });
});

describe("GraphEventSubscriptions", () => {
  it("refuses a clientState over 128 characters and a relative URL before calling Graph", async () => {
    const subs = new GraphEventSubscriptions(graph);
    const organiser = ref(people[16]!);
    const base = { notificationUrl: "https://127.0.0.1:1/n", lifecycleNotificationUrl: "https://127.0.0.1:1/l", clientState: "s", expiresAt: dev.clock.now() + HOUR_MS };
    await expect(subs.subscribe(tenant, organiser, { ...base, clientState: "x".repeat(129) })).rejects.toThrow(/clientState/);
    await expect(subs.subscribe(tenant, organiser, { ...base, notificationUrl: "/api/graph/notifications" })).rejects.toThrow(/absolute URL/);
    expect(metrics.snapshot().requests).toBe(0);
  });

  it("renew answers null and remove succeeds for a subscription Graph no longer has", async () => {
    const subs = new GraphEventSubscriptions(graph);
    expect(await subs.renew(tenant, "00000000-0000-4000-8000-00000000dead", dev.clock.now() + HOUR_MS)).toBeNull();
    await expect(subs.remove(tenant, "00000000-0000-4000-8000-00000000dead")).resolves.toBeUndefined();
  });
});
