// A local Bot Connector stand-in: the REST surface the bot calls to post into a conversation
// (POST {serviceUrl}/v3/conversations/{conversationId}/activities), on loopback. It records every request
// and can be told to fail the next calls for a conversation (status, Retry-After, Bot Connector error code)
// or to hold answers back until the test releases them.
import express from "express";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";

export interface ReceivedActivity {
  conversationId: string;
  authorization: string | undefined;
  activity: Record<string, unknown> & {
    type?: string;
    summary?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
  };
}

export interface ScriptedFailure {
  status: number;
  retryAfter?: string;
  code?: string;
}

export interface ConnectorStandIn {
  /** Base URL to use as the activity serviceUrl, e.g. http://127.0.0.1:1234/amer */
  serviceUrl: string;
  received: ReceivedActivity[];
  /** Every attempt, including failed ones. */
  attempts: Array<{ conversationId: string; status: number }>;
  failNext(conversationId: string, ...failures: ScriptedFailure[]): void;
  /** Holds answers until release() (to show callers do not wait for delivery). */
  hold(): void;
  release(): void;
  /** Resolves once `count` activities have been accepted. */
  waitForActivities(count: number): Promise<ReceivedActivity[]>;
  stop(): Promise<void>;
}

export async function startConnectorStandIn(): Promise<ConnectorStandIn> {
  const app = express();
  const received: ReceivedActivity[] = [];
  const attempts: ConnectorStandIn["attempts"] = [];
  const scripted = new Map<string, ScriptedFailure[]>();
  const waiters: Array<{ count: number; resolve: (r: ReceivedActivity[]) => void }> = [];
  let gate: Promise<void> | null = null;
  let openGate: (() => void) | null = null;
  let nextId = 1;

  app.post(/^\/amer\/v3\/conversations\/([^/]+)\/activities$/, express.json(), async (req, res) => {
    const conversationId = decodeURIComponent(req.params[0] ?? "");
    if (gate) await gate;
    const failure = scripted.get(conversationId)?.shift();
    if (failure) {
      attempts.push({ conversationId, status: failure.status });
      if (failure.retryAfter !== undefined) res.setHeader("Retry-After", failure.retryAfter);
      res.status(failure.status).json({ error: { code: failure.code ?? "ServiceError", message: "scripted failure" } });
      return;
    }
    attempts.push({ conversationId, status: 201 });
    received.push({ conversationId, authorization: req.headers.authorization, activity: req.body as ReceivedActivity["activity"] });
    for (const waiter of [...waiters]) {
      if (received.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve([...received]);
      }
    }
    res.status(201).json({ id: `activity-${nextId++}` });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/amer`,
    received,
    attempts,
    failNext: (conversationId, ...failures) => scripted.set(conversationId, [...(scripted.get(conversationId) ?? []), ...failures]),
    hold: () => {
      gate = new Promise((resolve) => (openGate = resolve));
    },
    release: () => {
      openGate?.();
      gate = null;
    },
    waitForActivities: (count) =>
      received.length >= count ? Promise.resolve([...received]) : new Promise((resolve) => waiters.push({ count, resolve })),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
