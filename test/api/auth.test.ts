// Bearer authentication and roles over real HTTP: the app on port 0, the dev tenant's real tokens and JWKS.
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrustedHttp } from "../../src/adapters/auth/trusted-http.js";
import { startTestApp, type TestApp } from "../helpers/test-app.js";

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  check?: string;
}

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

async function expect401(token: string | undefined, check: string, detail: RegExp, headers?: Record<string, string>) {
  const res = await t.api<Problem>("GET", "/api/me", { token, headers });
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: "urn:reverse-mentorship:problem:unauthenticated", status: 401, check });
  expect(res.body.detail).toMatch(detail);
  expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  // The token never comes back in the answer.
  if (token) expect(res.text).not.toContain(token.split(".")[2]);
  return res;
}

/** A token with the same claims and kid as a real one, signed with a key the tenant never published. */
async function forge(real: string, changes: Record<string, unknown> = {}): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  const header = decodeProtectedHeader(real);
  return new SignJWT({ ...decodeJwt(real), ...changes }).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: header.kid }).sign(privateKey);
}

describe("GET /api/me", () => {
  it("returns the signed-in person from the token and the directory", async () => {
    const who = await t.person("executive");
    const token = await t.signIn(who.id);
    const res = await t.api<Record<string, unknown>>("GET", "/api/me", { token });
    expect(res.status).toBe(200);
    const person = t.devTenant.directory(t.tenantIds[0]!).findPerson(who.id)!;
    const manager = person.managerId ? t.devTenant.directory(t.tenantIds[0]!).findPerson(person.managerId) : undefined;
    expect(res.body).toEqual({
      tenantId: t.tenantIds[0]!.toLowerCase(),
      userId: person.id,
      displayName: person.displayName,
      userPrincipalName: person.userPrincipalName,
      mail: person.mail,
      jobTitle: person.jobTitle,
      department: person.department,
      officeLocation: person.officeLocation,
      windowsTimeZone: person.timeZone,
      timeZone: expect.stringMatching(/^[A-Za-z_]+\/[A-Za-z_/-]+$|^Etc\/UTC$/),
      manager: manager ? { id: manager.id, displayName: manager.displayName } : null,
      roles: ["employee", "executive"],
    });
  });

  it("gives employees only the employee role and admins the admin role", async () => {
    const employee = await t.api<{ roles: string[] }>("GET", "/api/me", { token: await t.signInAs("employee") });
    expect(employee.body.roles).toEqual(["employee"]);
    const admin = await t.api<{ roles: string[] }>("GET", "/api/me", { token: await t.signInAs("admin") });
    expect(admin.body.roles).toContain("admin");
    expect(admin.body.roles[0]).toBe("employee");
  });

  it("converts Windows time zones to canonical IANA zones", async () => {
    const people = t.devTenant.directory(t.tenantIds[0]!).people();
    const indian = people.find((p) => p.timeZone === "India Standard Time" && p.hasMailbox && p.accountEnabled);
    expect(indian, "the dev org has offices in India").toBeDefined();
    const res = await t.api<{ timeZone: string; windowsTimeZone: string }>("GET", "/api/me", { token: await t.signIn(indian!.id) });
    expect(res.body).toMatchObject({ timeZone: "Asia/Kolkata", windowsTimeZone: "India Standard Time" });
  });

  it("answers a person without a mailbox or manager with nulls rather than an error", async () => {
    const who = await t.person("employee", undefined, 3);
    const directory = t.devTenant.directory(t.tenantIds[0]!);
    const original = directory.findPerson(who.id)!;
    directory.update(who.id, { hasMailbox: false, managerId: null });
    try {
      const res = await t.api<Record<string, unknown>>("GET", "/api/me", { token: await t.signIn(who.id) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: who.id, timeZone: null, windowsTimeZone: null, manager: null, roles: ["employee"] });
    } finally {
      directory.update(who.id, { hasMailbox: original.hasMailbox, managerId: original.managerId });
    }
  });

  it("answers 404 problem when the signed-in person no longer exists in the directory", async () => {
    const who = await t.person("employee", undefined, 4);
    const token = await t.signIn(who.id);
    t.devTenant.directory(t.tenantIds[0]!).remove(who.id, "deleted");
    const res = await t.api<Problem>("GET", "/api/me", { token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ type: "urn:reverse-mentorship:problem:not-found", status: 404 });
  });

  it("rejects a request without a token", async () => {
    const res = await expect401(undefined, "missing", /No bearer token/);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api"');
  });

  it("rejects a malformed Authorization header and a non-JWT token", async () => {
    await expect401(undefined, "malformed", /Bearer <token>/, { Authorization: "Basic dXNlcjpwYXNz" });
    await expect401("not.a.jwt", "malformed", /well-formed JWT/);
  });

  it("rejects a forged token (right claims, wrong signing key)", async () => {
    const forged = await forge(await t.signInAs("employee"));
    const res = await expect401(forged, "signature", /signature/);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("rejects a real token whose payload was altered", async () => {
    const [header, payload, signature] = (await t.signInAs("employee")).split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, roles: ["Program.Admin"] })).toString("base64url");
    await expect401(`${header}.${altered}.${signature}`, "signature", /signature/);
  });

  it("rejects a token of an unknown tenant before fetching any keys", async () => {
    const forged = await forge(await t.signInAs("employee"), { tid: "99999999-9999-4999-8999-999999999999" });
    await expect401(forged, "tenant", /99999999-9999-4999-8999-999999999999 is not allowed/);
  });

  it("rejects a validly signed token issued for another audience (an app-only Graph token)", async () => {
    const http = createTrustedHttp(t.devTenant.caCertPem);
    try {
      const response = await http.fetch(`${t.devTenant.authorityHost}/${t.tenantIds[0]}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: t.devTenant.app.clientId, client_secret: t.devTenant.app.clientSecret, scope: "https://graph.microsoft.com/.default" }),
      });
      const { access_token } = (await response.json()) as { access_token: string };
      await expect401(access_token, "audience", /another audience \(https:\/\/graph\.microsoft\.com\)/);
    } finally {
      await http.close();
    }
  });

  it("rejects an expired token and a token that is not valid yet (the app's clock moved)", async () => {
    const token = await t.signInAs("employee");
    const later = await startTestApp({ devTenant: t.devTenant, clock: { now: () => Date.now() + 2 * 3600_000 } });
    const earlier = await startTestApp({ devTenant: t.devTenant, clock: { now: () => Date.now() - 3600_000 } });
    try {
      const expired = await later.api<Problem>("GET", "/api/me", { token });
      expect(expired.status).toBe(401);
      expect(expired.body).toMatchObject({ check: "expired" });
      expect(expired.body.detail).toMatch(/expired at \d{4}-\d\d-\d\dT/);
      const early = await earlier.api<Problem>("GET", "/api/me", { token });
      expect(early.status).toBe(401);
      expect(early.body.check).toBe("not-yet-valid");
    } finally {
      await later.stop();
      await earlier.stop();
    }
  });

  it("keeps accepting tokens after the tenant rotates its signing key", async () => {
    const before = await t.signInAs("employee");
    await t.devTenant.rotateSigningKey();
    const after = await t.signInAs("employee");
    expect(decodeProtectedHeader(after).kid).not.toBe(decodeProtectedHeader(before).kid);
    expect((await t.api("GET", "/api/me", { token: after })).status).toBe(200);
  });
});

describe("admin routes", () => {
  it("answer 403 problem to signed-in non-admins and 200 to admins", async () => {
    for (const role of ["employee", "executive"] as const) {
      const res = await t.api<Problem>("GET", "/api/admin/jobs", { token: await t.signInAs(role) });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: "urn:reverse-mentorship:problem:forbidden", status: 403 });
      expect(res.body.detail).toMatch(/Program\.Admin/);
    }
    const admin = await t.api<{ items: unknown[] }>("GET", "/api/admin/jobs", { token: await t.signInAs("admin") });
    expect(admin.status).toBe(200);
    expect(admin.body.items).toEqual([]);
  });

  it("answer 401 (not 403) without a token", async () => {
    expect((await t.api("GET", "/api/admin/jobs")).status).toBe(401);
  });
});
