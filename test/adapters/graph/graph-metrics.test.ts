import { describe, expect, it } from "vitest";
import { mailboxOf } from "../../../src/adapters/graph/graph-client-factory.js";
import { endpointTemplate } from "../../../src/adapters/graph/graph-metrics.js";

describe("endpointTemplate", () => {
  it("groups requests by endpoint, not by person or item", () => {
    expect(endpointTemplate("get", "https://graph.microsoft.com/v1.0/users/3f1c0e4a-1b2c-4d5e-8f90-123456789abc/manager?$select=id")).toBe("GET /users/{id}/manager");
    expect(endpointTemplate("GET", "/users/ada@contoso.example/mailboxSettings")).toBe("GET /users/{id}/mailboxSettings");
    expect(endpointTemplate("POST", "https://127.0.0.1:8443/v1.0/$batch")).toBe("POST /$batch");
    expect(endpointTemplate("GET", "/users/delta?$deltatoken=abc")).toBe("GET /users/delta");
    expect(endpointTemplate("PATCH", "/users/u1/events/AAMkAGI2TGuLAAA=")).toBe("PATCH /users/{id}/events/{id}");
    expect(endpointTemplate("GET", "/users?$top=999")).toBe("GET /users");
  });
});

describe("mailboxOf", () => {
  it("finds the mailbox of Outlook resources only", () => {
    expect(mailboxOf("/users/Ada@Contoso.example/calendar/getSchedule")).toBe("ada@contoso.example");
    expect(mailboxOf("https://graph.microsoft.com/v1.0/users/u1/events?$top=5")).toBe("u1");
    expect(mailboxOf("/users/u1/mailboxSettings")).toBe("u1");
    expect(mailboxOf("/users/u1/manager")).toBeNull();
    expect(mailboxOf("/users/u1")).toBeNull();
    expect(mailboxOf("/users?$top=10")).toBeNull();
  });
});
