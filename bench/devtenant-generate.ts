/**
 * Dev tenant scale benchmark: `npx tsx bench/devtenant-generate.ts [--json FILE]` (or, once registered in
 * bench/run.ts, `npm run bench -- devtenant --json FILE`).
 *
 * - Generates 100,000 people (seed 42): seconds and the process's RSS. Target: a few seconds, RSS < 1.5 GB.
 * - Starts the dev tenant with 100,000 people and reads the whole directory the way the product does: every
 *   /users page at $top=999 with $select, then a full /users/delta round with manager@delta. Seconds and
 *   request counts over HTTPS (one token, one keep-alive connection).
 */
import { writeFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { Agent, request } from "undici";
import { startDevTenant } from "../src/devtenant/index.js";
import { generateOrg } from "../src/devtenant/org/generate.js";

export interface DevtenantBenchResult {
  users: number;
  generateSeconds: number;
  generateRssMB: number;
  startSeconds: number;
  usersPagingSeconds: number;
  usersPages: number;
  deltaRoundSeconds: number;
  deltaPages: number;
  peakRssMB: number;
}

const USERS = 100_000;
const TARGETS = { generateSeconds: 10, peakRssMB: 1536 };

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
const since = (t0: number): number => Math.round((performance.now() - t0) / 10) / 100;

async function getJson(url: string, agent: Agent, token: string): Promise<Record<string, unknown>> {
  const reply = await request(url, { dispatcher: agent, headers: { authorization: `Bearer ${token}` } });
  if (reply.statusCode !== 200) throw new Error(`GET ${url} → ${reply.statusCode}: ${await reply.body.text()}`);
  return (await reply.body.json()) as Record<string, unknown>;
}

export async function runDevtenantBench(opts: { json?: string } = {}): Promise<DevtenantBenchResult> {
  let peak = process.memoryUsage().rss;
  const sample = (): void => void (peak = Math.max(peak, process.memoryUsage().rss));
  const sampler = setInterval(sample, 50);
  try {
    let t0 = performance.now();
    const org = generateOrg({ seed: 42, users: USERS, domain: "contoso.example", companyName: "Contoso" });
    const generateSeconds = since(t0);
    sample();
    const generateRssMB = mb(process.memoryUsage().rss);
    if (org.people.length !== USERS) throw new Error("generator returned the wrong number of people");

    t0 = performance.now();
    const dev = await startDevTenant({ seed: 42, users: USERS, extraTenants: [] });
    const startSeconds = since(t0);
    const agent = new Agent({ connect: { ca: dev.caCertPem }, connections: 1 });
    try {
      const tid = dev.tenants[0]!.tenantId;
      const tokenReply = await request(`${dev.authorityHost}/${tid}/oauth2/v2.0/token`, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: dev.app.clientId, client_secret: dev.app.clientSecret, scope: "https://graph.microsoft.com/.default" }).toString(),
      });
      const token = ((await tokenReply.body.json()) as { access_token: string }).access_token;

      t0 = performance.now();
      let seen = 0;
      let usersPages = 0;
      for (let url: string | undefined = `${dev.graphBaseUrl}/users?$top=999&$select=id,displayName,jobTitle,department,mail`; url; ) {
        const page = await getJson(url, agent, token);
        seen += (page["value"] as unknown[]).length;
        usersPages++;
        url = page["@odata.nextLink"] as string | undefined;
      }
      const usersPagingSeconds = since(t0);
      if (seen !== USERS) throw new Error(`paged ${seen} users, expected ${USERS}`);

      t0 = performance.now();
      let deltaPages = 0;
      let deltaSeen = 0;
      for (let url: string | undefined = `${dev.graphBaseUrl}/users/delta?$select=displayName,jobTitle,department,manager`; url; ) {
        const page = await getJson(url, agent, token);
        deltaSeen += (page["value"] as unknown[]).length;
        deltaPages++;
        url = page["@odata.nextLink"] as string | undefined;
      }
      const deltaRoundSeconds = since(t0);
      if (deltaSeen !== USERS) throw new Error(`delta returned ${deltaSeen} users, expected ${USERS}`);
      sample();

      const result: DevtenantBenchResult = { users: USERS, generateSeconds, generateRssMB, startSeconds, usersPagingSeconds, usersPages, deltaRoundSeconds, deltaPages, peakRssMB: mb(peak) };
      console.log(`generate ${USERS} people: ${generateSeconds} s, RSS ${generateRssMB} MB (target < ${TARGETS.generateSeconds} s)`);
      console.log(`start dev tenant (${USERS} people + CA + keys): ${startSeconds} s`);
      console.log(`GET /users, $top=999: ${usersPages} pages in ${usersPagingSeconds} s`);
      console.log(`GET /users/delta round with manager@delta: ${deltaPages} pages in ${deltaRoundSeconds} s`);
      console.log(`peak RSS ${result.peakRssMB} MB (target < ${TARGETS.peakRssMB} MB)`);
      if (opts.json) await writeFile(opts.json, `${JSON.stringify(result, null, 2)}\n`);
      return result;
    } finally {
      await agent.close();
      await dev.stop();
    }
  } finally {
    clearInterval(sampler);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const jsonIndex = process.argv.indexOf("--json");
  const json = jsonIndex > 0 ? process.argv[jsonIndex + 1] : undefined;
  runDevtenantBench(json ? { json } : {}).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
