// The dev sign-in session lives in sessionStorage: it survives a reload of the tab but not closing it,
// and never reaches another browser tab's session (each tab may sign in as someone else).
import { isDevSession, type DevSessionStore } from "./dev-session.js";

export const DEV_SESSION_KEY = "reverse-mentorship.dev-session";

export function sessionStorageStore(storage: Storage = window.sessionStorage): DevSessionStore {
  return {
    load() {
      const raw = storage.getItem(DEV_SESSION_KEY);
      if (raw === null) return null;
      try {
        const parsed: unknown = JSON.parse(raw);
        if (isDevSession(parsed)) return parsed;
      } catch {
        // fall through: a corrupt entry is dropped rather than trusted
      }
      storage.removeItem(DEV_SESSION_KEY);
      return null;
    },
    save(session) {
      storage.setItem(DEV_SESSION_KEY, JSON.stringify(session));
    },
    clear() {
      storage.removeItem(DEV_SESSION_KEY);
    },
  };
}
