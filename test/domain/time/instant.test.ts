import { describe, expect, it } from "vitest";
import { DomainValidationError } from "../../../src/domain/domain-error.js";
import { formatInstant, parseInstant, parseLocalTime } from "../../../src/domain/time/index.js";

describe("instants and local times", () => {
  it("parses ISO instants with an offset and epoch milliseconds", () => {
    expect(parseInstant("2025-03-10T09:00:00+05:30")).toBe(Date.UTC(2025, 2, 10, 3, 30));
    expect(parseInstant("2025-03-10T09:00:00Z")).toBe(Date.UTC(2025, 2, 10, 9));
    expect(parseInstant(1_741_597_200_000)).toBe(1_741_597_200_000);
    expect(formatInstant(Date.UTC(2025, 2, 10, 9))).toBe("2025-03-10T09:00:00.000Z");
  });

  it("refuses wall-clock strings without an offset, garbage and fractional epochs, naming the field", () => {
    expect(() => parseInstant("2025-03-10T09:00:00", "session.start")).toThrow(/session.start.*no UTC offset/);
    expect(() => parseInstant("next tuesday+01:00")).toThrow(DomainValidationError);
    expect(() => parseInstant(1.5)).toThrow(/epoch milliseconds/);
  });

  it("reads Graph's and people's time-of-day formats", () => {
    expect(parseLocalTime("08:00:00.0000000")).toBe(480);
    expect(parseLocalTime("17:30")).toBe(1050);
    expect(parseLocalTime("24:00")).toBe(1440);
    expect(parseLocalTime("24:30")).toBeNull();
    expect(parseLocalTime("7pm")).toBeNull();
  });
});
