// The Cosmos DB managed-identity credential (msal-node ManagedIdentityApplication) against a local stand-in
// of App Service's identity endpoint (IDENTITY_ENDPOINT / IDENTITY_HEADER, as App Service sets them).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManagedIdentityCredential } from "../../../src/adapters/cosmos/managed-identity-credential.js";

const requests: Array<{ resource: string | null; clientId: string | null; header: string | undefined }> = [];
let server: Server;
const expiresOn = Math.floor(Date.now() / 1000) + 3600;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ resource: url.searchParams.get("resource"), clientId: url.searchParams.get("client_id"), header: req.headers["x-identity-header"] as string | undefined });
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ access_token: `token-for-${url.searchParams.get("resource")}`, expires_on: String(expiresOn), resource: url.searchParams.get("resource"), token_type: "Bearer" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.IDENTITY_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  process.env.IDENTITY_HEADER = "app-service-identity-header";
});
afterAll(async () => {
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("managed identity credential for Cosmos DB", () => {
  it("turns the SDK's scope into a resource and returns the token with its expiry", async () => {
    const credential = createManagedIdentityCredential(null);
    const token = await credential.getToken("https://contoso-mentoring.documents.azure.com/.default");
    expect(token?.token).toBe("token-for-https://contoso-mentoring.documents.azure.com");
    // msal-node turns expires_on into expires_in against its own clock and back, so a second boundary
    // crossed in between moves the expiry by up to a second.
    expect(Math.abs((token?.expiresOnTimestamp ?? 0) - expiresOn * 1000)).toBeLessThanOrEqual(2000);
    expect(requests.at(-1)).toMatchObject({ resource: "https://contoso-mentoring.documents.azure.com", clientId: null, header: "app-service-identity-header" });
  });

  it("asks for a user-assigned identity by client id", async () => {
    const credential = createManagedIdentityCredential("11111111-2222-4333-8444-555555555555");
    await credential.getToken(["https://cosmos.azure.com/.default"]);
    expect(requests.at(-1)).toMatchObject({ resource: "https://cosmos.azure.com", clientId: "11111111-2222-4333-8444-555555555555" });
  });
});
