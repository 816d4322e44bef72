// When a dev sign-in token expires, so that the tab can sign in again before the API refuses it.
// The token is NOT validated here (the API does that); its `exp` is only read as a fallback hint.

const FALLBACK_LIFETIME_MS = 5 * 60_000;

/** `expiresOn` may be an ISO instant, epoch seconds or epoch milliseconds. */
export function expiryEpochMs(expiresOn: string | number, token: string, now: number): number {
  if (typeof expiresOn === "number" && Number.isFinite(expiresOn)) {
    // 1e11 s is the year 5138 while 1e11 ms is 1973: any realistic value is unambiguous.
    return expiresOn < 1e11 ? expiresOn * 1000 : expiresOn;
  }
  if (typeof expiresOn === "string") {
    const parsed = Date.parse(expiresOn);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return jwtExpiryMs(token) ?? now + FALLBACK_LIFETIME_MS;
}

function jwtExpiryMs(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Renew this long before expiry so that a request in flight never carries an expired token. */
export const RENEW_MARGIN_MS = 2 * 60_000;

export function isFresh(expiresAt: number, now: number): boolean {
  return expiresAt - RENEW_MARGIN_MS > now;
}
