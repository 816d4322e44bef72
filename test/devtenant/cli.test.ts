// `npm run devtenant`: one JSON line with everything needed to point tools at it, usable as printed; bad flags
// exit 2 naming the flag; SIGTERM stops it cleanly.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "../../src/devtenant/cli.js";

const CLI = join(import.meta.dirname, "../../src/devtenant/cli.ts");

function runCli(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: join(import.meta.dirname, "../.."), stdio: "pipe" });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("parseCliArgs", () => {
  it("reads the documented flags, also in --flag=value form", () => {
    expect(parseCliArgs(["--seed", "7", "--users=300", "--port", "0", "--fixture", "org.json"])).toEqual({ seed: 7, users: 300, port: 0, fixturePath: "org.json" });
  });

  it("names the flag in every error", () => {
    expect(() => parseCliArgs(["--users", "lots"])).toThrow("--users must be an integer; got 'lots'");
    expect(() => parseCliArgs(["--port", "70000"])).toThrow("--port must be from 0 to 65535; got 70000");
    expect(() => parseCliArgs(["--seed"])).toThrow("--seed needs a value");
    expect(() => parseCliArgs(["--fixture", "--users", "3"])).toThrow("--fixture needs a value");
    expect(() => parseCliArgs(["--colour", "blue"])).toThrow("unknown flag '--colour'");
  });
});

describe("the devtenant command", () => {
  it("prints one JSON line that works as printed, and stops cleanly on SIGTERM", async () => {
    const child = runCli(["--users", "80", "--seed", "4"]);
    const exited = exitOf(child);
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`devtenant exited early with ${code}`)));
    });
    const info = JSON.parse(first) as Record<string, string | string[]>;
    expect(Object.keys(info)).toEqual(expect.arrayContaining(["graphUrl", "tokenUrl", "authority", "caCertPath", "clientId", "clientSecret", "tenantIds"]));
    expect(info["tenantIds"]).toHaveLength(2);
    expect(info["tokenUrl"]).toBe(`${info["authority"]}/oauth2/v2.0/token`);

    // Use it exactly as a tool would: trust the CA file, get an app token, call Graph.
    const agent = new Agent({ connect: { ca: readFileSync(info["caCertPath"] as string, "utf8") } });
    try {
      const token = await request(info["tokenUrl"] as string, {
        method: "POST",
        dispatcher: agent,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: info["clientId"] as string, client_secret: info["clientSecret"] as string, scope: "https://graph.microsoft.com/.default" }).toString(),
      });
      expect(token.statusCode).toBe(200);
      const { access_token: accessToken } = (await token.body.json()) as { access_token: string };
      const users = await request(`${info["graphUrl"]}/users?$top=999&$select=id`, { dispatcher: agent, headers: { authorization: `Bearer ${accessToken}` } });
      expect(((await users.body.json()) as { value: unknown[] }).value).toHaveLength(80);
    } finally {
      await agent.close();
    }

    child.kill("SIGTERM");
    expect(await exited).toEqual({ code: 0, signal: null });
  });

  it("exits with status 2 and names the flag when a flag is wrong", async () => {
    const child = runCli(["--users", "-5"]);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    expect((await exitOf(child)).code).toBe(2);
    expect(stderr).toContain("--users must be from 1 to 250000; got -5");
  });
});
