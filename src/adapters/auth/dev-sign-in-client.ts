// The dev tenant's sign-in endpoints (/dev/people, /dev/signin) over HTTPS, so the API can offer them on
// its own origin in embedded mode. Works the same whether the dev tenant runs in-process or as
// `npm run devtenant` in another process.
import type { DevPersonSummary, DevRole, DevSignIn } from "../../app/ports/dev-sign-in.js";
import { NotFoundError, UnavailableError, ValidationError } from "../../app/errors.js";
import type { FetchFunction } from "./trusted-http.js";

interface DevError {
  error?: { code?: string; field?: string | null; message?: string };
}

export function createDevSignInClient(devTenantUrl: string, fetchFn: FetchFunction): DevSignIn {
  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await fetchFn(`${devTenantUrl}${path}`, init);
    } catch (error) {
      throw new UnavailableError("The dev tenant is not reachable.", null, { cause: error });
    }
    const body = (await response.json().catch(() => ({}))) as T & DevError;
    if (response.ok) return body;
    const message = body.error?.message ?? `The dev tenant answered ${response.status}.`;
    // Field names of the dev tenant ("user") mapped to ours ("userId").
    const field = body.error?.field === "user" ? "userId" : (body.error?.field ?? null);
    if (response.status === 404) throw new NotFoundError(message);
    if (response.status === 400) throw new ValidationError(message, field ? [{ field, message }] : []);
    throw new UnavailableError(`The dev tenant failed: ${message}`);
  }

  return {
    people(role: DevRole, limit: number, tenantId: string | null) {
      const query = new URLSearchParams({ role, limit: String(limit), ...(tenantId ? { tenantId } : {}) });
      return call<{ tenantId: string; people: DevPersonSummary[] }>(`/dev/people?${query}`);
    },
    async signIn(userId: string, tenantId: string | null) {
      const result = await call<{ token: string; expiresOn: string }>("/dev/signin", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ user: userId, ...(tenantId ? { tenantId } : {}) }),
      });
      return { token: result.token, expiresOn: result.expiresOn };
    },
  };
}
