// Eligibility is checked again when matching runs, against today's directory: enrolment checked the
// cohort's rules once, weeks before. Over real HTTP against the dev tenant (Graph's checkMemberGroups,
// a directory sync) and the embedded Cosmos DB.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRADUATE_PROGRAMME } from "../../src/devtenant/groups/generate-groups.js";
import type { DevGroup, DevPerson } from "../../src/devtenant/index.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";
import { chainOf, enrol, getProposal, openCohort, runMatching, syncDirectory, usable } from "./matching-helpers.js";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.signInAs("admin");
});
afterAll(async () => t?.stop());

describe("matching checks eligibility again", () => {
  it("leaves out a mentor who left the cohort's group and an executive whose title no longer fits, with the reason, and matches the rest", async () => {
    const tid = t.tenantIds[0]!;
    const directory = t.devTenant.directory(tid);
    const memberships = t.devTenant.groups(tid);
    const graduates = memberships.groups().find((g) => g.displayName === GRADUATE_PROGRAMME) as DevGroup;
    const people = directory.people();
    const byId = new Map(people.map((p) => [p.id, p]));
    const canTakePart = (p: DevPerson) => usable(p) && !p.isProgramAdmin;
    const [leaver, stayer] = graduates.memberUserIds.map((id) => byId.get(id)).filter((p): p is DevPerson => p !== undefined && canTakePart(p));
    expect(leaver && stayer).toBeTruthy();
    const related = new Set([leaver!.id, stayer!.id, ...chainOf(people, leaver!.id), ...chainOf(people, stayer!.id)]);
    const executives = people.filter((p) => canTakePart(p) && p.jobTitle !== null && chainOf(people, p.id).length === 1 && !related.has(p.id));
    const [renamed, kept] = executives;
    expect(renamed && kept).toBeTruthy();
    const titles = [renamed!.jobTitle!, kept!.jobTitle!].map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));

    await syncDirectory(t, admin);
    const cohortId = await openCohort(t, admin, "Rules checked again", {
      eligibility: { mentor: { groups: [graduates.id] }, mentee: { titlePattern: `^(${titles.join("|")})$` } },
      constraints: { minLevelGap: 0 },
    });
    for (const mentor of [leaver!, stayer!]) await enrol(t, cohortId, mentor.id, "mentor", ["genai-tools"]);
    for (const mentee of [renamed!, kept!]) await enrol(t, cohortId, mentee.id, "mentee", ["genai-tools"]);

    // Weeks later: the leaver is taken out of the graduate programme, the executive changes role.
    expect(memberships.removeUser(graduates.id, leaver!.id)).toBe(true);
    directory.update(renamed!.id, { jobTitle: "Retired executive adviser" });
    await syncDirectory(t, admin);

    const job = await runMatching(t, admin, cohortId);
    expect(job.result).toMatchObject({ groupsUnverified: 0 });
    const { body } = await getProposal(t, admin, cohortId);
    expect(body.pairs.map((p) => [p.mentor.id, p.mentee.id])).toEqual([[stayer!.id, kept!.id]]);
    const out = new Map(body.unmatched.map((u) => [u.person.id, u]));
    expect(out.get(leaver!.id)).toMatchObject({ role: "mentor", code: "invalidProfile" });
    expect(out.get(leaver!.id)?.reason).toContain("no longer meets this cohort's rules for mentors");
    expect(out.get(leaver!.id)?.reason).toContain(`members of "${GRADUATE_PROGRAMME}"`);
    expect(out.get(renamed!.id)).toMatchObject({ role: "mentee", code: "invalidProfile" });
    expect(out.get(renamed!.id)?.reason).toContain('job title "Retired executive adviser"');
  });
});
