// How the real SDKs are pointed at the dev tenant — configuration only, TLS verification on (the dev CA is
// trusted explicitly). The product's adapters copy this wiring; see src/devtenant/README.md.
import { ConfidentialClientApplication, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from "@azure/msal-node";
import { Client, GraphError, type AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import { Agent, fetch as undiciFetch } from "undici";
import type { DevTenant } from "../../src/devtenant/index.js";

/** An undici dispatcher that trusts the dev CA in addition to nothing else (loopback only). */
export function devTenantAgent(tenant: Pick<DevTenant, "caCertPem">): Agent {
  return new Agent({ connect: { ca: tenant.caCertPem } });
}

/** msal-node's INetworkModule over undici with the dev CA (msal-node 5 uses global fetch, which cannot take a CA). */
export function msalNetworkClient(agent: Agent): INetworkModule {
  const send = async (url: string, method: "GET" | "POST", options?: NetworkRequestOptions): Promise<NetworkResponse<unknown>> => {
    const response = await undiciFetch(url, { method, headers: options?.headers, body: method === "POST" ? (options?.body ?? "") : undefined, dispatcher: agent });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    return { headers, body: await response.json(), status: response.status };
  };
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send(url, "GET", options) as Promise<NetworkResponse<T>>,
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send(url, "POST", options) as Promise<NetworkResponse<T>>,
  };
}

export function msalApp(tenant: DevTenant, tenantId: string, agent: Agent, app: { clientId: string; clientSecret: string } = tenant.app): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      authority: `${tenant.authorityHost}/${tenantId}`,
      knownAuthorities: [new URL(tenant.authorityHost).host],
    },
    system: { networkClient: msalNetworkClient(agent) },
  });
}

export function appOnlyAuthProvider(cca: ConfidentialClientApplication): AuthenticationProvider {
  return {
    async getAccessToken(): Promise<string> {
      const result = await cca.acquireTokenByClientCredential({ scopes: ["https://graph.microsoft.com/.default"] });
      if (!result) throw new Error("msal returned no token");
      return result.accessToken;
    },
  };
}

export function graphClient(tenant: DevTenant, agent: Agent, authProvider: AuthenticationProvider): Client {
  return Client.initWithMiddleware({
    authProvider,
    baseUrl: tenant.url,
    customHosts: new Set([new URL(tenant.url).hostname]),
    fetchOptions: { dispatcher: agent },
  });
}

/** Awaits a Graph SDK call that must fail and returns its GraphError (anything else is rethrown). */
export async function graphError(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error("expected a GraphError");
}
