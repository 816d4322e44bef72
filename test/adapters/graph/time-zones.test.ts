import { findIana } from "windows-iana";
import { describe, expect, it } from "vitest";
import { toIanaTimeZone } from "../../../src/adapters/graph/time-zones.js";

describe("toIanaTimeZone", () => {
  it.each([
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["Eastern Standard Time", "America/New_York"],
    ["GMT Standard Time", "Europe/London"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["India Standard Time", "Asia/Kolkata"],
    ["Nepal Standard Time", "Asia/Kathmandu"],
    ["SE Asia Standard Time", "Asia/Bangkok"],
    ["Singapore Standard Time", "Asia/Singapore"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["E. South America Standard Time", "America/Sao_Paulo"],
    ["Argentina Standard Time", "America/Argentina/Buenos_Aires"],
    ["FLE Standard Time", "Europe/Kyiv"],
    ["Hawaiian Standard Time", "Pacific/Honolulu"],
    ["UTC", "Etc/UTC"],
  ])("maps %s to %s", (windows, iana) => {
    expect(toIanaTimeZone(windows)).toBe(iana);
  });

  it("passes IANA names through (canonicalising legacy ones) and answers null for unknown names", () => {
    expect(toIanaTimeZone("Europe/Paris")).toBe("Europe/Paris");
    expect(toIanaTimeZone("Asia/Calcutta")).toBe("Asia/Kolkata");
    expect(toIanaTimeZone("Mars Standard Time")).toBeNull();
    expect(toIanaTimeZone("  ")).toBeNull();
  });

  it("only renames legacy CLDR ids to names of the same zone (same UTC offsets through the year), which the runtime accepts", () => {
    const offset = (zone: string, at: Date) =>
      new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
    const instants = [0, 3, 6, 9].map((month) => new Date(Date.UTC(2024, month, 15, 12)));
    for (const windows of ["India Standard Time", "Nepal Standard Time", "SE Asia Standard Time", "Argentina Standard Time", "FLE Standard Time", "Myanmar Standard Time", "Greenland Standard Time"]) {
      const legacy = findIana(windows)[0]!;
      const iana = toIanaTimeZone(windows)!;
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: iana })).not.toThrow();
      for (const at of instants) expect(offset(iana, at), `${windows}: ${iana} vs ${legacy}`).toBe(offset(legacy, at));
    }
  });
});
