// The token validator on its own, with real dev-tenant tokens and JWKS over HTTPS: the checks that the
// HTTP tests cannot reach with the product's own configuration.
import { SignJWT, decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenValidator, TokenRejectedError, type TokenValidatorOptions } from "../../../src/adapters/auth/token-validator.js";
import { createTrustedHttp, type TrustedHttp } from "../../../src/adapters/auth/trusted-http.js";
import { UnavailableError } from "../../../src/app/errors.js";
import { systemClock } from "../../../src/app/ports/clock.js";
import { startDevTenant, type DevTenant } from "../../../src/devtenant/index.js";

let dev: DevTenant;
let http: TrustedHttp;
let token: string;
let personId: string;

function validator(overrides: Partial<TokenValidatorOptions> = {}) {
  return createTokenValidator({
    authorityHost: dev.authorityHost,
    clientId: dev.app.clientId,
    allowedTenantIds: dev.tenants.map((t) => t.tenantId),
    adminAppRole: "Program.Admin",
    clock: systemClock,
    fetch: http.fetch,
    ...overrides,
  });
}

async function rejection(promise: Promise<unknown>): Promise<TokenRejectedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenRejectedError);
  return error as TokenRejectedError;
}

beforeAll(async () => {
  dev = await startDevTenant({ seed: 9, users: 60, extraTenants: [{ displayName: "Fabrikam", users: 20 }] });
  http = createTrustedHttp(dev.caCertPem);
  const person = dev.directory(dev.tenants[0]!.tenantId).people().find((p) => p.accountEnabled && p.userType === "Member" && !p.isProgramAdmin)!;
  personId = person.id;
  token = await dev.signIn(dev.tenants[0]!.tenantId, person.id);
});
afterAll(async () => {
  await http?.close();
  await dev?.stop();
});

describe("token validator", () => {
  it("turns a valid SSO token into a Caller built only from its claims", async () => {
    const caller = await validator().validate(token);
    expect(caller).toMatchObject({ tenantId: dev.tenants[0]!.tenantId.toLowerCase(), userId: personId, scopes: ["access_as_user"], isAdmin: false });
    expect(caller.assertion()).toBe(token);
    // The raw token is not an enumerable property: it cannot end up in JSON or logs by accident.
    expect(JSON.stringify(caller)).not.toContain(token);
  });

  it("enforces the tenant allow-list even for a validly signed token", async () => {
    const onlyFabrikam = validator({ allowedTenantIds: [dev.tenants[1]!.tenantId] });
    expect((await rejection(onlyFabrikam.validate(token))).check).toBe("tenant");
  });

  it("requires the delegated scope", async () => {
    const error = await rejection(validator({ requiredScope: "Cohorts.Manage" }).validate(token));
    expect(error.check).toBe("scope");
    expect(error.message).toContain('"Cohorts.Manage"');
  });

  it("rejects a token for another client id", async () => {
    expect((await rejection(validator({ clientId: "00000000-1111-4222-8333-444444444444" }).validate(token))).check).toBe("audience");
  });

  it("rejects a token whose issuer is not the configured authority, even when the keys match", async () => {
    // Same server and keys, reached under another host name: the signature verifies, the issuer does not match.
    const otherName = validator({ authorityHost: dev.authorityHost.replace("127.0.0.1", "localhost") });
    const error = await rejection(otherName.validate(token));
    expect(error.check).toBe("issuer");
    expect(error.message).toContain("https://localhost:");
  });

  it("refuses symmetric and unsigned algorithms", async () => {
    const claims = decodeJwt(token);
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("x".repeat(32)));
    expect((await rejection(validator().validate(hs256))).check).toBe("algorithm");
    const [, payload] = token.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    expect((await rejection(validator().validate(none))).check).toBe("algorithm");
  });

  it("answers UnavailableError (503), not a rejection, when the signing keys cannot be fetched", async () => {
    const unreachable = validator({ authorityHost: "https://127.0.0.1:9" });
    await expect(unreachable.validate(token)).rejects.toBeInstanceOf(UnavailableError);
  });
});
