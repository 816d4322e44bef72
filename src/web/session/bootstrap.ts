// How the tab starts: find out whether a Microsoft 365 host is around, sign in the way that host
// allows (Teams SSO, or the dev sign-in in embedded mode), and load the person.
import { ApiClient, type TokenSource } from "../api/client.js";
import { decodeConfig, decodeMe } from "../api/decoders.js";
import { endpoints } from "../api/endpoints.js";
import { ApiError } from "../api/problem.js";
import type { AppConfig } from "../api/types.js";
import type { DevSessionStore } from "../auth/dev-session.js";
import { devSignIn, devTokenSource } from "../auth/dev-sign-in.js";
import { detectHost, type Host } from "../host/teams-host.js";
import type { ThemeName } from "../theme/theme-name.js";
import type { BootState, SignedInSession } from "./session.js";

export interface BootDeps {
  store: DevSessionStore;
  /** The host decides the theme inside Teams/Outlook, live. */
  onHostTheme: (theme: ThemeName) => void;
  /** The API refused the session even after renewing the token. */
  onSignedOut: (error: ApiError) => void;
}

export const anonymousClient = (): ApiClient => new ApiClient({ tokens: null });

export async function bootstrap(deps: BootDeps): Promise<BootState> {
  // Both start at once: outside a host, the config answer is what decides the next screen.
  const configPromise = anonymousClient()
    .get(endpoints.config, decodeConfig)
    .then(
      (config) => ({ ok: true as const, config }),
      (error: unknown) => ({ ok: false as const, error: asError(error) }),
    );
  const detection = await detectHost();
  if (detection.inHost) {
    const configResult = await configPromise;
    return signInThroughHost(detection.host, configResult.ok ? configResult.config : null, deps);
  }
  const configResult = await configPromise;
  if (!configResult.ok) return { step: "failed", error: configResult.error, inHost: false };
  return startOutsideHost(configResult.config, deps);
}

async function signInThroughHost(host: Host, config: AppConfig | null, deps: BootDeps): Promise<BootState> {
  deps.onHostTheme(host.info.theme);
  host.onThemeChange(deps.onHostTheme);
  const api = new ApiClient({ tokens: host.tokens(), onSignedOut: deps.onSignedOut });
  try {
    const me = await api.get(endpoints.me, decodeMe);
    return { step: "signed-in", session: { api, me, via: "host", host, config } };
  } catch (error) {
    const e = asError(error);
    host.notifyFailed(e instanceof ApiError && e.status === 401 ? "auth" : "other", e.message);
    return { step: "failed", error: e, inHost: true };
  }
}

async function startOutsideHost(config: AppConfig, deps: BootDeps): Promise<BootState> {
  if (!config.devSignIn) return { step: "open-in-host", config };
  if (!deps.store.load()) return { step: "dev-sign-in", config, notice: null };
  // A session from before a reload: reuse it (renewing the token if it ran out).
  const api = devApi(deps);
  try {
    const me = await api.get(endpoints.me, decodeMe);
    return { step: "signed-in", session: { api, me, via: "dev", host: null, config } };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      deps.store.clear();
      return { step: "dev-sign-in", config, notice: "Your dev session ended. Choose a person to sign in again." };
    }
    return { step: "failed", error: asError(error), inHost: false };
  }
}

function devApi(deps: BootDeps): ApiClient {
  const tokens: TokenSource = devTokenSource(deps.store, anonymousClient());
  return new ApiClient({ tokens, onSignedOut: deps.onSignedOut });
}

/** The dev sign-in screen's action: sign in as the chosen person and load their profile. */
export async function signInAsDevPerson(
  person: { userId: string; displayName: string },
  config: AppConfig,
  deps: BootDeps,
): Promise<SignedInSession> {
  const session = await devSignIn(anonymousClient(), person);
  deps.store.save(session);
  const api = devApi(deps);
  try {
    const me = await api.get(endpoints.me, decodeMe);
    return { api, me, via: "dev", host: null, config };
  } catch (error) {
    deps.store.clear();
    throw error;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
