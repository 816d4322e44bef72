// The OData query options /users understands, parsed and validated the way Graph does for directory objects.
import type { DevPerson } from "../model.js";
import { badRequest, GraphError, unsupportedQuery } from "./graph-error.js";
import { canonicalUserProperty, SINGLE_USER_ONLY_PROPERTIES, userPropertyValue } from "./user-resource.js";

export type UserPredicate = (p: DevPerson) => boolean;

export interface OrderBy {
  property: string;
  descending: boolean;
}

/** `$expand=manager(...)`: the manager's selected properties and how many levels of managers to nest. */
export interface ExpandManager {
  select: string[] | null;
  levels: number | null;
}

/** Query options as the client sent them (single values; repeated options are a 400). */
export type QueryOptions = Record<string, string>;

const OPTION_NAMES = new Set(["$select", "$filter", "$top", "$count", "$orderby", "$search", "$expand", "$skip", "$skiptoken", "$deltatoken", "$format"]);

export function queryOptions(url: URL): QueryOptions {
  const out: QueryOptions = {};
  for (const [rawKey, value] of url.searchParams) {
    // Graph accepts the system query options with or without the $ prefix, case-insensitively; other parameters are not options.
    const lower = rawKey.toLowerCase();
    const key = lower.startsWith("$") ? lower : `$${lower}`;
    if (!lower.startsWith("$") && !OPTION_NAMES.has(key)) continue;
    if (key in out) throw badRequest(`Query option '${rawKey}' was specified more than once, but it must be specified at most once.`);
    out[key] = value;
  }
  return out;
}

export function parseSelect(raw: string | undefined, collection: boolean): string[] | null {
  if (raw === undefined) return null;
  const names = raw.split(",").map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw badRequest("The $select query option must name at least one property.");
  const out: string[] = [];
  for (const name of names) {
    if (collection && SINGLE_USER_ONLY_PROPERTIES.has(name.toLowerCase())) {
      throw new GraphError(501, "NotImplemented", "This operation target is not yet supported.");
    }
    const canonical = canonicalUserProperty(name);
    if (!canonical) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}

export function parseTop(raw: string | undefined, max = 999): number | null {
  if (raw === undefined) return null;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  }
  return n;
}

// ---- $filter: a small recursive-descent parser for the subset Graph supports on users ----

type Literal = string | number | boolean | null;
type Token = { kind: "ident" | "string" | "number" | "punct"; text: string; value?: Literal };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw badRequest("Invalid filter clause: unterminated string literal.");
        if (text[i] === "'") {
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i];
        i++;
      }
      tokens.push({ kind: "string", text: value, value });
    } else if ("(),".includes(c)) {
      tokens.push({ kind: "punct", text: c });
      i++;
    } else {
      const m = /^[A-Za-z0-9_.\-/$@:]+/.exec(text.slice(i));
      if (!m) throw badRequest(`Invalid filter clause: unexpected character '${c}'.`);
      const word = m[0];
      i += word.length;
      if (/^-?\d+(\.\d+)?$/.test(word)) tokens.push({ kind: "number", text: word, value: Number(word) });
      else tokens.push({ kind: "ident", text: word });
    }
  }
  return tokens;
}

const COMPARISONS = new Set(["eq", "ne", "ge", "le"]);
/** Operators that need an advanced query (ConsistencyLevel: eventual + $count=true), as in Graph. */
const ADVANCED_FUNCTIONS = new Set(["endswith"]);

interface FilterContext {
  advanced: boolean;
  properties: Set<string>;
  ids: string[];
  onlyIdEq: boolean;
}

class FilterParser {
  private pos = 0;
  constructor(private readonly tokens: Token[], private readonly ctx: FilterContext) {}

  parse(): UserPredicate {
    const predicate = this.or();
    if (this.pos < this.tokens.length) throw badRequest(`Invalid filter clause: unexpected '${this.tokens[this.pos]?.text}'.`);
    return predicate;
  }

  private peekWord(): string | undefined {
    const t = this.tokens[this.pos];
    return t?.kind === "ident" ? t.text.toLowerCase() : undefined;
  }

  private expectPunct(p: string): void {
    const t = this.tokens[this.pos];
    if (t?.kind !== "punct" || t.text !== p) throw badRequest(`Invalid filter clause: expected '${p}'.`);
    this.pos++;
  }

  private or(): UserPredicate {
    let left = this.and();
    while (this.peekWord() === "or") {
      this.pos++;
      const right = this.and();
      const l = left;
      left = (p) => l(p) || right(p);
    }
    return left;
  }

  private and(): UserPredicate {
    let left = this.unary();
    while (this.peekWord() === "and") {
      this.pos++;
      const right = this.unary();
      const l = left;
      left = (p) => l(p) && right(p);
      this.ctx.onlyIdEq = false;
    }
    return left;
  }

  private unary(): UserPredicate {
    if (this.peekWord() === "not") {
      this.pos++;
      const inner = this.unary();
      this.ctx.onlyIdEq = false;
      return (p) => !inner(p);
    }
    const t = this.tokens[this.pos];
    if (t?.kind === "punct" && t.text === "(") {
      this.pos++;
      const inner = this.or();
      this.expectPunct(")");
      return inner;
    }
    return this.clause();
  }

  private property(): string {
    const t = this.tokens[this.pos];
    if (t?.kind !== "ident") throw badRequest("Invalid filter clause: expected a property name.");
    this.pos++;
    const canonical = canonicalUserProperty(t.text);
    if (!canonical) throw badRequest(`Could not find a property named '${t.text}' on type 'microsoft.graph.user'.`);
    this.ctx.properties.add(canonical);
    return canonical;
  }

  private literal(): Literal {
    const t = this.tokens[this.pos];
    if (!t) throw badRequest("Invalid filter clause: expected a literal value.");
    this.pos++;
    if (t.kind === "string" || t.kind === "number") return t.value as Literal;
    if (t.kind === "ident") {
      const w = t.text.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
    }
    throw badRequest(`Invalid filter clause: '${t.text}' is not a literal.`);
  }

  private clause(): UserPredicate {
    const word = this.peekWord();
    const next = this.tokens[this.pos + 1];
    if (word && next?.kind === "punct" && next.text === "(") return this.functionCall(word);
    const property = this.property();
    const op = this.peekWord();
    if (op === "in") {
      this.pos++;
      this.expectPunct("(");
      const values: Literal[] = [this.literal()];
      while (this.tokens[this.pos]?.text === ",") {
        this.pos++;
        values.push(this.literal());
      }
      this.expectPunct(")");
      if (property === "id") this.ctx.ids.push(...values.map(String));
      else this.ctx.onlyIdEq = false;
      const wanted = new Set(values.map((v) => (typeof v === "string" ? v.toLowerCase() : v)));
      return (p) => matchesAny(userPropertyValue(p, property), wanted);
    }
    if (!op || !COMPARISONS.has(op)) throw badRequest(`Invalid filter clause: unsupported operator '${op ?? ""}'.`);
    this.pos++;
    const value = this.literal();
    if ((op !== "eq" || value === null) && !this.ctx.advanced) {
      throw unsupportedQuery(`Operator '${op}' with this value is not supported because the required parameters might be missing. Try adding $count with a value of true and the ConsistencyLevel header with a value of eventual.`);
    }
    if (property === "id" && op === "eq") this.ctx.ids.push(String(value));
    else this.ctx.onlyIdEq = false;
    return (p) => compare(userPropertyValue(p, property), op, value);
  }

  private functionCall(name: string): UserPredicate {
    this.pos += 2;
    this.ctx.onlyIdEq = false;
    if (name !== "startswith" && name !== "endswith") throw badRequest(`Invalid filter clause: the function '${name}' is not supported.`);
    if (ADVANCED_FUNCTIONS.has(name) && !this.ctx.advanced) {
      throw unsupportedQuery(`Operator '${name}' is not supported because the required parameters might be missing. Try adding $count with a value of true and the ConsistencyLevel header with a value of eventual.`);
    }
    const property = this.property();
    this.expectPunct(",");
    const value = this.literal();
    this.expectPunct(")");
    if (typeof value !== "string") throw badRequest(`Invalid filter clause: ${name} needs a string literal.`);
    const needle = value.toLowerCase();
    return (p) => {
      const v = userPropertyValue(p, property);
      const texts = Array.isArray(v) ? v : [v];
      return texts.some((t) => typeof t === "string" && (name === "startswith" ? t.toLowerCase().startsWith(needle) : t.toLowerCase().endsWith(needle)));
    };
  }
}

function norm(v: unknown): unknown {
  return typeof v === "string" ? v.toLowerCase() : v;
}

function matchesAny(actual: unknown, wanted: Set<unknown>): boolean {
  if (Array.isArray(actual)) return actual.some((a) => wanted.has(norm(a)));
  return wanted.has(norm(actual));
}

function compare(actual: unknown, op: string, value: Literal): boolean {
  if (Array.isArray(actual)) return op === "eq" ? actual.some((a) => norm(a) === norm(value)) : !actual.some((a) => norm(a) === norm(value));
  const a = norm(actual);
  const b = norm(value);
  switch (op) {
    case "eq":
      return a === b || (actual === null && value === null);
    case "ne":
      return a !== b;
    case "ge":
      return a !== null && b !== null && (a as string | number) >= (b as string | number);
    case "le":
      return a !== null && b !== null && (a as string | number) <= (b as string | number);
    default:
      return false;
  }
}

export interface ParsedFilter {
  predicate: UserPredicate;
  /** Ids named by `id eq` / `id in`, and whether the filter uses nothing but those (delta's rule). */
  ids: string[];
  onlyIdEq: boolean;
}

export function parseFilter(raw: string | undefined, advanced: boolean): ParsedFilter | null {
  if (raw === undefined) return null;
  if (raw.trim() === "") throw badRequest("Invalid filter clause: the filter is empty.");
  const ctx: FilterContext = { advanced, properties: new Set(), ids: [], onlyIdEq: true };
  const predicate = new FilterParser(tokenize(raw), ctx).parse();
  return { predicate, ids: ctx.ids, onlyIdEq: ctx.onlyIdEq && ctx.properties.size === 1 && ctx.properties.has("id") };
}

// ---- $orderby, $search, $expand ----

const SORTABLE = new Set(["displayName", "userPrincipalName", "mail", "givenName", "surname", "jobTitle", "department"]);

export function parseOrderBy(raw: string | undefined, advanced: boolean): OrderBy | null {
  if (raw === undefined) return null;
  const m = /^\s*([A-Za-z]+)(?:\s+(asc|desc))?\s*$/i.exec(raw);
  if (!m) throw badRequest(`Invalid $orderby expression '${raw}'; the dev tenant sorts by one property.`);
  const property = canonicalUserProperty(m[1] as string);
  if (!property || !SORTABLE.has(property)) throw unsupportedQuery(`Sorting on the property '${m[1]}' is not supported.`);
  if (property !== "displayName" && property !== "userPrincipalName" && !advanced) {
    throw unsupportedQuery(`Sorting on '${property}' needs an advanced query: add $count=true and the ConsistencyLevel: eventual header.`);
  }
  return { property, descending: (m[2] ?? "asc").toLowerCase() === "desc" };
}

const SEARCHABLE = new Set(["displayName", "mail", "userPrincipalName", "givenName", "surname", "jobTitle", "department", "mailNickname", "officeLocation"]);

/** `"displayName:ada" OR "mail:ada"` — tokenised prefix match on words, like Graph's directory search. */
export function parseSearch(raw: string | undefined, advanced: boolean): UserPredicate | null {
  if (raw === undefined) return null;
  if (!advanced) throw badRequest("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  const terms = raw.split(/\s+(?:OR)\s+/).map((t) => t.trim());
  const clauses = terms.map((term) => {
    const m = /^"([A-Za-z]+):([^"]*)"$/.exec(term);
    if (!m) throw badRequest(`Syntax error: the $search term ${term} must look like "property:text".`);
    const property = canonicalUserProperty(m[1] as string);
    if (!property || !SEARCHABLE.has(property)) throw badRequest(`The property '${m[1]}' does not support $search.`);
    const needle = (m[2] as string).toLowerCase();
    return (p: DevPerson): boolean => {
      const v = userPropertyValue(p, property);
      return typeof v === "string" && v.toLowerCase().split(/[\s.@_-]+/).some((word) => word.startsWith(needle));
    };
  });
  return (p) => clauses.some((c) => c(p));
}

/**
 * Only `manager` is expandable on users here, with nested `$select` and `$levels` (max or 1–1000), e.g.
 * `manager($levels=max;$select=id,displayName)`.
 */
export function parseExpand(raw: string | undefined): ExpandManager | null {
  if (raw === undefined) return null;
  const m = /^\s*manager(?:\(([^)]*)\))?\s*$/i.exec(raw);
  if (!m) throw badRequest(`Parsing OData Select and Expand failed: the dev tenant expands only 'manager' on users (got '${raw}').`);
  let select: string[] | null = null;
  let levels: number | null = null;
  for (const option of (m[1] ?? "").split(";").map((o) => o.trim()).filter(Boolean)) {
    const [name, value] = option.split("=", 2).map((x) => x.trim()) as [string, string | undefined];
    if (name.toLowerCase() === "$select" && value) select = parseSelect(value, false);
    else if (name.toLowerCase() === "$levels" && value) {
      levels = value.toLowerCase() === "max" ? 1000 : Number(value);
      if (!Number.isInteger(levels) || levels < 1 || levels > 1000) throw badRequest(`The value '${value}' of $levels is invalid; use max or a number from 1 to 1000.`);
    } else throw badRequest(`Parsing OData Select and Expand failed: unsupported option '${option}' inside $expand.`);
  }
  return { select, levels };
}

export function isAdvancedQuery(consistencyLevel: string | undefined, options: QueryOptions): boolean {
  return (consistencyLevel ?? "").toLowerCase() === "eventual" && (options["$count"] ?? "").toLowerCase() === "true";
}
