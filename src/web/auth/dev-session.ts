// The dev sign-in session and where it is kept (an interface, so the token logic does not depend on
// the browser's storage).

export interface DevSession {
  userId: string;
  displayName: string;
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface DevSessionStore {
  load(): DevSession | null;
  save(session: DevSession): void;
  clear(): void;
}

export function isDevSession(value: unknown): value is DevSession {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  return typeof s.userId === "string" && typeof s.displayName === "string" && typeof s.token === "string" && typeof s.expiresAt === "number";
}
