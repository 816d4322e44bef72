// The Notifier port as proactive Teams messages. Each call renders the card right away (so a malformed
// notification is reported at its source, in the log) and queues the delivery; the delivery looks up the
// person's personal conversation, posts the card, and classifies failures:
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

export interface TeamsNotifierDeps {
  conversations: ConversationReferenceStore;
  sender: ProactiveSender;
  queue: DeliveryQueue;
  links: TabLinks;
  log: LogSink;
}

export function createTeamsNotifier(deps: TeamsNotifierDeps): Notifier {
  const deliver = (kind: string, key: string, recipient: Recipient, render: () => NotificationMessage): void => {
    const label = `${kind} for ${recipient.userId}`;
    let message: NotificationMessage;
    try {
      message = render();
    } catch (error) {
      // A programming error in the caller's data: report it loudly, but never fail the use case.
      deps.log.error({ notification: label, reason: (error as Error).message }, "Notification not sent: it could not be rendered");
      return;
    }
    deps.queue.enqueue({ key: `${kind}:${recipient.tenantId}:${recipient.userId}:${key}`, label, run: () => deliverTo(deps, recipient, message, label) });
  };

  return {
    notifyMatched: (n) => deliver("matched", n.pairId, n.recipient, () => matchedMessage(n, deps.links)),
    notifySessionBooked: (n) => deliver("session-booked", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => sessionBookedMessage(n, deps.links)),
    notifySessionMoved: (n) => deliver("session-moved", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => sessionMovedMessage(n, deps.links)),
    notifyReminder: (n) => deliver("reminder", `${n.session.sessionId}:${n.session.start}`, n.recipient, () => reminderMessage(n, deps.links)),
    notifyFeedbackPrompt: (n) => deliver("feedback-prompt", n.session.sessionId, n.recipient, () => feedbackPromptMessage(n, deps.links)),
    notifyNominated: (n) => deliver("nominated", n.cohort.id, n.recipient, () => nominationMessage(n, deps.links)),
  };
}

async function deliverTo(deps: TeamsNotifierDeps, recipient: Recipient, message: NotificationMessage, label: string): Promise<void> {
  let reference;
  try {
    reference = await deps.conversations.findPersonal(recipient.tenantId, recipient.userId);
  } catch (error) {
    throw new RetryableError(`conversation lookup failed: ${(error as Error).message}`, null, { cause: error });
  }
  if (!reference) {
    deps.log.info({ notification: label }, "No Teams conversation for this person (app not installed); the tab shows the update");
    return;
  }
  try {
    await deps.sender.send(reference, message);
    deps.log.debug({ notification: label }, "Notification delivered");
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
