// Issues and verifies Entra-shaped v2 access tokens for the dev tenants. Token times use wall time (not the dev
// clock): the product validates exp/nbf against its own real clock, exactly as it will in Azure.
import { createHash, randomUUID } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { DevPerson, DevTenantInfo } from "../model.js";
import { createRng, deriveSeed, seededGuid } from "../rng.js";
import { API_SCOPE, GRAPH_APP_ID, GRAPH_RESOURCE, PROGRAM_ADMIN_ROLE, TEAMS_CLIENT_ID, type AppRegistration } from "./app-registry.js";
import type { KeyRing } from "./signing-keys.js";

export const TOKEN_LIFETIME_SECONDS = 3600;
/** Clock skew tolerated when validating, like Microsoft's validators (5 minutes). */
export const CLOCK_SKEW_SECONDS = 300;

export interface IssuedToken {
  token: string;
  expiresIn: number;
  /** Epoch seconds. */
  expiresOn: number;
}

export interface AccessTokenClaims extends JWTPayload {
  tid: string;
  oid: string;
  ver: "2.0";
  azp: string;
  appid: string;
  scp?: string;
  roles?: string[];
  name?: string;
  preferred_username?: string;
}

export type TokenFailure = "malformed" | "unknownKey" | "badSignature" | "expired" | "notYetValid" | "badIssuer" | "badAudience";

export class TokenValidationError extends Error {
  constructor(readonly reason: TokenFailure, message: string) {
    super(message);
    this.name = "TokenValidationError";
  }
}

export interface TokenService {
  issuer(tenantId: string): string;
  /** App-only token for Graph: roles = the app's consented application permissions. */
  issueAppToken(tenant: DevTenantInfo, app: AppRegistration): Promise<IssuedToken>;
  /** "Teams SSO" token for the product's API: aud = the app's client id, scp access_as_user, azp = Teams. */
  issueUserToken(tenant: DevTenantInfo, person: DevPerson, app: AppRegistration): Promise<IssuedToken>;
  /** Delegated Graph token from the on-behalf-of grant. */
  issueDelegatedGraphToken(tenant: DevTenantInfo, person: DevPerson, app: AppRegistration, scopes: readonly string[]): Promise<IssuedToken>;
  /** OIDC id token (returned by the token endpoint when openid was asked for). */
  issueIdToken(tenant: DevTenantInfo, person: DevPerson, app: AppRegistration): Promise<string>;
  /**
   * Verifies signature, iss (one of the known tenants), aud and lifetime.
   * Throws TokenValidationError with a reason Graph's 401 messages are chosen from.
   */
  verify(token: string, audiences: readonly string[]): Promise<AccessTokenClaims>;
}

export function createTokenService(authorityHost: string, keys: KeyRing, isKnownTenant: (tenantId: string) => boolean): TokenService {
  const issuer = (tenantId: string): string => `${authorityHost}/${tenantId}/v2.0`;
  /** The app's service principal object id differs per tenant, as in Entra; derive it stably. */
  const servicePrincipalId = (tenantId: string, clientId: string): string => seededGuid(createRng(deriveSeed(0, `${tenantId}/${clientId}`)));

  async function sign(claims: Record<string, unknown>, audience: string, tenantId: string, subject: string): Promise<IssuedToken> {
    const key = keys.current();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ...claims, tid: tenantId, ver: "2.0", uti: randomUUID().replace(/-/g, "").slice(0, 22), rh: "0.dev" })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid })
      .setIssuer(issuer(tenantId))
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .sign(key.privateKey);
    return { token, expiresIn: TOKEN_LIFETIME_SECONDS, expiresOn: now + TOKEN_LIFETIME_SECONDS };
  }

  /** Pairwise subject like Entra's: stable per user and app, not the object id. */
  const pairwiseSub = (oid: string, clientId: string): string => createHash("sha256").update(`${oid}|${clientId}`).digest("base64url").slice(0, 43);

  return {
    issuer,
    issueAppToken(tenant, app) {
      const oid = servicePrincipalId(tenant.tenantId, app.clientId);
      const claims: Record<string, unknown> = { oid, azp: app.clientId, appid: app.clientId, azpacr: "1", appidacr: "1", idtyp: "app", app_displayname: app.displayName };
      // Entra omits `roles` entirely when nothing is consented.
      if (app.graphAppRoles.length > 0) claims["roles"] = [...app.graphAppRoles];
      return sign(claims, GRAPH_RESOURCE, tenant.tenantId, oid);
    },
    issueUserToken(tenant, person, app) {
      const claims: Record<string, unknown> = {
        oid: person.id,
        azp: TEAMS_CLIENT_ID,
        appid: TEAMS_CLIENT_ID,
        azpacr: "0",
        idtyp: "user",
        scp: API_SCOPE,
        name: person.displayName,
        preferred_username: person.userPrincipalName,
      };
      if (person.isProgramAdmin) claims["roles"] = [PROGRAM_ADMIN_ROLE];
      return sign(claims, app.clientId, tenant.tenantId, pairwiseSub(person.id, app.clientId));
    },
    issueDelegatedGraphToken(tenant, person, app, scopes) {
      const claims: Record<string, unknown> = {
        oid: person.id,
        azp: app.clientId,
        appid: app.clientId,
        azpacr: "1",
        idtyp: "user",
        scp: scopes.join(" "),
        name: person.displayName,
        preferred_username: person.userPrincipalName,
        app_displayname: app.displayName,
      };
      return sign(claims, GRAPH_RESOURCE, tenant.tenantId, pairwiseSub(person.id, GRAPH_APP_ID));
    },
    async issueIdToken(tenant, person, app) {
      const issued = await sign({ oid: person.id, name: person.displayName, preferred_username: person.userPrincipalName }, app.clientId, tenant.tenantId, pairwiseSub(person.id, app.clientId));
      return issued.token;
    },
    async verify(token, audiences) {
      let kid: string | undefined;
      try {
        kid = decodeProtectedHeader(token).kid;
      } catch {
        throw new TokenValidationError("malformed", "The token is not a well-formed JWT.");
      }
      const key = kid ? keys.find(kid) : undefined;
      if (!key) throw new TokenValidationError("unknownKey", "The token's signing key (kid) is not one of the published keys.");
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key.publicKey, { algorithms: ["RS256"], clockTolerance: CLOCK_SKEW_SECONDS }));
      } catch (error) {
        if (error instanceof joseErrors.JWTExpired) throw new TokenValidationError("expired", "Lifetime validation failed, the token is expired.");
        if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf") throw new TokenValidationError("notYetValid", "Lifetime validation failed, the token is not yet valid.");
        if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new TokenValidationError("badSignature", "Signature validation failed.");
        throw new TokenValidationError("malformed", "The token could not be validated.");
      }
      const claims = payload as AccessTokenClaims;
      if (typeof claims.tid !== "string" || !isKnownTenant(claims.tid) || claims.iss !== issuer(claims.tid)) {
        throw new TokenValidationError("badIssuer", "Invalid issuer.");
      }
      const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
      if (!aud.some((a) => typeof a === "string" && audiences.includes(a))) throw new TokenValidationError("badAudience", "Invalid audience.");
      if (typeof claims.oid !== "string" || typeof claims.azp !== "string") throw new TokenValidationError("malformed", "The token lacks oid or azp.");
      return claims;
    },
  };
}
