// The embedded Cosmos DB for `npm start`, tests and benchmarks: @vercel/cosmosdb-server in this process,
// over HTTPS with a certificate issued by the dev tenant's CA, reached through the real @azure/cosmos SDK.
// Data lives in memory only and is gone when the process stops.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createHttpsServer } from "@vercel/cosmosdb-server";

export interface EmbeddedCosmos {
  endpoint: string;
  /** The server ignores keys, but the SDK requires a base64 master key. */
  key: string;
  stop(): Promise<void>;
}

export async function startEmbeddedCosmos(tls: { key: string; cert: string }, port = 0): Promise<EmbeddedCosmos> {
  // keepAlive: without it the server answers `Connection: close`, so every SDK request paid a new TLS
  // handshake (and the client a new secure context with the whole CA list): most of a bulk write's time.
  const server = createHttpsServer({ key: tls.key, cert: tls.cert, keepAlive: true });
  // The SDK's agent keeps idle sockets without a timeout; a server closing them after Node's default 5 s
  // would race the client's next request on that socket (ECONNRESET on a write). stop() closes them all.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Loopback only: the embedded database has no authentication.
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    endpoint: `https://127.0.0.1:${actualPort}`,
    key: randomBytes(32).toString("base64"),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets of the SDK's agent would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
