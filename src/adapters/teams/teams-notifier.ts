// The Notifier port as proactive Teams messages. Each call renders the card right away (so a malformed
// notification is reported at its source, in the log) and hands it to a sink that delivers later: the
// durable Cosmos outbox (outbox-notifier.ts, delivered by outbox-dispatcher.ts) or, when there is none or
// the database is down, the in-memory delivery queue. The delivery looks up the person's personal
// conversation, posts the card, and classifies failures:
//   429 / 5xx / 408 / no answer        → retried with backoff (Retry-After honoured)
//   404 (conversation gone)            → reference forgotten, not retried
//   other 4xx (bot blocked, token refused, bad input) → not retried (a retry would get the same answer)
//   no conversation stored             → nothing to do: the person has not installed the app
import type { ConversationReferenceStore } from "../../app/messaging/conversation-reference.js";
import type { Notifier, Recipient } from "../../app/messaging/notifier.js";
import type { LogSink } from "./bot-logger.js";
import {
  feedbackPromptMessage,
  matchedMessage,
  nominationMessage,
  reminderMessage,
  sessionBookedMessage,
  sessionMovedMessage,
  type NotificationMessage,
} from "./cards/notification-cards.js";
import type { TabLinks } from "./cards/deep-links.js";
import { RetryableError, type DeliveryQueue } from "./delivery-queue.js";
import { ConnectorError, type ProactiveSender } from "./proactive-sender.js";

/** A rendered notification on its way to one person. */
export interface NotificationEnvelope {
  /** "matched", "session-booked", "session-moved", "reminder", "feedback-prompt", "nominated". */
  kind: string;
  /** Identifies the notification (kind, recipient and subject); the in-memory queue drops a pending duplicate. */
  key: string;
  /** For logs: kind and recipient id, never message content. */
  label: string;
  recipient: Recipient;
  message: NotificationMessage;
}

/** Takes a rendered notification and delivers it later; never throws, never waits. */
export type NotificationSink = (envelope: NotificationEnvelope) => void;

export interface DeliveryDeps {
  conversations: ConversationReferenceStore;
  sender: ProactiveSender;
  log: LogSink;
}

export interface TeamsNotifierDeps extends DeliveryDeps {
  queue: DeliveryQueue;
  links: TabLinks;
}

/** The Notifier over the in-memory queue only (no outbox). */
export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  return createRenderingNotifier(deps.links, deps.log, queueSink(deps));
}

/** Renders each notification's card and passes it to `sink`; a card that cannot be rendered is logged and dropped. */
export function createRenderingNotifier(links: TabLinks, log: LogSink, sink: NotificationSink): Notifier {
  const deliver = (kind: string, key: string, recipient: Recipient, render: () => NotificationMessage): void => {
    const label = `${kind} for ${recipient.userId}`;
    let message: NotificationMessage;
    try {
      message = render();
    } catch (error) {
      // A programming error in the caller's data: report it loudly, but never fail the use case.
      log.error({ notification: label, reason: (error as Error).message }, "Notification not sent: it could not be rendered");
      return;
    }
    sink({ kind, key: `${kind}:${recipient.tenantId}:${recipient.userId}:${key}`, label, recipient, message });
  };

  return {
    notifyMatched: (n) => deliver("matched", n.pairId, n.recipient, () => matchedMessage(n, links)),
    notifySessionBooked: (n) => deliver("session-booked", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => sessionBookedMessage(n, links)),
    notifySessionMoved: (n) => deliver("session-moved", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => sessionMovedMessage(n, links)),
    notifyReminder: (n) => deliver("reminder", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => reminderMessage(n, links)),
    notifyFeedbackPrompt: (n) => deliver("feedback-prompt", n.session.sessionId, n.recipient, () => feedbackPromptMessage(n, links)),
    notifyNominated: (n) => deliver("nominated", n.cohort.id, n.recipient, () => nominationMessage(n, links)),
  };
}

/** Delivers through the in-memory queue (retries in this process; lost if it stops). */
export function queueSink(deps: DeliveryDeps & { queue: DeliveryQueue }): NotificationSink {
  return (envelope) =>
    void deps.queue.enqueue({
      key: envelope.key,
      label: envelope.label,
      run: async () => {
        await deliverTo(deps, envelope.recipient, envelope.message, envelope.label);
      },
    });
}

export type DeliveryOutcome = "delivered" | "no-conversation";

/**
 * One delivery attempt. Throws RetryableError for failures worth retrying, any other error for final
 * ones; "no-conversation" when the person has not installed the app.
 */
export async function deliverTo(deps: DeliveryDeps, recipient: Recipient, message: NotificationMessage, label: string): Promise<DeliveryOutcome> {
  let reference;
  try {
    reference = await deps.conversations.findPersonal(recipient.tenantId, recipient.userId);
  } catch (error) {
    throw new RetryableError(`conversation lookup failed: ${(error as Error).message}`, null, { cause: error });
  }
  if (!reference) {
    deps.log.info({ notification: label }, "No Teams conversation for this person (app not installed); the tab shows the update");
    return "no-conversation";
  }
  try {
    await deps.sender.send(reference, message);
    deps.log.debug({ notification: label }, "Notification delivered");
    return "delivered";
  } catch (error) {
    if (!(error instanceof ConnectorError)) throw new RetryableError((error as Error).message, null, { cause: error });
    if (isRetryable(error)) throw new RetryableError(error.message, error.retryAfterMs, { cause: error });
    if (error.status === 404) {
      await deps.conversations.remove(reference.tenantId, reference.conversationId);
      throw new Error(`${error.message}: the conversation no longer exists; its reference was removed`, { cause: error });
    }
    throw error;
  }
}

function isRetryable(error: ConnectorError): boolean {
  if (error.status === null) return true;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}
