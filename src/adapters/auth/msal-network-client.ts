// msal-node's network module over our trusted fetch, so that msal reaches an authority whose certificate
// comes from an explicitly trusted CA (the dev tenant) without touching process-wide TLS settings.
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import type { FetchFunction } from "./trusted-http.js";

export function createMsalNetworkClient(fetchFn: FetchFunction): INetworkModule {
  async function send<T>(url: string, method: "GET" | "POST", options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> {
    const response = await fetchFn(url, {
      method,
      headers: options?.headers,
      body: method === "POST" ? (options?.body ?? "") : undefined,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    // msal reads error details (error, error_description, AADSTS codes) from the JSON body of 4xx answers too.
    const text = await response.text();
    let body: unknown;
    try {
      body = text === "" ? {} : JSON.parse(text);
    } catch {
      throw new Error(`The identity provider answered ${response.status} with a non-JSON body from ${new URL(url).origin}.`);
    }
    return { headers, body: body as T, status: response.status };
  }
  return {
    sendGetRequestAsync: (url, options, timeout) => send(url, "GET", options, timeout),
    sendPostRequestAsync: (url, options) => send(url, "POST", options),
  };
}
