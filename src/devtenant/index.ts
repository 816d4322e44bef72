// startDevTenant(): the local Microsoft 365 stand-in — seeded organisations, an Entra-like identity service and
// a Graph v1.0 simulator over HTTPS (own CA), with fault injection and request counters. See README.md.
import { mkdtemp, writeFile } from "node:fs/promises";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCalendarService } from "./calendar/index.js";
import { createDevClock } from "./clock.js";
import { createRequestCounters } from "./counters.js";
import { DevRequestError, devRoutes } from "./dev-routes.js";
import { createDirectory, type DevDirectoryMutable } from "./directory/directory-store.js";
import { createSignInLog } from "./directory/sign-in-log.js";
import { createFaultInjector, type FaultConfig } from "./faults.js";
import { batchRoutes } from "./graph/batch.js";
import { calendarRoutes, devCalendarRoutes } from "./graph/calendar-routes.js";
import { deltaRoutes } from "./graph/delta-routes.js";
import { directoryRoutes } from "./graph/directory-routes.js";
import { generateGroups, groupsFromFixture } from "./groups/generate-groups.js";
import { createGroupDirectory, type DevGroup, type DevGroupDirectory } from "./groups/group-directory.js";
import { groupRoutes } from "./groups/group-routes.js";
import { createPageTokenCodec } from "./graph/page-token.js";
import { createAppRegistry } from "./identity/app-registry.js";
import { identityRoutes } from "./identity/identity-routes.js";
import { createKeyRing } from "./identity/signing-keys.js";
import { createTokenService } from "./identity/token-service.js";
import type { DevClock, DevPerson, DevTenantInfo } from "./model.js";
import { loadFixture } from "./org/fixture.js";
import { generateOrg, mailNickname } from "./org/generate.js";
import { createRng, deriveSeed, seededGuid } from "./rng.js";
import { createDevTenantApp } from "./server.js";
import { createCertificateAuthority } from "./tls.js";

export type { FaultConfig } from "./faults.js";
export type { DevDirectoryMutable, PersonPatch, RemovalReason } from "./directory/directory-store.js";
export type { DevGroup, DevGroupDirectory } from "./groups/group-directory.js";
export type { DevBusyBlock, DevClock, DevDirectoryView, DevPerson, DevTenantInfo, DevWorkingHours, GraphCallContext } from "./model.js";

export interface DevTenantOptions {
  /** Seed of every generated thing (org, ids, faults). Default 42. */
  seed?: number;
  /** Primary tenant size. Default 2000. */
  users?: number;
  /** Replaces the generated primary tenant with a JSON fixture (see org/fixture.schema.json). */
  fixturePath?: string;
  /** More tenants for isolation tests. Default [{ displayName: "Fabrikam", users: 60 }]. */
  extraTenants?: Array<{ displayName: string; users: number; seed?: number }>;
  /** 0 = a random free port (default). */
  port?: number;
  /** Loopback only: "127.0.0.1" (default), "localhost" or "::1". */
  host?: string;
  faults?: Partial<FaultConfig>;
  /** Where ca.pem is written; default a fresh temp directory. */
  stateDir?: string;
}

export interface DevTenant {
  /** "https://127.0.0.1:PORT" */
  url: string;
  /** `${url}/v1.0` */
  graphBaseUrl: string;
  /** = url; a tenant's authority is `${authorityHost}/${tenantId}`. */
  authorityHost: string;
  caCertPem: string;
  caCertPath: string;
  /** The product's app registration, consented in every dev tenant. */
  app: { clientId: string; clientSecret: string };
  /** A registered app with no Graph consent: its tokens are valid, Graph answers 403. */
  unconsentedApp: { clientId: string; clientSecret: string };
  /** [0] = primary. */
  tenants: DevTenantInfo[];
  directory(tenantId: string): DevDirectoryMutable;
  /** The tenant's Entra groups (generated from the seed and the people at start; see groups/generate-groups.ts). */
  groups(tenantId: string): DevGroupDirectory;
  /** A "Teams SSO" token (aud = app.clientId, scp access_as_user) for a person; disabled accounts are refused. */
  signIn(tenantId: string, personIdOrUpn: string): Promise<string>;
  /** Leaf certificate signed by the dev CA (e.g. for the embedded Cosmos server). */
  issueServerCert(hostnames: string[]): { key: string; cert: string };
  counters(): Record<string, number>;
  resetCounters(): void;
  setFaults(f: Partial<FaultConfig>): void;
  /** Publishes a new next key and signs new tokens with the previously published next key. */
  rotateSigningKey(): Promise<void>;
  clock: DevClock;
  stop(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

interface TenantState {
  info: DevTenantInfo;
  directory: DevDirectoryMutable;
  generatedCalendars: boolean;
  /** Groups a fixture lists (else they are generated from the people). */
  fixtureGroups?: DevGroup[];
  /** Built on first use (most runs never read groups; 100k people take a while), from the people at start. */
  groups?: () => DevGroupDirectory;
}

function tenantId(seed: number, index: number): string {
  return seededGuid(createRng(deriveSeed(seed, `tenant:${index}`)));
}

function validateOptions(opts: DevTenantOptions): Required<Pick<DevTenantOptions, "seed" | "users" | "port" | "host">> {
  const seed = opts.seed ?? 42;
  const users = opts.users ?? 2000;
  const port = opts.port ?? 0;
  const host = opts.host ?? "127.0.0.1";
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer; got ${seed}`);
  if (!Number.isInteger(users) || users < 1) throw new RangeError(`users must be a positive integer; got ${users}`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer from 0 to 65535; got ${port}`);
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`The dev tenant listens on loopback only (127.0.0.1, localhost or ::1); refusing host '${host}'`);
  return { seed, users, port, host };
}

async function buildTenants(opts: DevTenantOptions, seed: number, users: number): Promise<TenantState[]> {
  const states: TenantState[] = [];
  if (opts.fixturePath) {
    const fixture = await loadFixture(opts.fixturePath);
    const info: DevTenantInfo = { tenantId: fixture.tenant.tenantId ?? tenantId(seed, 0), displayName: fixture.tenant.displayName, domain: fixture.tenant.domain };
    states.push({
      info,
      directory: createDirectory(info, seed, fixture.people, fixture.busy),
      generatedCalendars: false,
      ...(fixture.groups ? { fixtureGroups: groupsFromFixture(fixture.groups, info.domain) } : {}),
    });
  } else {
    const info: DevTenantInfo = { tenantId: tenantId(seed, 0), displayName: "Contoso", domain: "contoso.example" };
    const org = generateOrg({ seed, users, domain: info.domain, companyName: info.displayName });
    states.push({ info, directory: createDirectory(info, seed, org.people), generatedCalendars: true });
  }
  const extras = opts.extraTenants ?? [{ displayName: "Fabrikam", users: 60 }];
  extras.forEach((extra, i) => {
    const extraSeed = extra.seed ?? deriveSeed(seed, `extra:${i}`);
    const domain = `${mailNickname(extra.displayName) || `tenant${i + 1}`}.example`;
    const info: DevTenantInfo = { tenantId: tenantId(seed, i + 1), displayName: extra.displayName, domain };
    if (states.some((s) => s.info.domain === domain || s.info.tenantId === info.tenantId)) throw new Error(`Two dev tenants would share the domain ${domain}; give them different display names`);
    const org = generateOrg({ seed: extraSeed, users: extra.users, domain, companyName: extra.displayName });
    states.push({ info, directory: createDirectory(info, extraSeed, org.people), generatedCalendars: true });
  });
  return states;
}

function listen(server: https.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startDevTenant(opts: DevTenantOptions = {}): Promise<DevTenant> {
  const { seed, users, port, host } = validateOptions(opts);
  const tenantStates = await buildTenants(opts, seed, users);
  const byKey = new Map<string, TenantState>();
  for (const t of tenantStates) {
    byKey.set(t.info.tenantId.toLowerCase(), t);
    byKey.set(t.info.domain.toLowerCase(), t);
  }
  const findTenant = (idOrDomain: string): TenantState | undefined => byKey.get(idOrDomain.toLowerCase());
  for (const t of tenantStates) {
    // People are replaced, never mutated, on change: this snapshot keeps group membership as it was at start.
    const people = [...t.directory.people()];
    let built: DevGroupDirectory | undefined;
    t.groups = () => (built ??= createGroupDirectory(t.fixtureGroups ?? generateGroups({ seed: t.directory.seed, domain: t.info.domain, people })));
  }

  const ca = createCertificateAuthority();
  const stateDir = opts.stateDir ?? (await mkdtemp(join(tmpdir(), "devtenant-")));
  const caCertPath = join(stateDir, "ca.pem");
  await writeFile(caCertPath, ca.certPem, { mode: 0o644 });
  const serverCert = ca.issueServerCert(["127.0.0.1", "localhost", "::1"]);
  const server = https.createServer({ key: serverCert.key, cert: serverCert.cert });
  const address = await listen(server, port, host);
  const hostForUrl = address.family === "IPv6" ? `[${address.address}]` : host === "localhost" ? "localhost" : address.address;
  const origin = `https://${hostForUrl}:${address.port}`;

  const clock = createDevClock();
  const counters = createRequestCounters();
  const faults = createFaultInjector(seed, opts.faults);
  const keys = await createKeyRing();
  const apps = createAppRegistry(seed);
  const tokens = createTokenService(origin, keys, (tid) => findTenant(tid)?.info.tenantId === tid);
  const pageTokens = createPageTokenCodec();
  const signIns = createSignInLog();
  const directoryOf = (tid: string): DevDirectoryMutable | undefined => {
    const t = findTenant(tid);
    return t && t.info.tenantId.toLowerCase() === tid.toLowerCase() ? t.directory : undefined;
  };

  async function signInPerson(tid: string, personIdOrUpn: string): Promise<{ token: string; expiresOn: number; person: DevPerson }> {
    const tenant = findTenant(tid);
    if (!tenant) throw new DevRequestError(404, "notFound", "tenantId", `No dev tenant '${tid}'`);
    const person = tenant.directory.findPerson(personIdOrUpn);
    if (!person) throw new DevRequestError(404, "notFound", "user", `No user '${personIdOrUpn}' in tenant ${tenant.info.displayName}`);
    if (!person.accountEnabled) throw new DevRequestError(400, "userDisabled", "user", `The account of ${person.userPrincipalName} is disabled (AADSTS50057); disabled users cannot sign in.`);
    const issued = await tokens.issueUserToken(tenant.info, person, apps.product);
    signIns.record(tenant.info.tenantId, person.id, "interactive", new Date(clock.now()));
    return { token: issued.token, expiresOn: issued.expiresOn, person };
  }

  const calendar = createCalendarService({
    directory: directoryOf,
    clock,
    origin,
    seed,
    trustedCa: ca.certPem,
    generateCalendars: (tid) => findTenant(tid)?.generatedCalendars ?? true,
  });
  const batch = batchRoutes({ origin, caCertPem: ca.certPem, directory: directoryOf });
  const graphDeps = { origin, directory: directoryOf, tokens: pageTokens, now: () => clock.now(), signIns };
  const groupsOf = (tid: string): DevGroupDirectory | undefined => (directoryOf(tid) ? findTenant(tid)?.groups?.() : undefined);

  const app = createDevTenantApp({
    counters,
    faults,
    tokens,
    directory: directoryOf,
    identity: identityRoutes({
      authorityHost: origin,
      graphHost: `${origin}/v1.0`,
      keys,
      tokens,
      apps,
      onSignIn: (tid, userId) => signIns.record(tid, userId, "nonInteractive", new Date(clock.now())),
      tenant: (idOrDomain) => {
        const t = findTenant(idOrDomain);
        return t ? { info: t.info, findPerson: (idOrAddress: string) => t.directory.findPerson(idOrAddress) } : undefined;
      },
    }),
    dev: [
      devRoutes({
        tenants: tenantStates.map((t) => t.info),
        directory: directoryOf,
        faults,
        counters,
        clock,
        onClockAdvanced: () => calendar.onClockAdvanced(),
        rotateSigningKey: () => keys.rotate(),
        signIn: signInPerson,
      }),
      devCalendarRoutes(calendar),
    ],
    graph: [batch.router, deltaRoutes(graphDeps), directoryRoutes(graphDeps), groupRoutes({ ...graphDeps, groups: groupsOf }), calendarRoutes(calendar)],
    isBatchInner: (req) => batch.isInner(req),
    onError: (error, req) => {
      // Only the method and path: never headers (bearer tokens) or bodies (calendar subjects).
      process.stderr.write(`[devtenant] ${req.method} ${req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    },
  });
  server.on("request", app);
  calendar.start();

  let stopped: Promise<void> | null = null;
  return {
    url: origin,
    graphBaseUrl: `${origin}/v1.0`,
    authorityHost: origin,
    caCertPem: ca.certPem,
    caCertPath,
    app: { clientId: apps.product.clientId, clientSecret: apps.product.clientSecret },
    unconsentedApp: { clientId: apps.unconsented.clientId, clientSecret: apps.unconsented.clientSecret },
    tenants: tenantStates.map((t) => ({ ...t.info })),
    directory(tid: string): DevDirectoryMutable {
      const directory = directoryOf(tid);
      if (!directory) throw new Error(`No dev tenant with id ${tid}`);
      return directory;
    },
    groups(tid: string): DevGroupDirectory {
      const groups = groupsOf(tid);
      if (!groups) throw new Error(`No dev tenant with id ${tid}`);
      return groups;
    },
    async signIn(tid: string, personIdOrUpn: string): Promise<string> {
      return (await signInPerson(tid, personIdOrUpn)).token;
    },
    issueServerCert: (hostnames) => ca.issueServerCert(hostnames),
    counters: () => counters.snapshot(),
    resetCounters: () => counters.reset(),
    setFaults: (f) => void faults.set(f),
    rotateSigningKey: () => keys.rotate(),
    clock,
    stop(): Promise<void> {
      stopped ??= (async () => {
        await calendar.stop();
        await batch.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return stopped;
    },
  };
}

