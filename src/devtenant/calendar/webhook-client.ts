// Outbound HTTP to subscribers: the validation handshake and notification POSTs. The dev tenant must never
// contact anything but this machine, so every URL is checked to be loopback before a request is made.
// HTTPS receivers are verified against the system roots plus the dev CA (never with verification off).
import { isIP } from "node:net";
import { rootCertificates } from "node:tls";
import { Agent, fetch } from "undici";

export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
}

const LOOPBACK_NAMES = new Set(["localhost", "localhost.", "ip6-localhost"]);

/** True for 127.0.0.0/8, ::1 (and v4-mapped loopback) and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (LOOPBACK_NAMES.has(host)) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) return host === "::1" || /^::ffff:127\./.test(host) || host === "0:0:0:0:0:0:0:1";
  return false;
}

export type UrlProblem = "invalid" | "scheme" | "notLoopback";

/** Why a notification URL cannot be used (https required; http allowed on loopback; loopback only). */
export function notificationUrlProblem(raw: string): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "invalid";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "scheme";
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === "http:" && !loopback) return "scheme";
  return loopback ? null : "notLoopback";
}

export class WebhookClient {
  private readonly agent: Agent;

  constructor(trustedCaPem?: string) {
    const ca = trustedCaPem === undefined ? undefined : [...rootCertificates, trustedCaPem];
    this.agent = new Agent({ connect: ca === undefined ? {} : { ca }, keepAliveTimeout: 1_000 });
  }

  /** POST to a loopback URL with a timeout. Rejects (without sending) for any non-loopback URL. */
  async post(url: string, body: string, contentType: string, timeoutMs: number): Promise<WebhookResponse> {
    if (notificationUrlProblem(url) !== null) throw new Error("refusing to contact a non-loopback URL");
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": contentType },
      body,
      dispatcher: this.agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: text };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
