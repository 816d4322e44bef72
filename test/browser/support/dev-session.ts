// Starts a browser context already signed in through the dev sign-in (the session the tab keeps in
// sessionStorage), for tests about what happens after sign-in.
import type { BrowserContext } from "playwright-core";
import type { AppTarget, TargetPerson } from "./app-target.js";

export const DEV_SESSION_KEY = "reverse-mentorship.dev-session";

export interface SeededSession {
  userId: string;
  displayName: string;
  token: string;
  expiresAt: number;
}

/** Seeds the session before any page script runs (again on every navigation of the context). */
export async function seedDevSession(context: BrowserContext, session: SeededSession): Promise<void> {
  await context.addInitScript(
    ([key, value]) => {
      const storage = (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null; setItem(k: string, v: string): void } }).sessionStorage;
      // Only the first load: later reloads keep whatever the tab itself stored (renewed tokens).
      if (storage.getItem(key) === null) storage.setItem(key, value);
    },
    [DEV_SESSION_KEY, JSON.stringify(session)] as const,
  );
}

export async function signedInSession(target: AppTarget, person: TargetPerson): Promise<SeededSession> {
  return { userId: person.id, displayName: person.displayName, token: await target.ssoToken(person.id), expiresAt: Date.now() + 3600_000 };
}
