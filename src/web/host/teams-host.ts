// The Microsoft 365 host (Teams, Outlook, the Microsoft 365 app) seen through @microsoft/teams-js.
// Everything the tab needs from the host goes through here: detection, context, theme, SSO, and the
// loading-indicator handshake.
import type * as TeamsJsModule from "@microsoft/teams-js";
import type { TokenSource } from "../api/client.js";
import { ApiError } from "../api/problem.js";
import { themeNameFromHost, type ThemeName } from "../theme/theme-name.js";
import { TimeoutError, withTimeout } from "./with-timeout.js";

// Type only: the module itself is loaded on demand (see detectHost).
type TeamsJs = typeof TeamsJsModule;

export interface HostInfo {
  /** e.g. "Teams", "Outlook", "Office". */
  hostName: string;
  theme: ThemeName;
  /** Deep-link target inside the tab, when the host opened one. */
  subPageId: string | null;
  locale: string | null;
}

export interface Host {
  info: HostInfo;
  /** Theme changes made in the host while the tab is open. */
  onThemeChange(handler: (theme: ThemeName) => void): void;
  /** Teams SSO tokens for our API. */
  tokens(): TokenSource;
  /** Hides the host's loading indicator: the tab is ready for the person. */
  notifyReady(): void;
  notifyFailed(reason: "auth" | "other", message: string): void;
}

export type HostDetection = { inHost: true; host: Host } | { inHost: false; reason: "no-host" | "timeout" };

/**
 * Inside a host, app.initialize() resolves quickly. In a foreign iframe it never settles, so a short
 * timeout decides.
 */
export const HOST_INIT_TIMEOUT_MS = 4000;

/**
 * teams-js talks to its host through window.parent (iframe), window.opener (pop-up) or
 * window.nativeInterface (mobile web views). With none of them there is no host, and teams-js itself
 * would reject at once — so the tab does not even download it (nor let it fetch its CDN origin list).
 */
export function mayBeInHost(w: Window = window): boolean {
  return w.parent !== w.self || w.opener !== null || "nativeInterface" in w;
}

export async function detectHost(timeoutMs = HOST_INIT_TIMEOUT_MS): Promise<HostDetection> {
  if (!mayBeInHost()) return { inHost: false, reason: "no-host" };
  const teams = await import("@microsoft/teams-js");
  try {
    await withTimeout(teams.app.initialize(), timeoutMs, "The Microsoft 365 host");
  } catch (error) {
    return { inHost: false, reason: error instanceof TimeoutError ? "timeout" : "no-host" };
  }
  const context = await withTimeout(teams.app.getContext(), timeoutMs, "The Microsoft 365 host context");
  const info: HostInfo = {
    hostName: context.app.host.name,
    theme: themeNameFromHost(context.app.theme),
    subPageId: context.page.subPageId ?? null,
    locale: context.app.locale ?? null,
  };
  return { inHost: true, host: hostOf(teams, info) };
}

function hostOf(teams: TeamsJs, info: HostInfo): Host {
  return {
    info,
    onThemeChange(handler) {
      teams.app.registerOnThemeChangeHandler((theme) => handler(themeNameFromHost(theme)));
    },
    tokens: () => ssoTokens(teams),
    notifyReady() {
      teams.app.notifySuccess().catch(() => {
        // Older hosts do not answer notifySuccess; their indicator is hidden anyway.
      });
    },
    notifyFailed(reason, message) {
      teams.app.notifyFailure({ reason: reason === "auth" ? teams.app.FailedReason.AuthFailed : teams.app.FailedReason.Other, message });
    },
  };
}

/** Teams SSO: the host caches and refreshes the token itself, so renewing is asking again. */
function ssoTokens(teams: TeamsJs): TokenSource {
  async function ask(): Promise<string> {
    try {
      return await teams.authentication.getAuthToken();
    } catch (error) {
      // The host's reason ("resourceRequiresConsent", "CancelledByUser", …) is safe to show; it holds no token.
      throw new ApiError({
        kind: "http",
        status: 401,
        title: "Microsoft 365 could not sign you in to this app",
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { getToken: ask, renew: ask };
}
