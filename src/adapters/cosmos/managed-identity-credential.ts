// Cosmos DB data-plane access with the App Service managed identity, through msal-node's
// ManagedIdentityApplication (already a dependency for Entra tokens), shaped as the TokenCredential that
// @azure/cosmos accepts. Avoids pulling in @azure/identity for one credential type.
import type { CosmosClientOptions } from "@azure/cosmos";
import { ManagedIdentityApplication } from "@azure/msal-node";

type TokenCredential = NonNullable<CosmosClientOptions["aadCredentials"]>;

/** `userAssignedClientId` null = the system-assigned identity. */
export function createManagedIdentityCredential(userAssignedClientId: string | null): TokenCredential {
  const app = new ManagedIdentityApplication(userAssignedClientId ? { managedIdentityIdParams: { userAssignedClientId } } : {});
  return {
    async getToken(scopes) {
      const scope = Array.isArray(scopes) ? scopes[0] : scopes;
      if (!scope) throw new Error("A Cosmos DB token scope is required.");
      // Managed identity endpoints take a resource, not a scope: "https://x.documents.azure.com/.default" → resource.
      const result = await app.acquireToken({ resource: scope.replace(/\/\.default$/, "") });
      return { token: result.accessToken, expiresOnTimestamp: (result.expiresOn ?? new Date(Date.now() + 5 * 60_000)).getTime() };
    },
  };
}
