// Small runtime checks for API responses. The tab trusts our own API's types, but a proxy, a wrong
// deployment or an HTML error page must fail with a clear message instead of rendering "undefined".

export class DecodeError extends Error {
  constructor(
    readonly path: string,
    expected: string,
  ) {
    // Shown as the detail under the title "Unexpected response from the server".
    super(`${path} should be ${expected}.`);
    this.name = "DecodeError";
  }
}

export type Json = Record<string, unknown>;

export function object(value: unknown, path: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new DecodeError(path, "an object");
  return value as Json;
}

export function string(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new DecodeError(`${path}.${key}`, "a string");
  return v;
}

export function optionalString(o: Json, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new DecodeError(`${path}.${key}`, "a string or null");
  return v;
}

export function number(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, "a number");
  return v;
}

export function boolean(o: Json, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") throw new DecodeError(`${path}.${key}`, "true or false");
  return v;
}

export function array(o: Json, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new DecodeError(`${path}.${key}`, "a list");
  return v;
}

export function oneOf<T extends string>(o: Json, key: string, allowed: readonly T[], path: string): T {
  return enumValue(o[key], allowed, `${path}.${key}`);
}

export function enumValue<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new DecodeError(path, `one of ${allowed.join(", ")}`);
  }
  return value as T;
}

/** A number that may be null or absent (→ null). */
export function nullableNumber(o: Json, key: string, path: string): number | null {
  return o[key] === null || o[key] === undefined ? null : number(o, key, path);
}
