// Deterministic synthetic organisation: a CEO-rooted tree 6–9 levels deep with spans of 3–12, divisions and
// departments, level-appropriate titles, offices across time zones (one half-hour zone), working hours, and the
// bad data real directories have (orphans, one manager cycle, disabled accounts, guests, users without mailbox).
import type { DevPerson, DevResponseProfile, DevWorkingHours } from "../model.js";
import { createRng, deriveSeed, intBetween, pick, pickWeighted, seededGuid, shuffled, type Rng } from "../rng.js";
import { DIVISIONS, FIRST_NAMES, GUEST_DOMAINS, LAST_NAMES, OFFICES, type Division, type Office } from "./catalog.js";

export interface GenerateOrgOptions {
  seed: number;
  /** Total people including guests. */
  users: number;
  /** Verified domain used in UPNs and mail, e.g. "contoso.example". */
  domain: string;
  companyName: string;
  /** Add realistic bad data (default true; only applied from 50 people up, a smaller org stays clean). */
  badData?: boolean;
  /** How many dev program admins (HR people with isProgramAdmin). Default 3. */
  programAdmins?: number;
}

export interface GeneratedOrg {
  /** Seeded order, not hierarchy order (Graph lists users in no particular order). */
  people: DevPerson[];
  ceoId: string;
  /** Ids of the bad data, for tests and for the admin's "directory issues" report. */
  anomalies: {
    withoutManager: string[];
    cycle: string[];
    disabled: string[];
    guests: string[];
    withoutMailbox: string[];
  };
  programAdmins: string[];
  /** Deepest level in the tree (CEO = 0). */
  maxLevel: number;
}

/** 0..8 → nine levels at most. */
const MAX_LEVEL = 8;
const MIN_SPAN = 3;
const MAX_SPAN = 12;
export const MAX_GENERATED_USERS = 250_000;

const EXECUTIVE_PROFILE: DevResponseProfile = { accept: 0.6, tentative: 0.15, decline: 0.15, delayMinutes: 120, laterConflict: 0.1 };

interface Node {
  parent: number;
  level: number;
  children: number[];
  division: Division | null;
  department: string;
  office: Office;
}

/** Largest subtree (descendants) a node at `level` may hold so that the tree never exceeds MAX_LEVEL. */
function capacities(): number[] {
  const cap = new Array<number>(MAX_LEVEL + 2).fill(0);
  for (let l = MAX_LEVEL - 1; l >= 0; l--) cap[l] = Math.min(Number.MAX_SAFE_INTEGER, MAX_SPAN + MAX_SPAN * (cap[l + 1] as number));
  return cap;
}

/** Splits `total` into `parts` random shares, each ≤ `max`, preferring shares of at least MIN_SPAN. */
function splitBudget(rng: Rng, total: number, parts: number, max: number, weights?: readonly number[]): number[] {
  const w = Array.from({ length: parts }, (_, i) => (weights?.[i] ?? 1) * (0.4 + rng()));
  const sumW = w.reduce((a, b) => a + b, 0);
  const shares = w.map((x) => Math.min(max, Math.floor((total * x) / sumW)));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  // Hand out the rounding remainder (and anything clamped) round-robin to shares that still have room.
  for (let i = 0; rest > 0; i = (i + 1) % parts) {
    if ((shares[i] as number) < max) {
      shares[i] = (shares[i] as number) + 1;
      rest--;
    }
  }
  // A manager with one or two reports breaks the 3–12 span rule: fold such small shares into others with room.
  for (let i = 0; i < parts; i++) {
    const share = shares[i] as number;
    if (share === 0 || share >= MIN_SPAN) continue;
    const j = shares.findIndex((other, k) => k !== i && other >= MIN_SPAN && other + share <= max);
    if (j < 0) continue;
    shares[j] = (shares[j] as number) + share;
    shares[i] = 0;
  }
  return shares;
}

/** Deepest level we aim for: about 7 levels for 2,000 people, 9 for 100,000 (never more than MAX_LEVEL). */
function targetDepth(members: number): number {
  return Math.min(MAX_LEVEL, Math.max(2, Math.ceil(Math.log(Math.max(2, members)) / Math.log(3.3))));
}

function buildTree(rng: Rng, members: number): Node[] {
  const cap = capacities();
  const seattle = OFFICES[0] as Office;
  const nodes: Node[] = [{ parent: -1, level: 0, children: [], division: null, department: "Executive Office", office: seattle }];
  const budgets: number[] = [members - 1];
  const depth = targetDepth(members);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    const budget = budgets[i] as number;
    if (budget <= 0) continue;
    const childCap = cap[node.level + 1] as number;
    let span: number;
    let managerShares: number[];
    if (node.level === 0) {
      // The CEO's direct reports are the division heads; every one of them runs a division.
      span = Math.min(budget, DIVISIONS.length, intBetween(rng, 6, 9));
      const remaining = budget - span;
      const weights = DIVISIONS.slice(0, span).map((d) => (d.name === "Engineering" ? 3 : d.name === "Sales" ? 2 : 1));
      managerShares = splitBudget(rng, remaining, span, childCap, weights);
    } else {
      // Levels left before the target depth; the number of managers among the reports follows the
      // geometric growth that reaches that depth (budget^(1/levelsLeft)), within the span and capacity limits.
      const levelsLeft = Math.max(1, depth - node.level);
      const needed = Math.ceil(budget / (childCap + 1));
      const wanted = levelsLeft <= 1 ? MAX_SPAN : intBetween(rng, MIN_SPAN, MAX_SPAN);
      span = Math.min(budget, Math.max(needed, wanted));
      let remaining = budget - span;
      // One or two people left over would make a manager with a span below 3: absorb them, or hand a manager three.
      if (remaining > 0 && remaining < MIN_SPAN) {
        const shift = span + remaining <= MAX_SPAN ? remaining : remaining - MIN_SPAN;
        span += shift;
        remaining -= shift;
      }
      let managers = 0;
      if (remaining > 0) {
        managers = Math.round(Math.pow(budget, 1 / levelsLeft) * (0.8 + rng() * 0.4));
        managers = Math.min(span, managers, Math.max(1, Math.floor(remaining / MIN_SPAN)));
        managers = Math.max(1, managers);
        // Capacity wins over the minimum span: never hand a child more than its level can hold.
        if (managers * childCap < remaining) managers = Math.min(span, Math.ceil(remaining / childCap));
      }
      managerShares = managers > 0 ? splitBudget(rng, remaining, managers, childCap) : [];
      while (managerShares.length < span) managerShares.push(0);
      managerShares = shuffled(rng, managerShares);
    }
    for (let c = 0; c < span; c++) {
      const childIndex = nodes.length;
      const division = node.level === 0 ? (DIVISIONS[c] as Division) : node.division;
      let department = node.department;
      if (node.level === 0) department = (division as Division).name;
      else if (node.level === 1) department = pick(rng, (division as Division).departments);
      nodes.push({ parent: i, level: node.level + 1, children: [], division, department, office: chooseOffice(rng, node) });
      budgets.push(managerShares[c] as number);
      node.children.push(childIndex);
    }
  }
  return nodes;
}

function chooseOffice(rng: Rng, manager: Node): Office {
  // Division heads sit in the big hubs; further down, teams are mostly co-located with their manager.
  if (manager.level === 0) return pick(rng, OFFICES.slice(0, 3));
  if (rng() < 0.7) return manager.office;
  return pickWeighted(rng, OFFICES, (o) => o.weight);
}

/** Below VP, titles follow the level and the management layers below a person, always under their manager's title. */
const LOWER_MANAGER_TITLES = ["Manager", "Senior Manager", "Director", "Senior Director"] as const;

/** Rank in LOWER_MANAGER_TITLES for every manager below level 3 (-1 for others); VPs rank above them all. */
function managerRanks(nodes: readonly Node[]): number[] {
  const height = new Array<number>(nodes.length).fill(0);
  for (let i = nodes.length - 1; i > 0; i--) {
    const parent = (nodes[i] as Node).parent;
    height[parent] = Math.max(height[parent] as number, (height[i] as number) + 1);
  }
  const rank = new Array<number>(nodes.length).fill(-1);
  nodes.forEach((node, i) => {
    if (node.level < 4 || node.children.length === 0) {
      rank[i] = node.level < 4 ? LOWER_MANAGER_TITLES.length : -1;
      return;
    }
    // One title step per management layer below the person (level-4 leaders one step higher), always under the
    // manager's own title: Manager → Senior Manager → Director → Senior Director.
    const layers = (height[i] as number) - 1;
    const wanted = Math.min(LOWER_MANAGER_TITLES.length - 1, layers + (node.level <= 4 ? 1 : 0));
    rank[i] = Math.max(0, Math.min(wanted, (rank[node.parent] as number) - 1));
  });
  return rank;
}

function managerTitle(node: Node, rank: number): string {
  const division = node.division;
  if (node.level === 0) return "Chief Executive Officer";
  if (node.level === 1) return (division as Division).headTitle;
  if (node.level === 2) return `SVP, ${(division as Division).name}`;
  if (node.level === 3) return `VP, ${node.department}`;
  return `${LOWER_MANAGER_TITLES[rank] ?? "Manager"}, ${node.department}`;
}

function contributorTitle(rng: Rng, node: Node): string {
  const family = pick(rng, (node.division as Division).families);
  if (node.level <= 2) return pick(rng, ["Chief of Staff", "Executive Business Partner", `Distinguished ${family}`]);
  if (node.level >= 5 && rng() < 0.03) return `${family} Intern`;
  const ladder: Record<number, readonly string[]> = {
    3: ["Principal", "Principal", "Senior"],
    4: ["Principal", "Senior", "Senior"],
    5: ["Senior", "Senior", ""],
    6: ["Senior", "", ""],
    7: ["", "", "Associate"],
    8: ["", "Associate", "Junior"],
  };
  const level = pick(rng, ladder[Math.min(8, node.level)] ?? [""]);
  return level ? `${level} ${family}` : family;
}

function workingHours(rng: Rng, office: Office): DevWorkingHours {
  const start = pick(rng, office.workStart);
  const [h, m] = start.split(":").map(Number) as [number, number];
  const lengthMinutes = pick(rng, [480, 510, 540, 540]);
  const endMinutes = h * 60 + m + lengthMinutes;
  const end = `${String(Math.floor(endMinutes / 60)).padStart(2, "0")}:${String(endMinutes % 60).padStart(2, "0")}:00`;
  return { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: start, endTime: end, timeZone: office.timeZone };
}

/** "São Paulo" → "saopaulo"; keeps UPN local parts ASCII like Entra requires. */
export function mailNickname(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]/g, "");
}

class NameMaker {
  private readonly used = new Map<string, number>();
  constructor(private readonly rng: Rng) {}
  next(): { givenName: string; surname: string; local: string } {
    const givenName = pick(this.rng, FIRST_NAMES);
    const surname = pick(this.rng, LAST_NAMES);
    const base = `${mailNickname(givenName)}.${mailNickname(surname)}`;
    const count = (this.used.get(base) ?? 0) + 1;
    this.used.set(base, count);
    return { givenName, surname, local: count === 1 ? base : `${base}${count}` };
  }
}

function phone(rng: Rng, office: Office): string {
  return `${office.phonePrefix} ${String(intBetween(rng, 0, 9999)).padStart(4, "0")}`;
}

export function generateOrg(options: GenerateOrgOptions): GeneratedOrg {
  const { seed, users, domain, companyName } = options;
  if (!Number.isInteger(users) || users < 1 || users > MAX_GENERATED_USERS) {
    throw new RangeError(`users must be an integer from 1 to ${MAX_GENERATED_USERS}; got ${users}`);
  }
  const withBadData = (options.badData ?? true) && users >= 50;
  const rng = createRng(deriveSeed(seed, "org"));
  const idRng = createRng(deriveSeed(seed, "ids"));
  const names = new NameMaker(createRng(deriveSeed(seed, "names")));
  const guestCount = withBadData ? Math.max(1, Math.round(users * 0.01)) : 0;
  const nodes = buildTree(rng, users - guestCount);

  const ranks = managerRanks(nodes);
  const people: DevPerson[] = nodes.map((node, i) => {
    const { givenName, surname, local } = names.next();
    const isManager = node.children.length > 0;
    const jobTitle = isManager || node.level <= 1 ? managerTitle(node, ranks[i] as number) : contributorTitle(rng, node);
    const hours = workingHours(rng, node.office);
    const executive = node.level <= 3 && (isManager || node.level <= 1);
    return {
      id: seededGuid(idRng),
      userPrincipalName: `${local}@${domain}`,
      mail: `${local}@${domain}`,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      jobTitle,
      department: node.department,
      division: node.division?.name ?? "Executive Office",
      companyName,
      officeLocation: node.office.name,
      city: node.office.city,
      country: node.office.country,
      usageLocation: node.office.usageLocation,
      preferredLanguage: rng() < 0.8 ? (node.office.languages[0] as string) : pick(rng, node.office.languages),
      businessPhones: rng() < 0.85 ? [phone(rng, node.office)] : [],
      mobilePhone: rng() < 0.5 ? phone(rng, node.office) : null,
      managerId: null,
      accountEnabled: true,
      userType: "Member",
      hasMailbox: true,
      // A few mailboxes report "UTC" as their zone while working hours keep the office zone (as Graph's example does).
      timeZone: rng() < 0.02 ? "UTC" : node.office.timeZone,
      workingHours: hours,
      isProgramAdmin: false,
      responseProfile: executive ? { ...EXECUTIVE_PROFILE, delayMinutes: intBetween(rng, 30, 240) } : null,
      generatedLevel: node.level,
    };
  });
  nodes.forEach((node, i) => {
    if (node.parent >= 0) (people[i] as DevPerson).managerId = (people[node.parent] as DevPerson).id;
  });

  const programAdmins = chooseProgramAdmins(rng, nodes, people, options.programAdmins ?? 3);
  const anomalies: GeneratedOrg["anomalies"] = { withoutManager: [], cycle: [], disabled: [], guests: [], withoutMailbox: [] };
  if (withBadData) addBadData(rng, nodes, people, programAdmins, anomalies);
  const guests = makeGuests(rng, idRng, names, guestCount, domain);
  anomalies.guests = guests.map((g) => g.id);

  const maxLevel = nodes.reduce((max, n) => Math.max(max, n.level), 0);
  return {
    people: shuffled(createRng(deriveSeed(seed, "order")), [...people, ...guests]),
    ceoId: (people[0] as DevPerson).id,
    anomalies,
    programAdmins,
    maxLevel,
  };
}

function chooseProgramAdmins(rng: Rng, nodes: readonly Node[], people: DevPerson[], count: number): string[] {
  const candidates = nodes
    .map((n, i) => ({ n, i }))
    .filter(({ n, i }) => n.level >= 2 && n.children.length === 0 && n.division?.name === "Human Resources" && i > 0);
  const pool = candidates.length >= count ? candidates : nodes.map((n, i) => ({ n, i })).filter(({ i }) => i > 0);
  const chosen = shuffled(rng, pool).slice(0, count);
  return chosen.map(({ i }) => {
    const person = people[i] as DevPerson;
    person.isProgramAdmin = true;
    return person.id;
  });
}

function addBadData(rng: Rng, nodes: readonly Node[], people: DevPerson[], admins: readonly string[], anomalies: GeneratedOrg["anomalies"]): void {
  const adminSet = new Set(admins);
  // Bad data lands on individual contributors below the executive levels so the tree itself keeps its shape.
  const leaves = shuffled(
    rng,
    nodes.map((n, i) => ({ n, i })).filter(({ n, i }) => n.level >= 3 && n.children.length === 0 && !adminSet.has((people[i] as DevPerson).id)).map(({ i }) => i),
  );
  const take = (k: number): number[] => leaves.splice(0, k);

  const cycle = take(3);
  if (cycle.length === 3) {
    const [a, b, c] = cycle.map((i) => people[i] as DevPerson) as [DevPerson, DevPerson, DevPerson];
    a.managerId = b.id;
    b.managerId = c.id;
    c.managerId = a.id;
    anomalies.cycle = [a.id, b.id, c.id];
  }
  for (const i of take(Math.max(2, Math.round(people.length * 0.002)))) {
    const person = people[i] as DevPerson;
    person.managerId = null;
    anomalies.withoutManager.push(person.id);
  }
  for (const i of take(Math.max(1, Math.round(people.length * 0.01)))) {
    const person = people[i] as DevPerson;
    person.accountEnabled = false;
    anomalies.disabled.push(person.id);
  }
  for (const i of take(Math.max(1, Math.round(people.length * 0.005)))) {
    const person = people[i] as DevPerson;
    person.hasMailbox = false;
    person.mail = null;
    anomalies.withoutMailbox.push(person.id);
  }
}

function makeGuests(rng: Rng, idRng: Rng, names: NameMaker, count: number, domain: string): DevPerson[] {
  const guests: DevPerson[] = [];
  for (let g = 0; g < count; g++) {
    const { givenName, surname, local } = names.next();
    const home = pick(rng, GUEST_DOMAINS);
    const office = pickWeighted(rng, OFFICES, (o) => o.weight);
    guests.push({
      id: seededGuid(idRng),
      userPrincipalName: `${local}_${home}#EXT#@${domain}`,
      mail: `${local}@${home}`,
      displayName: `${givenName} ${surname} (Guest)`,
      givenName,
      surname,
      jobTitle: null,
      department: null,
      division: null,
      companyName: null,
      officeLocation: null,
      city: null,
      country: null,
      usageLocation: office.usageLocation,
      preferredLanguage: null,
      businessPhones: [],
      mobilePhone: null,
      managerId: null,
      accountEnabled: true,
      userType: "Guest",
      // Guests have no mailbox in this tenant: their calendar lives elsewhere.
      hasMailbox: false,
      timeZone: office.timeZone,
      workingHours: workingHours(rng, office),
      isProgramAdmin: false,
      responseProfile: null,
      // Guests sit outside the tree; one past the deepest possible level marks that.
      generatedLevel: MAX_LEVEL + 1,
    });
  }
  return guests;
}
