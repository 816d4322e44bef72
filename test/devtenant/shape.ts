// Shape comparison for conformance tests: does a simulator response have the same fields, JSON types and
// `@odata.*` annotations as an official Graph example? Arrays are compared by their first element; `null` in
// either document matches any type (Graph properties are nullable, and examples show some as null).

export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";

export interface ShapeOptions {
  /**
   * Keys the actual document may have beyond the example, by JSON path ("$.value[]", "$.error.innerError") or
   * "*" for any object. Each allowance should carry a reason in the test (e.g. the docs' example is shortened).
   */
  allowExtra?: Record<string, readonly string[]>;
  /** Keys of the example that the actual document may lack, by JSON path (e.g. optional annotations). */
  allowMissing?: Record<string, readonly string[]>;
}

export function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const t = typeof value;
  if (t === "boolean" || t === "number" || t === "string") return t;
  if (t === "object") return "object";
  throw new TypeError(`Not a JSON value: ${t}`);
}

/** Returns human-readable differences; an empty list means the shapes agree. */
export function compareShape(expected: unknown, actual: unknown, options: ShapeOptions = {}, path = "$"): string[] {
  const et = jsonType(expected);
  const at = jsonType(actual);
  if (et === "null" || at === "null") return [];
  if (et !== at) return [`${path}: expected ${et}, got ${at}`];
  if (et === "array") {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length === 0 || a.length === 0) return [];
    return compareShape(e[0], a[0], options, `${path}[]`);
  }
  if (et !== "object") return [];
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const extraAllowed = new Set([...(options.allowExtra?.[path] ?? []), ...(options.allowExtra?.["*"] ?? [])]);
  const missingAllowed = new Set(options.allowMissing?.[path] ?? []);
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in a)) {
      if (!missingAllowed.has(key)) problems.push(`${path}: missing "${key}"`);
      continue;
    }
    problems.push(...compareShape(e[key], a[key], options, `${path}.${key}`));
  }
  for (const key of Object.keys(a)) {
    if (!(key in e) && !extraAllowed.has(key)) problems.push(`${path}: unexpected "${key}"`);
  }
  return problems;
}

/** The `@odata.*` (and `*@odata.*` / `*@delta`) annotation keys of an object, sorted. */
export function annotations(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((k) => k.includes("@")).sort();
}
