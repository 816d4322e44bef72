import { describe, expect, it } from "vitest";
import { annotations, compareShape } from "./shape.js";

describe("compareShape", () => {
  it("accepts equal shapes with different values", () => {
    expect(compareShape({ a: 1, b: ["x"], c: { d: true } }, { a: 2, b: ["y", "z"], c: { d: false } })).toEqual([]);
  });

  it("reports missing and unexpected keys with their path", () => {
    expect(compareShape({ value: [{ id: "1", name: "n" }] }, { value: [{ id: "2", extra: 1 }] })).toEqual([
      '$.value[]: missing "name"',
      '$.value[]: unexpected "extra"',
    ]);
  });

  it("reports type differences but lets null match anything", () => {
    expect(compareShape({ a: "s", b: null, c: 1 }, { a: 1, b: "now set", c: null })).toEqual(["$.a: expected string, got number"]);
  });

  it("honours allowances by path", () => {
    const expected = { error: { code: "c", innerError: { date: "d" } } };
    const actual = { error: { code: "c", innerError: { date: "d", "client-request-id": "x" } } };
    expect(compareShape(expected, actual)).toHaveLength(1);
    expect(compareShape(expected, actual, { allowExtra: { "$.error.innerError": ["client-request-id"] } })).toEqual([]);
    expect(compareShape({ a: 1, b: 2 }, { a: 1 }, { allowMissing: { $: ["b"] } })).toEqual([]);
  });

  it("lists annotations", () => {
    expect(annotations({ "@odata.nextLink": "x", id: "1", "manager@delta": [], "@odata.context": "c" })).toEqual(["@odata.context", "@odata.nextLink", "manager@delta"]);
  });
});
