// Tokens for Microsoft Graph through msal-node: app-only (client credentials) per customer tenant and
// on-behalf-of a signed-in user. One ConfidentialClientApplication per tenant authority, created once and
// kept for the life of the process, so msal's in-memory token cache is actually reused.
import { ConfidentialClientApplication, LogLevel, type Configuration } from "@azure/msal-node";
import { ForbiddenError, UnavailableError } from "../../app/errors.js";
import { createMsalNetworkClient } from "./msal-network-client.js";
import type { FetchFunction } from "./trusted-http.js";

export interface AccessToken {
  token: string;
  /** Epoch milliseconds. */
  expiresOn: number;
}

export interface MsalTokenProviderOptions {
  authorityHost: string;
  clientId: string;
  clientSecret: string;
  allowedTenantIds: readonly string[];
  /** Scope for app-only Graph tokens, e.g. https://graph.microsoft.com/.default. */
  graphScope: string;
  /** Only for an authority host with a private CA (the dev tenant); null = msal's own HTTP client. */
  fetch: FetchFunction | null;
  /** msal's own diagnostics: errors, and warnings (e.g. "No client info in response") at debug level. */
  log?: (level: "error" | "debug", message: string) => void;
}

export interface GraphTokenProvider {
  appToken(tenantId: string): Promise<AccessToken>;
  onBehalfOf(tenantId: string, userAssertion: string, scopes: readonly string[]): Promise<AccessToken>;
}

const PUBLIC_AUTHORITY_HOSTS = new Set(["login.microsoftonline.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn"]);

export function createMsalTokenProvider(options: MsalTokenProviderOptions): GraphTokenProvider {
  const allowed = new Set(options.allowedTenantIds.map((t) => t.toLowerCase()));
  const clients = new Map<string, ConfidentialClientApplication>();
  const authorityHostName = new URL(options.authorityHost).host;
  const networkClient = options.fetch ? createMsalNetworkClient(options.fetch) : undefined;

  function clientFor(tenantId: string): ConfidentialClientApplication {
    const tid = tenantId.toLowerCase();
    // Tokens are only ever requested for allowed tenants: a tenant id never comes from request input.
    if (!allowed.has(tid)) throw new ForbiddenError(`Tenant ${tid} is not allowed to use this app.`);
    let client = clients.get(tid);
    if (!client) {
      const config: Configuration = {
        auth: {
          clientId: options.clientId,
          clientSecret: options.clientSecret,
          authority: `${options.authorityHost}/${tid}`,
          // A non-Microsoft host (the dev tenant) must be declared; msal then reads its OIDC metadata directly.
          ...(PUBLIC_AUTHORITY_HOSTS.has(authorityHostName) ? {} : { knownAuthorities: [authorityHostName] }),
        },
        system: {
          ...(networkClient ? { networkClient } : {}),
          loggerOptions: {
            piiLoggingEnabled: false,
            logLevel: LogLevel.Warning,
            loggerCallback: (level, message) => options.log?.(level === LogLevel.Error ? "error" : "debug", message),
          },
        },
      };
      client = new ConfidentialClientApplication(config);
      clients.set(tid, client);
    }
    return client;
  }

  return {
    async appToken(tenantId) {
      const client = clientFor(tenantId);
      try {
        const result = await client.acquireTokenByClientCredential({ scopes: [options.graphScope] });
        return toAccessToken(result);
      } catch (error) {
        throw translate(error, "an app-only Graph token");
      }
    },
    async onBehalfOf(tenantId, userAssertion, scopes) {
      const client = clientFor(tenantId);
      try {
        const result = await client.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: [...scopes] });
        return toAccessToken(result);
      } catch (error) {
        throw translate(error, "an on-behalf-of Graph token");
      }
    },
  };
}

function toAccessToken(result: { accessToken: string; expiresOn: Date | null } | null): AccessToken {
  if (!result?.accessToken) throw new UnavailableError("The identity provider returned no access token.");
  return { token: result.accessToken, expiresOn: (result.expiresOn ?? new Date(Date.now() + 5 * 60_000)).getTime() };
}

/** msal errors carry an errorCode (AADSTS… in errorMessage); keep the code, drop anything token-like. */
function translate(error: unknown, what: string): Error {
  const e = error as { errorCode?: string; errorMessage?: string; message?: string } | null;
  const code = e?.errorCode ?? "unknown_error";
  const aadsts = /AADSTS\d+/.exec(e?.errorMessage ?? e?.message ?? "")?.[0];
  const reason = aadsts ? `${code}, ${aadsts}` : code;
  if (code === "invalid_grant" || code === "interaction_required" || code === "consent_required") {
    return new ForbiddenError(`Could not get ${what}: the user or tenant has not granted the app access (${reason}).`);
  }
  if (code === "invalid_client" || code === "unauthorized_client") {
    return new UnavailableError(`Could not get ${what}: the app's credentials were rejected (${reason}); check AAD_APP_CLIENT_ID / AAD_APP_CLIENT_SECRET.`, null, { cause: error });
  }
  return new UnavailableError(`Could not get ${what} (${reason}).`, null, { cause: error });
}
