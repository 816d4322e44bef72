// Who is what in the product. Every signed-in person is an employee (and may mentor); executives (the
// mentees) are recognised from the directory; admins hold the program-admin app role in their token.
import type { DirectoryProfile } from "./ports/directory.js";

export type Role = "employee" | "executive" | "admin";

/**
 * VP and above: C-level titles ("Chief … Officer", CEO/CTO/…), presidents, EVP/SVP/VP, "Vice President".
 * Deliberately not "Executive" alone: "Account Executive" and "Executive Assistant" are not executives.
 */
export const EXECUTIVE_TITLE_PATTERN = /\b(chief|ceo|cto|cfo|coo|cio|ciso|cpo|cro|cmo|chro|president|evp|svp|vp|vice[\s-]+president)\b/i;

/** An executive holds a VP-or-above title and leads people (at least one direct report). */
export function isExecutive(profile: Pick<DirectoryProfile, "jobTitle" | "hasDirectReports">): boolean {
  return profile.hasDirectReports && profile.jobTitle !== null && EXECUTIVE_TITLE_PATTERN.test(profile.jobTitle);
}

export function rolesOf(profile: Pick<DirectoryProfile, "jobTitle" | "hasDirectReports">, isAdmin: boolean): Role[] {
  const roles: Role[] = ["employee"];
  if (isExecutive(profile)) roles.push("executive");
  if (isAdmin) roles.push("admin");
  return roles;
}
