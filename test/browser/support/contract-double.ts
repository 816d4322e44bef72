// INTERIM: a stand-in for the app server, used only while src/main.ts does not export startServer yet
// (issue 3 is being built in parallel). It serves dist/web like the real server (SPA fallback) and
// answers the four issue-3 contracts the tab uses — /api/config, /api/dev/people, /api/dev/signin,
// /api/me — with problem+json errors and 404 for every other /api route. app-target.ts switches to the
// real server as soon as it exists; then this file is deleted.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { webDistDir } from "./build-tab.js";

type Role = "employee" | "executive" | "admin";

interface Person {
  id: string;
  displayName: string;
  jobTitle: string;
  department: string;
  userPrincipalName: string;
  officeLocation: string;
  timeZone: string;
  windowsTimeZone: string;
  managerId: string | null;
  roles: Role[];
}

const TENANT = "11111111-2222-4333-8444-555555555555";
const person = (n: number, displayName: string, jobTitle: string, department: string, managerId: string | null, roles: Role[], office: string, tz: [string, string]): Person => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  displayName,
  jobTitle,
  department,
  userPrincipalName: `${displayName.toLowerCase().replace(/[^a-z]+/g, ".")}@contoso.example`,
  officeLocation: office,
  timeZone: tz[0],
  windowsTimeZone: tz[1],
  managerId,
  roles,
});

const SEATTLE: [string, string] = ["America/Los_Angeles", "Pacific Standard Time"];
const LONDON: [string, string] = ["Europe/London", "GMT Standard Time"];
const BANGALORE: [string, string] = ["Asia/Kolkata", "India Standard Time"];

const PEOPLE: Person[] = [
  person(1, "Avery Chen", "Chief Executive Officer", "Executive Office", null, ["employee", "executive"], "Seattle", SEATTLE),
  person(2, "Morgan Okafor", "Senior Vice President, Engineering", "Engineering", null, ["employee", "executive"], "London", LONDON),
  person(3, "Priya Raman", "HR Programme Manager", "Human Resources", null, ["employee", "admin"], "Bangalore", BANGALORE),
  person(4, "Jordan Silva", "Associate Software Engineer", "Engineering", null, ["employee"], "London", LONDON),
  person(5, "Sam Novak", "Data Analyst", "Finance", null, ["employee"], "Seattle", SEATTLE),
];
PEOPLE[1]!.managerId = PEOPLE[0]!.id;
PEOPLE[2]!.managerId = PEOPLE[0]!.id;
PEOPLE[3]!.managerId = PEOPLE[1]!.id;
PEOPLE[4]!.managerId = PEOPLE[1]!.id;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json",
};

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  send(res, status, "application/problem+json", JSON.stringify({ type: "about:blank", title, status, detail }));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
}

export interface ContractDouble {
  baseUrl: string;
  signIn(userId: string): string;
  stop(): Promise<void>;
}

export async function startContractDouble(options: { mode: "embedded" | "azure" }): Promise<ContractDouble> {
  const tokens = new Map<string, Person>();
  const issue = (p: Person): string => {
    const token = randomBytes(24).toString("hex");
    tokens.set(token, p);
    return token;
  };

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const embedded = options.mode === "embedded";
    if (req.method === "GET" && url.pathname === "/api/config") {
      return json(res, 200, { mode: options.mode, clientId: "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a", devSignIn: embedded });
    }
    if (embedded && req.method === "GET" && url.pathname === "/api/dev/people") {
      const role = url.searchParams.get("role") as Role;
      const limit = Number(url.searchParams.get("limit") ?? "20");
      const people = PEOPLE.filter((p) => (role === "employee" ? p.roles.length === 1 : p.roles.includes(role))).slice(0, limit);
      return json(res, 200, {
        tenantId: TENANT,
        people: people.map((p) => ({ id: p.id, displayName: p.displayName, jobTitle: p.jobTitle, department: p.department, userPrincipalName: p.userPrincipalName, role })),
      });
    }
    if (embedded && req.method === "POST" && url.pathname === "/api/dev/signin") {
      const body = (await readJson(req)) as { userId?: unknown } | null;
      const p = PEOPLE.find((x) => x.id === body?.userId);
      if (!p) return problem(res, 404, "Not found", "No such person in the dev tenant.");
      return json(res, 200, { token: issue(p), expiresOn: new Date(Date.now() + 3600_000).toISOString() });
    }
    if (req.method === "GET" && url.pathname === "/api/me") {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const p = token ? tokens.get(token) : undefined;
      if (!p) return problem(res, 401, "Unauthorized", "A valid bearer token is required.");
      const manager = PEOPLE.find((m) => m.id === p.managerId);
      return json(res, 200, {
        tenantId: TENANT,
        userId: p.id,
        displayName: p.displayName,
        userPrincipalName: p.userPrincipalName,
        mail: p.userPrincipalName,
        jobTitle: p.jobTitle,
        department: p.department,
        officeLocation: p.officeLocation,
        timeZone: p.timeZone,
        windowsTimeZone: p.windowsTimeZone,
        manager: manager ? { id: manager.id, displayName: manager.displayName } : null,
        roles: p.roles,
      });
    }
    return problem(res, 404, "Not Found", `No route ${req.method} ${url.pathname}.`);
  }

  async function file(res: ServerResponse, pathname: string): Promise<void> {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "");
    const candidate = join(webDistDir, relative);
    const inside = candidate.startsWith(webDistDir) && extname(candidate) !== "";
    const target = inside ? candidate : join(webDistDir, "index.html");
    try {
      return send(res, 200, CONTENT_TYPES[extname(target)] ?? "application/octet-stream", await readFile(target));
    } catch {
      if (inside) return problem(res, 404, "Not Found", "No such file.");
      throw new Error("dist/web/index.html is missing: build the tab first.");
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const work = url.pathname.startsWith("/api/") ? api(req, res, url) : file(res, url.pathname);
    work.catch((error: unknown) => problem(res, 500, "Internal Server Error", String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    signIn(userId) {
      const p = PEOPLE.find((x) => x.id === userId);
      if (!p) throw new Error(`No person ${userId}`);
      return issue(p);
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
