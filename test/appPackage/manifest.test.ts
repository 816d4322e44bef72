// What the manifests must say for the product to work in Teams, Outlook and the Microsoft 365 app
// (the schema only checks shape; these check meaning).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONFIG_ENV_VARS } from "../../src/config.js";
import { substitutePlaceholders } from "../../scripts/package-app.js";

const read = (name: string) => readFileSync(fileURLToPath(new URL(`../../appPackage/${name}`, import.meta.url)), "utf8");

const VARS = {
  APP_NAME_SUFFIX: "",
  TEAMS_APP_ID: "0b6f3f4a-4a4d-4c55-9d0a-7d0f3a0c1a11",
  AAD_APP_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
  AAD_APP_OBJECT_ID: "aaaaaaaa-2222-3333-4444-555555555555",
  AAD_APP_ACCESS_AS_USER_PERMISSION_ID: "bbbbbbbb-2222-3333-4444-555555555555",
  BOT_ID: "66666666-7777-8888-9999-000000000000",
  TAB_DOMAIN: "mentoring.contoso.com",
  TAB_ENDPOINT: "https://mentoring.contoso.com",
  PRIVACY_URL: "https://contoso.example/privacy",
  TERMS_OF_USE_URL: "https://contoso.example/terms",
};

// Teams/Outlook/Microsoft 365 client ids from shared/reference/platform-facts.md.
const OFFICE_CLIENTS = [
  "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
  "5e3ce6c0-2b1f-4285-8d4b-75ee78787346",
  "4765445b-32c6-49b0-83e6-1d93765276ca",
  "0ec893e0-5785-4de6-99da-4ed124e5296c",
  "d3590ed6-52b3-4102-aeff-aad2292ab01c",
  "bc59ab01-8403-45c6-8796-ac3ef710b3e3",
  "27922004-5251-4030-b22d-91ecd9a37ea4",
];

interface Command {
  id: string;
  type: string;
  fetchTask?: boolean;
  context?: string[];
  parameters?: Array<{ name: string }>;
}

const manifest = JSON.parse(substitutePlaceholders(read("manifest.json"), VARS, "manifest.json")) as {
  staticTabs: Array<{ entityId: string; contentUrl?: string; scopes: string[]; context?: string[] }>;
  bots: Array<{ botId: string; scopes: string[]; supportsFiles: boolean }>;
  composeExtensions: Array<{ botId: string; commands: Command[]; messageHandlers: Array<{ type: string; value: { domains: string[] } }> }>;
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
};

describe("app manifest", () => {
  it("has a personal tab served by our app with the Teams host hint", () => {
    const home = manifest.staticTabs.find((t) => t.entityId === "home");
    expect(home).toMatchObject({ contentUrl: "https://mentoring.contoso.com/?host=teams", scopes: ["personal"], context: ["personalTab"] });
  });

  it("declares the bot for personal and team scope, no files, and the same bot powers the message extension", () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]).toMatchObject({ botId: VARS.BOT_ID, scopes: ["personal", "team"], supportsFiles: false });
    expect(manifest.composeExtensions[0]?.botId).toBe(VARS.BOT_ID);
  });

  it("has the search, action and link-unfurling commands the bot handles", () => {
    const commands = manifest.composeExtensions[0]?.commands ?? [];
    const byId = new Map(commands.map((c) => [c.id, c]));
    expect(byId.get("findMentors")).toMatchObject({ type: "query" });
    expect(byId.get("findMentors")?.parameters?.map((p) => p.name)).toEqual(["skill", "name"]);
    expect(byId.get("findCohorts")).toMatchObject({ type: "query" });
    expect(byId.get("nominate")).toMatchObject({ type: "action", fetchTask: true, context: ["compose", "commandBox", "message"] });
    expect(manifest.composeExtensions[0]?.messageHandlers).toEqual([{ type: "link", value: { domains: [VARS.TAB_DOMAIN] } }]);
  });

  it("wires Teams SSO to the Entra app and trusts only our domain", () => {
    expect(manifest.webApplicationInfo).toEqual({ id: VARS.AAD_APP_CLIENT_ID, resource: `api://${VARS.TAB_DOMAIN}/${VARS.AAD_APP_CLIENT_ID}` });
    expect(manifest.validDomains).toEqual([VARS.TAB_DOMAIN]);
  });
});

describe("Entra app manifest", () => {
  const aad = JSON.parse(substitutePlaceholders(read("aad.manifest.json"), VARS, "aad.manifest.json")) as {
    identifierUris: string[];
    signInAudience: string;
    api: {
      requestedAccessTokenVersion: number;
      oauth2PermissionScopes: Array<{ id: string; value: string; type: string; isEnabled: boolean }>;
      preAuthorizedApplications: Array<{ appId: string; delegatedPermissionIds: string[] }>;
    };
    appRoles: Array<{ id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }>;
    requiredResourceAccess: Array<{ resourceAppId: string; resourceAccess: Array<{ id: string; type: string }> }>;
  };

  it("exposes access_as_user as v2 tokens under the same application ID URI as webApplicationInfo", () => {
    expect(aad.identifierUris).toEqual([manifest.webApplicationInfo.resource]);
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    expect(aad.api.oauth2PermissionScopes).toEqual([
      expect.objectContaining({ id: VARS.AAD_APP_ACCESS_AS_USER_PERMISSION_ID, value: "access_as_user", type: "User", isEnabled: true }),
    ]);
  });

  it("pre-authorises exactly the Teams, Outlook and Microsoft 365 clients for access_as_user", () => {
    expect(aad.api.preAuthorizedApplications.map((p) => p.appId).sort()).toEqual([...OFFICE_CLIENTS].sort());
    for (const app of aad.api.preAuthorizedApplications) expect(app.delegatedPermissionIds).toEqual([VARS.AAD_APP_ACCESS_AS_USER_PERMISSION_ID]);
  });

  it("defines the admin app role the API checks (config ADMIN_APP_ROLE default)", () => {
    const adminRoleDefault = CONFIG_ENV_VARS.find((v) => v.name === "ADMIN_APP_ROLE")?.defaultValue;
    expect(aad.appRoles).toEqual([expect.objectContaining({ value: adminRoleDefault, allowedMemberTypes: ["User"], isEnabled: true })]);
    expect(aad.appRoles[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it("requests the Graph application permissions the app uses, by their real ids", () => {
    expect(aad.requiredResourceAccess).toHaveLength(1);
    const graph = aad.requiredResourceAccess[0];
    expect(graph?.resourceAppId).toBe("00000003-0000-0000-c000-000000000000");
    expect(graph?.resourceAccess).toEqual(
      expect.arrayContaining([
        { id: "df021288-bdef-4463-88db-98f22de89214", type: "Role" }, // User.Read.All
        { id: "ef54d2bf-783f-4e0f-bca1-3210c0444d99", type: "Role" }, // Calendars.ReadWrite
        { id: "40f97065-369a-49f4-947c-6a255697ae91", type: "Role" }, // MailboxSettings.Read
        { id: "98830695-27a2-44f7-8c18-0c3ebc9698f6", type: "Role" }, // GroupMember.Read.All (group eligibility)
        { id: "e1fe6dd8-ba31-4d61-89e7-88639da4683d", type: "Scope" }, // User.Read (delegated sign-in)
      ]),
    );
    expect(graph?.resourceAccess).toHaveLength(5);
  });
});
