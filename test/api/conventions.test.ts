// API conventions over real HTTP: problem+json for bad input, size limits, security headers, request ids,
// the OpenAPI document (valid, complete, and true to what the API answers), health, config, static tab.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/api/logger.js";
import { apiRoutes } from "../../src/api/routes/index.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
}

let t: TestApp;
const logLines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split("\n").filter((l) => l !== ""));
      done();
    },
  });
  t = await startTestApp({ logger: createLogger("debug", sink) });
});
afterAll(async () => t?.stop());

function expectProblem(res: { status: number; headers: Headers; body: unknown }, status: number, kind: string): Problem {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  const body = res.body as Problem;
  expect(body).toMatchObject({ type: `urn:reverse-mentorship:problem:${kind}`, status });
  expect(body.title).toMatch(/\S/);
  expect(body.detail).toMatch(/\S/);
  return body;
}

describe("problem+json", () => {
  it("names every failing body field", async () => {
    const res = await t.api("POST", "/api/dev/signin", { body: { userId: 42, tenantId: "not-a-guid" } });
    const problem = expectProblem(res, 400, "validation");
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(["tenantId", "userId"]);
    expect(problem.detail).toBe("Invalid fields: userId, tenantId.");
  });

  it("names failing query parameters with a query. prefix", async () => {
    const res = await t.api("GET", "/api/dev/people?role=boss&limit=0");
    const problem = expectProblem(res, 400, "validation");
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(["query.limit", "query.role"]);
  });

  it("validates query parameters of admin routes after authorising", async () => {
    const token = await t.signInAs("admin");
    const res = await t.api("GET", "/api/admin/jobs?limit=500&continuationToken=%%%", { token });
    expect(expectProblem(res, 400, "validation").errors?.map((e) => e.field).sort()).toEqual(["query.continuationToken", "query.limit"]);
    const path = await t.api("GET", "/api/admin/jobs/not%20an%20id", { token });
    expect(expectProblem(path, 400, "validation").errors?.[0]?.field).toBe("path.jobId");
  });

  it("rejects invalid JSON with a body field error", async () => {
    const res = await t.api("POST", "/api/dev/signin", { rawBody: '{"userId": ', headers: { "Content-Type": "application/json" } });
    expect(expectProblem(res, 400, "validation").errors).toEqual([{ field: "body", message: "Invalid JSON" }]);
  });

  it("rejects a body that is not JSON with 415", async () => {
    const res = await t.api("POST", "/api/dev/signin", { rawBody: "userId=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expectProblem(res, 415, "unsupported-media-type");
  });

  it("rejects an oversized body with 413 before parsing it", async () => {
    const res = await t.api("POST", "/api/dev/signin", { body: { userId: "x".repeat(200_000) } });
    expect(expectProblem(res, 413, "payload-too-large").detail).toMatch(/102400 bytes/);
  });

  it("answers unknown API paths with 404 problem", async () => {
    expectProblem(await t.api("GET", "/api/does-not-exist"), 404, "not-found");
    expectProblem(await t.api("DELETE", "/api/me"), 404, "not-found");
  });

  it("answers a dev sign-in for an unknown person with 404 problem", async () => {
    expectProblem(await t.api("POST", "/api/dev/signin", { body: { userId: "nobody@contoso.example" } }), 404, "not-found");
  });
});

describe("headers and logs", () => {
  it("sends security headers suitable for a Teams tab on every answer", async () => {
    for (const res of [await t.api("GET", "/api/config"), await t.api("GET", "/api/me")]) {
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      const ancestors = /frame-ancestors ([^;]*)/.exec(csp)?.[1]?.split(" ") ?? [];
      for (const host of ["https://teams.microsoft.com", "https://*.teams.microsoft.com", "https://*.office.com", "https://outlook.office.com", "https://*.cloud.microsoft"]) {
        expect(ancestors).toContain(host);
      }
      expect(res.headers.get("x-frame-options")).toBeNull();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-powered-by")).toBeNull();
      expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("echoes a well-formed X-Request-Id and replaces a malformed one", async () => {
    expect((await t.api("GET", "/api/config", { headers: { "X-Request-Id": "abc-123" } })).headers.get("x-request-id")).toBe("abc-123");
    expect((await t.api("GET", "/api/config", { headers: { "X-Request-Id": "bad id\u00e9" } })).headers.get("x-request-id")).not.toBe("bad id\u00e9");
  });

  it("logs one line per request with ids, and never a token", async () => {
    const token = await t.signInAs("executive");
    const res = await t.api("GET", "/api/me", { token, headers: { "X-Request-Id": "log-check-1" } });
    expect(res.status).toBe(200);
    await t.api("GET", "/api/me", { token: `${token.slice(0, -4)}AAAA` });
    await t.api("POST", "/api/dev/signin", { body: { userId: (await t.person("employee")).id } });
    const line = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.requestId === "log-check-1" && l.msg === "request");
    expect(line).toMatchObject({ method: "GET", route: "/api/me", status: 200, tenantId: t.tenantIds[0]!.toLowerCase() });
    const all = logLines.join("\n");
    expect(all).not.toContain(token.split(".")[2]!);
    expect(all).not.toContain(token.split(".")[1]!);
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
    expect(all).not.toContain(t.devTenant.app.clientSecret);
  });
});

describe("bootstrap endpoints", () => {
  it("GET /api/config tells the tab how to start", async () => {
    const res = await t.api("GET", "/api/config");
    expect(res.body).toEqual({ mode: "embedded", clientId: t.devTenant.app.clientId, devSignIn: true });
  });

  it("GET /healthz reports Cosmos reachable", async () => {
    const res = await t.api("GET", "/healthz");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", checks: { cosmos: "ok" } });
  });

  it("GET /api/dev/people lists people of the requested role in the primary tenant, or another tenant", async () => {
    const res = await t.api<{ tenantId: string; people: Array<{ role: string; jobTitle: string }> }>("GET", "/api/dev/people?role=executive&limit=3");
    expect(res.status).toBe(200);
    expect(res.body.tenantId).toBe(t.tenantIds[0]);
    expect(res.body.people).toHaveLength(3);
    expect(res.body.people.every((p) => p.role === "executive")).toBe(true);
    const other = await t.api<{ tenantId: string }>("GET", `/api/dev/people?role=employee&limit=1&tenantId=${t.tenantIds[1]}`);
    expect(other.body.tenantId).toBe(t.tenantIds[1]);
  });

  it("POST /api/dev/signin returns a token the API accepts", async () => {
    const who = await t.person("employee");
    const res = await t.api<{ token: string; expiresOn: string }>("POST", "/api/dev/signin", { body: { userId: who.userPrincipalName } });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.expiresOn)).toBeGreaterThan(Date.now());
    const me = await t.api<{ userId: string }>("GET", "/api/me", { token: res.body.token });
    expect(me.body.userId).toBe(who.id);
  });
});

describe("OpenAPI document", () => {
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string }>; security?: unknown; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, unknown> };
  };
  let ajv: Ajv2020;

  beforeAll(async () => {
    doc = (await t.api<typeof doc>("GET", "/api/openapi.json")).body;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: "openapi.json", components: doc.components });
  });

  it("is OpenAPI 3.1 and lists every mounted route once, with unique operationIds", () => {
    expect(doc.openapi).toBe("3.1.0");
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => `${method.toUpperCase()} ${path} ${op.operationId}`));
    const ids = operations.map((o) => o.split(" ")[2]);
    expect(new Set(ids).size).toBe(ids.length);
    const mounted = apiRoutes(t.server.deps).map((r) => `${r.method.toUpperCase()} ${r.path.replace(/:(\w+)/g, "{$1}")} ${r.operationId}`);
    expect(operations.sort()).toEqual(mounted.sort());
    // The foundation's own routes (other areas add theirs to the same list).
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /healthz getHealth",
        "GET /api/config getClientConfig",
        "GET /api/me getMe",
        "GET /api/admin/jobs listJobs",
        "GET /api/admin/jobs/{jobId} getJob",
        "GET /api/dev/people listDevPeople",
        "POST /api/dev/signin devSignIn",
        "GET /api/openapi.json getOpenApiDocument",
      ]),
    );
  });

  it("declares every path parameter, security on protected routes, and problem responses", () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
        expect(declared.sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        expect(op.responses["500"]).toBeDefined();
      }
    }
    expect(doc.paths["/api/me"]!.get!.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths["/api/me"]!.get!.responses["401"]).toBeDefined();
    expect(doc.paths["/api/admin/jobs"]!.get!.responses["403"]).toBeDefined();
    expect(doc.paths["/api/config"]!.get!.security).toBeUndefined();
    expect(doc.paths["/api/dev/signin"]!.post!.responses["413"]).toBeDefined();
  });

  it("contains only schemas that compile and references that resolve", () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"([^"]+)"/g) ?? [];
    for (const ref of refs) {
      const name = /#\/components\/schemas\/([^"]+)/.exec(ref)?.[1];
      expect(name && doc.components.schemas[name], ref).toBeTruthy();
    }
    for (const name of Object.keys(doc.components.schemas)) expect(() => ajv.getSchema(`openapi.json#/components/schemas/${name}`)).not.toThrow();
  });

  it("describes what the API really answers", async () => {
    const validate = (name: string, value: unknown) => {
      const check = ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
      expect(check(value), JSON.stringify(check.errors)).toBe(true);
    };
    validate("Me", (await t.api("GET", "/api/me", { token: await t.signInAs("executive") })).body);
    validate("ClientConfig", (await t.api("GET", "/api/config")).body);
    validate("Health", (await t.api("GET", "/healthz")).body);
    validate("DevPeople", (await t.api("GET", "/api/dev/people?role=admin")).body);
    validate("Problem", (await t.api("GET", "/api/me")).body);
    validate("JobPage", (await t.api("GET", "/api/admin/jobs", { token: await t.signInAs("admin") })).body);
  });
});

describe("static tab", () => {
  let web: TestApp;

  beforeAll(async () => {
    const root = await mkdtemp(join(tmpdir(), "web-"));
    await mkdir(join(root, "assets"));
    await writeFile(join(root, "index.html"), "<!doctype html><title>tab</title><div id=root></div>");
    await writeFile(join(root, "assets", "index-abc123.js"), "console.log('tab')");
    web = await startTestApp({ devTenant: t.devTenant, webRoot: root });
  });
  afterAll(async () => web?.stop());

  it("serves index.html at / and for deep links, assets with long caching", async () => {
    for (const path of ["/", "/admin/cohorts/42"]) {
      const res = await web.api("GET", path, { headers: { Accept: "text/html" } });
      expect(res.status).toBe(200);
      expect(res.text).toContain("<title>tab</title>");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors");
    }
    const asset = await web.api("GET", "/assets/index-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
  });

  it("never answers API paths with the tab", async () => {
    expectProblem(await web.api("GET", "/api/nothing", { headers: { Accept: "text/html" } }), 404, "not-found");
  });

  it("answers 404 problem at / when the tab is not built", async () => {
    expectProblem(await t.api("GET", "/", { headers: { Accept: "text/html" } }), 404, "not-found");
  });
});
