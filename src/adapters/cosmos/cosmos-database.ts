// Opens the Cosmos DB database for the app: the client (key, managed identity or the embedded server),
// the database and every container from CONTAINERS created if missing, and a health probe.
import { Agent } from "node:https";
import { rootCertificates } from "node:tls";
import { CosmosClient, type Container, type CosmosClientOptions, type Database } from "@azure/cosmos";
import { UnavailableError } from "../../app/errors.js";
import { CONTAINER_DEFINITIONS, CONTAINERS, type ContainerName } from "./containers.js";
import { translateCosmosError } from "./cosmos-errors.js";
import { createManagedIdentityCredential } from "./managed-identity-credential.js";

export type CosmosConnection =
  /** caCertPem: one extra CA to trust (e.g. a TLS-inspecting proxy); null = system roots only. */
  | { kind: "key"; endpoint: string; key: string; database: string; caCertPem?: string | null }
  | { kind: "managedIdentity"; endpoint: string; clientId: string | null; database: string; caCertPem?: string | null }
  /** The embedded server: trust its CA explicitly; it runs in one region so endpoint discovery is off. */
  | { kind: "embedded"; endpoint: string; key: string; database: string; caCertPem: string };

export interface CosmosDatabase {
  client: CosmosClient;
  database: Database;
  container(name: ContainerName): Container;
  /** Reads the database: proves the account is reachable and the credentials work. */
  ping(): Promise<void>;
  close(): void;
}

export async function openCosmosDatabase(connection: CosmosConnection): Promise<CosmosDatabase> {
  const options: CosmosClientOptions = { endpoint: connection.endpoint, userAgentSuffix: "reverse-mentorship" };
  let agent: Agent | null = null;
  if (connection.caCertPem) {
    // Added to the system roots, not replacing them; verification stays on.
    agent = new Agent({ ca: [...rootCertificates, connection.caCertPem], keepAlive: true });
    options.agent = agent;
  }
  if (connection.kind === "key") options.key = connection.key;
  if (connection.kind === "managedIdentity") options.aadCredentials = createManagedIdentityCredential(connection.clientId);
  if (connection.kind === "embedded") {
    options.key = connection.key;
    options.connectionPolicy = { enableEndpointDiscovery: false };
  }
  const client = new CosmosClient(options);
  // Data-plane RBAC (managed identity) cannot create databases or containers: Bicep provisions them and we
  // only check they exist. With a key (or the embedded server) they are created if missing.
  const database =
    connection.kind === "managedIdentity" ? await verifySchema(client, connection.database) : await ensureSchema(client, connection.database);
  const containers = new Map(CONTAINER_DEFINITIONS.map((def) => [def.name, database.container(def.name)]));
  return {
    client,
    database,
    container: (name) => containers.get(CONTAINERS[name].name) as Container,
    ping: async () => {
      try {
        await database.read();
      } catch (error) {
        const translated = translateCosmosError(error, { container: connection.database });
        throw translated instanceof UnavailableError ? translated : new UnavailableError("The database did not answer as expected.", null, { cause: error });
      }
    },
    close: () => {
      client.dispose();
      agent?.destroy();
    },
  };
}

async function ensureSchema(client: CosmosClient, databaseId: string): Promise<Database> {
  try {
    const { database } = await client.databases.createIfNotExists({ id: databaseId });
    for (const def of CONTAINER_DEFINITIONS) {
      await database.containers.createIfNotExists({ id: def.name, partitionKey: { paths: [def.partitionKeyPath] } });
    }
    return database;
  } catch (error) {
    throw translateCosmosError(error, { container: databaseId });
  }
}

async function verifySchema(client: CosmosClient, databaseId: string): Promise<Database> {
  const database = client.database(databaseId);
  for (const def of CONTAINER_DEFINITIONS) {
    try {
      await database.container(def.name).read();
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) {
        throw new Error(`Cosmos DB container "${databaseId}/${def.name}" (partition key ${def.partitionKeyPath}) does not exist; provision it with infra/ (see infra/README.md).`, { cause: error });
      }
      throw translateCosmosError(error, { container: def.name });
    }
  }
  return database;
}
