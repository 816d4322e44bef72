// Decoders for the responses of issue 3's API (config, me, dev sign-in).
import { array, boolean, number, object, oneOf, optionalString, string, DecodeError } from "./decode.js";
import type { AppConfig, DevPeople, DevPerson, DevSignIn, Me, ManagerRef, Role } from "./types.js";
import { ROLES } from "./types.js";

export function decodeConfig(value: unknown): AppConfig {
  const o = object(value, "config");
  return {
    mode: oneOf(o, "mode", ["embedded", "azure"] as const, "config"),
    clientId: string(o, "clientId", "config"),
    devSignIn: boolean(o, "devSignIn", "config"),
  };
}

function decodeManager(value: unknown): ManagerRef | null {
  if (value === null || value === undefined) return null;
  const o = object(value, "me.manager");
  return { id: string(o, "id", "me.manager"), displayName: string(o, "displayName", "me.manager") };
}

function decodeRoles(values: unknown[], path: string): Role[] {
  return values.map((r, i) => {
    if (typeof r !== "string" || !(ROLES as readonly string[]).includes(r)) {
      throw new DecodeError(`${path}[${i}]`, `one of ${ROLES.join(", ")}`);
    }
    return r as Role;
  });
}

export function decodeMe(value: unknown): Me {
  const o = object(value, "me");
  return {
    tenantId: string(o, "tenantId", "me"),
    userId: string(o, "userId", "me"),
    displayName: string(o, "displayName", "me"),
    userPrincipalName: string(o, "userPrincipalName", "me"),
    mail: optionalString(o, "mail", "me"),
    jobTitle: optionalString(o, "jobTitle", "me"),
    department: optionalString(o, "department", "me"),
    officeLocation: optionalString(o, "officeLocation", "me"),
    timeZone: optionalString(o, "timeZone", "me"),
    windowsTimeZone: optionalString(o, "windowsTimeZone", "me"),
    manager: decodeManager(o.manager),
    roles: decodeRoles(array(o, "roles", "me"), "me.roles"),
  };
}

function decodeDevPerson(value: unknown, index: number): DevPerson {
  const path = `people[${index}]`;
  const o = object(value, path);
  return {
    id: string(o, "id", path),
    displayName: string(o, "displayName", path),
    jobTitle: optionalString(o, "jobTitle", path),
    department: optionalString(o, "department", path),
    userPrincipalName: string(o, "userPrincipalName", path),
    role: oneOf(o, "role", ROLES, path),
  };
}

export function decodeDevPeople(value: unknown): DevPeople {
  const o = object(value, "devPeople");
  return {
    tenantId: string(o, "tenantId", "devPeople"),
    people: array(o, "people", "devPeople").map(decodeDevPerson),
  };
}

export function decodeDevSignIn(value: unknown): DevSignIn {
  const o = object(value, "signIn");
  const token = string(o, "token", "signIn");
  const raw = o.expiresOn;
  const expiresOn = typeof raw === "number" ? number(o, "expiresOn", "signIn") : string(o, "expiresOn", "signIn");
  return { token, expiresOn };
}
