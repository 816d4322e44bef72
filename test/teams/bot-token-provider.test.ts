import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMsalNetworkClient } from "../../src/adapters/auth/msal-network-client.js";
import { BOT_FRAMEWORK_SCOPE, createEmbeddedBotTokenProvider, createEntraBotTokenProvider } from "../../src/adapters/teams/bot-token-provider.js";
import { UnavailableError } from "../../src/app/errors.js";
import { BOT_ID, TENANT } from "./activities.js";
import { startEntraTokenEndpoint, type EntraTokenEndpoint } from "./identity-stand-ins.js";

describe("Entra bot token provider", () => {
  let entra: EntraTokenEndpoint;
  const calls: string[] = [];
  beforeAll(async () => {
    entra = await startEntraTokenEndpoint();
  });
  afterAll(() => entra.stop());

  const provider = () =>
    createEntraBotTokenProvider({
      botId: BOT_ID,
      botPassword: "s3cret",
      tenantId: TENANT,
      authorityHost: entra.authorityHost,
      networkClient: createMsalNetworkClient((input, init) => {
        calls.push(String(input));
        return fetch(String(input).replace(entra.authorityHost, entra.origin), init);
      }),
    });

  it("gets a Bot Framework token with the bot's credentials from its home tenant, then serves it from cache", async () => {
    const tokens = provider();
    const first = await tokens.getToken(BOT_FRAMEWORK_SCOPE);
    const second = await tokens.getToken(BOT_FRAMEWORK_SCOPE);
    expect(first).toBe(entra.accessToken);
    expect(second).toBe(first);
    expect(entra.requests).toEqual([{ tenant: TENANT, clientId: BOT_ID, clientSecret: "s3cret", scope: BOT_FRAMEWORK_SCOPE, grantType: "client_credentials" }]);
    expect(calls.every((url) => url.startsWith(`${entra.authorityHost}/${TENANT}/`))).toBe(true);
  });

  it("reports refused credentials as unavailable, naming the variables to check but not the secret", async () => {
    entra.failNext("invalid_client", "AADSTS7000215: Invalid client secret provided.");
    const error = await provider()
      .getToken(BOT_FRAMEWORK_SCOPE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as Error).message).toBe("Could not get a Bot Framework token (invalid_client); check BOT_ID / BOT_PASSWORD.");
    expect((error as Error).message).not.toContain("s3cret");
  });

  it("never hands out tokens for other resources", async () => {
    await expect(provider().getToken("https://graph.microsoft.com/.default")).rejects.toThrow(/only requests Bot Framework tokens/);
  });
});

describe("embedded bot token provider", () => {
  it("mints a short-lived JWT locally, reuses it, and renews it near expiry", async () => {
    let now = Date.UTC(2030, 0, 1);
    const tokens = createEmbeddedBotTokenProvider({ botId: BOT_ID, now: () => now });
    const token = await tokens.getToken(BOT_FRAMEWORK_SCOPE);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "HS256" });
    expect(decodeJwt(token)).toMatchObject({ aud: "https://api.botframework.com", appid: BOT_ID, exp: now / 1000 + 3600 });
    expect(await tokens.getToken(BOT_FRAMEWORK_SCOPE)).toBe(token);
    now += 3_570_000;
    expect(await tokens.getToken(BOT_FRAMEWORK_SCOPE)).not.toBe(token);
    expect(tokens.kind).toBe("embedded");
  });
});
