// "Who am I?": the signed-in person as the tab shows them — identity from the validated token, profile
// from the directory, and the roles that decide which areas they see.
import type { Caller } from "./caller.js";
import { NotFoundError } from "./errors.js";
import type { Directory, PersonRef } from "./ports/directory.js";
import { rolesOf, type Role } from "./roles.js";

export interface Me {
  tenantId: string;
  userId: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  /** IANA zone, e.g. "America/Los_Angeles"; null without a mailbox or for an unknown zone. */
  timeZone: string | null;
  /** The mailbox's own (usually Windows) zone name. */
  windowsTimeZone: string | null;
  manager: PersonRef | null;
  roles: Role[];
}

export async function getMe(deps: { directory: Directory }, caller: Caller): Promise<Me> {
  const profile = await deps.directory.getProfile(caller.tenantId, caller.userId);
  if (!profile) throw new NotFoundError("Your account was not found in your organisation's directory; it may have been deleted or disabled.");
  return {
    tenantId: caller.tenantId,
    userId: caller.userId,
    displayName: profile.displayName || caller.displayName || "",
    userPrincipalName: profile.userPrincipalName || caller.userPrincipalName || "",
    mail: profile.mail,
    jobTitle: profile.jobTitle,
    department: profile.department,
    officeLocation: profile.officeLocation,
    timeZone: profile.timeZone?.iana ?? null,
    windowsTimeZone: profile.timeZone?.windows ?? null,
    manager: profile.manager,
    roles: rolesOf(profile, caller.isAdmin),
  };
}
