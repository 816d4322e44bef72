// Token signing keys with Entra-style rollover: the JWKS always publishes the previous key (tokens it signed
// are still valid), the current key (signs new tokens) and the next key (published ahead, so relying parties
// that cache the JWKS already know it when rotateSigningKey() promotes it).
import { createHash, randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

export interface KeyRing {
  current(): SigningKey;
  /** Public keys by kid, for verifying tokens this identity service issued. */
  find(kid: string): SigningKey | undefined;
  jwks(): { keys: JWK[] };
  rotate(): Promise<void>;
}

async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(publicKey);
  // Entra uses the certificate thumbprint as kid; a thumbprint of the modulus has the same stability.
  const kid = createHash("sha256").update(jwk.n ?? randomUUID()).digest("base64url").slice(0, 27);
  return { kid, privateKey, publicKey, jwk: { ...jwk, kty: "RSA", use: "sig", kid, alg: "RS256" } };
}

export async function createKeyRing(): Promise<KeyRing> {
  let previous: SigningKey | null = null;
  let current = await newSigningKey();
  let next = await newSigningKey();
  return {
    current: () => current,
    find(kid: string): SigningKey | undefined {
      return [current, next, previous].find((k) => k !== null && k.kid === kid) ?? undefined;
    },
    jwks(): { keys: JWK[] } {
      return { keys: [current, next, previous].filter((k): k is SigningKey => k !== null).map((k) => k.jwk) };
    },
    async rotate(): Promise<void> {
      const upcoming = await newSigningKey();
      previous = current;
      current = next;
      next = upcoming;
    },
  };
}
