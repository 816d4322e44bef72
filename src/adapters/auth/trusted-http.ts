// Outbound HTTPS that trusts one extra certificate authority (the dev tenant's CA in embedded mode) in
// addition to the system roots. TLS verification always stays on: we add trust, never remove checks.
import { rootCertificates } from "node:tls";
import { Agent, fetch as undiciFetch } from "undici";

export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface TrustedHttp {
  /** fetch that verifies servers against the system roots plus the extra CA. */
  fetch: FetchFunction;
  /** The undici dispatcher behind `fetch`, for SDKs that take fetch options (Graph client); null = defaults. */
  dispatcher: Agent | null;
  close(): Promise<void>;
}

export function createTrustedHttp(extraCaPem: string | null): TrustedHttp {
  if (extraCaPem === null) {
    return { fetch: (input, init) => globalThis.fetch(input, init), dispatcher: null, close: async () => {} };
  }
  const dispatcher = new Agent({ connect: { ca: [...rootCertificates, extraCaPem] }, keepAliveTimeout: 10_000 });
  // undici's own fetch with its own Agent: one library version end to end, independent of Node's bundled copy.
  const trustedFetch: FetchFunction = async (input, init) =>
    (await undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response;
  return { fetch: trustedFetch, dispatcher, close: () => dispatcher.close() };
}
