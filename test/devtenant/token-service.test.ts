// Token validation rules of the identity service (what Graph's 401 messages are chosen from), including the
// lifetime checks that cannot be reached over the wire without waiting an hour.
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createKeyRing, type KeyRing } from "../../src/devtenant/identity/signing-keys.js";
import { createTokenService, TokenValidationError, type TokenService } from "../../src/devtenant/identity/token-service.js";

const AUTHORITY = "https://127.0.0.1:1";
const TENANT = "7b0b8f9e-0000-4000-8000-000000000001";
let keys: KeyRing;
let tokens: TokenService;

beforeAll(async () => {
  keys = await createKeyRing();
  tokens = createTokenService(AUTHORITY, keys, (tid) => tid === TENANT);
});

async function token(claims: Record<string, unknown>, times: { iat: number; nbf: number; exp: number }, issuer = `${AUTHORITY}/${TENANT}/v2.0`): Promise<string> {
  const key = keys.current();
  return new SignJWT({ tid: TENANT, oid: "o", azp: "a", ver: "2.0", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setIssuer(issuer)
    .setAudience("https://graph.microsoft.com")
    .setIssuedAt(times.iat)
    .setNotBefore(times.nbf)
    .setExpirationTime(times.exp)
    .sign(key.privateKey);
}

async function reason(t: string, audiences = ["https://graph.microsoft.com"]): Promise<string> {
  try {
    await tokens.verify(t, audiences);
    return "valid";
  } catch (error) {
    if (error instanceof TokenValidationError) return error.reason;
    throw error;
  }
}

describe("token validation", () => {
  const now = Math.floor(Date.now() / 1000);

  it("accepts a current token and tolerates five minutes of clock skew", async () => {
    expect(await reason(await token({}, { iat: now, nbf: now, exp: now + 3600 }))).toBe("valid");
    expect(await reason(await token({}, { iat: now - 3900, nbf: now - 3900, exp: now - 200 }))).toBe("valid");
    expect(await reason(await token({}, { iat: now + 200, nbf: now + 200, exp: now + 3800 }))).toBe("valid");
  });

  it("rejects expired and not-yet-valid tokens beyond the skew", async () => {
    expect(await reason(await token({}, { iat: now - 7200, nbf: now - 7200, exp: now - 400 }))).toBe("expired");
    expect(await reason(await token({}, { iat: now + 600, nbf: now + 600, exp: now + 4200 }))).toBe("notYetValid");
  });

  it("rejects other issuers, unknown tenants and other audiences", async () => {
    const times = { iat: now, nbf: now, exp: now + 3600 };
    expect(await reason(await token({}, times, `https://login.microsoftonline.com/${TENANT}/v2.0`))).toBe("badIssuer");
    expect(await reason(await token({ tid: "00000000-0000-4000-8000-000000000000" }, times, `${AUTHORITY}/00000000-0000-4000-8000-000000000000/v2.0`))).toBe("badIssuer");
    expect(await reason(await token({}, times), ["api://someone-else"])).toBe("badAudience");
    expect(await reason("not.a.jwt")).toBe("malformed");
  });

  it("keeps a rotated-out key valid for one rotation, then stops trusting it", async () => {
    const old = await token({}, { iat: now, nbf: now, exp: now + 3600 });
    await keys.rotate();
    expect(await reason(old)).toBe("valid");
    await keys.rotate();
    expect(await reason(old)).toBe("unknownKey");
    expect(keys.jwks().keys).toHaveLength(3);
  });
});
