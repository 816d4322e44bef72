// Who a person is, as far as enrolment cares: the profile the enrolment form is pre-filled with, and the
// facts eligibility looks at (level, title, department, groups, …). Behind a port; the implementation here
// reads the org-chart facts from the stored directory snapshot (directory sync), the live profile and
// mailbox from the directory, and membership of the groups the caller asks about from Entra ID, walking
// the manager chain only for people the snapshot does not hold yet.
import type { EligibilityPerson } from "../../domain/cohort/index.js";
import type { PeopleStore } from "../directory/directory-sync-ports.js";
import type { Directory } from "../ports/directory.js";
import type { GroupMembership } from "../ports/groups.js";

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

export interface ParticipantLookup {
  /**
   * Entra group ids whose membership matters (those the cohorts' eligibility rules name). Membership is
   * checked only for these, transitively; `eligibility.groupIds` holds the ones the person is in.
   * Omitted or empty: no group is looked up and `groupIds` is empty.
   */
  groupIds?: readonly string[];
}

export interface ParticipantProfiles {
  /** null when the directory has no such person in the tenant. */
  get(tenantId: string, userId: string, lookup?: ParticipantLookup): Promise<Participant | null>;
}

/** Longest management chain walked; deeper (or looping) chains give an unknown level. */
const MAX_CHAIN = 40;

/**
 * Participants from the directory. Level, account state and user type come from the synced snapshot
 * when it holds the person (its level is null for people the org chart cannot place: cycles, missing
 * managers — eligibility explains that instead of guessing). Before the first sync, the level is the
 * length of the manager chain read live, one manager at a time; a loop or a chain deeper than MAX_CHAIN
 * leaves it unknown. Group membership is read live (it changes outside directory sync) and only for the
 * groups asked about; without a GroupMembership nobody is in any group, so group rules admit no one.
 */
export class DirectoryParticipantProfiles implements ParticipantProfiles {
  constructor(
    private readonly directory: Directory,
    private readonly people: Pick<PeopleStore, "get"> | null = null,
    private readonly groups: GroupMembership | null = null,
  ) {}

  async get(tenantId: string, userId: string, lookup: ParticipantLookup = {}): Promise<Participant | null> {
    const [me, stored, groupIds] = await Promise.all([
      this.directory.getProfile(tenantId, userId),
      this.people?.get(tenantId, userId) ?? null,
      this.memberships(tenantId, userId, lookup.groupIds ?? []),
    ]);
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
        level: stored ? stored.level : await this.levelOf(tenantId, me.id, me.manager?.id ?? null),
        jobTitle: me.jobTitle,
        department: me.department,
        groupIds,
        // Only enabled accounts can sign in and reach this code; the snapshot may know better.
        accountEnabled: stored?.accountEnabled ?? true,
        // Without the snapshot: guests carry "#EXT#" in their user principal name in Entra ID.
        userType: stored?.userType ?? (me.userPrincipalName.includes("#EXT#") ? "Guest" : "Member"),
        hasMailbox: me.timeZone !== null,
      },
    };
  }

  private async memberships(tenantId: string, userId: string, groupIds: readonly string[]): Promise<string[]> {
    if (groupIds.length === 0 || !this.groups) return [];
    return this.groups.memberOf(tenantId, userId, groupIds);
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
