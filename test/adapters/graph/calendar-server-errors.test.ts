// Server and connection failures, with Graph's replies as real Response objects behind the SDK (the dev
// tenant cannot be told to answer 500 or drop a connection): the availability reader re-sends inner 5xx
// items, a $batch that fails as a whole costs only its people, a read where every call fails throws; the
// booking adapter repeats a create whose connection dropped (safe: the transactionId finds the event).
import { Client, type Context, type Middleware } from "@microsoft/microsoft-graph-client";
import { describe, expect, it } from "vitest";
import { GraphAvailabilityReader } from "../../../src/adapters/graph/graph-availability-reader.js";
import { GraphCalendarBooking } from "../../../src/adapters/graph/graph-calendar-booking.js";
import type { GraphClients } from "../../../src/adapters/graph/graph-client-factory.js";
import { UnavailableError } from "../../../src/app/errors.js";

type Reply = (requests: Array<{ id: string; body: { schedules: string[] } }>) => Response | Error;

/** GraphClients whose every HTTP call is answered by the next scripted reply. */
function scriptedGraph(replies: Reply[]): { graph: GraphClients; calls: () => number } {
  let calls = 0;
  const middleware: Middleware = {
    async execute(context: Context) {
      const body = JSON.parse(String(context.options?.body ?? "{}")) as { requests: Array<{ id: string; body: { schedules: string[] } }> };
      const reply = replies[Math.min(calls, replies.length - 1)]!;
      calls++;
      const answer = reply(body.requests ?? []);
      if (answer instanceof Error) throw answer;
      context.response = answer;
    },
  };
  const client = Client.initWithMiddleware({ middleware, baseUrl: "https://graph.microsoft.com", defaultVersion: "v1.0" });
  return { graph: { app: () => client, onBehalfOf: () => client, baseUrl: "https://graph.microsoft.com/v1.0" }, calls: () => calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
const schedule = (address: string) => ({
  scheduleId: address,
  availabilityView: "0",
  scheduleItems: [{ status: "busy", start: { dateTime: "2025-01-06T10:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2025-01-06T11:00:00.0000000", timeZone: "UTC" } }],
  workingHours: { daysOfWeek: ["monday"], startTime: "09:00:00.0000000", endTime: "17:00:00.0000000", timeZone: { name: "UTC" } },
});
const batchOf = (statusFor: (id: string) => number): Reply => (requests) =>
  json(200, {
    responses: requests.map((r) =>
      statusFor(r.id) === 200
        ? { id: r.id, status: 200, headers: {}, body: { value: r.body.schedules.map(schedule) } }
        : { id: r.id, status: statusFor(r.id), headers: {}, body: { error: { code: "generalException", message: "x" } } },
    ),
  });

const WINDOW = { start: Date.UTC(2025, 0, 6), end: Date.UTC(2025, 0, 7) };
const people = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, address: `p${i}@contoso.example` }));
const noWait = { batch: { sleep: async () => {}, defaultRetrySeconds: 0 } };

describe("GraphAvailabilityReader on server errors", () => {
  it("re-sends getSchedule calls that got an inner 500 and reads everyone once they succeed", async () => {
    const { graph, calls } = scriptedGraph([batchOf((id) => (id === "c1w0" ? 500 : 200)), batchOf(() => 200)]);
    const result = await new GraphAvailabilityReader(graph, noWait).read("t", people(25), WINDOW);
    expect(calls()).toBe(2);
    expect([...result.values()].every((a) => a.calendar.readable)).toBe(true);
    const hour = { start: Date.UTC(2025, 0, 6, 10), end: Date.UTC(2025, 0, 6, 11) };
    expect(result.get("p24")!.calendar).toEqual({ readable: true, busy: [hour], items: [hour] });
  });

  it("marks only the people of a call that keeps failing as unreadable, with the status as the reason", async () => {
    const { graph, calls } = scriptedGraph([batchOf((id) => (id === "c1w0" ? 500 : 200))]);
    const result = await new GraphAvailabilityReader(graph, noWait).read("t", people(25), WINDOW);
    expect(calls()).toBe(3);
    expect(result.get("p0")!.calendar.readable).toBe(true);
    expect(result.get("p20")!.calendar).toEqual({ readable: false, reason: "could not read this calendar (Microsoft Graph answered 500 generalException)" });
  });

  it("throws when every call fails, instead of reporting everyone unreadable", async () => {
    const { graph } = scriptedGraph([() => json(500, { error: { code: "generalException", message: "down" } })]);
    await expect(new GraphAvailabilityReader(graph, noWait).read("t", people(3), WINDOW)).rejects.toBeInstanceOf(UnavailableError);
  });
});

describe("GraphCalendarBooking on a dropped connection", () => {
  const created = { id: "AAMkNEW=", changeKey: "ck", start: { dateTime: "2025-01-06T10:00:00.0000000", timeZone: "UTC" }, end: { dateTime: "2025-01-06T10:30:00.0000000", timeZone: "UTC" }, attendees: [], isCancelled: false };
  const meeting = {
    organiser: { id: "m", address: "m@contoso.example" },
    attendees: [{ id: "e", address: "e@contoso.example", name: "E" }],
    subject: "s",
    bodyHtml: "<p>a</p>",
    start: Date.UTC(2025, 0, 6, 10),
    end: Date.UTC(2025, 0, 6, 10, 30),
    timeZone: "UTC",
    transactionId: "tx-1",
  };

  it("repeats the create once the connection comes back and returns the event", async () => {
    const { graph, calls } = scriptedGraph([() => new TypeError("fetch failed"), () => json(201, created)]);
    const event = await new GraphCalendarBooking(graph).create("t", meeting);
    expect(calls()).toBe(2);
    expect(event.eventId).toBe("AAMkNEW=");
  });

  it("gives up after its retries with an UnavailableError, and never repeats a call Graph answered", async () => {
    const dropped = scriptedGraph([() => new TypeError("fetch failed")]);
    await expect(new GraphCalendarBooking(dropped.graph, 1).create("t", meeting)).rejects.toBeInstanceOf(UnavailableError);
    expect(dropped.calls()).toBe(2);
    const refused = scriptedGraph([() => json(500, { error: { code: "generalException", message: "x" } })]);
    await expect(new GraphCalendarBooking(refused.graph).create("t", meeting)).rejects.toBeInstanceOf(UnavailableError);
    expect(refused.calls()).toBe(1);
  });
});
