// The Entra-like identity service, driven through msal-node over HTTPS: app-only and on-behalf-of tokens, their
// Entra v2 shape and signatures (checked against the published JWKS), AADSTS errors, consent, key rotation and
// the dev sign-in.
import { GraphError, type Client } from "@microsoft/microsoft-graph-client";
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify, SignJWT } from "jose";
import { fetch as undiciFetch, request, type Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDevTenant, type DevTenant } from "../../src/devtenant/index.js";
import type { DevPerson } from "../../src/devtenant/model.js";
import { appOnlyAuthProvider, devTenantAgent, graphClient, msalApp } from "./sdk-clients.js";

let dev: DevTenant;
let agent: Agent;
let contoso: string;
let fabrikam: string;

beforeAll(async () => {
  dev = await startDevTenant({ seed: 11, users: 300 });
  agent = devTenantAgent(dev);
  contoso = dev.tenants[0]!.tenantId;
  fabrikam = dev.tenants[1]!.tenantId;
});
afterAll(async () => {
  await agent?.close();
  await dev?.stop();
});

const person = (tid: string, predicate: (p: DevPerson) => boolean): DevPerson => {
  const found = dev.directory(tid).people().find(predicate);
  if (!found) throw new Error("no such person in the generated org");
  return found;
};

function jwks(tid: string): ReturnType<typeof createRemoteJWKSet> {
  return createRemoteJWKSet(new URL(`${dev.authorityHost}/${tid}/discovery/v2.0/keys`), {
    [customFetch]: (url, init) => undiciFetch(url, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>,
  });
}

async function errorOf(promise: Promise<unknown>): Promise<Error & { errorCode?: string; errorMessage?: string; statusCode?: number; code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

describe("OIDC metadata and keys", () => {
  it("publishes Entra-shaped metadata per tenant, by id or domain", async () => {
    const byId = await (await undiciFetch(`${dev.authorityHost}/${contoso}/v2.0/.well-known/openid-configuration`, { dispatcher: agent })).json() as Record<string, unknown>;
    expect(byId).toMatchObject({
      issuer: `${dev.authorityHost}/${contoso}/v2.0`,
      token_endpoint: `${dev.authorityHost}/${contoso}/oauth2/v2.0/token`,
      jwks_uri: `${dev.authorityHost}/${contoso}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ["RS256"],
    });
    const byDomain = await (await undiciFetch(`${dev.authorityHost}/contoso.example/v2.0/.well-known/openid-configuration`, { dispatcher: agent })).json() as Record<string, unknown>;
    expect(byDomain["issuer"]).toBe(byId["issuer"]);
    const common = await (await undiciFetch(`${dev.authorityHost}/common/discovery/v2.0/keys`, { dispatcher: agent })).json() as { keys: Array<Record<string, unknown>> };
    expect(common.keys.length).toBeGreaterThanOrEqual(2);
    for (const key of common.keys) expect(key).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", kid: expect.any(String), n: expect.any(String), e: "AQAB" });
  });

  it("answers an unknown tenant like Entra (400 AADSTS90002)", async () => {
    const reply = await request(`${dev.authorityHost}/00000000-0000-0000-0000-000000000000/v2.0/.well-known/openid-configuration`, { dispatcher: agent });
    expect(reply.statusCode).toBe(400);
    const body = (await reply.body.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: "invalid_request", error_codes: [90002] });
    expect(String(body["error_description"])).toMatch(/^AADSTS90002: Tenant '00000000-0000-0000-0000-000000000000' not found/);
  });
});

describe("client_credentials through msal-node", () => {
  it("issues an app token for Graph with the consented roles, verifiable with the JWKS", async () => {
    const result = await msalApp(dev, contoso, agent).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    const token = result?.accessToken as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: "RS256", typ: "JWT", kid: expect.any(String) });
    const { payload } = await jwtVerify(token, jwks(contoso), { issuer: `${dev.authorityHost}/${contoso}/v2.0`, audience: "https://graph.microsoft.com" });
    expect(payload).toMatchObject({ tid: contoso, ver: "2.0", azp: dev.app.clientId, appid: dev.app.clientId, idtyp: "app" });
    expect(payload["roles"]).toEqual(["User.Read.All", "Calendars.ReadWrite", "MailboxSettings.Read", "GroupMember.Read.All"]);
    expect(payload["scp"]).toBeUndefined();
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
  });

  it("rejects a wrong secret and an unknown client with 401 invalid_client", async () => {
    const wrongSecret = await errorOf(msalApp(dev, contoso, agent, { clientId: dev.app.clientId, clientSecret: "not-the-secret" }).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }));
    expect(wrongSecret.errorCode).toBe("invalid_client");
    expect(wrongSecret.errorMessage).toMatch(/AADSTS7000215: Invalid client secret provided/);
    const unknown = await errorOf(msalApp(dev, contoso, agent, { clientId: "5d6f6d59-1b6b-4c8b-9d6f-000000000000", clientSecret: "x" }).acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }));
    expect(unknown.errorCode).toBe("invalid_client");
    expect(unknown.errorMessage).toMatch(/AADSTS700016: Application with identifier '5d6f6d59-1b6b-4c8b-9d6f-000000000000' was not found/);
  });

  it("rejects a scope without /.default and unknown resources", async () => {
    const cca = msalApp(dev, contoso, agent);
    const badScope = await errorOf(cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/User.Read.All"] }));
    expect(badScope.errorCode).toBe("invalid_scope");
    const badResource = await errorOf(cca.acquireTokenByClientCredential({ scopes: ["https://vault.azure.net/.default"] }));
    expect(badResource.errorCode).toBe("invalid_resource");
  });

  it("gives the unconsented app a token without roles, which Graph answers with 403", async () => {
    const cca = msalApp(dev, contoso, agent, dev.unconsentedApp);
    const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
    expect(decodeJwt(result?.accessToken as string)["roles"]).toBeUndefined();
    const client = graphClient(dev, agent, appOnlyAuthProvider(cca));
    const error = await errorOf(client.api("/users").get());
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).statusCode).toBe(403);
    expect((error as GraphError).code).toBe("Authorization_RequestDenied");
  });
});

describe("Teams SSO sign-in and on-behalf-of through msal-node", () => {
  it("issues a Teams-SSO-shaped user token, with Program.Admin for dev admins only", async () => {
    const admin = person(contoso, (p) => p.isProgramAdmin);
    const employee = person(contoso, (p) => !p.isProgramAdmin && p.accountEnabled && p.userType === "Member");
    const adminToken = await dev.signIn(contoso, admin.userPrincipalName);
    const { payload } = await jwtVerify(adminToken, jwks(contoso), { issuer: `${dev.authorityHost}/${contoso}/v2.0`, audience: dev.app.clientId });
    expect(payload).toMatchObject({
      tid: contoso,
      oid: admin.id,
      scp: "access_as_user",
      azp: "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
      name: admin.displayName,
      preferred_username: admin.userPrincipalName,
      roles: ["Program.Admin"],
      ver: "2.0",
    });
    expect(decodeJwt(await dev.signIn(contoso, employee.id))["roles"]).toBeUndefined();
  });

  it("refuses disabled accounts and unknown people", async () => {
    const disabled = person(contoso, (p) => !p.accountEnabled);
    await expect(dev.signIn(contoso, disabled.id)).rejects.toThrow(/disabled/);
    const reply = await request(`${dev.url}/dev/signin`, { method: "POST", dispatcher: agent, headers: { "content-type": "application/json" }, body: JSON.stringify({ tenantId: contoso, user: disabled.userPrincipalName }) });
    expect(reply.statusCode).toBe(400);
    expect(await reply.body.json()).toMatchObject({ error: { code: "userDisabled", field: "user" } });
    const unknown = await request(`${dev.url}/dev/signin`, { method: "POST", dispatcher: agent, headers: { "content-type": "application/json" }, body: JSON.stringify({ user: "nobody@contoso.example" }) });
    expect(unknown.statusCode).toBe(404);
    await unknown.body.dump();
  });

  it("exchanges the SSO token on behalf of the user for a delegated Graph token that reads /me", async () => {
    const user = person(contoso, (p) => p.accountEnabled && p.userType === "Member" && p.managerId !== null && p.hasMailbox);
    const cca = msalApp(dev, contoso, agent);
    const obo = await cca.acquireTokenOnBehalfOf({ oboAssertion: await dev.signIn(contoso, user.id), scopes: ["https://graph.microsoft.com/.default"] });
    const claims = decodeJwt(obo?.accessToken as string);
    expect(claims).toMatchObject({ aud: "https://graph.microsoft.com", oid: user.id, tid: contoso, azp: dev.app.clientId });
    expect(String(claims["scp"]).split(" ")).toEqual(["User.Read", "User.ReadBasic.All", "Calendars.ReadWrite", "MailboxSettings.Read"]);
    expect(obo?.account?.username).toBe(user.userPrincipalName);
    const client: Client = graphClient(dev, agent, { getAccessToken: async () => obo?.accessToken as string });
    const me = await client.api("/me").select("id,displayName").get();
    expect(me).toMatchObject({ id: user.id, displayName: user.displayName });
  });

  it("rejects assertions that are not the user's SSO token for this app and tenant", async () => {
    const cca = msalApp(dev, contoso, agent);
    const appToken = (await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] }))?.accessToken as string;
    const wrongAudience = await errorOf(cca.acquireTokenOnBehalfOf({ oboAssertion: appToken, scopes: ["https://graph.microsoft.com/.default"] }));
    expect(wrongAudience.errorCode).toBe("invalid_grant");
    expect(wrongAudience.errorMessage).toMatch(/AADSTS50013/);
    const fabrikamUser = person(fabrikam, (p) => p.accountEnabled && p.userType === "Member");
    const otherTenant = await errorOf(cca.acquireTokenOnBehalfOf({ oboAssertion: await dev.signIn(fabrikam, fabrikamUser.id), scopes: ["https://graph.microsoft.com/.default"] }));
    expect(otherTenant.errorCode).toBe("invalid_grant");
    const unconsentedScope = await errorOf(cca.acquireTokenOnBehalfOf({ oboAssertion: await dev.signIn(contoso, person(contoso, (p) => p.accountEnabled).id), scopes: ["https://graph.microsoft.com/Mail.Send"] }));
    expect(unconsentedScope.errorCode).toBe("invalid_grant");
    expect(unconsentedScope.errorMessage).toMatch(/AADSTS65001/);
  });
});

describe("Graph authentication", () => {
  it("answers 401 InvalidAuthenticationToken for missing, forged and wrong-audience tokens", async () => {
    const missing = await request(`${dev.graphBaseUrl}/users`, { dispatcher: agent });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer /);
    expect(await missing.body.json()).toMatchObject({ error: { code: "InvalidAuthenticationToken", message: "Access token is empty." } });

    // Signed by a key the identity service never published.
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ tid: contoso, oid: "x", azp: dev.app.clientId, roles: ["User.Read.All"], ver: "2.0" })
      .setProtectedHeader({ alg: "RS256", kid: "not-published" })
      .setIssuer(`${dev.authorityHost}/${contoso}/v2.0`).setAudience("https://graph.microsoft.com").setIssuedAt().setExpirationTime("1h")
      .sign(privateKey);
    const forgedError = await errorOf(graphClient(dev, agent, { getAccessToken: async () => forged }).api("/users").get());
    expect((forgedError as GraphError).statusCode).toBe(401);
    expect((forgedError as GraphError).code).toBe("InvalidAuthenticationToken");

    // A genuine token for another audience (the SSO token is for the app, not for Graph).
    const sso = await dev.signIn(contoso, person(contoso, (p) => p.accountEnabled).id);
    const audienceError = await errorOf(graphClient(dev, agent, { getAccessToken: async () => sso }).api("/users").get());
    expect((audienceError as GraphError).statusCode).toBe(401);
    expect((audienceError as GraphError).message).toMatch(/Invalid audience/);
  });

  it("keeps tenants apart: a Contoso token cannot read Fabrikam users", async () => {
    const client = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, contoso, agent)));
    const stranger = person(fabrikam, () => true);
    const error = await errorOf(client.api(`/users/${stranger.id}`).get());
    expect((error as GraphError).statusCode).toBe(404);
    expect((error as GraphError).code).toBe("Request_ResourceNotFound");
    const fabrikamClient = graphClient(dev, agent, appOnlyAuthProvider(msalApp(dev, fabrikam, agent)));
    const all = await fabrikamClient.api("/users").top(999).select("id").get();
    expect(all.value).toHaveLength(60);
  });
});

describe("signing key rotation", () => {
  it("keeps earlier tokens valid and signs new ones with the key published ahead as next", async () => {
    const before = await dev.signIn(contoso, person(contoso, (p) => p.accountEnabled).id);
    const keysBefore = ((await (await undiciFetch(`${dev.authorityHost}/${contoso}/discovery/v2.0/keys`, { dispatcher: agent })).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
    await request(`${dev.url}/dev/keys/rotate`, { method: "POST", dispatcher: agent }).then((r) => r.body.dump());
    const after = await dev.signIn(contoso, person(contoso, (p) => p.accountEnabled).id);
    const kidBefore = decodeProtectedHeader(before).kid as string;
    const kidAfter = decodeProtectedHeader(after).kid as string;
    expect(kidAfter).not.toBe(kidBefore);
    expect(keysBefore).toContain(kidAfter);
    const set = jwks(contoso);
    await expect(jwtVerify(before, set, { audience: dev.app.clientId })).resolves.toBeDefined();
    await expect(jwtVerify(after, set, { audience: dev.app.clientId })).resolves.toBeDefined();
  });
});

describe("dev people picker", () => {
  it("lists executives, employees and admins, refusing bad input", async () => {
    for (const role of ["executive", "employee", "admin"] as const) {
      const reply = await request(`${dev.url}/dev/people?role=${role}&limit=3`, { dispatcher: agent });
      const body = (await reply.body.json()) as { tenantId: string; people: Array<{ id: string; role: string; jobTitle: string | null }> };
      expect(body.tenantId).toBe(contoso);
      expect(body.people).toHaveLength(3);
      for (const p of body.people) {
        expect(p.role).toBe(role);
        const full = dev.directory(contoso).findPerson(p.id) as DevPerson;
        expect(full.accountEnabled).toBe(true);
        if (role === "executive") expect(full.generatedLevel).toBeLessThanOrEqual(3);
        if (role === "admin") expect(full.isProgramAdmin).toBe(true);
      }
    }
    const bad = await request(`${dev.url}/dev/people?role=ceo`, { dispatcher: agent });
    expect(bad.statusCode).toBe(400);
    expect(await bad.body.json()).toMatchObject({ error: { field: "role" } });
  });
});
