// Loopback stand-ins for the two identity services the bot talks to:
// - Bot Framework's OpenID metadata + signing keys (login.botframework.com/v1/.well-known/…), with a signer
//   that issues tokens shaped like the ones Bot Service sends to /api/messages;
// - an Entra token endpoint (v2.0 client credentials), for the bot's outbound token.
import express from "express";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

async function listen(app: express.Express): Promise<{ server: Server; origin: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function stopper(server: Server): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

export interface BotFrameworkTokenClaims {
  audience: string;
  serviceUrl: string;
  issuer?: string;
  /** Seconds relative to now; negative = already expired. */
  expiresIn?: number;
}

export interface BotFrameworkIdentity {
  openIdMetadataUrl: string;
  keyRequests: () => number;
  sign(claims: BotFrameworkTokenClaims): Promise<string>;
  /** A token from a key the metadata does not publish. */
  signWithUnknownKey(claims: BotFrameworkTokenClaims): Promise<string>;
  stop(): Promise<void>;
}

export async function startBotFrameworkIdentity(): Promise<BotFrameworkIdentity> {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const stranger = await generateKeyPair("RS256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: "sig", alg: "RS256", endorsements: ["msteams"] };
  let keyRequests = 0;
  const app = express();
  const { server, origin } = await listen(app);
  app.get("/v1/.well-known/openidconfiguration", (_req, res) => {
    res.json({ issuer: "https://api.botframework.com", jwks_uri: `${origin}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"] });
  });
  app.get("/v1/.well-known/keys", (_req, res) => {
    keyRequests++;
    res.json({ keys: [jwk] });
  });

  const signWith = (key: Parameters<SignJWT["sign"]>[0], keyId: string) => async (claims: BotFrameworkTokenClaims) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: claims.serviceUrl })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: keyId })
      .setIssuer(claims.issuer ?? "https://api.botframework.com")
      .setAudience(claims.audience)
      .setIssuedAt(now - 10)
      .setNotBefore(now - 10)
      .setExpirationTime(now + (claims.expiresIn ?? 3600))
      .sign(key);
  };

  return {
    openIdMetadataUrl: `${origin}/v1/.well-known/openidconfiguration`,
    keyRequests: () => keyRequests,
    sign: signWith(privateKey, kid),
    signWithUnknownKey: signWith(stranger.privateKey, kid),
    stop: stopper(server),
  };
}

export interface TokenRequest {
  tenant: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  grantType: string;
}

export interface EntraTokenEndpoint {
  /** The authority host the app is configured with (https, resolved to the loopback origin by `fetch`). */
  authorityHost: string;
  origin: string;
  requests: TokenRequest[];
  /** Token handed out; the connector stand-in can check it arrives. */
  accessToken: string;
  /** Answer the next token request with an OAuth error. */
  failNext(error: string, description: string): void;
  stop(): Promise<void>;
}

/** Entra v2.0 client-credentials endpoint + OIDC metadata, for tenant-specific authorities. */
export async function startEntraTokenEndpoint(): Promise<EntraTokenEndpoint> {
  const app = express();
  const { server, origin } = await listen(app);
  const authorityHost = "https://login.test";
  const requests: TokenRequest[] = [];
  // Entra access tokens are JWTs (the Teams SDK decodes them to read the expiry); the signature is never checked here.
  const accessToken = await new SignJWT({ appid: "bot", tid: "stand-in", jti: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience("https://api.botframework.com")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(randomUUID()));
  let failure: { error: string; description: string } | null = null;
  app.get("/:tenant/v2.0/.well-known/openid-configuration", (req, res) => {
    const base = `${authorityHost}/${req.params.tenant}`;
    res.json({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ["code", "id_token", "token"],
    });
  });
  app.post("/:tenant/oauth2/v2.0/token", express.urlencoded({ extended: false }), (req, res) => {
    const body = req.body as Record<string, string>;
    requests.push({ tenant: req.params.tenant, clientId: body.client_id ?? "", clientSecret: body.client_secret ?? "", scope: body.scope ?? "", grantType: body.grant_type ?? "" });
    if (failure) {
      const f = failure;
      failure = null;
      res.status(401).json({ error: f.error, error_description: f.description, error_codes: [7000215] });
      return;
    }
    res.json({ token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: accessToken });
  });
  return {
    authorityHost,
    origin,
    requests,
    accessToken,
    failNext: (error, description) => {
      failure = { error, description };
    },
    stop: stopper(server),
  };
}
