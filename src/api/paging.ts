// Continuation tokens as the API shows them: opaque base64url strings wrapping the store's own token.
import { z } from "zod";

export const continuationTokenSchema = z
  .string()
  .max(8192)
  .transform((value, ctx) => {
    const decoded = Buffer.from(value, "base64url").toString("utf8");
    if (decoded === "" || Buffer.from(decoded, "utf8").toString("base64url") !== value) {
      ctx.addIssue({ code: "custom", message: "Not a continuation token returned by this API." });
      return z.NEVER;
    }
    return decoded;
  })
  .describe("The continuationToken of the previous page.");

export function encodeContinuationToken(token: string | null): string | null {
  return token === null ? null : Buffer.from(token, "utf8").toString("base64url");
}
