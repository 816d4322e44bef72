// Posts a message into a stored conversation through the Bot Connector REST API
// (POST {serviceUrl}/v3/conversations/{conversationId}/activities) with the Teams SDK's API client. The
// service URL is the one Teams gave us with the authenticated installation activity, so each tenant's
// traffic goes to its own regional connector (and, locally, to the loopback stand-in).
import { Client as ConnectorClient, PUBLIC } from "@microsoft/teams.api";
import type { ConversationReference } from "../../app/messaging/conversation-reference.js";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import { sdkLogger, type LogSink } from "./bot-logger.js";
import { BOT_FRAMEWORK_SCOPE, type BotTokenProvider } from "./bot-token-provider.js";
import { ADAPTIVE_CARD_CONTENT_TYPE } from "./cards/card-elements.js";

export interface OutboundMessage {
  summary: string;
  card: IAdaptiveCard;
}

/** A failed call to the Bot Connector: `status` is null when no HTTP answer came back (network, timeout). */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ConnectorError";
  }
}

export interface ProactiveSender {
  send(reference: ConversationReference, message: OutboundMessage): Promise<{ activityId: string | null }>;
}

export interface ProactiveSenderOptions {
  botId: string;
  tokens: BotTokenProvider;
  log: LogSink;
  /** Per-request timeout; Bot Connector answers in well under a second when healthy. */
  timeoutMs?: number;
}

const MAX_CACHED_CLIENTS = 64;

export function createProactiveSender(options: ProactiveSenderOptions): ProactiveSender {
  const clients = new Map<string, ConnectorClient>();
  const clientFor = (serviceUrl: string): ConnectorClient => {
    let client = clients.get(serviceUrl);
    if (!client) {
      if (clients.size >= MAX_CACHED_CLIENTS) clients.delete(clients.keys().next().value as string);
      client = new ConnectorClient(
        serviceUrl,
        {
          timeout: options.timeoutMs ?? 15_000,
          token: () => options.tokens.getToken(BOT_FRAMEWORK_SCOPE),
          headers: { "User-Agent": "reverse-mentorship-bot" },
          logger: sdkLogger(options.log, "teams-sdk/connector"),
        },
        // Explicit, so the SDK does not read OAUTH_URL from the environment (user tokens are never used here).
        { oauthUrl: PUBLIC.tokenServiceUrl },
      );
      clients.set(serviceUrl, client);
    }
    return client;
  };

  return {
    async send(reference, message) {
      const activity = {
        type: "message" as const,
        summary: message.summary,
        from: { id: options.botId, role: "bot" as const, name: "Mentorship" },
        conversation: { id: reference.conversationId, conversationType: reference.scope === "team" ? "channel" : reference.scope },
        attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: message.card }],
      };
      try {
        const result = await clientFor(reference.serviceUrl).conversations.createActivity(reference.conversationId, activity);
        return { activityId: (result as { id?: string } | undefined)?.id ?? null };
      } catch (error) {
        throw toConnectorError(error);
      }
    },
  };
}

interface HttpFailure {
  message?: string;
  code?: string;
  response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

function toConnectorError(error: unknown): ConnectorError {
  const failure = (error ?? {}) as HttpFailure;
  const status = typeof failure.response?.status === "number" ? failure.response.status : null;
  const retryAfterMs = parseRetryAfter(failure.response?.headers?.["retry-after"]);
  // Bot Connector errors look like {"error":{"code":"ConversationNotFound","message":"…"}}.
  const body = failure.response?.data as { error?: { code?: unknown } } | undefined;
  const code = typeof body?.error?.code === "string" ? body.error.code : status === null ? (failure.code ?? null) : null;
  const what = status === null ? `no answer (${failure.code ?? failure.message ?? "network error"})` : `HTTP ${status}${code ? ` ${code}` : ""}`;
  return new ConnectorError(`Bot Connector: ${what}`, status, retryAfterMs, code, { cause: error });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
