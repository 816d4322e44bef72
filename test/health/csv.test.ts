// RFC 4180 quoting and spreadsheet-formula defusing of CSV cells.
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "../../src/app/health/csv.js";
import { weekStartOf } from "../../src/app/health/session-tally.js";

describe("csvCell", () => {
  it("quotes fields holding a comma, a quote, CR or LF, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("prefixes text that a spreadsheet would run as a formula", () => {
    for (const text of ["=1+2", "+1", "-1", "@SUM(A1)", "\t=cmd", "\r=cmd"]) expect(csvCell(text).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("=HYPERLINK(\"x\",\"y\")")).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes numbers, booleans and empty values as such (a negative number is a number, not a formula)", () => {
    expect(csvRow([-3.5, 0, true, false, null, undefined, Number.NaN])).toBe("-3.5,0,true,false,,,\r\n");
  });
});

describe("weekStartOf", () => {
  it("gives the Monday (UTC) of the week", () => {
    expect(weekStartOf(Date.UTC(2024, 2, 4, 0, 0))).toBe("2024-03-04"); // Monday 00:00
    expect(weekStartOf(Date.UTC(2024, 2, 10, 23, 59))).toBe("2024-03-04"); // Sunday night
    expect(weekStartOf(Date.UTC(2024, 2, 11, 0, 0))).toBe("2024-03-11");
    expect(weekStartOf(Date.UTC(2025, 0, 1, 12))).toBe("2024-12-30"); // across a year end
  });
});
