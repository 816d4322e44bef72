// Real headless Chromium for the browser tests and the tab benchmark. Default: the binary shipped in
// @sparticuz/chromium (unpacked to the OS temp dir on first use), so a fresh machine needs no browser
// download. CHROMIUM_EXECUTABLE_PATH (e.g. /usr/bin/chromium) overrides it.
import { tmpdir } from "node:os";
import { join } from "node:path";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser, type BrowserContext, type Request } from "playwright-core";
import { withFileLock } from "./file-lock.js";

// No WebGL is needed: skips unpacking SwiftShader and makes chromium.args disable WebGL.
chromium.setGraphicsMode = false;

// @sparticuz/chromium targets AWS Lambda. Two kinds of its flags go:
// - it switches the web security model off; our tests must see the browser as people have it
//   (same-origin policy, CSP, mixed-content blocking);
// - --single-process (needed inside Lambda's sandbox) makes Chromium exit when a browser context
//   closes, and every test uses its own context.
const DROPPED_FLAGS = new Set(["--disable-web-security", "--allow-running-insecure-content", "--single-process"]);

const EXTRA_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

async function executablePath(): Promise<string> {
  const override = process.env.CHROMIUM_EXECUTABLE_PATH;
  if (override) return override;
  // Parallel test files must not unpack the binary at the same time (a half-written file would launch).
  return withFileLock(join(tmpdir(), "reverse-mentorship-chromium.lock"), () => chromium.executablePath());
}

export async function launchBrowser(): Promise<Browser> {
  const args = [...chromium.args.filter((a) => !DROPPED_FLAGS.has(a)), ...EXTRA_FLAGS];
  return playwright.launch({ executablePath: await executablePath(), args, headless: true });
}

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === "data:" || protocol === "blob:" || protocol === "about:") return true;
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/**
 * Nothing may leave the machine: requests to any other host are aborted and recorded, so a test can
 * also assert that the tab itself never tries (teams-js, for one, fetches a CDN list when loaded).
 */
export async function confineToLoopback(context: BrowserContext): Promise<{ blocked: string[] }> {
  const blocked: string[] = [];
  await context.route(
    (url) => !isLoopback(url.toString()),
    (route) => {
      blocked.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return { blocked };
}

export type { Browser, BrowserContext, Request };
