import { describe, expect, it } from "vitest";
import { calendarDate, dateTime, rfc3339 } from "../../src/adapters/teams/cards/card-elements.js";
import { cohortIdFromLink, tabDeepLink, webTabUrl } from "../../src/adapters/teams/cards/deep-links.js";
import { parseRetryAfter } from "../../src/adapters/teams/proactive-sender.js";
import { referenceFromActivity } from "../../src/adapters/teams/installation.js";

const links = { teamsAppId: null, tabEndpoint: "https://mentoring.contoso.example" };

describe("times in cards", () => {
  it("converts instants with any offset to the form the DATE/TIME functions accept", () => {
    expect(rfc3339("2030-04-15T16:00:00+02:00")).toBe("2030-04-15T14:00:00Z");
    expect(rfc3339("2030-04-15T14:00:00.123Z")).toBe("2030-04-15T14:00:00Z");
    expect(dateTime("2030-04-15T14:00Z")).toBe("{{DATE(2030-04-15T14:00:00Z, SHORT)}} {{TIME(2030-04-15T14:00:00Z)}}");
  });

  it("refuses local times without a zone and non-dates", () => {
    expect(() => rfc3339("2030-04-15T14:00:00")).toThrow(/time zone designator/);
    expect(() => rfc3339("2030-02-30T14:00:00Z")).toThrow(/time zone designator/);
    expect(() => rfc3339("2030-04-15T24:00:00Z")).toThrow();
    expect(() => rfc3339("soon")).toThrow();
  });

  it("formats calendar dates without shifting them across a time zone", () => {
    expect(calendarDate("2030-03-31")).toBe("Sun 31 Mar 2030");
    expect(calendarDate("2030-01-01")).toBe("Tue 1 Jan 2030");
    expect(() => calendarDate("2030-02-30")).toThrow(/not a calendar date/);
    expect(() => calendarDate("31/03/2030")).toThrow(/not a calendar date/);
  });
});

describe("links into the tab", () => {
  it("falls back to the web tab URL when the Teams app id is unknown", () => {
    expect(tabDeepLink(links, "programme/cohorts/c-1", "Cohort")).toBe("https://mentoring.contoso.example/#/programme/cohorts/c-1");
    expect(webTabUrl(links, "mentor")).toBe("https://mentoring.contoso.example/#/mentor");
  });

  it("recognises only our own cohort links", () => {
    expect(cohortIdFromLink(links, "https://mentoring.contoso.example/#/programme/cohorts/spring-2030")).toBe("spring-2030");
    expect(cohortIdFromLink(links, "https://MENTORING.contoso.example/cohorts/spring-2030/")).toBe("spring-2030");
    expect(cohortIdFromLink(links, "https://mentoring.contoso.example/#/programme/cohorts/spring%2F2030")).toBeNull();
    expect(cohortIdFromLink(links, "https://mentoring.contoso.example.evil.example/cohorts/spring-2030")).toBeNull();
    expect(cohortIdFromLink(links, "http://mentoring.contoso.example/cohorts/spring-2030")).toBeNull();
    expect(cohortIdFromLink(links, "not a url")).toBeNull();
  });
});

describe("connector answers", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.UTC(2030, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Tue, 01 Jan 2030 12:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe("installation activities", () => {
  it("needs a tenant, a conversation, a service URL, and the user for personal installs", () => {
    const base = { serviceUrl: "https://smba.trafficmanager.net/emea/", conversation: { id: "a:1", conversationType: "personal", tenantId: "T" }, from: { aadObjectId: "U" } };
    expect(referenceFromActivity(base, 5)).toEqual({
      reference: { tenantId: "t", conversationId: "a:1", serviceUrl: "https://smba.trafficmanager.net/emea", scope: "personal", userId: "u", teamId: null, installedAt: 5 },
    });
    expect(referenceFromActivity({ ...base, from: {} }, 5)).toEqual({ problem: "personal conversation without the user's aadObjectId" });
    expect(referenceFromActivity({ ...base, serviceUrl: "javascript:alert(1)" }, 5)).toEqual({ problem: "no valid serviceUrl" });
    expect(referenceFromActivity({ ...base, conversation: { id: "a:1" } }, 5)).toEqual({ problem: "no tenant id" });
  });
});
