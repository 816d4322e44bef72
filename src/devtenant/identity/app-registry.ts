// App registrations known to the dev identity service. The product's app is consented (admin consent) in every
// dev tenant; a second, unconsented app exists so tests can obtain a valid token that Graph answers with 403.
import { randomBytes } from "node:crypto";
import { createRng, deriveSeed, seededGuid } from "../rng.js";

export const GRAPH_RESOURCE = "https://graph.microsoft.com";
/** Microsoft Graph's well-known application id (tokens may carry it as aud as well). */
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
/** Teams desktop/mobile client id: the azp of a Teams SSO token. */
export const TEAMS_CLIENT_ID = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

/** Application permissions the product's app holds in every dev tenant (admin-consented). */
export const CONSENTED_APP_ROLES: readonly string[] = ["User.Read.All", "Calendars.ReadWrite", "MailboxSettings.Read", "GroupMember.Read.All"];
/** Delegated permissions consented for the product's app (what an OBO token for Graph carries in scp). */
export const CONSENTED_DELEGATED_SCOPES: readonly string[] = ["User.Read", "User.ReadBasic.All", "Calendars.ReadWrite", "MailboxSettings.Read"];
/** The scope the product's own API exposes to Teams (what a Teams SSO token carries in scp). */
export const API_SCOPE = "access_as_user";
export const PROGRAM_ADMIN_ROLE = "Program.Admin";

export interface AppRegistration {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Application permissions on Graph (empty = nothing consented). */
  graphAppRoles: readonly string[];
  graphDelegatedScopes: readonly string[];
}

export interface AppRegistry {
  product: AppRegistration;
  unconsented: AppRegistration;
  find(clientId: string): AppRegistration | undefined;
}

export function createAppRegistry(seed: number): AppRegistry {
  const rng = createRng(deriveSeed(seed, "apps"));
  // Client ids are stable per seed (so a CLI user can keep configuration); secrets are fresh on every start.
  const secret = (): string => `dev~${randomBytes(24).toString("base64url")}`;
  const product: AppRegistration = {
    clientId: seededGuid(rng),
    clientSecret: secret(),
    displayName: "Reverse Mentorship (dev)",
    graphAppRoles: CONSENTED_APP_ROLES,
    graphDelegatedScopes: CONSENTED_DELEGATED_SCOPES,
  };
  const unconsented: AppRegistration = {
    clientId: seededGuid(rng),
    clientSecret: secret(),
    displayName: "Unconsented test app (dev)",
    graphAppRoles: [],
    graphDelegatedScopes: [],
  };
  const apps = [product, unconsented];
  return { product, unconsented, find: (clientId) => apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase()) };
}
