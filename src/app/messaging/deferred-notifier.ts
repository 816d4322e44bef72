// The notification port handed to use cases before the Teams bot exists: start-up builds the use cases
// (which need a Notifier) before it mounts the bot (which implements one) on the same Express app.
// Notifications sent before `attach` are held and delivered on attach, so nothing is lost in between.
import type { Notifier } from "./notifier.js";

type Call = (target: Notifier) => void;

export class DeferredNotifier implements Notifier {
  private target: Notifier | null = null;
  private pending: Call[] = [];

  attach(target: Notifier): void {
    this.target = target;
    for (const call of this.pending.splice(0)) call(target);
  }

  private send(call: Call): void {
    if (this.target) call(this.target);
    else this.pending.push(call);
  }

  notifyMatched: Notifier["notifyMatched"] = (n) => this.send((t) => t.notifyMatched(n));
  notifySessionBooked: Notifier["notifySessionBooked"] = (n) => this.send((t) => t.notifySessionBooked(n));
  notifySessionMoved: Notifier["notifySessionMoved"] = (n) => this.send((t) => t.notifySessionMoved(n));
  notifyReminder: Notifier["notifyReminder"] = (n) => this.send((t) => t.notifyReminder(n));
  notifyFeedbackPrompt: Notifier["notifyFeedbackPrompt"] = (n) => this.send((t) => t.notifyFeedbackPrompt(n));
  notifyNominated: Notifier["notifyNominated"] = (n) => this.send((t) => t.notifyNominated(n));
}
