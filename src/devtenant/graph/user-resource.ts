// How a DevPerson looks as a Graph `user` resource: the default property set, the selectable properties, and the
// properties Graph serves only on a single-user GET (selecting them on the collection is 501).
import type { DevPerson } from "../model.js";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Without $select, /users returns exactly these (user-list.md). */
export const DEFAULT_USER_PROPERTIES: readonly string[] = [
  "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id",
];

/** Only available when reading one user; on the collection Graph answers 501 NotImplemented. */
export const SINGLE_USER_ONLY_PROPERTIES: ReadonlySet<string> = new Set([
  "aboutme", "birthday", "hiredate", "interests", "mysite", "pastprojects", "preferredname", "responsibilities", "schools", "skills", "mailboxsettings",
]);

function mailNickname(p: DevPerson): string {
  return p.userPrincipalName.split("@")[0] as string;
}

const PROPERTIES: Record<string, (p: DevPerson) => Json> = {
  id: (p) => p.id,
  businessPhones: (p) => [...p.businessPhones],
  displayName: (p) => p.displayName,
  givenName: (p) => p.givenName,
  surname: (p) => p.surname,
  jobTitle: (p) => p.jobTitle,
  mail: (p) => p.mail,
  mobilePhone: (p) => p.mobilePhone,
  officeLocation: (p) => p.officeLocation,
  preferredLanguage: (p) => p.preferredLanguage,
  userPrincipalName: (p) => p.userPrincipalName,
  accountEnabled: (p) => p.accountEnabled,
  department: (p) => p.department,
  companyName: (p) => p.companyName,
  city: (p) => p.city,
  country: (p) => p.country,
  state: () => null,
  streetAddress: () => null,
  postalCode: () => null,
  usageLocation: (p) => p.usageLocation,
  userType: (p) => p.userType,
  mailNickname,
  employeeId: () => null,
  employeeType: () => null,
  faxNumber: () => null,
  otherMails: () => [],
  imAddresses: (p) => (p.mail ? [p.mail.toLowerCase()] : []),
  proxyAddresses: (p) => (p.mail ? [`SMTP:${p.mail}`] : []),
  externalUserState: (p) => (p.userType === "Guest" ? "Accepted" : null),
  creationType: (p) => (p.userType === "Guest" ? "Invitation" : null),
  showInAddressList: () => null,
  identities: (p) => [{ signInType: "userPrincipalName", issuer: p.userPrincipalName.split("@")[1] as string, issuerAssignedId: p.userPrincipalName }],
  // Single-user-only properties (the dev tenant keeps no profile data beyond the directory fields).
  aboutMe: () => null,
  birthday: () => "0001-01-01T08:00:00Z",
  hireDate: () => "0001-01-01T08:00:00Z",
  interests: () => [],
  mySite: () => null,
  pastProjects: () => [],
  preferredName: (p) => p.givenName,
  responsibilities: () => [],
  schools: () => [],
  skills: () => [],
  // Overridden by the sign-in log when served (see userResource's `extra`); this is Entra's "never signed in".
  signInActivity: () => ({ lastSignInDateTime: "0001-01-01T00:00:00Z", lastSignInRequestId: "", lastNonInteractiveSignInDateTime: "0001-01-01T00:00:00Z", lastNonInteractiveSignInRequestId: "" }),
};

const CANONICAL = new Map(Object.keys(PROPERTIES).map((k) => [k.toLowerCase(), k]));

/** The canonical (camelCase) name of a user property, or undefined when Graph's user type has no such property. */
export function canonicalUserProperty(name: string): string | undefined {
  return CANONICAL.get(name.toLowerCase());
}

/**
 * Serialises the selected properties; `id` always comes back (Graph adds it even when not selected). `extra`
 * supplies values kept outside the person (e.g. signInActivity from the sign-in log).
 */
export function userResource(p: DevPerson, select: readonly string[] | null, extra: (name: string) => Json | undefined = () => undefined): Record<string, Json> {
  const names = select ?? DEFAULT_USER_PROPERTIES;
  const out: Record<string, Json> = {};
  for (const name of names) {
    const read = PROPERTIES[name];
    if (read) out[name] = extra(name) ?? read(p);
  }
  if (!("id" in out)) out["id"] = p.id;
  return out;
}

/** Reads a property for $filter / $orderby / $search (undefined for unknown names). */
export function userPropertyValue(p: DevPerson, name: string): Json | undefined {
  const read = PROPERTIES[name];
  return read ? read(p) : undefined;
}
