/**
 * Deterministic synthetic cohorts for the matching benchmark: an org tree (CEO → divisions → units →
 * teams …) with departments, offices in eight time zones (one half-hour zone), working hours, languages,
 * skills/topics and a diversity attribute. Executives come from the upper levels and mentors from the
 * lower ones, so reporting-line exclusions arise from the tree itself. Chains and levels are computed by
 * the domain's own hierarchy builder.
 */
import { DEFAULT_WEIGHTS, type MatchingConstraints, type MatchingObjective } from "../../src/domain/cohort/index.js";
import { buildHierarchy } from "../../src/domain/hierarchy/index.js";
import type { MatchingInput, MenteeCandidate, MentorCandidate } from "../../src/domain/matching/index.js";
import type { Weekday } from "../../src/domain/time/index.js";

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OFFICES = [
  { name: "Seattle", zone: "America/Los_Angeles", language: "English", weight: 4 },
  { name: "New York", zone: "America/New_York", language: "English", weight: 4 },
  { name: "São Paulo", zone: "America/Sao_Paulo", language: "Portuguese", weight: 1 },
  { name: "London", zone: "Europe/London", language: "English", weight: 3 },
  { name: "Berlin", zone: "Europe/Berlin", language: "German", weight: 2 },
  { name: "Bangalore", zone: "Asia/Kolkata", language: "Hindi", weight: 3 },
  { name: "Singapore", zone: "Asia/Singapore", language: "Mandarin", weight: 1 },
  { name: "Sydney", zone: "Australia/Sydney", language: "English", weight: 1 },
] as const;

const TOPICS = [
  "GenAI tools", "Copilot", "Power BI", "Prompt writing", "TikTok", "Instagram", "LinkedIn presence", "Gen Z workplace",
  "Remote collaboration", "Teams etiquette", "Accessibility", "Inclusive language", "Cloud basics", "Cybersecurity hygiene",
  "Python", "Low-code apps", "Data storytelling", "Podcasting", "Gaming culture", "Sustainability", "Mental health",
  "Crypto and Web3", "Mobile-first habits", "Short-form video", "Open source", "Agile teams", "UX research", "Design thinking",
  "Neurodiversity", "Hybrid work",
];
const GENERATIONS = ["Gen Z", "Millennial", "Gen X", "Baby Boomer"];
const HOURS: Array<[string, string]> = [["09:00", "17:00"], ["09:00", "17:00"], ["08:00", "16:00"], ["10:00", "18:00"], ["08:30", "17:30"]];
const WEEKDAYS: Weekday[] = ["monday", "tuesday", "wednesday", "thursday", "friday"];

export interface GeneratedCohortOptions {
  executives: number;
  mentors: number;
  seed: number;
  objective?: MatchingObjective;
  constraints?: Partial<MatchingConstraints>;
}

interface OrgNode {
  id: string;
  managerId: string | null;
  level: number;
  department: string;
}

/** Builds a tree wide enough to draw `executives` from levels 2–4 and `mentors` from levels 5–6. */
function generateOrg(executives: number, mentors: number, rnd: () => number): OrgNode[] {
  const nodes: OrgNode[] = [{ id: "p000000", managerId: null, level: 0, department: "Executive Office" }];
  const spans = [12, 8, 0, 0, 5, 4]; // level-3 and level-4 spans are sized from the requested cohort
  const l2 = 12 * 8;
  spans[2] = Math.max(6, Math.ceil((executives * 0.45) / l2));
  spans[3] = Math.max(3, Math.ceil((mentors * 0.7) / (l2 * spans[2]! * spans[4]! * 2)));
  let frontier = [nodes[0]!];
  for (let level = 1; level <= 6; level++) {
    const next: OrgNode[] = [];
    for (const boss of frontier) {
      const span = Math.max(1, Math.round(spans[level - 1]! * (0.7 + 0.6 * rnd())));
      for (let k = 0; k < span; k++) {
        const id = `p${String(nodes.length).padStart(6, "0")}`;
        const department = level === 2 ? `Dept ${nodes.length}` : level < 2 ? `Division ${nodes.length}` : boss.department;
        const node: OrgNode = { id, managerId: boss.id, level, department };
        nodes.push(node);
        next.push(node);
      }
    }
    frontier = next;
  }
  return nodes;
}

function pick<T>(items: readonly T[], rnd: () => number): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function pickWeighted<T extends { weight: number }>(items: readonly T[], rnd: () => number): T {
  const total = items.reduce((s, i) => s + i.weight, 0);
  let x = rnd() * total;
  for (const i of items) {
    x -= i.weight;
    if (x < 0) return i;
  }
  return items[items.length - 1]!;
}

function sample<T>(items: readonly T[], count: number, rnd: () => number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
  return out;
}

export function generateCohort(opts: GeneratedCohortOptions): MatchingInput {
  const rnd = seededRandom(opts.seed);
  const org = generateOrg(opts.executives, opts.mentors, rnd);
  const hierarchy = buildHierarchy(org.map((n) => ({ id: n.id, managerId: n.managerId, accountEnabled: true, userType: "Member", hasMailbox: true })));
  const execPool = org.filter((n) => n.level >= 2 && n.level <= 4);
  const juniorPool = org.filter((n) => n.level >= 5);
  if (execPool.length < opts.executives || juniorPool.length < opts.mentors) throw new Error("generated org too small for the requested cohort");

  const profile = (n: OrgNode, role: "mentor" | "mentee") => {
    const office = pickWeighted(OFFICES, rnd);
    const [startTime, endTime] = pick(HOURS, rnd);
    const position = hierarchy.position(n.id)!;
    const languages = office.language === "English" ? ["English"] : ["English", office.language];
    if (rnd() < 0.15) languages.push(pick(["Spanish", "French", "Arabic", "Japanese"], rnd));
    return {
      id: n.id,
      displayName: `Person ${n.id.slice(1)}`,
      chain: position.chain,
      level: position.level,
      department: n.department,
      division: position.division,
      location: office.name,
      workingHours: { daysOfWeek: WEEKDAYS, startTime, endTime, timeZone: office.zone },
      languages,
      diversity: { generation: role === "mentor" ? pick(GENERATIONS.slice(0, 2), rnd) : pick(GENERATIONS.slice(1), rnd) },
    };
  };
  const mentees: MenteeCandidate[] = sample(execPool, opts.executives, rnd).map((n) => ({
    ...profile(n, "mentee"),
    topicsWanted: sample(TOPICS, 1 + Math.floor(rnd() * 4), rnd),
  }));
  const mentors: MentorCandidate[] = sample(juniorPool, opts.mentors, rnd).map((n) => ({
    ...profile(n, "mentor"),
    skillsOffered: sample(TOPICS, 1 + Math.floor(rnd() * 4), rnd),
  }));
  return {
    mentors,
    mentees,
    rules: {
      constraints: { minLevelGap: 2, separationLevel: null, sameDepartment: "penalise", maxTimeZoneDistanceHours: null, ...opts.constraints },
      weights: { ...DEFAULT_WEIGHTS },
      objective: opts.objective ?? "maxScore",
      defaultCapacity: 1,
      sessionMinutes: 30,
      diversityAttributes: ["generation"],
    },
    referenceWeekStart: "2025-03-03T00:00:00Z",
  };
}
