// `npm run devtenant -- [--seed N] [--users N] [--port P] [--fixture PATH]`: runs only the dev tenant and prints
// one JSON line with everything a tool needs to point at it. Stops cleanly on SIGINT/SIGTERM.
import { pathToFileURL } from "node:url";
import type { DevTenant, DevTenantOptions } from "./index.js";

export class CliUsageError extends Error {}

const USAGE = "usage: npm run devtenant -- [--seed N] [--users N] [--port P] [--fixture PATH] [--state-dir DIR]";

function integerFlag(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || raw.startsWith("--")) throw new CliUsageError(`${flag} needs a value`);
  if (!/^-?\d+$/.test(raw)) throw new CliUsageError(`${flag} must be an integer; got '${raw}'`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new CliUsageError(`${flag} must be from ${min} to ${max}; got ${raw}`);
  return n;
}

function stringFlag(flag: string, raw: string | undefined): string {
  if (raw === undefined || raw === "" || raw.startsWith("--")) throw new CliUsageError(`${flag} needs a value`);
  return raw;
}

export function parseCliArgs(argv: readonly string[]): DevTenantOptions {
  const options: DevTenantOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--seed":
        options.seed = integerFlag(flag, value(), -(2 ** 31), 2 ** 32 - 1);
        break;
      case "--users":
        options.users = integerFlag(flag, value(), 1, 250_000);
        break;
      case "--port":
        options.port = integerFlag(flag, value(), 0, 65535);
        break;
      case "--fixture":
        options.fixturePath = stringFlag(flag, value());
        break;
      case "--state-dir":
        options.stateDir = stringFlag(flag, value());
        break;
      default:
        throw new CliUsageError(`unknown flag '${arg}'`);
    }
  }
  return options;
}

export function describeForTools(dev: DevTenant): Record<string, unknown> {
  const primary = dev.tenants[0];
  if (!primary) throw new Error("The dev tenant has no tenants");
  return {
    url: dev.url,
    graphUrl: dev.graphBaseUrl,
    authorityHost: dev.authorityHost,
    authority: `${dev.authorityHost}/${primary.tenantId}`,
    tokenUrl: `${dev.authorityHost}/${primary.tenantId}/oauth2/v2.0/token`,
    caCertPath: dev.caCertPath,
    clientId: dev.app.clientId,
    clientSecret: dev.app.clientSecret,
    tenantIds: dev.tenants.map((t) => t.tenantId),
    tenants: dev.tenants,
  };
}

async function main(): Promise<void> {
  let options: DevTenantOptions;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`devtenant: ${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  // Loaded after the flags are checked, so a usage error answers at once.
  const { startDevTenant } = await import("./index.js");
  const dev = await startDevTenant(options);
  process.stdout.write(`${JSON.stringify(describeForTools(dev))}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    dev.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`devtenant: stop failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error: unknown) => {
    process.stderr.write(`devtenant: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
