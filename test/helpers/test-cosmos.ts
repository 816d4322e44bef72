// An embedded Cosmos DB for data-layer tests: the real @azure/cosmos SDK over HTTPS to an in-process
// @vercel/cosmosdb-server whose certificate comes from a throwaway CA (trusted explicitly, never by turning
// TLS checks off). Each call gets its own database so test files cannot see each other's data.
import { randomUUID } from "node:crypto";
import { openCosmosDatabase, type CosmosDatabase } from "../../src/adapters/cosmos/cosmos-database.js";
import { startEmbeddedCosmos, type EmbeddedCosmos } from "../../src/adapters/cosmos/embedded-cosmos.js";
import { createCertificateAuthority } from "../../src/devtenant/tls.js";

export interface TestCosmos {
  server: EmbeddedCosmos;
  caCertPem: string;
  /** Opens one more client on the same database: a second "app instance". */
  connect(): Promise<CosmosDatabase>;
  db: CosmosDatabase;
  stop(): Promise<void>;
}

export async function startTestCosmos(): Promise<TestCosmos> {
  const ca = createCertificateAuthority("Test Cosmos CA");
  const server = await startEmbeddedCosmos(ca.issueServerCert(["127.0.0.1", "localhost"]));
  const database = `test-${randomUUID()}`;
  const opened: CosmosDatabase[] = [];
  const connect = async () => {
    const db = await openCosmosDatabase({ kind: "embedded", endpoint: server.endpoint, key: server.key, database, caCertPem: ca.certPem });
    opened.push(db);
    return db;
  };
  const db = await connect();
  return {
    server,
    caCertPem: ca.certPem,
    connect,
    db,
    stop: async () => {
      for (const d of opened) d.close();
      await server.stop();
    },
  };
}

/** A clock the test moves by hand (the app's Clock port), so lease expiry needs no waiting. */
export function manualClock(start = Date.UTC(2030, 0, 1)): { now(): number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
