// Dev sign-in tokens: reused while fresh, renewed before they expire, one shared renewal for
// parallel requests, and "signed out" once the session is gone.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../../src/web/api/client.js";
import type { DevSession, DevSessionStore } from "../../../src/web/auth/dev-session.js";
import { devTokenSource } from "../../../src/web/auth/dev-sign-in.js";

const signIns: string[] = [];
let baseUrl: string;
const NOW = Date.UTC(2030, 0, 1, 12, 0);
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    signIns.push(body);
    // Slow enough that parallel callers overlap.
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ token: `fresh-${signIns.length}`, expiresOn: new Date(NOW + 3600_000).toISOString() }));
    }, 50);
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function memoryStore(initial: DevSession | null): DevSessionStore & { current: DevSession | null } {
  const store = {
    current: initial,
    load: () => store.current,
    save: (s: DevSession) => {
      store.current = s;
    },
    clear: () => {
      store.current = null;
    },
  };
  return store;
}

const session = (expiresAt: number): DevSession => ({ userId: "u-42", displayName: "Sam Novak", token: "old", expiresAt });

describe("devTokenSource", () => {
  it("reuses a fresh token without signing in", async () => {
    signIns.length = 0;
    const tokens = devTokenSource(memoryStore(session(NOW + 30 * 60_000)), new ApiClient({ tokens: null, baseUrl }), () => NOW);
    expect(await tokens.getToken()).toBe("old");
    expect(signIns).toEqual([]);
  });

  it("signs the same person in again shortly before expiry, once for parallel callers, and stores the result", async () => {
    signIns.length = 0;
    const store = memoryStore(session(NOW + 60_000)); // inside the 2-minute renewal margin
    const tokens = devTokenSource(store, new ApiClient({ tokens: null, baseUrl }), () => NOW);
    const results = await Promise.all([tokens.getToken(), tokens.getToken(), tokens.renew()]);
    expect(results).toEqual(["fresh-1", "fresh-1", "fresh-1"]);
    expect(signIns).toEqual([JSON.stringify({ userId: "u-42" })]);
    expect(store.current).toEqual({ userId: "u-42", displayName: "Sam Novak", token: "fresh-1", expiresAt: NOW + 3600_000 });
    // A later renewal is a new sign-in, not the cached promise.
    expect(await tokens.renew()).toBe("fresh-2");
  });

  it("refuses with 401 when there is no session", async () => {
    const tokens = devTokenSource(memoryStore(null), new ApiClient({ tokens: null, baseUrl }), () => NOW);
    await expect(tokens.getToken()).rejects.toMatchObject({ status: 401, title: "You are not signed in" });
    await expect(tokens.renew()).rejects.toMatchObject({ status: 401 });
  });
});
