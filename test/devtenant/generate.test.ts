// The synthetic organisation: deterministic, shaped like a real company, with the bad data real directories have.
import windowsIana from "windows-iana";
import { describe, expect, it } from "vitest";
import type { DevPerson } from "../../src/devtenant/model.js";
import { generateOrg, type GeneratedOrg } from "../../src/devtenant/org/generate.js";

const base = { domain: "contoso.example", companyName: "Contoso" };

function managerSpans(people: readonly DevPerson[]): number[] {
  const spans = new Map<string, number>();
  for (const p of people) if (p.managerId) spans.set(p.managerId, (spans.get(p.managerId) ?? 0) + 1);
  return [...spans.values()];
}

/** Walks up the manager chain; returns the root reached, or "cycle". */
function rootOf(p: DevPerson, byId: ReadonlyMap<string, DevPerson>): string {
  const seen = new Set<string>();
  let current: DevPerson | undefined = p;
  while (current?.managerId) {
    if (seen.has(current.id)) return "cycle";
    seen.add(current.id);
    current = byId.get(current.managerId);
  }
  return current?.id ?? "dangling";
}

describe("generateOrg (2,000 people, seed 42)", () => {
  const org: GeneratedOrg = generateOrg({ seed: 42, users: 2000, ...base });
  const byId = new Map(org.people.map((p) => [p.id, p]));

  it("is deterministic for a seed and different for another seed", () => {
    const again = generateOrg({ seed: 42, users: 2000, ...base });
    expect(again.people).toEqual(org.people);
    const other = generateOrg({ seed: 43, users: 2000, ...base });
    expect(other.people.map((p) => p.id)).not.toEqual(org.people.map((p) => p.id));
  });

  it("has exactly the requested number of people with unique ids, UPNs and mail addresses", () => {
    expect(org.people).toHaveLength(2000);
    expect(new Set(org.people.map((p) => p.id)).size).toBe(2000);
    expect(new Set(org.people.map((p) => p.userPrincipalName.toLowerCase())).size).toBe(2000);
    const mails = org.people.map((p) => p.mail).filter((m): m is string => m !== null);
    expect(new Set(mails.map((m) => m.toLowerCase())).size).toBe(mails.length);
    for (const p of org.people) expect(p.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("has one CEO at level 0, division heads under the CEO, and 6 to 9 levels", () => {
    const ceo = byId.get(org.ceoId) as DevPerson;
    expect(ceo.generatedLevel).toBe(0);
    expect(ceo.managerId).toBeNull();
    expect(ceo.jobTitle).toBe("Chief Executive Officer");
    const heads = org.people.filter((p) => p.managerId === ceo.id);
    expect(heads.length).toBeGreaterThanOrEqual(6);
    expect(heads.length).toBeLessThanOrEqual(9);
    expect(new Set(heads.map((h) => h.division)).size).toBe(heads.length);
    expect(org.maxLevel + 1).toBeGreaterThanOrEqual(6);
    expect(org.maxLevel + 1).toBeLessThanOrEqual(9);
  });

  it("gives every member a manager one level up (except the bad data)", () => {
    const exempt = new Set([...org.anomalies.withoutManager, ...org.anomalies.cycle, ...org.anomalies.guests, org.ceoId]);
    for (const p of org.people) {
      if (exempt.has(p.id)) continue;
      const manager = byId.get(p.managerId as string);
      expect(manager, `${p.displayName} has a manager`).toBeDefined();
      expect(p.generatedLevel).toBe((manager as DevPerson).generatedLevel + 1);
      expect(rootOf(p, byId)).toBe(org.ceoId);
    }
  });

  it("titles fit the level", () => {
    for (const p of org.people.filter((x) => x.userType === "Member")) {
      const title = p.jobTitle ?? "";
      if (p.generatedLevel === 1) expect(title).toMatch(/^(Chief .+ Officer|EVP, .+)$/);
      if (p.generatedLevel === 2 && title.startsWith("SVP")) expect(title).toMatch(/^SVP, /);
      if (/^(VP|SVP|Chief|EVP)/.test(title)) expect(p.generatedLevel).toBeLessThanOrEqual(3);
      if (/Intern$/.test(title)) expect(p.generatedLevel).toBeGreaterThanOrEqual(5);
    }
    const titles = new Set(org.people.map((p) => p.jobTitle?.split(",")[0]));
    for (const expected of ["Chief Executive Officer", "SVP", "VP", "Senior Director", "Director", "Senior Manager", "Manager"]) expect(titles).toContain(expected);
  });

  it("places people in at least five time zones, including a half-hour zone, all valid Windows names", () => {
    const zones = new Set(org.people.map((p) => p.workingHours.timeZone));
    expect(zones.size).toBeGreaterThanOrEqual(5);
    expect(zones).toContain("India Standard Time");
    for (const zone of zones) expect(windowsIana.findIana(zone).length, zone).toBeGreaterThan(0);
    const utcMailboxes = org.people.filter((p) => p.timeZone === "UTC");
    expect(utcMailboxes.length).toBeGreaterThan(0);
    expect(utcMailboxes.length).toBeLessThan(100);
    for (const p of org.people) {
      expect(p.workingHours.startTime < p.workingHours.endTime).toBe(true);
      expect(p.workingHours.daysOfWeek).toEqual(["monday", "tuesday", "wednesday", "thursday", "friday"]);
    }
  });

  it("contains the bad data real directories have", () => {
    const { anomalies } = org;
    expect(anomalies.withoutManager.length).toBeGreaterThanOrEqual(2);
    for (const id of anomalies.withoutManager) expect(byId.get(id)?.managerId).toBeNull();
    // Exactly one manager cycle, of three people, detached from the CEO.
    expect(anomalies.cycle).toHaveLength(3);
    for (const id of anomalies.cycle) expect(rootOf(byId.get(id) as DevPerson, byId)).toBe("cycle");
    expect(org.people.filter((p) => rootOf(p, byId) === "cycle").every((p) => anomalies.cycle.includes(p.id))).toBe(true);
    const disabled = org.people.filter((p) => !p.accountEnabled);
    expect(disabled.length).toBeGreaterThanOrEqual(15);
    expect(disabled.length).toBeLessThanOrEqual(25);
    const guests = org.people.filter((p) => p.userType === "Guest");
    expect(guests.length).toBe(20);
    for (const g of guests) {
      expect(g.userPrincipalName).toMatch(/^[a-z0-9.]+_[a-z.]+#EXT#@contoso\.example$/);
      expect(g.hasMailbox).toBe(false);
    }
    const noMailbox = org.people.filter((p) => p.userType === "Member" && !p.hasMailbox);
    expect(noMailbox.length).toBe(10);
    for (const p of noMailbox) expect(p.mail).toBeNull();
  });

  it("has three dev program admins in HR and response profiles for executives only", () => {
    const admins = org.people.filter((p) => p.isProgramAdmin);
    expect(admins.map((a) => a.id).sort()).toEqual([...org.programAdmins].sort());
    expect(admins).toHaveLength(3);
    for (const a of admins) {
      expect(a.division).toBe("Human Resources");
      expect(a.accountEnabled && a.hasMailbox).toBe(true);
    }
    const executives = org.people.filter((p) => p.responseProfile !== null);
    expect(executives.length).toBeGreaterThan(20);
    for (const e of executives) {
      expect(e.generatedLevel).toBeLessThanOrEqual(3);
      expect(e.responseProfile).toMatchObject({ accept: 0.6, tentative: 0.15, decline: 0.15 });
    }
  });
});

describe("generateOrg without bad data", () => {
  it("keeps every manager's span within 3–12 and everyone under the CEO", () => {
    const org = generateOrg({ seed: 7, users: 2000, badData: false, ...base });
    const spans = managerSpans(org.people);
    expect(Math.min(...spans)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...spans)).toBeLessThanOrEqual(12);
    const byId = new Map(org.people.map((p) => [p.id, p]));
    expect(org.people.every((p) => rootOf(p, byId) === org.ceoId)).toBe(true);
    expect(org.anomalies).toEqual({ withoutManager: [], cycle: [], disabled: [], guests: [], withoutMailbox: [] });
  });

  it("rejects sizes it cannot generate", () => {
    expect(() => generateOrg({ seed: 1, users: 0, ...base })).toThrow(/users must be an integer from 1/);
    expect(() => generateOrg({ seed: 1, users: 1.5, ...base })).toThrow(/users must be an integer/);
  });
});

describe("generateOrg at 100,000 people", () => {
  it("keeps its invariants (timing lives in bench/devtenant-generate.ts)", () => {
    const org = generateOrg({ seed: 42, users: 100_000, ...base });
    expect(org.people).toHaveLength(100_000);
    expect(new Set(org.people.map((p) => p.userPrincipalName)).size).toBe(100_000);
    expect(org.maxLevel).toBeLessThanOrEqual(8);
    expect(org.maxLevel).toBeGreaterThanOrEqual(7);
    const members = org.people.filter((p) => p.userType === "Member" && !org.anomalies.cycle.includes(p.id));
    const spans = managerSpans(members);
    expect(Math.max(...spans)).toBeLessThanOrEqual(12);
    expect(org.anomalies.cycle).toHaveLength(3);
    expect(org.anomalies.guests).toHaveLength(1000);
  });
});
