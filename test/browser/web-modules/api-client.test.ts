// The tab's API client against a real HTTP server (the wire is faked, not the client): Bearer tokens,
// one silent renewal on 401, problem+json → ApiError with field errors, and broken answers.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiClient, type TokenSource } from "../../../src/web/api/client.js";
import { decodeMe } from "../../../src/web/api/decoders.js";
import { ApiError } from "../../../src/web/api/problem.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let handler: Handler;
const seen: Array<{ path: string; authorization: string | undefined; body: string }> = [];
let baseUrl: string;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString("utf8")));
  req.on("end", () => {
    seen.push({ path: req.url ?? "", authorization: req.headers.authorization, body });
    handler(req, res);
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  seen.length = 0;
});

const ME = {
  tenantId: "t1",
  userId: "u1",
  displayName: "Jordan Silva",
  userPrincipalName: "jordan@contoso.example",
  mail: null,
  jobTitle: "Engineer",
  department: null,
  officeLocation: null,
  timeZone: "Europe/London",
  windowsTimeZone: "GMT Standard Time",
  manager: null,
  roles: ["employee"],
};

function send(res: ServerResponse, status: number, type: string, body: unknown): void {
  res.writeHead(status, { "content-type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** Tokens "t1", "t2", … — renew() hands out the next one. */
function countingTokens(): TokenSource & { renewals: number } {
  let n = 1;
  const source = {
    renewals: 0,
    getToken: async () => `t${n}`,
    renew: async () => {
      source.renewals++;
      n++;
      return `t${n}`;
    },
  };
  return source;
}

describe("ApiClient", () => {
  it("sends the Bearer token and decodes JSON", async () => {
    handler = (_req, res) => send(res, 200, "application/json; charset=utf-8", ME);
    const api = new ApiClient({ tokens: countingTokens(), baseUrl });
    const me = await api.get("/api/me", decodeMe);
    expect(me.displayName).toBe("Jordan Silva");
    expect(seen).toEqual([{ path: "/api/me", authorization: "Bearer t1", body: "" }]);
  });

  it("renews the token once on 401 and retries with the new one", async () => {
    handler = (req, res) => (req.headers.authorization === "Bearer t1" ? send(res, 401, "application/problem+json", { type: "about:blank", title: "Unauthorized", status: 401 }) : send(res, 200, "application/json", ME));
    const tokens = countingTokens();
    let signedOut = 0;
    const api = new ApiClient({ tokens, baseUrl, onSignedOut: () => signedOut++ });
    await api.get("/api/me", decodeMe);
    expect(seen.map((s) => s.authorization)).toEqual(["Bearer t1", "Bearer t2"]);
    expect(tokens.renewals).toBe(1);
    expect(signedOut).toBe(0);
  });

  it("gives up after the renewed token is refused too, and reports the session as over", async () => {
    handler = (_req, res) => send(res, 401, "application/problem+json", { type: "https://errors/unauthorized", title: "Unauthorized", status: 401, detail: "The token is expired." });
    const tokens = countingTokens();
    const ended: ApiError[] = [];
    const api = new ApiClient({ tokens, baseUrl, onSignedOut: (e) => ended.push(e) });
    const error = await api.get("/api/me", decodeMe).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: "http", status: 401, title: "Unauthorized", detail: "The token is expired." });
    expect(seen).toHaveLength(2);
    expect(tokens.renewals).toBe(1);
    expect(ended).toEqual([error]);
  });

  it("treats a token source that cannot renew as signed out", async () => {
    handler = (_req, res) => send(res, 401, "application/problem+json", { title: "Unauthorized", status: 401 });
    const ended: ApiError[] = [];
    const tokens: TokenSource = { getToken: async () => "t1", renew: async () => Promise.reject(new Error("dev tenant is down")) };
    const api = new ApiClient({ tokens, baseUrl, onSignedOut: (e) => ended.push(e) });
    const error = await api.get("/api/me", decodeMe).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, title: "You are not signed in", detail: "dev tenant is down" });
    expect(ended).toHaveLength(1);
  });

  it("turns a problem+json 400 into an ApiError whose field errors can sit next to their fields", async () => {
    handler = (_req, res) =>
      send(res, 400, "application/problem+json", {
        type: "https://reverse-mentorship.example/problems/validation",
        title: "Your input is not valid",
        status: 400,
        detail: "2 fields are invalid.",
        errors: [{ field: "cadence.everyWeeks", message: "Must be between 1 and 8." }, { field: "name", message: "Required." }, { nonsense: true }],
      });
    const api = new ApiClient({ tokens: null, baseUrl });
    const error = (await api.post("/api/admin/cohorts", { name: "" }, () => null).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(400);
    expect(error.type).toBe("https://reverse-mentorship.example/problems/validation");
    expect(error.fieldErrors).toEqual([
      { field: "cadence.everyWeeks", message: "Must be between 1 and 8." },
      { field: "name", message: "Required." },
    ]);
    expect(error.fieldMessage("name")).toBe("Required.");
    expect(error.fieldMessage("sessions")).toBeUndefined();
    expect(seen[0]).toMatchObject({ authorization: undefined, body: JSON.stringify({ name: "" }) });
  });

  it("describes an error page that is not problem+json by its status", async () => {
    handler = (_req, res) => send(res, 502, "text/html", "<h1>Bad gateway</h1>");
    const api = new ApiClient({ tokens: null, baseUrl });
    await expect(api.get("/api/me", decodeMe)).rejects.toMatchObject({ kind: "http", status: 502, title: "The server is not reachable", detail: null });
  });

  it("rejects a 2xx answer that is not JSON, or JSON of the wrong shape, as unexpected", async () => {
    const api = new ApiClient({ tokens: null, baseUrl });
    handler = (_req, res) => send(res, 200, "text/html", "<html>login</html>");
    await expect(api.get("/api/me", decodeMe)).rejects.toMatchObject({ kind: "unexpected", detail: "Expected JSON but received text/html." });
    handler = (_req, res) => send(res, 200, "application/json", { ...ME, roles: ["employee", "superuser"] });
    await expect(api.get("/api/me", decodeMe)).rejects.toMatchObject({ kind: "unexpected", detail: "me.roles[1] should be one of employee, executive, admin." });
    handler = (_req, res) => send(res, 200, "application/json", "{not json");
    await expect(api.get("/api/me", decodeMe)).rejects.toMatchObject({ kind: "unexpected", detail: "The response is not valid JSON." });
  });

  it("reports an unreachable server as a network error and lets an abort through as an abort", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const offline = new ApiClient({ tokens: null, baseUrl: `http://127.0.0.1:${port}` });
    await expect(offline.get("/api/config", () => null)).rejects.toMatchObject({ kind: "network", status: 0, title: "Cannot reach the server" });

    handler = () => undefined; // never answers
    const controller = new AbortController();
    const pending = new ApiClient({ tokens: null, baseUrl }).get("/api/me", decodeMe, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });
});
