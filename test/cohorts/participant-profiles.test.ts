// The live fallback of DirectoryParticipantProfiles (before any directory sync): the org level is the
// length of the manager chain, and bad org data (loops, vanished managers) gives an unknown level instead
// of a wrong one. The Directory port is given as a small in-memory org; the code under test is the walk.
import { describe, expect, it } from "vitest";
import type { Directory, DirectoryProfile } from "../../src/app/ports/directory.js";
import { DirectoryParticipantProfiles } from "../../src/app/enrolment/participant-profiles.js";

function org(managers: Record<string, string | null>, options: { guest?: string; noMailbox?: string } = {}): Directory & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    getProfile: async (_tenantId, userId): Promise<DirectoryProfile | null> => {
      reads.push(userId);
      if (!(userId in managers)) return null;
      const manager = managers[userId] ?? null;
      return {
        id: userId,
        displayName: userId.toUpperCase(),
        userPrincipalName: userId === options.guest ? `${userId}_example.com#EXT#@contoso.onmicrosoft.com` : `${userId}@contoso.com`,
        mail: null,
        jobTitle: "Engineer",
        department: "R&D",
        officeLocation: null,
        manager: manager ? { id: manager, displayName: manager } : null,
        hasDirectReports: false,
        timeZone: userId === options.noMailbox ? null : { windows: "GMT Standard Time", iana: "Europe/London" },
      };
    },
  };
}

describe("DirectoryParticipantProfiles without a people snapshot", () => {
  it("counts the manager chain up to the top: CEO 0, their report 1, two below 3", async () => {
    const directory = org({ ceo: null, vp: "ceo", lead: "vp", dev: "lead" });
    const profiles = new DirectoryParticipantProfiles(directory);
    expect((await profiles.get("t", "ceo"))?.eligibility.level).toBe(0);
    expect((await profiles.get("t", "vp"))?.eligibility.level).toBe(1);
    const dev = await profiles.get("t", "dev");
    expect(dev?.eligibility.level).toBe(3);
    expect(dev?.profile).toEqual({ displayName: "DEV", jobTitle: "Engineer", department: "R&D", officeLocation: null, timeZone: "Europe/London", managerId: "lead" });
  });

  it("gives an unknown level for a loop in the chain, and stops walking it", async () => {
    const directory = org({ a: "b", b: "c", c: "a", d: "a" });
    const profiles = new DirectoryParticipantProfiles(directory);
    expect((await profiles.get("t", "d"))?.eligibility.level).toBeNull();
    expect(directory.reads.length).toBeLessThanOrEqual(5);
  });

  it("gives an unknown level when a manager no longer exists, and null for an unknown person", async () => {
    const profiles = new DirectoryParticipantProfiles(org({ dev: "gone" }));
    expect((await profiles.get("t", "dev"))?.eligibility.level).toBeNull();
    expect(await profiles.get("t", "nobody")).toBeNull();
  });

  it("recognises guests by their #EXT# name and people without a mailbox", async () => {
    const profiles = new DirectoryParticipantProfiles(org({ g: null, n: null }, { guest: "g", noMailbox: "n" }));
    expect((await profiles.get("t", "g"))?.eligibility).toMatchObject({ userType: "Guest", hasMailbox: true });
    expect((await profiles.get("t", "n"))?.eligibility).toMatchObject({ userType: "Member", hasMailbox: false });
  });
});
