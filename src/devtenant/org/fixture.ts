// Loads an organisation from a JSON fixture (schema: fixture.schema.json, JSON Schema draft 2020-12) instead of
// generating one. Every problem is reported with the JSON path of the offending value.
import { readFile } from "node:fs/promises";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import windowsIana from "windows-iana";
import type { DevBusyBlock, DevPerson, DevResponseProfile } from "../model.js";
import schema from "./fixture.schema.json" with { type: "json" };
import { mailNickname } from "./generate.js";

export interface FixtureOrg {
  tenant: { tenantId?: string; displayName: string; domain: string };
  people: DevPerson[];
  busy: Map<string, DevBusyBlock[]>;
  /** The fixture's groups as written (checked); null = none listed, so groups are generated. */
  groups: FixtureGroup[] | null;
}

export interface FixtureGroup {
  id: string;
  displayName: string;
  description?: string | null;
  kind?: "security" | "microsoft365";
  /** Ids of people or groups of the fixture. */
  members: string[];
}

export class FixtureError extends Error {
  constructor(readonly problems: string[], source: string) {
    super(`Invalid dev tenant fixture ${source}:\n  ${problems.join("\n  ")}`);
    this.name = "FixtureError";
  }
}

interface RawPerson {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName?: string;
  mail?: string | null;
  managerId: string | null;
  jobTitle?: string | null;
  department?: string | null;
  division?: string | null;
  companyName?: string | null;
  officeLocation?: string | null;
  city?: string | null;
  country?: string | null;
  usageLocation?: string | null;
  preferredLanguage?: string | null;
  businessPhones?: string[];
  mobilePhone?: string | null;
  timeZone: string;
  workingHours: { daysOfWeek: DevPerson["workingHours"]["daysOfWeek"]; startTime: string; endTime: string; timeZone?: string };
  flags?: { enabled?: boolean; guest?: boolean; mailbox?: boolean; admin?: boolean };
  level?: number;
  responseProfile?: Partial<DevResponseProfile> & { accept: number; tentative: number; decline: number };
  busy?: DevBusyBlock[];
}

interface RawFixture {
  tenant: FixtureOrg["tenant"];
  people: RawPerson[];
  groups?: FixtureGroup[];
}

// ajv-formats is CommonJS; its default export arrives as module.exports (with .default on some loaders).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: true, useDefaults: false });
addFormats(ajv);
const validate = ajv.compile<RawFixture>(schema);

/** "/people/3/timeZone" → "$.people[3].timeZone". */
export function jsonPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${path}.${part}` : `${path}[${JSON.stringify(part)}]`), "$");
}

function describe(error: ErrorObject): string {
  const path = jsonPath(error.instancePath);
  if (error.keyword === "additionalProperties") return `${path}: unknown property '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  if (error.keyword === "required") return `${path}: missing required property '${(error.params as { missingProperty: string }).missingProperty}'`;
  if (error.keyword === "enum") return `${path}: must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`;
  return `${path}: ${error.message ?? "is invalid"}`;
}

const isKnownZone = (zone: string): boolean => zone === "UTC" || windowsIana.findIana(zone).length > 0;

const toSeconds = (time: string): string => (time.length === 5 ? `${time}:00` : time.slice(0, 8));

/** Semantic checks the schema cannot express: unique ids and addresses, manager references, zones, busy ranges. */
function semanticProblems(raw: RawFixture): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  raw.people.forEach((p, i) => {
    const key = p.id.toLowerCase();
    if (ids.has(key)) problems.push(`$.people[${i}].id: duplicate id (also $.people[${ids.get(key)}].id)`);
    else ids.set(key, i);
  });
  const addresses = new Map<string, string>();
  raw.people.forEach((p, i) => {
    const upn = defaultUpn(p, raw.tenant.domain);
    for (const [field, value] of [["userPrincipalName", upn], ["mail", p.mail === undefined ? upn : p.mail]] as const) {
      if (!value) continue;
      const owner = addresses.get(value.toLowerCase());
      if (owner && owner !== p.id.toLowerCase()) problems.push(`$.people[${i}].${field}: the address ${value} is used by another person`);
      addresses.set(value.toLowerCase(), p.id.toLowerCase());
    }
    if (p.managerId !== null && !ids.has(p.managerId.toLowerCase())) problems.push(`$.people[${i}].managerId: no person with id ${p.managerId}`);
    if (p.managerId !== null && p.managerId.toLowerCase() === p.id.toLowerCase()) problems.push(`$.people[${i}].managerId: a person cannot manage themself`);
    if (!isKnownZone(p.timeZone)) problems.push(`$.people[${i}].timeZone: '${p.timeZone}' is not a Windows time zone name`);
    const whZone = p.workingHours.timeZone;
    if (whZone !== undefined && !isKnownZone(whZone)) problems.push(`$.people[${i}].workingHours.timeZone: '${whZone}' is not a Windows time zone name`);
    if (toSeconds(p.workingHours.startTime) >= toSeconds(p.workingHours.endTime)) problems.push(`$.people[${i}].workingHours: startTime must be before endTime`);
    const profile = p.responseProfile;
    if (profile && profile.accept + profile.tentative + profile.decline > 1 + 1e-9) problems.push(`$.people[${i}].responseProfile: accept + tentative + decline must not exceed 1`);
    p.busy?.forEach((b, j) => {
      if (!(Date.parse(b.start) < Date.parse(b.end))) problems.push(`$.people[${i}].busy[${j}]: start must be before end`);
    });
  });
  return [...problems, ...groupProblems(raw.groups ?? [], ids)];
}

/** Group ids unique (and not a person's), members named in the file, no groups inside Microsoft 365 groups. */
function groupProblems(groups: readonly FixtureGroup[], personIds: ReadonlyMap<string, number>): string[] {
  const problems: string[] = [];
  const groupIds = new Map<string, number>();
  groups.forEach((g, i) => {
    const key = g.id.toLowerCase();
    if (groupIds.has(key)) problems.push(`$.groups[${i}].id: duplicate id (also $.groups[${groupIds.get(key)}].id)`);
    else if (personIds.has(key)) problems.push(`$.groups[${i}].id: the id ${g.id} belongs to a person`);
    else groupIds.set(key, i);
  });
  groups.forEach((g, i) => {
    g.members.forEach((m, j) => {
      const key = m.toLowerCase();
      if (groupIds.has(key) && (g.kind ?? "security") === "microsoft365") problems.push(`$.groups[${i}].members[${j}]: a Microsoft 365 group cannot contain groups`);
      else if (key === g.id.toLowerCase()) problems.push(`$.groups[${i}].members[${j}]: a group cannot contain itself`);
      else if (!groupIds.has(key) && !personIds.has(key)) problems.push(`$.groups[${i}].members[${j}]: no person or group with id ${m}`);
    });
  });
  return problems;
}

function defaultUpn(p: RawPerson, domain: string): string {
  return p.userPrincipalName ?? `${mailNickname(p.givenName)}.${mailNickname(p.surname)}@${domain}`;
}

/** Depth from a root via manager links; people in a cycle, or under one, get level 100 (no path to a root). */
export const CYCLE_LEVEL = 100;

function levels(people: readonly RawPerson[]): Map<string, number> {
  const byId = new Map(people.map((p) => [p.id.toLowerCase(), p]));
  const memo = new Map<string, number>();
  for (const person of people) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: RawPerson | undefined = person;
    let lastDepth = 0;
    while (current && !memo.has(current.id.toLowerCase())) {
      const key = current.id.toLowerCase();
      chain.push(key);
      onChain.add(key);
      const managerKey = current.managerId?.toLowerCase();
      if (managerKey === undefined) {
        lastDepth = 0;
        current = undefined;
      } else if (onChain.has(managerKey)) {
        lastDepth = CYCLE_LEVEL;
        current = undefined;
      } else if (memo.has(managerKey)) {
        const managerDepth = memo.get(managerKey) as number;
        lastDepth = managerDepth >= CYCLE_LEVEL ? CYCLE_LEVEL : managerDepth + 1;
        current = undefined;
      } else {
        current = byId.get(managerKey);
      }
    }
    for (let i = chain.length - 1, depth = lastDepth; i >= 0; i--, depth = depth >= CYCLE_LEVEL ? CYCLE_LEVEL : depth + 1) {
      memo.set(chain[i] as string, depth);
    }
  }
  return memo;
}

export function parseFixture(data: unknown, source = "(inline)"): FixtureOrg {
  if (!validate(data)) throw new FixtureError((validate.errors ?? []).slice(0, 50).map(describe), source);
  const problems = semanticProblems(data);
  if (problems.length > 0) throw new FixtureError(problems.slice(0, 50), source);
  const depths = levels(data.people);
  const busy = new Map<string, DevBusyBlock[]>();
  const people = data.people.map((p): DevPerson => {
    const upn = defaultUpn(p, data.tenant.domain);
    const flags = { enabled: true, guest: false, mailbox: true, admin: false, ...p.flags };
    const hasMailbox = flags.mailbox && p.mail !== null;
    if (p.busy && p.busy.length > 0) busy.set(p.id, p.busy.map((b) => ({ ...b, subject: b.subject ?? "Busy" })));
    return {
      id: p.id,
      userPrincipalName: upn,
      // Guests keep their external address even though their mailbox is not in this tenant.
      mail: p.mail === null ? null : hasMailbox || flags.guest ? (p.mail ?? upn) : null,
      displayName: p.displayName,
      givenName: p.givenName,
      surname: p.surname,
      jobTitle: p.jobTitle ?? null,
      department: p.department ?? null,
      division: p.division ?? null,
      companyName: p.companyName ?? data.tenant.displayName,
      officeLocation: p.officeLocation ?? null,
      city: p.city ?? null,
      country: p.country ?? null,
      usageLocation: p.usageLocation ?? null,
      preferredLanguage: p.preferredLanguage ?? null,
      businessPhones: p.businessPhones ?? [],
      mobilePhone: p.mobilePhone ?? null,
      managerId: p.managerId,
      accountEnabled: flags.enabled,
      userType: flags.guest ? "Guest" : "Member",
      hasMailbox,
      timeZone: p.timeZone,
      workingHours: {
        daysOfWeek: p.workingHours.daysOfWeek,
        startTime: toSeconds(p.workingHours.startTime),
        endTime: toSeconds(p.workingHours.endTime),
        timeZone: p.workingHours.timeZone ?? p.timeZone,
      },
      isProgramAdmin: flags.admin,
      responseProfile: p.responseProfile
        ? { delayMinutes: 60, laterConflict: 0, ...p.responseProfile }
        : null,
      generatedLevel: p.level ?? (depths.get(p.id.toLowerCase()) as number),
    };
  });
  return { tenant: data.tenant, people, busy, groups: data.groups ?? null };
}

export async function loadFixture(path: string): Promise<FixtureOrg> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new Error(`Cannot read the dev tenant fixture ${path}: ${(error as Error).message}`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FixtureError([`$: not valid JSON (${(error as Error).message})`], path);
  }
  return parseFixture(data, path);
}
