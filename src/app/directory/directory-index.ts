// The sync index: per stored person, the org-chart inputs (manager, enabled, user type, mail) and two
// content hashes — one of the directory fields, one of the derived org fields (chain, level, division,
// placement). With it an incremental sync rebuilds the whole org chart and finds every document to rewrite
// without reading the people store: it reads back only the people whose org position moved while their own
// data did not (their directory fields are needed to rewrite the document).
import { hash } from "node:crypto";
import { DIRECTORY_USER_FIELDS, type IndexEntry, type Person } from "./directory-sync-ports.js";

/** The derived part of a person document, recomputed from the whole org chart on every sync. */
export type OrgFields = Pick<Person, "chain" | "level" | "division" | "placement">;

/** Every stored field that is not derived from the org chart (the hash must cover the whole document). */
const USER_FIELDS = [
  ...DIRECTORY_USER_FIELDS,
  "tenantId",
  "hasMailbox",
  "managerId",
  "timeZone",
  "windowsTimeZone",
  "workingHours",
] as const satisfies ReadonlyArray<keyof Person>;

// 96 bits of SHA-256: a collision (a changed person left unwritten) is not a practical concern. The
// one-shot hash() avoids a Hash object per person (200,000 hashes per 100,000-person sync).
function digest(values: readonly unknown[]): string {
  return hash("sha256", JSON.stringify(values), "base64url").slice(0, 16);
}

export function userHashOf(person: Person): string {
  return digest(USER_FIELDS.map((key) => person[key] ?? null));
}

export function orgHashOf(org: OrgFields): string {
  return digest([org.chain, org.level ?? null, org.division ?? null, org.placement]);
}

export function indexEntryOf(person: Person): IndexEntry {
  return {
    id: person.id,
    managerId: person.managerId ?? null,
    accountEnabled: person.accountEnabled,
    userType: person.userType,
    hasMail: person.mail !== null && person.mail !== undefined,
    userHash: userHashOf(person),
    orgHash: orgHashOf(person),
  };
}
