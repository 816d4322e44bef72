import { createContext, useContext } from "react";
import type { ApiClient } from "../api/client.js";
import type { AppConfig, Me } from "../api/types.js";
import type { Host } from "../host/teams-host.js";

/** Everything a screen needs once someone is signed in. */
export interface SignedInSession {
  api: ApiClient;
  me: Me;
  /** How the person signed in: Teams SSO inside a Microsoft 365 host, or the dev sign-in. */
  via: "host" | "dev";
  host: Host | null;
  config: AppConfig | null;
}

export type BootState =
  | { step: "starting" }
  | { step: "failed"; error: Error; inHost: boolean }
  /** Azure mode outside a host: explain how to open the app in Teams or Outlook. */
  | { step: "open-in-host"; config: AppConfig }
  | { step: "dev-sign-in"; config: AppConfig; notice: string | null }
  | { step: "signed-in"; session: SignedInSession };

export const SessionContext = createContext<SignedInSession | null>(null);

export function useSession(): SignedInSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() is only available inside the signed-in shell.");
  return session;
}
