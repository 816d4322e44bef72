// Tokens the bot presents to the Bot Connector service when it replies or sends proactive messages.
// The Teams SDK would otherwise build its own msal client from CLIENT_ID / CLIENT_SECRET / TENANT_ID in
// process.env; we hand it this provider instead, so credentials come only from our validated config.
//
// - entra: client credentials for the Azure Bot's app registration (BOT_ID / BOT_PASSWORD) against the
//   bot's home tenant, scope https://api.botframework.com/.default. One msal client per process.
// - embedded: `npm start` with the local stand-ins (Agents Playground / test connector). No network call:
//   a short-lived token signed with a per-process random key, only ever sent to a loopback connector.
import { randomBytes } from "node:crypto";
import { ConfidentialClientApplication, LogLevel, type INetworkModule } from "@azure/msal-node";
import { SignJWT } from "jose";
import { UnavailableError } from "../../app/errors.js";

export const BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default";

export interface BotTokenProvider {
  readonly kind: "entra" | "embedded";
  /** An access token for the Bot Connector service. Any other scope is refused. */
  getToken(scope: string): Promise<string>;
}

export interface EntraBotTokenOptions {
  botId: string;
  botPassword: string;
  /** The tenant the Azure Bot (single-tenant) is registered in. */
  tenantId: string;
  /** e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Only for a non-Microsoft authority (tests, sovereign stand-ins): msal's network module. */
  networkClient?: INetworkModule;
  log?: (level: "error" | "warn", message: string) => void;
}

const PUBLIC_AUTHORITY_HOSTS = new Set(["login.microsoftonline.com", "login.microsoftonline.us", "login.partner.microsoftonline.cn", "login.chinacloudapi.cn"]);

export function createEntraBotTokenProvider(options: EntraBotTokenOptions): BotTokenProvider {
  const authorityHostName = new URL(options.authorityHost).host;
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: options.botId,
      clientSecret: options.botPassword,
      authority: `${options.authorityHost.replace(/\/+$/, "")}/${options.tenantId}`,
      ...(PUBLIC_AUTHORITY_HOSTS.has(authorityHostName) ? {} : { knownAuthorities: [authorityHostName] }),
    },
    system: {
      ...(options.networkClient ? { networkClient: options.networkClient } : {}),
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => options.log?.(level === LogLevel.Error ? "error" : "warn", message),
      },
    },
  });
  return {
    kind: "entra",
    async getToken(scope) {
      assertBotScope(scope);
      try {
        // msal answers from its in-memory cache until shortly before expiry.
        const result = await client.acquireTokenByClientCredential({ scopes: [BOT_FRAMEWORK_SCOPE] });
        if (!result?.accessToken) throw new UnavailableError("The identity provider returned no Bot Framework token.");
        return result.accessToken;
      } catch (error) {
        if (error instanceof UnavailableError) throw error;
        const code = (error as { errorCode?: string } | null)?.errorCode ?? "unknown_error";
        throw new UnavailableError(`Could not get a Bot Framework token (${code}); check BOT_ID / BOT_PASSWORD.`, null, { cause: error });
      }
    },
  };
}

export function createEmbeddedBotTokenProvider(options: { botId: string; now?: () => number }): BotTokenProvider {
  const key = randomBytes(32);
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  return {
    kind: "embedded",
    async getToken(scope) {
      assertBotScope(scope);
      const seconds = Math.floor(now() / 1000);
      if (cached && cached.expiresAt - 60 > seconds) return cached.token;
      const expiresAt = seconds + 3600;
      const token = await new SignJWT({ appid: options.botId })
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setIssuer("urn:reverse-mentorship:embedded")
        .setAudience("https://api.botframework.com")
        .setIssuedAt(seconds)
        .setExpirationTime(expiresAt)
        .sign(key);
      cached = { token, expiresAt };
      return token;
    },
  };
}

function assertBotScope(scope: string): void {
  if (scope !== BOT_FRAMEWORK_SCOPE) {
    // The SDK also asks for Graph tokens for ctx.appGraph; this bot never uses them, so it never gets them.
    throw new Error(`The bot only requests Bot Framework tokens, not "${scope}".`);
  }
}
