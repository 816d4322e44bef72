// A Notifier for integration tests: records every call so a test can assert who was told what.
import type { Notifier } from "../../src/app/messaging/notifier.js";

export type NotificationKind = "matched" | "sessionBooked" | "sessionMoved" | "reminder" | "feedbackPrompt" | "nominated";

export interface RecordedNotification {
  kind: NotificationKind;
  /** The notification object exactly as the use case passed it. */
  payload: { recipient: { tenantId: string; userId: string } } & Record<string, unknown>;
}

export class RecordingNotifier implements Notifier {
  readonly sent: RecordedNotification[] = [];

  of(kind: NotificationKind): RecordedNotification[] {
    return this.sent.filter((n) => n.kind === kind);
  }

  private record(kind: NotificationKind, payload: object): void {
    this.sent.push({ kind, payload: payload as RecordedNotification["payload"] });
  }

  notifyMatched: Notifier["notifyMatched"] = (n) => this.record("matched", n);
  notifySessionBooked: Notifier["notifySessionBooked"] = (n) => this.record("sessionBooked", n);
  notifySessionMoved: Notifier["notifySessionMoved"] = (n) => this.record("sessionMoved", n);
  notifyReminder: Notifier["notifyReminder"] = (n) => this.record("reminder", n);
  notifyFeedbackPrompt: Notifier["notifyFeedbackPrompt"] = (n) => this.record("feedbackPrompt", n);
  notifyNominated: Notifier["notifyNominated"] = (n) => this.record("nominated", n);
}
