// Test harness for the calendar half on its own: the real calendar routers in a local HTTP server,
// reached with real fetch. The core's auth layer is stood in for by a middleware that sets
// res.locals.graph from an x-test-context header (the routes under test read only that), and the
// directory is a small hand-made organisation. The dev clock stands still unless a test advances it.
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import { hashParts } from "../../src/devtenant/calendar/rng.js";
import { createCalendarService, type CalendarDeps, type CalendarService } from "../../src/devtenant/calendar/index.js";
import { calendarRoutes, devCalendarRoutes } from "../../src/devtenant/graph/calendar-routes.js";
import type { DevBusyBlock, DevClock, DevDirectoryView, DevPerson, GraphCallContext } from "../../src/devtenant/model.js";

export const TENANT = "11111111-1111-4111-8111-111111111111";
export const OTHER_TENANT = "22222222-2222-4222-8222-222222222222";
export const APP_ID = "33333333-3333-4333-8333-333333333333";
/** Monday 3 March 2025, 12:00 UTC: a fixed "now" so nothing depends on today's date. */
export const START = Date.UTC(2025, 2, 3, 12, 0, 0);

/** A GUID-shaped id derived from the name, so the same people have the same ids in every harness. */
function idFor(name: string): string {
  const hex = [0, 1, 2, 3].map((i) => hashParts(name, i).toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function makePerson(partial: Partial<DevPerson> & { displayName: string }): DevPerson {
  const [given = "Test", family = "Person"] = partial.displayName.split(" ");
  const mail = `${given}.${family}@contoso.example`.toLowerCase();
  return {
    id: partial.id ?? idFor(partial.displayName),
    userPrincipalName: partial.userPrincipalName ?? mail,
    mail: partial.mail === undefined ? mail : partial.mail,
    displayName: partial.displayName,
    givenName: given,
    surname: family,
    jobTitle: partial.jobTitle ?? "Engineer",
    department: "Engineering",
    division: "Technology",
    companyName: "Contoso",
    officeLocation: "HQ",
    city: null,
    country: null,
    usageLocation: "US",
    preferredLanguage: partial.preferredLanguage ?? "en-US",
    businessPhones: [],
    mobilePhone: null,
    managerId: null,
    accountEnabled: true,
    userType: "Member",
    hasMailbox: partial.hasMailbox ?? true,
    timeZone: partial.timeZone ?? "Pacific Standard Time",
    workingHours: partial.workingHours ?? { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:00:00", endTime: "17:00:00", timeZone: partial.timeZone ?? "Pacific Standard Time" },
    isProgramAdmin: false,
    responseProfile: partial.responseProfile ?? null,
    generatedLevel: partial.generatedLevel ?? 6,
  };
}

export class TestDirectory implements DevDirectoryView {
  readonly info;
  private readonly busy = new Map<string, DevBusyBlock[]>();

  constructor(
    tenantId: string,
    private readonly members: DevPerson[],
    readonly seed = 7,
  ) {
    this.info = { tenantId, displayName: "Contoso", domain: "contoso.example" };
  }

  findPerson(idOrAddress: string): DevPerson | undefined {
    const key = idOrAddress.toLowerCase();
    return this.members.find((p) => p.id.toLowerCase() === key || p.userPrincipalName.toLowerCase() === key || p.mail?.toLowerCase() === key);
  }

  people(): readonly DevPerson[] {
    return this.members;
  }

  fixtureBusy(personId: string): readonly DevBusyBlock[] {
    return this.busy.get(personId) ?? [];
  }

  setBusy(personId: string, blocks: DevBusyBlock[]): void {
    this.busy.set(personId, blocks);
  }
}

export function fixedClock(start = START): DevClock & { offset: number } {
  const clock = {
    offset: 0,
    now: () => start + clock.offset,
    advance(ms: number) {
      clock.offset += ms;
    },
  };
  return clock;
}

export function standardPeople(): Record<"ceo" | "exec" | "mentor" | "junior" | "noMailbox" | "utc", DevPerson> {
  return {
    ceo: makePerson({ displayName: "Chen Chief", jobTitle: "Chief Executive Officer", generatedLevel: 0, timeZone: "Pacific Standard Time", responseProfile: { accept: 0.6, tentative: 0.15, decline: 0.15, delayMinutes: 90, laterConflict: 0.1 } }),
    exec: makePerson({ displayName: "Vera Exec", jobTitle: "VP Engineering", generatedLevel: 2, timeZone: "Eastern Standard Time", responseProfile: { accept: 0.6, tentative: 0.15, decline: 0.15, delayMinutes: 120, laterConflict: 0.2 } }),
    mentor: makePerson({
      displayName: "Maya Mentor",
      jobTitle: "Software Engineer",
      timeZone: "India Standard Time",
      preferredLanguage: "en-IN",
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:30:00", endTime: "18:30:00", timeZone: "India Standard Time" },
    }),
    junior: makePerson({ displayName: "Liam Junior", jobTitle: "Analyst", generatedLevel: 7, timeZone: "GMT Standard Time" }),
    noMailbox: makePerson({ displayName: "Nina Nomailbox", hasMailbox: false, mail: null }),
    utc: makePerson({ displayName: "Uma Utc", timeZone: "UTC" }),
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
  text: string;
}

export interface Harness {
  origin: string;
  svc: CalendarService;
  clock: DevClock & { offset: number };
  directory: TestDirectory;
  other: TestDirectory;
  people: ReturnType<typeof standardPeople>;
  /** Call a Graph route (relative to /v1.0) as the app (default) or with an overridden context. */
  graph(method: string, path: string, init?: { body?: unknown; ctx?: Partial<GraphCallContext>; headers?: Record<string, string> }): Promise<Reply>;
  /** Call a dev route (relative to /dev). */
  dev(method: string, path: string, body?: unknown): Promise<Reply>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  generateCalendars?: boolean;
  seed?: number;
  deps?: Partial<CalendarDeps>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

async function call(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let json: Record<string, unknown>;
  try {
    json = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, json, text };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const people = standardPeople();
  const directory = new TestDirectory(TENANT, Object.values(people), options.seed ?? 7);
  const other = new TestDirectory(OTHER_TENANT, [makePerson({ displayName: "Fred Fabrikam" })], 99);
  const clock = fixedClock();
  const app = express();
  const server = createServer(app);
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  const svc = createCalendarService({
    directory: (t) => (t === TENANT ? directory : t === OTHER_TENANT ? other : undefined),
    clock,
    origin,
    seed: options.seed ?? 7,
    generateCalendars: () => options.generateCalendars ?? false,
    ...options.deps,
  });
  app.use("/v1.0", (req, res, next) => {
    const requestId = randomUUID();
    const override = req.headers["x-test-context"];
    const ctx: GraphCallContext = {
      tenantId: TENANT,
      appId: APP_ID,
      roles: ["User.Read.All", "Calendars.ReadWrite", "MailboxSettings.Read"],
      userId: null,
      scopes: [],
      requestId,
      ...(typeof override === "string" ? (JSON.parse(override) as Partial<GraphCallContext>) : {}),
    };
    res.locals["graph"] = ctx;
    res.locals["requestId"] = requestId;
    next();
  });
  app.use("/v1.0", calendarRoutes(svc));
  app.use("/dev", devCalendarRoutes(svc));
  svc.start();
  return {
    origin,
    svc,
    clock,
    directory,
    other,
    people,
    graph: (method, path, init = {}) =>
      call(`${origin}/v1.0${path}`, method, init.body, { ...(init.ctx === undefined ? {} : { "x-test-context": JSON.stringify(init.ctx) }), ...init.headers }),
    dev: (method, path, body) => call(`${origin}/dev${path}`, method, body, {}),
    stop: async () => {
      await svc.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A dateTimeTimeZone body value. */
export function at(dateTime: string, timeZone = "UTC"): { dateTime: string; timeZone: string } {
  return { dateTime, timeZone };
}

export function eventBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: "Reverse mentoring session",
    body: { contentType: "HTML", content: "Let's talk about <b>Teams</b>." },
    start: at("2025-03-05T10:00:00", "Pacific Standard Time"),
    end: at("2025-03-05T10:30:00", "Pacific Standard Time"),
    location: { displayName: "Microsoft Teams Meeting" },
    ...overrides,
  };
}

export function attendee(person: DevPerson, type = "required"): Record<string, unknown> {
  return { emailAddress: { address: person.mail ?? person.userPrincipalName, name: person.displayName }, type };
}
