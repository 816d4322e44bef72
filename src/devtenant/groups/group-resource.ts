// How a DevGroup looks as a Graph `group` resource (the default property set of group-list.md), and the
// query options the group endpoints accept: $select, a subset of $filter, $search and $orderby on displayName.
import { badRequest, unsupportedQuery } from "../graph/graph-error.js";
import type { Json } from "../graph/user-resource.js";
import type { DevGroup } from "./group-directory.js";

const PROPERTIES: Record<string, (g: DevGroup) => Json> = {
  id: (g) => g.id,
  deletedDateTime: () => null,
  classification: () => null,
  createdDateTime: (g) => g.createdDateTime,
  creationOptions: () => [],
  description: (g) => g.description,
  displayName: (g) => g.displayName,
  expirationDateTime: () => null,
  groupTypes: (g) => [...g.groupTypes],
  isAssignableToRole: () => null,
  mail: (g) => g.mail,
  mailEnabled: (g) => g.mailEnabled,
  mailNickname: (g) => g.mailNickname,
  membershipRule: () => null,
  membershipRuleProcessingState: () => null,
  onPremisesDomainName: () => null,
  onPremisesLastSyncDateTime: () => null,
  onPremisesNetBiosName: () => null,
  onPremisesSamAccountName: () => null,
  onPremisesSecurityIdentifier: () => null,
  onPremisesSyncEnabled: () => null,
  preferredDataLocation: () => null,
  preferredLanguage: () => null,
  proxyAddresses: (g) => (g.mail ? [`SMTP:${g.mail}`] : []),
  renewedDateTime: (g) => g.createdDateTime,
  resourceBehaviorOptions: () => [],
  resourceProvisioningOptions: () => [],
  securityEnabled: (g) => g.securityEnabled,
  securityIdentifier: (g) => securityIdentifier(g.id),
  theme: () => null,
  visibility: (g) => g.visibility,
  onPremisesProvisioningErrors: () => [],
  serviceProvisioningErrors: () => [],
};

const CANONICAL = new Map(Object.keys(PROPERTIES).map((name) => [name.toLowerCase(), name]));

/** A stable, SID-shaped value per group (Entra derives it from the object id too). */
function securityIdentifier(id: string): string {
  const hex = id.replace(/-/g, "");
  const parts = [0, 8, 16, 24].map((i) => parseInt(hex.slice(i, i + 8), 16) >>> 0);
  return `S-1-12-1-${parts.join("-")}`;
}

export function parseGroupSelect(raw: string | undefined): string[] | null {
  if (raw === undefined) return null;
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw badRequest("The $select query option must name at least one property.");
  return [...new Set(names.map((name) => {
    const canonical = CANONICAL.get(name.toLowerCase());
    if (!canonical) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.group'.`);
    return canonical;
  }))];
}

/** The group as JSON: the default property set, or `id` plus the selected properties. */
export function groupResource(group: DevGroup, select: readonly string[] | null): Record<string, Json> {
  const names = select ? ["id", ...select.filter((n) => n !== "id")] : Object.keys(PROPERTIES);
  return Object.fromEntries(names.map((n) => [n, (PROPERTIES[n] as (g: DevGroup) => Json)(group)]));
}

export type GroupPredicate = (g: DevGroup) => boolean;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isObjectId(value: string): boolean {
  return GUID.test(value);
}

export const invalidObjectId = (value: string) => badRequest(`Invalid object identifier '${value}'.`);

const STRING_PROPERTIES = new Set(["id", "displayName", "mailNickname", "mail", "description"]);
const BOOLEAN_PROPERTIES = new Set(["securityEnabled", "mailEnabled"]);

function property(raw: string): string {
  const name = CANONICAL.get(raw.toLowerCase());
  if (!name) throw badRequest(`Could not find a property named '${raw}' on type 'microsoft.graph.group'.`);
  return name;
}

function stringValue(g: DevGroup, name: string): string {
  const v = groupResource(g, [name])[name];
  return typeof v === "string" ? v : "";
}

function literal(raw: string): string {
  return raw.slice(1, -1).replace(/''/g, "'");
}

/** One clause: startswith(p,'x') | p eq 'x' | p eq true | id in ('a','b') | groupTypes/any(c:c eq 'Unified'). */
function clause(text: string): GroupPredicate {
  let m = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(text);
  if (m) {
    const name = property(m[1] as string);
    if (!STRING_PROPERTIES.has(name) || name === "id") throw unsupportedQuery(`Unsupported query: startswith on '${m[1]}'.`);
    const prefix = literal(m[2] as string).toLowerCase();
    return (g) => stringValue(g, name).toLowerCase().startsWith(prefix);
  }
  m = /^(\w+)\s+eq\s+('(?:[^']|'')*'|true|false)$/i.exec(text);
  if (m) {
    const name = property(m[1] as string);
    const raw = m[2] as string;
    if (BOOLEAN_PROPERTIES.has(name) && /^(true|false)$/i.test(raw)) {
      const wanted = raw.toLowerCase() === "true";
      return (g) => groupResource(g, [name])[name] === wanted;
    }
    if (!STRING_PROPERTIES.has(name) || !raw.startsWith("'")) throw unsupportedQuery(`Unsupported query: '${text}'.`);
    const value = literal(raw).toLowerCase();
    return (g) => stringValue(g, name).toLowerCase() === value;
  }
  m = /^id\s+in\s+\(([^)]*)\)$/i.exec(text);
  if (m) {
    const ids = new Set((m[1] as string).split(",").map((s) => s.trim()).filter(Boolean).map((s) => (s.startsWith("'") ? literal(s) : s).toLowerCase()));
    return (g) => ids.has(g.id.toLowerCase());
  }
  m = /^groupTypes\/any\(\s*(\w+)\s*:\s*\1\s+eq\s+('(?:[^']|'')*')\s*\)$/i.exec(text);
  if (m) {
    const type = literal(m[2] as string).toLowerCase();
    return (g) => g.groupTypes.some((t) => t.toLowerCase() === type);
  }
  throw unsupportedQuery(`Unsupported or invalid query filter clause specified: '${text}'.`);
}

/** Clauses joined by `and` or by `or` (not mixed; Graph's directory filters rarely need more). */
export function parseGroupFilter(raw: string | undefined): GroupPredicate | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text === "") throw badRequest("Invalid filter clause: the $filter query option is empty.");
  const parts = splitOutsideQuotes(text);
  const joiners = new Set(parts.joiners.map((j) => j.toLowerCase()));
  if (joiners.size > 1) throw unsupportedQuery("Mixing 'and' and 'or' in one $filter is not supported by the dev tenant; use one of them.");
  const clauses = parts.clauses.map(clause);
  return joiners.has("or") ? (g) => clauses.some((c) => c(g)) : (g) => clauses.every((c) => c(g));
}

function splitOutsideQuotes(text: string): { clauses: string[]; joiners: string[] } {
  const clauses: string[] = [];
  const joiners: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
    else if (!quoted && depth === 0) {
      const m = /^\s+(and|or)\s+/i.exec(text.slice(i));
      if (m) {
        clauses.push(text.slice(start, i).trim());
        joiners.push(m[1] as string);
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  clauses.push(text.slice(start).trim());
  return { clauses, joiners };
}

/**
 * $search="displayName:grad" (also description); terms joined by OR / AND. Tokenised prefix matching
 * like Entra's: a word of the property starts with the text. Needs ConsistencyLevel: eventual.
 */
export function parseGroupSearch(raw: string | undefined, eventual: boolean): GroupPredicate | null {
  if (raw === undefined) return null;
  if (!eventual) throw unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  const orTerms = raw.split(/\s+OR\s+/);
  const or = orTerms.map((orTerm) => {
    const and = orTerm.split(/\s+AND\s+/).map((term) => {
      const m = /^"(\w+):([^"]*)"$/.exec(term.trim());
      if (!m) throw badRequest(`Syntax error: the $search term ${term.trim()} must look like "property:text".`);
      const name = property(m[1] as string);
      if (name !== "displayName" && name !== "description") throw badRequest(`The property '${m[1]}' does not support $search.`);
      const needle = (m[2] as string).toLowerCase();
      return (g: DevGroup): boolean => stringValue(g, name).toLowerCase().split(/[\s.@_:,()-]+/).some((word) => word.startsWith(needle));
    });
    return (g: DevGroup): boolean => and.every((c) => c(g));
  });
  return (g) => or.some((c) => c(g));
}

export interface GroupOrder {
  descending: boolean;
}

export function parseGroupOrderBy(raw: string | undefined): GroupOrder | null {
  if (raw === undefined) return null;
  const m = /^\s*displayName(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!m) throw unsupportedQuery(`Sorting by '${raw.trim()}' is not supported; groups sort by displayName.`);
  return { descending: (m[1] ?? "").toLowerCase() === "desc" };
}
