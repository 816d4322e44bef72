// The employee and executive screens' pure modules: decoders of the programme API, field errors for list
// and group fields, the preference rules checked before saving, and instants in the viewer's zone.
import { describe, expect, it } from "vitest";
import { decodeEnrolment, decodeMyPair, decodeMySession, decodeMySessions } from "../../../src/web/api/programme-decoders.js";
import { ApiError } from "../../../src/web/api/problem.js";
import { checkPreferences, toPreferenceValues, type PreferenceValues } from "../../../src/web/areas/mentor/preference-rules.js";
import { formatInstant } from "../../../src/web/areas/shared/format-instant.js";
import { fieldValidation, unplacedFieldErrors } from "../../../src/web/components/field-validation.js";

const person = { id: "p1", displayName: "Dana Whitfield", jobTitle: null, department: "Sales" };

const session = {
  id: "pair_s0",
  pairId: "pair",
  cohortId: "c1",
  cohortName: "Spring 2030",
  sequence: 1,
  of: 6,
  start: "2030-01-03T16:00:00.000Z",
  end: "2030-01-03T16:30:00.000Z",
  state: "accepted",
  joinUrl: null,
  counterpart: person,
  myRole: "mentee",
  problem: null,
  canReschedule: true,
  canSkip: true,
  canGiveFeedback: false,
  myFeedback: null,
};

describe("programme decoders", () => {
  it("decode a session, including one with no slot yet and the reason, and my feedback", () => {
    expect(decodeMySession(session)).toEqual({ ...session, problem: null });
    const unplaced = decodeMySession({ ...session, start: null, end: null, state: "planned", problem: { code: "calendarUnreadable", message: "Dana's calendar could not be read", who: "mentee" } });
    expect(unplaced.start).toBeNull();
    expect(unplaced.problem).toEqual({ code: "calendarUnreadable", message: "Dana's calendar could not be read", who: "mentee" });
    expect(decodeMySession({ ...session, problem: { code: "noCommonFreeTime", message: "No time" } }).problem?.who).toBeNull();
    expect(decodeMySession({ ...session, myFeedback: { rating: 4, comment: null } }).myFeedback).toEqual({ rating: 4, comment: null });
  });

  it("refuse what the screens cannot show, naming the field", () => {
    expect(() => decodeMySession({ ...session, state: "lost" })).toThrow("session.state should be one of");
    expect(() => decodeMySession({ ...session, canSkip: "yes" })).toThrow("session.canSkip should be true or false.");
    expect(() => decodeMySessions({ items: [{ ...session, myRole: "boss" }], continuationToken: null })).toThrow("items[0].myRole should be one of");
    expect(decodeMySessions({ items: [session], continuationToken: "next" }).continuationToken).toBe("next");
  });

  it("decode pairs in every state, the veto flag included", () => {
    const pair = { id: "pair", cohortId: "c1", cohortName: "Spring 2030", myRole: "mentee", counterpart: person, state: "vetoed", score: 12.5, reasons: ["different department"], canVeto: false };
    expect(decodeMyPair(pair)).toEqual(pair);
    expect(() => decodeMyPair({ ...pair, canVeto: undefined })).toThrow("pair.canVeto should be true or false.");
  });

  it("decode an enrolment with its consent record", () => {
    const enrolment = {
      cohortId: "c1",
      role: "mentor",
      profile: { displayName: "Carlos Jansen", jobTitle: "Engineer", department: null, officeLocation: "New York", timeZone: "America/New_York", managerId: "m1" },
      skills: ["power-bi"],
      tags: ["Data storytelling"],
      languages: ["English"],
      preferences: { note: null, preferOtherDepartment: true, inPerson: false },
      sharing: { discoverable: true, fields: ["skills", "languages"] },
      consent: { accepted: true, textVersion: "enrolment-consent-v1", acceptedAt: "2030-01-02T10:00:00Z" },
      createdAt: "2030-01-02T10:00:00Z",
      updatedAt: "2030-01-02T10:00:00Z",
    };
    const decoded = decodeEnrolment(enrolment);
    expect(decoded.consent).toEqual({ textVersion: "enrolment-consent-v1", acceptedAt: "2030-01-02T10:00:00Z" });
    expect(decoded.preferences.preferOtherDepartment).toBe(true);
    expect(() => decodeEnrolment({ ...enrolment, preferences: { note: null } })).toThrow("enrolment.preferences.preferOtherDepartment should be true or false.");
    expect(decoded.sharing).toEqual({ discoverable: true, fields: ["skills", "languages"] });
    expect(() => decodeEnrolment({ ...enrolment, sharing: { discoverable: true, fields: ["salary"] } })).toThrow("enrolment.sharing.fields[0] should be one of");
  });
});

describe("field errors of list and group fields", () => {
  const error = new ApiError({
    kind: "http",
    status: 400,
    title: "Invalid",
    fieldErrors: [
      { field: "tags[1]", message: "Too long." },
      { field: "preferences.note", message: "Too long." },
      { field: "consentText", message: "Unknown." },
    ],
  });

  it("a list field shows its items' errors, a group its members'; a prefix alone is not a match", () => {
    expect(fieldValidation(error, "tags")).toEqual({ validationState: "error", validationMessage: "Too long." });
    expect(fieldValidation(error, "preferences")).toEqual({ validationState: "error", validationMessage: "Too long." });
    expect(fieldValidation(error, "consent")).toEqual({});
    expect(unplacedFieldErrors(error, ["tags", "preferences", "consent"])).toEqual([{ field: "consentText", message: "Unknown." }]);
  });
});

describe("executive preference rules", () => {
  const valid: PreferenceValues = { maxSessionsPerWeek: "2", preferredDays: ["thursday", "monday"], hoursStart: "08:00", hoursEnd: "18:00", notBefore: "2030-02-01" };

  it("turn the form into the API's body: numbers, days in week order, empty meaning no limit", () => {
    expect(checkPreferences(valid)).toEqual({
      body: { maxSessionsPerWeek: 2, preferredDays: ["monday", "thursday"], preferredHours: { start: "08:00", end: "18:00" }, notBefore: "2030-02-01" },
      errors: [],
    });
    expect(checkPreferences({ maxSessionsPerWeek: " ", preferredDays: [], hoursStart: "", hoursEnd: "", notBefore: "" }).body).toEqual({
      maxSessionsPerWeek: null,
      preferredDays: [],
      preferredHours: null,
      notBefore: null,
    });
  });

  it("name the field of each mistake", () => {
    for (const max of ["0", "11", "1.5", "two"]) {
      expect(checkPreferences({ ...valid, maxSessionsPerWeek: max }).errors.map((e) => e.field), max).toEqual(["maxSessionsPerWeek"]);
    }
    expect(checkPreferences({ ...valid, hoursEnd: "" }).errors).toEqual([{ field: "preferredHours", message: "Give both a start and an end time (HH:mm), or neither." }]);
    expect(checkPreferences({ ...valid, hoursStart: "18:00", hoursEnd: "18:00" }).errors).toEqual([{ field: "preferredHours", message: "The start time must be before the end time." }]);
    expect(checkPreferences({ ...valid, hoursStart: "24:00" }).errors.map((e) => e.field)).toEqual(["preferredHours"]);
    expect(checkPreferences({ ...valid, notBefore: "1 Feb" }).errors.map((e) => e.field)).toEqual(["notBefore"]);
    expect(checkPreferences({ ...valid, maxSessionsPerWeek: "0", notBefore: "x" }).body).toBeNull();
  });

  it("start the form from the saved preferences", () => {
    expect(toPreferenceValues({ maxSessionsPerWeek: null, preferredDays: ["friday"], preferredHours: null, notBefore: null })).toEqual({
      maxSessionsPerWeek: "",
      preferredDays: ["friday"],
      hoursStart: "",
      hoursEnd: "",
      notBefore: "",
    });
  });
});

describe("instants in the viewer's zone", () => {
  it("shows the time in the given zone, and the device's zone for an unknown one", () => {
    expect(formatInstant("2030-07-04T16:00:00Z", "Europe/London", "en-GB")).toBe("4 Jul 2030, 17:00");
    expect(formatInstant("2030-07-04T16:00:00Z", "Asia/Kolkata", "en-GB")).toBe("4 Jul 2030, 21:30");
    expect(formatInstant("2030-07-04T16:00:00Z", "Not/AZone", "en-GB")).toMatch(/^\d{1,2} Jul 2030, \d{2}:\d{2}$/);
    expect(formatInstant("yesterday", "Europe/London")).toBe("yesterday");
  });
});
