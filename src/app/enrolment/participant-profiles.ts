// Who a person is, as far as enrolment cares: the profile the enrolment form is pre-filled with, and the
// facts eligibility looks at (level, title, department, …). Behind a port so the source can be the stored
// directory snapshot (directory sync) or, as here, the live directory.
import type { EligibilityPerson } from "../../domain/cohort/index.js";
import type { Directory } from "../ports/directory.js";

export interface ParticipantProfile {
  displayName: string;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  /** IANA zone of the mailbox; null without a mailbox or for an unknown zone. */
  timeZone: string | null;
  managerId: string | null;
}

export interface Participant {
  profile: ParticipantProfile;
  eligibility: EligibilityPerson;
}

export interface ParticipantProfiles {
  /** null when the directory has no such person in the tenant. */
  get(tenantId: string, userId: string): Promise<Participant | null>;
}

/** Longest management chain walked; deeper (or looping) chains give an unknown level. */
const MAX_CHAIN = 40;

/**
 * Participants from the live directory: the level is the length of the manager chain up to the top,
 * read one manager at a time (a few requests for a real org's depth). A loop in the chain or a chain
 * deeper than MAX_CHAIN leaves the level unknown, which eligibility explains instead of guessing.
 * Group membership is not read from this source, so group rules find no member (said in the reason).
 */
export class DirectoryParticipantProfiles implements ParticipantProfiles {
  constructor(private readonly directory: Directory) {}

  async get(tenantId: string, userId: string): Promise<Participant | null> {
    const me = await this.directory.getProfile(tenantId, userId);
    if (!me) return null;
    return {
      profile: {
        displayName: me.displayName,
        jobTitle: me.jobTitle,
        department: me.department,
        officeLocation: me.officeLocation,
        timeZone: me.timeZone?.iana ?? null,
        managerId: me.manager?.id ?? null,
      },
      eligibility: {
        id: me.id,
        level: await this.levelOf(tenantId, me.id, me.manager?.id ?? null),
        jobTitle: me.jobTitle,
        department: me.department,
        groupIds: [],
        // Only enabled accounts can sign in and reach this code.
        accountEnabled: true,
        // Guests carry "#EXT#" in their user principal name in Entra ID.
        userType: me.userPrincipalName.includes("#EXT#") ? "Guest" : "Member",
        hasMailbox: me.timeZone !== null,
      },
    };
  }

  private async levelOf(tenantId: string, selfId: string, firstManager: string | null): Promise<number | null> {
    const seen = new Set<string>([selfId]);
    let level = 0;
    let next = firstManager;
    while (next !== null) {
      if (seen.has(next) || level >= MAX_CHAIN) return null;
      seen.add(next);
      const manager = await this.directory.getProfile(tenantId, next);
      // A manager the directory no longer has: the chain is broken, the level unknown.
      if (!manager) return null;
      level += 1;
      next = manager.manager?.id ?? null;
    }
    return level;
  }
}
