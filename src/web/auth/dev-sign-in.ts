// Dev sign-in (embedded mode, outside a Microsoft 365 host): the API asks the dev tenant for a
// Teams-SSO-shaped token for the chosen person. Tokens are re-issued silently when they expire.
import type { ApiClient, TokenSource } from "../api/client.js";
import { decodeDevSignIn } from "../api/decoders.js";
import { endpoints } from "../api/endpoints.js";
import { ApiError } from "../api/problem.js";
import type { DevSession, DevSessionStore } from "./dev-session.js";
import { expiryEpochMs, isFresh } from "./token-expiry.js";

export async function devSignIn(
  anonymous: ApiClient,
  person: { userId: string; displayName: string },
  signal?: AbortSignal,
): Promise<DevSession> {
  const result = await anonymous.post(endpoints.devSignIn, { userId: person.userId }, decodeDevSignIn, { signal });
  return {
    userId: person.userId,
    displayName: person.displayName,
    token: result.token,
    expiresAt: expiryEpochMs(result.expiresOn, result.token, Date.now()),
  };
}

const SIGNED_OUT = () =>
  new ApiError({ kind: "http", status: 401, title: "You are not signed in", detail: "Choose a person to sign in as." });

/** Tokens of the stored dev session; signs the same person in again when the token runs out. */
export function devTokenSource(store: DevSessionStore, anonymous: ApiClient, now: () => number = Date.now): TokenSource {
  // Screens load in parallel; when the token runs out they must share one sign-in, not race. The
  // shared sign-in takes no AbortSignal: one screen going away must not fail the others' requests.
  let inFlight: Promise<string> | null = null;
  function renew(): Promise<string> {
    const current = store.load();
    if (!current) return Promise.reject(SIGNED_OUT());
    inFlight ??= devSignIn(anonymous, current)
      .then((fresh) => {
        store.save(fresh);
        return fresh.token;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }
  return {
    async getToken() {
      const current = store.load();
      if (!current) throw SIGNED_OUT();
      return isFresh(current.expiresAt, now()) ? current.token : renew();
    },
    renew,
  };
}
