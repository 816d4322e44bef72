// A webhook receiver on loopback for subscription tests: answers the validation handshake (correctly or
// in one of the ways Graph rejects), records notification POSTs, and can fail or stall on purpose.
import type { AddressInfo } from "node:net";
import { createServer, type IncomingMessage, type Server } from "node:http";

export type ValidationMode = "echo" | "wrongToken" | "status500" | "json" | "encoded";

export interface ReceivedPost {
  path: string;
  contentType: string;
  body: { value: Record<string, unknown>[] };
}

export interface Receiver {
  url(path?: string): string;
  validationMode: ValidationMode;
  /** Answer the next N notification POSTs with 500. */
  failNext: number;
  /** Wait this long before answering notifications. */
  delayMs: number;
  received: ReceivedPost[];
  validations: string[];
  /** Requests still being answered (a stalled one may finish after its sender gave up). */
  inFlight: number;
  notifications(path?: string): Record<string, unknown>[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: () => "",
    validationMode: "echo",
    failNext: 0,
    delayMs: 0,
    received: [],
    validations: [],
    inFlight: 0,
    notifications: (path) => receiver.received.filter((p) => path === undefined || p.path === path).flatMap((p) => p.body.value),
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    receiver.inFlight++;
    res.on("close", () => receiver.inFlight--);
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const body = await readBody(req);
      const token = url.searchParams.get("validationToken");
      if (token !== null) {
        receiver.validations.push(token);
        switch (receiver.validationMode) {
          case "echo":
            res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(token);
            return;
          case "encoded":
            res.writeHead(200, { "content-type": "text/plain" }).end(encodeURIComponent(token));
            return;
          case "wrongToken":
            res.writeHead(200, { "content-type": "text/plain" }).end("not the token");
            return;
          case "json":
            res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(token));
            return;
          case "status500":
            res.writeHead(500).end();
            return;
        }
      }
      if (receiver.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, receiver.delayMs));
      if (receiver.failNext > 0) {
        receiver.failNext--;
        res.writeHead(500).end();
        return;
      }
      receiver.received.push({ path: url.pathname, contentType: req.headers["content-type"] ?? "", body: JSON.parse(body) as ReceivedPost["body"] });
      res.writeHead(202).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  receiver.url = (path = "/hook") => `http://127.0.0.1:${port}${path}`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** Poll until the condition holds (deliveries are asynchronous); fails after `limitMs`. */
export async function eventually(condition: () => boolean, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
