// Reading /users/delta pages as Graph shapes them (properties left out when null, manager@delta only when
// the manager changed, tombstones with @removed).
import { describe, expect, it } from "vitest";
import { parsePage } from "../../src/adapters/graph/directory-sync-source.js";

const ADA = "4562bcc8-c436-4f95-b7c0-4f8ce89dca5e";
const BOSS = "6e03a2db-564a-47ec-ba51-d0cd38af069a";
const OLD_BOSS = "be1b8b4c-3f8e-4c02-9a5c-2b2b3d1f7a10";

describe("parsePage", () => {
  it("reads users, managers and links; absent properties are null", () => {
    const page = parsePage({
      value: [
        {
          id: ADA,
          displayName: "Ada Park",
          userPrincipalName: "ada.park@contoso.example",
          jobTitle: "Engineer",
          accountEnabled: true,
          userType: "Member",
          "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: BOSS }],
        },
      ],
      "@odata.nextLink": "https://graph.example/v1.0/users/delta?$skiptoken=abc",
    });
    expect(page.nextLink).toBe("https://graph.example/v1.0/users/delta?$skiptoken=abc");
    expect(page.deltaLink).toBeNull();
    expect(page.changes).toEqual([
      {
        kind: "user",
        user: { id: ADA, displayName: "Ada Park", givenName: null, surname: null, userPrincipalName: "ada.park@contoso.example", mail: null, jobTitle: "Engineer", department: null, officeLocation: null, city: null, country: null, accountEnabled: true, userType: "Member" },
        manager: { kind: "set", id: BOSS },
      },
    ]);
  });

  it("tells a cleared manager, a replaced one and an unchanged one apart", () => {
    const page = parsePage({
      value: [
        { id: "a", "manager@delta": [{ "@odata.type": "#microsoft.graph.user", id: OLD_BOSS, "@removed": { reason: "deleted" } }] },
        { id: "b", "manager@delta": [{ id: OLD_BOSS, "@removed": { reason: "deleted" } }, { id: BOSS }] },
        { id: "c", jobTitle: "CFO" },
      ],
      "@odata.deltaLink": "https://graph.example/v1.0/users/delta?$deltatoken=xyz",
    });
    expect(page.deltaLink).toBe("https://graph.example/v1.0/users/delta?$deltatoken=xyz");
    expect(page.changes.map((c) => (c.kind === "user" ? c.manager : null))).toEqual([{ kind: "cleared" }, { kind: "set", id: BOSS }, { kind: "absent" }]);
  });

  it("reads removed users as tombstones and disabled guests as such", () => {
    const page = parsePage({
      value: [
        { id: ADA, "@removed": { reason: "changed" } },
        { id: BOSS, accountEnabled: false, userType: "Guest" },
      ],
    });
    expect(page.changes[0]).toEqual({ kind: "removed", id: ADA, reason: "changed" });
    const guest = page.changes[1];
    expect(guest?.kind === "user" && [guest.user.accountEnabled, guest.user.userType]).toEqual([false, "Guest"]);
  });
});
