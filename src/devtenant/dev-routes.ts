// Dev-only control endpoints under /dev (no Graph auth; the dev tenant listens on loopback only): fault knobs,
// counters, the dev clock, signing-key rotation, and the dev sign-in that issues a person's Teams SSO token.
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { DevDirectoryMutable } from "./directory/directory-store.js";
import { FaultConfigError, parseFaultConfig, type FaultInjector } from "./faults.js";
import type { DevClock, DevPerson, DevTenantInfo } from "./model.js";
import type { RequestCounters } from "./counters.js";

export class DevRequestError extends Error {
  constructor(readonly status: number, readonly code: string, readonly field: string | null, message: string) {
    super(message);
  }
}

export type DevPersonRole = "executive" | "employee" | "admin";

export interface DevRouteDeps {
  tenants: readonly DevTenantInfo[];
  directory(tenantId: string): DevDirectoryMutable | undefined;
  faults: FaultInjector;
  counters: RequestCounters;
  clock: DevClock;
  onClockAdvanced(): void;
  rotateSigningKey(): Promise<void>;
  signIn(tenantId: string, personIdOrUpn: string): Promise<{ token: string; expiresOn: number; person: DevPerson }>;
}

/** VP and above (generated levels 1–3), enabled, with a mailbox: the people who get mentored. */
export function roleOf(p: DevPerson): DevPersonRole | null {
  if (p.isProgramAdmin) return "admin";
  if (!p.accountEnabled || p.userType !== "Member") return null;
  if (p.generatedLevel >= 1 && p.generatedLevel <= 3) return "executive";
  if (p.generatedLevel >= 4) return "employee";
  return null;
}

function pickPeople(directory: DevDirectoryMutable, role: DevPersonRole, limit: number): DevPerson[] {
  const candidates = directory.people().filter((p) => p.accountEnabled && roleOf(p) === role && (role === "admin" || p.hasMailbox));
  // Employees: the most junior first (the mentors); executives: the most senior first.
  candidates.sort((a, b) => (role === "employee" ? b.generatedLevel - a.generatedLevel : a.generatedLevel - b.generatedLevel) || a.displayName.localeCompare(b.displayName));
  return candidates.slice(0, limit);
}

function tenantFrom(deps: DevRouteDeps, raw: unknown): { info: DevTenantInfo; directory: DevDirectoryMutable } {
  const wanted = raw === undefined || raw === "" ? deps.tenants[0]?.tenantId : raw;
  if (typeof wanted !== "string") throw new DevRequestError(400, "badRequest", "tenantId", "tenantId must be a string");
  const info = deps.tenants.find((t) => t.tenantId.toLowerCase() === wanted.toLowerCase() || t.domain.toLowerCase() === wanted.toLowerCase());
  const directory = info ? deps.directory(info.tenantId) : undefined;
  if (!info || !directory) throw new DevRequestError(404, "notFound", "tenantId", `No dev tenant '${wanted}'`);
  return { info, directory };
}

export function devRoutes(deps: DevRouteDeps): Router {
  const router = express.Router();
  router.use(express.json({ limit: "64kb" }));

  router.get("/tenants", (_req, res) => {
    res.json({ tenants: deps.tenants.map((t) => ({ ...t, users: deps.directory(t.tenantId)?.people().length ?? 0 })) });
  });

  router.get("/faults", (_req, res) => {
    res.json(deps.faults.config());
  });
  router.put("/faults", (req, res) => {
    try {
      res.json(deps.faults.set(parseFaultConfig(req.body)));
    } catch (error) {
      if (error instanceof FaultConfigError) throw new DevRequestError(400, "badRequest", error.field, error.message);
      throw error;
    }
  });

  router.get("/counters", (_req, res) => {
    res.json(deps.counters.snapshot());
  });
  router.delete("/counters", (_req, res) => {
    deps.counters.reset();
    res.status(204).end();
  });

  router.get("/clock", (_req, res) => {
    res.json({ now: new Date(deps.clock.now()).toISOString() });
  });
  router.post("/clock", (req, res) => {
    const minutes = (req.body as { advanceMinutes?: unknown } | undefined)?.advanceMinutes;
    if (typeof minutes !== "number" || !Number.isFinite(minutes) || minutes < 0 || minutes > 366 * 24 * 60) {
      throw new DevRequestError(400, "badRequest", "advanceMinutes", "advanceMinutes must be a number of minutes from 0 to 527040 (the clock only moves forward)");
    }
    deps.clock.advance(minutes * 60_000);
    deps.onClockAdvanced();
    res.json({ now: new Date(deps.clock.now()).toISOString() });
  });

  router.post("/keys/rotate", async (_req, res) => {
    await deps.rotateSigningKey();
    res.status(204).end();
  });

  router.get("/people", (req, res) => {
    const { info, directory } = tenantFrom(deps, req.query["tenantId"]);
    const role = req.query["role"] ?? "employee";
    if (role !== "executive" && role !== "employee" && role !== "admin") throw new DevRequestError(400, "badRequest", "role", "role must be executive, employee or admin");
    const limitRaw = req.query["limit"] ?? "10";
    const limit = Number(limitRaw);
    if (typeof limitRaw !== "string" || !Number.isInteger(limit) || limit < 1 || limit > 200) throw new DevRequestError(400, "badRequest", "limit", "limit must be an integer from 1 to 200");
    const people = pickPeople(directory, role, limit).map((p) => ({
      id: p.id,
      displayName: p.displayName,
      jobTitle: p.jobTitle,
      department: p.department,
      userPrincipalName: p.userPrincipalName,
      role,
    }));
    res.json({ tenantId: info.tenantId, people });
  });

  router.post("/signin", async (req, res) => {
    const body = (req.body ?? {}) as { tenantId?: unknown; user?: unknown };
    const { info } = tenantFrom(deps, body.tenantId);
    if (typeof body.user !== "string" || body.user === "") throw new DevRequestError(400, "badRequest", "user", "user must be a person's object id or userPrincipalName");
    const { token, expiresOn, person } = await deps.signIn(info.tenantId, body.user);
    res.json({ token, expiresOn: new Date(expiresOn * 1000).toISOString(), tenantId: info.tenantId, userId: person.id });
  });

  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof DevRequestError) {
      res.status(error.status).json({ error: { code: error.code, field: error.field, message: error.message } });
      return;
    }
    if (error instanceof SyntaxError && "status" in error) {
      res.status(400).json({ error: { code: "badRequest", field: "body", message: "The body is not valid JSON." } });
      return;
    }
    next(error);
  });
  return router;
}
