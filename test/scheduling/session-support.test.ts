// Pure helpers of the scheduling use cases: the bounded pool, deterministic transaction ids, the app's own
// bookings as the planner sees them, and the preference rules beyond the request schema.
import { describe, expect, it } from "vitest";
import { checkPreferences } from "../../src/app/scheduling/executive-preferences.js";
import type { Session } from "../../src/app/scheduling/session-model.js";
import { forEachLimited } from "../../src/app/for-each-limited.js";
import { bookingsOf, transactionIdOf } from "../../src/app/scheduling/session-support.js";

describe("forEachLimited", () => {
  it("never runs more than the limit at once and finishes every item", async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      done.push(n);
    });
    expect(peak).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("after a failure starts nothing new, lets the started ones finish, then throws the first failure", async () => {
    const started: number[] = [];
    let finished = 0;
    const run = forEachLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setImmediate(r));
      if (n === 1) throw new Error("first");
      if (n === 2) {
        await new Promise((r) => setImmediate(r));
        finished += 1;
      }
    });
    await expect(run).rejects.toThrow("first");
    expect(started).toEqual([1, 2]);
    expect(finished).toBe(1);
  });

  it("starts nothing more once the signal is aborted, and throws the abort reason", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = forEachLimited(
      [1, 2, 3, 4],
      1,
      async (n) => {
        started.push(n);
        if (n === 2) controller.abort(new Error("job cancelled"));
      },
      controller.signal,
    );
    await expect(run).rejects.toThrow("job cancelled");
    expect(started).toEqual([1, 2]);
  });
});

describe("transactionIdOf", () => {
  it("is the same for the same session and generation, different otherwise, and Graph-safe", () => {
    const a = transactionIdOf("Tenant-A", "pair_s0", 1);
    expect(transactionIdOf("tenant-a", "pair_s0", 1)).toBe(a);
    expect(new Set([a, transactionIdOf("tenant-a", "pair_s0", 2), transactionIdOf("tenant-a", "pair_s1", 1), transactionIdOf("tenant-b", "pair_s0", 1)]).size).toBe(4);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe("bookingsOf", () => {
  const session = (id: string, state: Session["state"], start: string | null): Session =>
    ({ id, state, mentorId: "m", menteeId: "e", start, end: start ? new Date(Date.parse(start) + 1_800_000).toISOString() : null }) as Session;

  it("holds time for sessions with a slot that are not cancelled or held, except the one being moved", () => {
    const list = [
      session("a", "booked", "2030-03-04T10:00:00Z"),
      session("b", "cancelled", "2030-03-04T11:00:00Z"),
      session("c", "held", "2030-03-04T12:00:00Z"),
      session("d", "planned", null),
      session("e", "declined", "2030-03-04T13:00:00Z"),
      session("f", "accepted", "2030-03-04T14:00:00Z"),
    ];
    expect(bookingsOf(list, "f").map((b) => new Date(b.start).toISOString())).toEqual(["2030-03-04T10:00:00.000Z", "2030-03-04T13:00:00.000Z"]);
    expect(bookingsOf(list)[0]!.personIds).toEqual(["m", "e"]);
  });
});

describe("checkPreferences", () => {
  const ok = { maxSessionsPerWeek: 3, preferredDays: ["monday" as const], preferredHours: { start: "09:00", end: "11:30" }, notBefore: "2030-02-28" };

  it("accepts sensible preferences and all-empty ones", () => {
    expect(checkPreferences(ok)).toEqual([]);
    expect(checkPreferences({ maxSessionsPerWeek: null, preferredDays: [], preferredHours: null, notBefore: null })).toEqual([]);
  });

  it("names every failing field", () => {
    const fields = (input: Partial<typeof ok>) => checkPreferences({ ...ok, ...input } as typeof ok).map((p) => p.field);
    expect(fields({ maxSessionsPerWeek: 0 })).toEqual(["maxSessionsPerWeek"]);
    expect(fields({ maxSessionsPerWeek: 2.5 })).toEqual(["maxSessionsPerWeek"]);
    expect(fields({ preferredHours: { start: "10:00", end: "10:00" } })).toEqual(["preferredHours.end"]);
    expect(fields({ preferredHours: { start: "9:00", end: "24:30" } })).toEqual(["preferredHours.start", "preferredHours.end"]);
    expect(fields({ notBefore: "2030-02-29" })).toEqual(["notBefore"]);
  });
});
