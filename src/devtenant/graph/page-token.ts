// Opaque, tamper-evident paging tokens ($skiptoken, $deltatoken). The payload is signed with a per-start secret,
// so a token from an earlier run of the dev tenant (a different org) is rejected rather than misread.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface PageTokenCodec {
  encode(payload: object): string;
  /** undefined when the token is malformed, forged or from another run. */
  decode<T>(token: string): T | undefined;
}

export function createPageTokenCodec(secret: Buffer = randomBytes(32)): PageTokenCodec {
  const mac = (body: string): Buffer => createHmac("sha256", secret).update(body).digest().subarray(0, 16);
  return {
    encode(payload: object): string {
      const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
      return `${body}.${mac(body).toString("base64url")}`;
    },
    decode<T>(token: string): T | undefined {
      const [body, signature, extra] = token.split(".");
      if (!body || !signature || extra !== undefined) return undefined;
      const expected = mac(body);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
      } catch {
        return undefined;
      }
    },
  };
}
