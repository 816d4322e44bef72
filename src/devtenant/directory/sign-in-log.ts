// Who signed in when: feeds the user's `signInActivity` property. Dev sign-ins (Teams SSO) count as interactive
// sign-ins, on-behalf-of exchanges as non-interactive ones, as in Entra's sign-in logs.
import { randomUUID } from "node:crypto";

export interface SignInActivity {
  lastSignInDateTime: string;
  lastSignInRequestId: string;
  lastNonInteractiveSignInDateTime: string;
  lastNonInteractiveSignInRequestId: string;
}

export interface SignInLog {
  record(tenantId: string, userId: string, kind: "interactive" | "nonInteractive", at: Date): void;
  activity(tenantId: string, userId: string): SignInActivity;
}

/** Entra's value for "never". */
const NEVER = "0001-01-01T00:00:00Z";

export function createSignInLog(): SignInLog {
  const entries = new Map<string, SignInActivity>();
  const key = (tenantId: string, userId: string): string => `${tenantId}/${userId}`.toLowerCase();
  const empty = (): SignInActivity => ({ lastSignInDateTime: NEVER, lastSignInRequestId: "", lastNonInteractiveSignInDateTime: NEVER, lastNonInteractiveSignInRequestId: "" });
  return {
    record(tenantId, userId, kind, at) {
      const entry = entries.get(key(tenantId, userId)) ?? empty();
      const when = at.toISOString().replace(/\.\d{3}Z$/, "Z");
      if (kind === "interactive") {
        entry.lastSignInDateTime = when;
        entry.lastSignInRequestId = randomUUID();
      } else {
        entry.lastNonInteractiveSignInDateTime = when;
        entry.lastNonInteractiveSignInRequestId = randomUUID();
      }
      entries.set(key(tenantId, userId), entry);
    },
    activity: (tenantId, userId) => ({ ...(entries.get(key(tenantId, userId)) ?? empty()) }),
  };
}
