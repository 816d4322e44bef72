// The groups a tenant has, derived deterministically from the seed and the people: security groups per
// department nested in one group per division, a Microsoft 365 group per office, leadership groups (the
// executive team nested in "Senior leaders"), "Graduate programme 2026" nested in "Early careers network",
// and two employee resource groups. Equal seeds and people give equal groups (ids included).
import type { DevPerson } from "../model.js";
import type { FixtureGroup } from "../org/fixture.js";
import { mailNickname } from "../org/generate.js";
import { createRng, deriveSeed, seededGuid, type Rng } from "../rng.js";
import type { DevGroup } from "./group-directory.js";

export interface GenerateGroupsOptions {
  seed: number;
  /** Verified domain of the tenant (mail addresses of Microsoft 365 groups). */
  domain: string;
  people: readonly DevPerson[];
}

/** Fixed base for createdDateTime, so replies never depend on today's date. */
const CREATED_BASE_MS = Date.UTC(2021, 0, 4, 9, 0, 0);
const DAY_MS = 86_400_000;

export const GRADUATE_PROGRAMME = "Graduate programme 2026";
export const EARLY_CAREERS = "Early careers network";
export const EXECUTIVE_TEAM = "Executive leadership team";
export const SENIOR_LEADERS = "Senior leaders";

const EARLY_CAREER_TITLE = /^(junior|associate)\b|\bintern$/i;

type GroupDraft = Omit<DevGroup, "id" | "createdDateTime" | "mail" | "mailNickname" | "groupTypes" | "mailEnabled" | "securityEnabled" | "visibility"> & {
  key: string;
  kind: "security" | "microsoft365";
};

export function generateGroups(options: GenerateGroupsOptions): DevGroup[] {
  const rng = createRng(deriveSeed(options.seed, `groups:${options.domain}`));
  const members = options.people.filter((p) => p.userType === "Member");
  const drafts: GroupDraft[] = [
    ...organisationGroups(members),
    ...officeGroups(members),
    ...leadershipGroups(members),
    ...earlyCareerGroups(members, rng),
    ...resourceGroups(members, rng),
  ];
  const idOf = new Map(drafts.map((d) => [d.key, seededGuid(createRng(deriveSeed(options.seed, `group:${options.domain}:${d.key}`)))]));
  return drafts.map((d, i) => ({
    id: idOf.get(d.key) as string,
    displayName: d.displayName,
    description: d.description,
    mailNickname: mailNickname(d.displayName) || `group${i}`,
    groupTypes: d.kind === "microsoft365" ? ["Unified"] : [],
    mailEnabled: d.kind === "microsoft365",
    securityEnabled: d.kind === "security",
    mail: d.kind === "microsoft365" ? `${mailNickname(d.displayName)}@${options.domain}` : null,
    visibility: d.kind === "microsoft365" ? "Public" : null,
    createdDateTime: new Date(CREATED_BASE_MS + Math.floor(rng() * 1500) * DAY_MS).toISOString().replace(".000Z", "Z"),
    memberUserIds: d.memberUserIds,
    // Nested members are named by key while drafting; resolve them to ids.
    memberGroupIds: d.memberGroupIds.map((key) => idOf.get(key) as string),
  }));
}

function security(key: string, displayName: string, description: string, memberUserIds: string[], memberGroupKeys: string[] = []): GroupDraft {
  return { key, kind: "security", displayName, description, memberUserIds, memberGroupIds: memberGroupKeys };
}

/** A security group per department, each nested in the group of its division (the division of most of its people). */
function organisationGroups(people: readonly DevPerson[]): GroupDraft[] {
  const byDepartment = new Map<string, DevPerson[]>();
  for (const p of people) if (p.department) (byDepartment.get(p.department) ?? byDepartment.set(p.department, []).get(p.department))?.push(p);
  const departments = [...byDepartment.keys()].sort((a, b) => a.localeCompare(b));
  const divisionOf = (department: string): string | null => mostCommon((byDepartment.get(department) ?? []).map((p) => p.division));
  const out: GroupDraft[] = departments.map((d) =>
    security(`department:${d}`, `${d} department`, `Everyone in the ${d} department.`, (byDepartment.get(d) ?? []).map((p) => p.id)),
  );
  const divisions = [...new Set(departments.map(divisionOf).filter((d): d is string => d !== null))].sort((a, b) => a.localeCompare(b));
  for (const division of divisions) {
    const nested = departments.filter((d) => divisionOf(d) === division).map((d) => `department:${d}`);
    out.push(security(`division:${division}`, `${division} division`, `Every department of the ${division} division (nested department groups).`, [], nested));
  }
  return out;
}

function officeGroups(people: readonly DevPerson[]): GroupDraft[] {
  const offices = [...new Set(people.map((p) => p.officeLocation).filter((o): o is string => o !== null))].sort((a, b) => a.localeCompare(b));
  return offices.map((office) => ({
    key: `office:${office}`,
    kind: "microsoft365",
    displayName: `${office} office`,
    description: `Everyone based in the ${office} office.`,
    memberUserIds: people.filter((p) => p.officeLocation === office).map((p) => p.id),
    memberGroupIds: [],
  }));
}

function leadershipGroups(people: readonly DevPerson[]): GroupDraft[] {
  const executives = people.filter((p) => p.generatedLevel <= 1 && p.accountEnabled).map((p) => p.id);
  const seniors = people.filter((p) => p.generatedLevel >= 2 && p.generatedLevel <= 3 && p.accountEnabled).map((p) => p.id);
  return [
    security("leadership:executive", EXECUTIVE_TEAM, "The CEO and the heads of the divisions.", executives),
    security("leadership:senior", SENIOR_LEADERS, "Vice presidents and above (the executive leadership team is nested).", seniors, ["leadership:executive"]),
  ];
}

/** Early-career people: individual contributors with a junior title or at the two deepest levels of the org. */
function earlyCareerGroups(people: readonly DevPerson[], rng: Rng): GroupDraft[] {
  const managers = new Set(people.map((p) => p.managerId).filter((m): m is string => m !== null));
  const deepest = people.reduce((max, p) => (p.generatedLevel < 100 ? Math.max(max, p.generatedLevel) : max), 0);
  const early = people.filter((p) => !managers.has(p.id) && (EARLY_CAREER_TITLE.test(p.jobTitle ?? "") || (p.generatedLevel >= deepest - 1 && p.generatedLevel < 100)));
  const graduates: string[] = [];
  const others: string[] = [];
  for (const p of early) (rng() < 0.5 ? graduates : others).push(p.id);
  return [
    security("early:graduates", GRADUATE_PROGRAMME, "Graduates who joined in the 2026 intake.", graduates),
    security("early:network", EARLY_CAREERS, "Early-career employees (the graduate programme is nested).", others.filter(() => rng() < 0.5), ["early:graduates"]),
  ];
}

function resourceGroups(people: readonly DevPerson[], rng: Rng): GroupDraft[] {
  const sample = (share: number): string[] => people.filter(() => rng() < share).map((p) => p.id);
  return [
    { key: "erg:women", kind: "microsoft365", displayName: "Women in Technology ERG", description: "Employee resource group.", memberUserIds: sample(0.06), memberGroupIds: [] },
    { key: "erg:pride", kind: "microsoft365", displayName: "Pride Network ERG", description: "Employee resource group.", memberUserIds: sample(0.04), memberGroupIds: [] },
  ];
}

function mostCommon(values: ReadonlyArray<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) as number) || (n === counts.get(best) && v < best)) best = v;
  return best;
}

/** A fixture's groups (already checked by the fixture loader) as DevGroups, members split into people and groups. */
export function groupsFromFixture(groups: readonly FixtureGroup[], domain: string): DevGroup[] {
  const groupIds = new Set(groups.map((g) => g.id.toLowerCase()));
  return groups.map((g, i) => {
    const m365 = g.kind === "microsoft365";
    const nickname = mailNickname(g.displayName) || `group${i}`;
    return {
      id: g.id,
      displayName: g.displayName,
      description: g.description ?? null,
      mailNickname: nickname,
      groupTypes: m365 ? ["Unified"] : [],
      mailEnabled: m365,
      securityEnabled: !m365,
      mail: m365 ? `${nickname}@${domain}` : null,
      visibility: m365 ? "Private" : null,
      createdDateTime: new Date(CREATED_BASE_MS).toISOString().replace(".000Z", "Z"),
      memberUserIds: g.members.filter((m) => !groupIds.has(m.toLowerCase())),
      memberGroupIds: g.members.filter((m) => groupIds.has(m.toLowerCase())),
    };
  });
}
