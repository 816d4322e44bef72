// The tab's small pure modules: token expiry, problem parsing, navigation by role, theme names,
// response decoders, field errors and date formatting.
import { describe, expect, it } from "vitest";
import { decodeConfig, decodeDevPeople, decodeDevSignIn, decodeMe } from "../../../src/web/api/decoders.js";
import { decodeMySessions, decodePreferences } from "../../../src/web/api/programme-decoders.js";
import { ApiError, problemFromBody } from "../../../src/web/api/problem.js";
import { expiryEpochMs, isFresh } from "../../../src/web/auth/token-expiry.js";
import { fieldValidation, unplacedFieldErrors } from "../../../src/web/components/field-validation.js";
import { describeTimeZone, formatDate, formatSessionTime } from "../../../src/web/format/dates.js";
import { areaFromHash, areaFromSubPageId, areasFor } from "../../../src/web/shell/areas.js";
import { themeNameFromHost, themeNameFromQuery } from "../../../src/web/theme/theme-name.js";

const NOW = Date.UTC(2030, 0, 1, 12, 0);

function jwtWithExp(exp: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part({ exp, sub: "x" })}.signature`;
}

describe("token expiry", () => {
  it("reads ISO instants, epoch seconds and epoch milliseconds", () => {
    expect(expiryEpochMs("2030-01-01T13:00:00Z", "t", NOW)).toBe(NOW + 3600_000);
    expect(expiryEpochMs((NOW + 3600_000) / 1000, "t", NOW)).toBe(NOW + 3600_000);
    expect(expiryEpochMs(NOW + 3600_000, "t", NOW)).toBe(NOW + 3600_000);
  });

  it("falls back to the token's exp, then to five minutes", () => {
    expect(expiryEpochMs("soon", jwtWithExp(NOW / 1000 + 600), NOW)).toBe(NOW + 600_000);
    expect(expiryEpochMs("soon", "opaque-token", NOW)).toBe(NOW + 5 * 60_000);
  });

  it("counts a token as fresh only outside the two-minute renewal margin", () => {
    expect(isFresh(NOW + 3 * 60_000, NOW)).toBe(true);
    expect(isFresh(NOW + 60_000, NOW)).toBe(false);
    expect(isFresh(NOW - 1, NOW)).toBe(false);
  });
});

describe("problemFromBody", () => {
  it("keeps a problem's fields and drops malformed field errors", () => {
    const body = JSON.stringify({ type: "urn:x", title: "Bad", status: 400, detail: "d", errors: [{ field: "a", message: "m" }, { field: 1 }] });
    expect(problemFromBody(400, "application/problem+json", body)).toEqual({ type: "urn:x", title: "Bad", status: 400, detail: "d", errors: [{ field: "a", message: "m" }] });
  });

  it("never throws on bodies that are not problems", () => {
    expect(problemFromBody(503, "text/html", "<html/>")).toEqual({ type: "about:blank", title: "The service is temporarily unavailable", status: 503 });
    expect(problemFromBody(500, "application/json", "{broken")).toMatchObject({ title: "The server had a problem" });
    expect(problemFromBody(418, "application/json", "[1,2]")).toMatchObject({ title: "The server answered 418" });
    expect(problemFromBody(404, "application/problem+json", JSON.stringify({ title: "  " }))).toMatchObject({ title: "Not found" });
  });
});

describe("areas by role", () => {
  it("offers each role its area and everyone the profile", () => {
    expect(areasFor(["employee"]).map((a) => a.id)).toEqual(["about", "programme"]);
    expect(areasFor(["employee", "executive"]).map((a) => a.id)).toEqual(["about", "programme", "mentor"]);
    expect(areasFor(["employee", "admin"]).map((a) => a.id)).toEqual(["about", "programme", "admin"]);
    expect(areasFor([]).map((a) => a.id)).toEqual(["about"]);
  });

  it("follows a hash or Teams deep link only to an area the person may see", () => {
    const employee = areasFor(["employee"]);
    expect(areaFromHash("#/programme", employee)).toBe("programme");
    expect(areaFromHash("#/admin", employee)).toBeNull();
    expect(areaFromHash("#programme?x=1", employee)).toBe("programme");
    expect(areaFromHash("", employee)).toBeNull();
    expect(areaFromSubPageId("admin", areasFor(["admin"]))).toBe("admin");
    expect(areaFromSubPageId(null, employee)).toBeNull();
  });
});

describe("theme names", () => {
  it("maps the host's themes and treats unknown ones as light", () => {
    expect(themeNameFromHost("default")).toBe("light");
    expect(themeNameFromHost("dark")).toBe("dark");
    expect(themeNameFromHost("contrast")).toBe("contrast");
    expect(themeNameFromHost("glass")).toBe("light");
    expect(themeNameFromHost(undefined)).toBe("light");
  });

  it("reads ?theme= in its spellings and ignores anything else", () => {
    expect(themeNameFromQuery("?theme=dark")).toBe("dark");
    expect(themeNameFromQuery("?x=1&theme=HighContrast")).toBe("contrast");
    expect(themeNameFromQuery("?theme=default")).toBe("light");
    expect(themeNameFromQuery("?theme=purple")).toBeNull();
    expect(themeNameFromQuery("")).toBeNull();
  });
});

describe("decoders", () => {
  it("accept the contract shapes and name the first wrong field", () => {
    expect(decodeConfig({ mode: "embedded", clientId: "c", devSignIn: true })).toEqual({ mode: "embedded", clientId: "c", devSignIn: true });
    expect(() => decodeConfig({ mode: "cloud", clientId: "c", devSignIn: true })).toThrow("config.mode should be one of embedded, azure.");
    expect(() => decodeMe({ tenantId: "t" })).toThrow("me.userId should be a string.");
    expect(() => decodeDevPeople({ tenantId: "t", people: [{ id: "p", displayName: "P", userPrincipalName: "p@x", role: "ceo" }] })).toThrow(
      "people[0].role should be one of employee, executive, admin.",
    );
    expect(decodeDevSignIn({ token: "abc", expiresOn: 1893499200 })).toEqual({ token: "abc", expiresOn: 1893499200 });
    expect(() => decodeDevSignIn({ token: "abc", expiresOn: null })).toThrow("signIn.expiresOn should be a string.");
  });

  it("decode the programme shapes the screens are ready for", () => {
    expect(decodePreferences({ maxSessionsPerWeek: 1, preferredDays: ["tuesday"], preferredHours: null, notBefore: null })).toEqual({
      maxSessionsPerWeek: 1,
      preferredDays: ["tuesday"],
      preferredHours: null,
      notBefore: null,
    });
    expect(() => decodePreferences({ maxSessionsPerWeek: 1, preferredDays: ["someday"], preferredHours: null })).toThrow("preferences.preferredDays[0] should be one of");
    expect(decodeMySessions({ items: [] })).toEqual({ items: [], continuationToken: null });
    expect(() => decodeMySessions({ items: [{ id: "s" }] })).toThrow("items[0].pairId should be a string.");
  });
});

describe("field errors", () => {
  const error = new ApiError({ kind: "http", status: 400, title: "Invalid", fieldErrors: [{ field: "name", message: "Required." }, { field: "weights.skills", message: "Must be ≥ 0." }] });

  it("puts a field's message next to it and leaves the rest for the form's error bar", () => {
    expect(fieldValidation(error, "name")).toEqual({ validationState: "error", validationMessage: "Required." });
    expect(fieldValidation(error, "sessions")).toEqual({});
    expect(fieldValidation(new Error("boom"), "name")).toEqual({});
    expect(unplacedFieldErrors(error, ["name"])).toEqual([{ field: "weights.skills", message: "Must be ≥ 0." }]);
  });
});

describe("dates", () => {
  it("shows a session in the given zone, across a DST change", () => {
    // 16:00 UTC is 16:00 in London in winter and 17:00 in summer (BST).
    expect(formatSessionTime("2030-01-03T16:00:00Z", "2030-01-03T16:30:00Z", "Europe/London", "en-GB")).toMatch(/16:00–16:30$/);
    expect(formatSessionTime("2030-07-04T16:00:00Z", "2030-07-04T16:30:00Z", "Europe/London", "en-GB")).toMatch(/17:00–17:30$/);
    expect(formatSessionTime("2030-01-03T16:00:00Z", "2030-01-03T16:30:00Z", "Asia/Kolkata", "en-GB")).toMatch(/21:30–22:00$/);
  });

  it("shows a calendar date without shifting it, and unknown input as given", () => {
    expect(formatDate("2030-01-31", "en-GB")).toBe("31 Jan 2030");
    expect(formatDate("next week")).toBe("next week");
    expect(formatSessionTime("x", "y", "Europe/London")).toBe("x – y");
    expect(describeTimeZone("Not/AZone")).toBe("Not/AZone");
    expect(describeTimeZone("Asia/Kolkata", "en-GB", new Date(NOW))).toMatch(/^Asia\/Kolkata \(.+\)$/);
  });
});
