// Validates the bearer tokens our API receives (Teams SSO tokens, v2): tenant allow-list, signature via the
// tenant's JWKS, issuer, audience, lifetime and the `access_as_user` scope. Every rejection says which
// check failed (never echoing the token) so that a 401 can be diagnosed from its problem body.
import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from "jose";
import type { Caller } from "../../app/caller.js";
import { UnavailableError } from "../../app/errors.js";
import type { Clock } from "../../app/ports/clock.js";
import type { FetchFunction } from "./trusted-http.js";

export type TokenCheck = "missing" | "malformed" | "algorithm" | "tenant" | "signature" | "issuer" | "audience" | "expired" | "not-yet-valid" | "scope" | "subject";

export class TokenRejectedError extends Error {
  constructor(
    readonly check: TokenCheck,
    message: string,
  ) {
    super(message);
    this.name = "TokenRejectedError";
  }
}

export interface TokenValidatorOptions {
  /** e.g. https://login.microsoftonline.com (no trailing slash). */
  authorityHost: string;
  /** The app registration's client id: the expected audience (GUID or api://…/{clientId}). */
  clientId: string;
  allowedTenantIds: readonly string[];
  adminAppRole: string;
  clock: Clock;
  fetch: FetchFunction;
  requiredScope?: string;
  /** Tolerated clock difference with Entra, seconds. Default 120. */
  clockToleranceSeconds?: number;
}

export interface TokenValidator {
  /** The caller the token proves, or TokenRejectedError (→ 401) / UnavailableError (keys unreachable → 503). */
  validate(token: string): Promise<Caller>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const allowed = new Set(options.allowedTenantIds.map((t) => t.toLowerCase()));
  const requiredScope = options.requiredScope ?? "access_as_user";
  const tolerance = options.clockToleranceSeconds ?? 120;
  const clientId = options.clientId.toLowerCase();
  // One key set per tenant (bounded by the allow-list); jose caches keys and refetches on an unknown kid,
  // which is how Entra's key rotation is followed.
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysFor = (tenantId: string) => {
    let set = keySets.get(tenantId);
    if (!set) {
      const url = new URL(`${options.authorityHost}/${tenantId}/discovery/v2.0/keys`);
      set = createRemoteJWKSet(url, { [customFetch]: options.fetch, timeoutDuration: 10_000, cooldownDuration: 30_000, cacheMaxAge: 6 * 3600_000 });
      keySets.set(tenantId, set);
    }
    return set;
  };

  async function validate(token: string): Promise<Caller> {
    if (!token) throw new TokenRejectedError("missing", "No bearer token was sent.");
    const unverified = decodeUnverified(token);
    const tenantId = typeof unverified.tid === "string" ? unverified.tid.toLowerCase() : "";
    if (!GUID.test(tenantId)) throw new TokenRejectedError("tenant", "The token has no valid tenant id (tid).");
    // Checked before fetching keys so that an attacker cannot make us fetch arbitrary tenants' key sets.
    if (!allowed.has(tenantId)) throw new TokenRejectedError("tenant", `Tenant ${tenantId} is not allowed to use this app.`);
    const payload = await verifySignatureAndLifetime(token, tenantId);
    checkAudience(payload.aud);
    const scopes = typeof payload.scp === "string" ? payload.scp.split(" ").filter((s) => s !== "") : [];
    if (!scopes.includes(requiredScope)) {
      throw new TokenRejectedError("scope", `The token does not carry the delegated scope "${requiredScope}" (app-only tokens are not accepted).`);
    }
    const userId = typeof payload.oid === "string" ? payload.oid.toLowerCase() : "";
    if (!GUID.test(userId)) throw new TokenRejectedError("subject", "The token has no valid user object id (oid).");
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
    return {
      tenantId,
      userId,
      displayName: typeof payload.name === "string" ? payload.name : null,
      userPrincipalName: typeof payload.preferred_username === "string" ? payload.preferred_username : null,
      tokenRoles: roles,
      scopes,
      isAdmin: roles.includes(options.adminAppRole),
      assertion: () => token,
    };
  }

  async function verifySignatureAndLifetime(token: string, tenantId: string): Promise<JWTPayload> {
    const issuer = `${options.authorityHost}/${tenantId}/v2.0`;
    try {
      const { payload } = await jwtVerify(token, keysFor(tenantId), {
        algorithms: ["RS256"],
        issuer,
        clockTolerance: tolerance,
        currentDate: new Date(options.clock.now()),
        requiredClaims: ["exp", "iat", "tid", "oid"],
      });
      return payload;
    } catch (error) {
      throw explain(error, issuer);
    }
  }

  function checkAudience(aud: JWTPayload["aud"]): void {
    const audiences = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
    // v2 SSO tokens carry the client id; the api://<domain>/<clientId> form appears when the tab asks for it.
    const ok = audiences.some((a) => a.toLowerCase() === clientId || (a.toLowerCase().startsWith("api://") && a.toLowerCase().endsWith(`/${clientId}`)));
    if (!ok) throw new TokenRejectedError("audience", `The token was issued for another audience (${audiences.join(", ") || "none"}), not this app.`);
  }

  function explain(error: unknown, issuer: string): Error {
    if (error instanceof errors.JWTExpired) return new TokenRejectedError("expired", `The token expired at ${isoFromClaim(error.payload.exp)}.`);
    if (error instanceof errors.JWTClaimValidationFailed) {
      if (error.claim === "nbf") return new TokenRejectedError("not-yet-valid", `The token is not valid before ${isoFromClaim(error.payload.nbf)}.`);
      if (error.claim === "iss") return new TokenRejectedError("issuer", `The token's issuer is not ${issuer}.`);
      if (error.claim === "iat") return new TokenRejectedError("not-yet-valid", "The token was issued in the future.");
      return new TokenRejectedError("malformed", `The token's "${error.claim}" claim is missing or invalid.`);
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejectedError("signature", "The token's signature does not verify with the tenant's signing keys.");
    if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
      return new TokenRejectedError("signature", "The token was not signed by any of the tenant's published signing keys.");
    }
    if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejectedError("algorithm", "The token's signing algorithm is not RS256.");
    if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return new TokenRejectedError("malformed", "The token is not a well-formed JWT.");
    // Could not fetch the keys (Entra unreachable, bad JWKS): not the caller's fault.
    return new UnavailableError("The identity provider's signing keys could not be loaded; try again shortly.", 5, { cause: error });
  }

  return { validate };
}

function decodeUnverified(token: string): JWTPayload {
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== "RS256") throw new TokenRejectedError("algorithm", `The token's signing algorithm "${String(header.alg)}" is not RS256.`);
    return decodeJwt(token);
  } catch (error) {
    if (error instanceof TokenRejectedError) throw error;
    throw new TokenRejectedError("malformed", "The token is not a well-formed JWT.");
  }
}

function isoFromClaim(seconds: unknown): string {
  return typeof seconds === "number" ? new Date(seconds * 1000).toISOString() : "an unknown time";
}
