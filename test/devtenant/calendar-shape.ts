// Shape comparison for the calendar conformance tests: same fields, same JSON types, same @odata
// annotations as an official Graph example. Arrays are compared through their first element. Stricter
// than the directory half's shape.ts on purpose: a null in the example only matches null (unless
// nullMatchesAny), because calendar payloads hinge on nullable fields (onlineMeeting, recurrence,
// seriesMasterId, onlineMeetingUrl) whose null-ness is part of the contract.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ShapeOptions {
  /** Extra fields in the actual payload are fine (compare as a superset). */
  allowExtra?: boolean;
  /** A null in the example accepts any type (the docs often print unset values as null). */
  nullMatchesAny?: boolean;
  /** Paths to skip entirely, e.g. "$.value[].workingHours.timeZone". */
  ignore?: readonly string[];
  /** Example fields the simulator may leave out, by path. */
  optional?: readonly string[];
}

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean" | "undefined";

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  return t === "object" || t === "string" || t === "number" || t === "boolean" ? t : "undefined";
}

/** Differences between the example's shape and the actual payload's (empty when they conform). */
export function shapeDiff(expected: unknown, actual: unknown, options: ShapeOptions = {}, path = "$"): string[] {
  if (options.ignore?.includes(path)) return [];
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te === "null" && options.nullMatchesAny === true) return [];
  if (te !== ta) return [`${path}: expected ${te}, got ${ta}`];
  if (te === "array") {
    const [first] = expected as unknown[];
    const [actualFirst] = actual as unknown[];
    if (first === undefined || actualFirst === undefined) return [];
    return shapeDiff(first, actualFirst, options, `${path}[]`);
  }
  if (te !== "object") return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    const childPath = `${path}.${key}`;
    if (!(key in a)) {
      if (!options.optional?.includes(childPath) && !options.ignore?.includes(childPath)) problems.push(`${childPath}: missing`);
      continue;
    }
    problems.push(...shapeDiff(e[key], a[key], options, childPath));
  }
  if (options.allowExtra !== true) {
    for (const key of Object.keys(a)) if (!(key in e) && !options.ignore?.includes(`${path}.${key}`)) problems.push(`${path}.${key}: not in the example`);
  }
  return problems;
}

// The official payloads live next to the repository (../shared/graph-reference, see issue 2).
const EXAMPLES = fileURLToPath(new URL("../../../shared/graph-reference/examples/", import.meta.url));

export function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, name), "utf8")) as unknown;
}
