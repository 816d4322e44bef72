import type { Response } from "express";
import { randomUUID } from "node:crypto";

/** Graph's error body: `{ error: { code, message, innerError: { date, request-id, client-request-id } } }`. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; "request-id": string; "client-request-id": string };
  };
}

export function graphErrorBody(code: string, message: string, requestId: string = randomUUID(), now: Date = new Date()): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        // Graph prints the date without fractional seconds.
        date: now.toISOString().replace(/\.\d{3}Z$/, ""),
        "request-id": requestId,
        "client-request-id": requestId,
      },
    },
  };
}

export function sendGraphError(res: Response, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const requestId = String(res.locals["requestId"] ?? randomUUID());
  res.status(status).set({ "Cache-Control": "no-cache", "request-id": requestId, "client-request-id": requestId, ...headers }).json(graphErrorBody(code, message, requestId));
}
