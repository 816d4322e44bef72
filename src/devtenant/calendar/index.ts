// The dev tenant's calendar half: generated calendars, events with attendee copies, getSchedule,
// subscriptions with change/lifecycle notifications and attendees that answer like people.
// The core server mounts calendarRoutes(svc) under /v1.0 and devCalendarRoutes(svc) under /dev.
import type { DevClock, DevDirectoryView } from "../model.js";
import { AttendeeBehaviour, DEFAULT_BEHAVIOUR, type BehaviourSettings } from "./behaviour.js";
import { CalendarReader } from "./calendar-reader.js";
import type { StoredEvent } from "./event-model.js";
import { EventStore } from "./event-store.js";
import { Meetings, type ChangeType } from "./meetings.js";
import { DEFAULT_NOTIFICATION_SETTINGS, Notifier, type NotificationSettings, type PendingNotification } from "./notifier.js";
import { SubscriptionStore, type Subscription } from "./subscriptions.js";
import { formatUtcInstant } from "./time-zones.js";
import { WebhookClient } from "./webhook-client.js";

export interface CalendarDeps {
  directory(tenantId: string): DevDirectoryView | undefined;
  clock: DevClock;
  /** "https://127.0.0.1:PORT"; the Graph root is `${origin}/v1.0`. */
  origin: string;
  seed: number;
  /** PEM of the dev CA: trusted (besides the system roots) when POSTing to https notification receivers. */
  trustedCa?: string;
  /** Whether a tenant's people get generated background calendars (default: yes; fixture tenants: no). */
  generateCalendars?(tenantId: string): boolean;
  behaviour?: Partial<BehaviourSettings>;
  notifications?: Partial<NotificationSettings>;
  /** Period of the background timer in real milliseconds (default 1000). */
  tickMs?: number;
  /** Minutes before expiry at which reauthorizationRequired is sent (default 60). */
  reauthorizationLeadMinutes?: number;
}

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

export interface CalendarService {
  readonly deps: CalendarDeps;
  readonly store: EventStore;
  readonly reader: CalendarReader;
  readonly meetings: Meetings;
  readonly subscriptions: SubscriptionStore;
  readonly behaviour: AttendeeBehaviour;
  readonly notifier: Notifier;
  readonly webhooks: WebhookClient;
  /** Start the background timer (automatic answers, subscription lifecycle). */
  start(): void;
  /** Clear timers and wait for in-flight notification deliveries. */
  stop(): Promise<void>;
  /** Bring the simulation up to the dev clock now (also runs before every request and on every tick). */
  sync(): void;
  /** Call after moving the dev clock so due answers and lifecycle events happen at once. */
  onClockAdvanced(): void;
  /** Send a lifecycle notification (subscriptionRemoved also removes the subscription). */
  sendLifecycle(subscription: Subscription, event: LifecycleEvent): void;
  /** Remove a subscription and whatever is still queued for it. */
  removeSubscription(id: string): Subscription | undefined;
}

class CalendarServiceImpl implements CalendarService {
  readonly store = new EventStore();
  readonly reader: CalendarReader;
  readonly meetings: Meetings;
  readonly subscriptions: SubscriptionStore;
  readonly behaviour: AttendeeBehaviour;
  readonly notifier: Notifier;
  readonly webhooks: WebhookClient;
  private timer: NodeJS.Timeout | null = null;
  private syncing = false;

  constructor(readonly deps: CalendarDeps) {
    const generate = deps.generateCalendars ?? ((): boolean => true);
    this.reader = new CalendarReader(this.store, { generateCalendars: generate });
    this.subscriptions = new SubscriptionStore(deps.clock);
    this.webhooks = new WebhookClient(deps.trustedCa);
    this.notifier = new Notifier(
      this.webhooks,
      {
        isActive: (id) => this.subscriptions.get(id) !== undefined,
        gaveUp: (n) => this.onGaveUp(n),
      },
      { ...DEFAULT_NOTIFICATION_SETTINGS, ...deps.notifications },
      deps.seed,
    );
    this.behaviour = new AttendeeBehaviour(this.store, () => this.meetings, deps.clock, (t) => deps.directory(t), { ...DEFAULT_BEHAVIOUR, ...deps.behaviour });
    this.meetings = new Meetings(this.store, deps.clock, {
      changed: (event, type) => this.notifyChange(event, type),
      invited: (copy) => this.behaviour.invited(copy),
    });
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => this.sync(), this.deps.tickMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.notifier.stop();
    await this.webhooks.close();
  }

  sync(): void {
    // Answers can trigger further changes; never re-enter from inside them.
    if (this.syncing) return;
    this.syncing = true;
    try {
      this.behaviour.processDue();
      this.runSubscriptionLifecycle();
    } finally {
      this.syncing = false;
    }
  }

  onClockAdvanced(): void {
    this.sync();
  }

  sendLifecycle(subscription: Subscription, event: LifecycleEvent): void {
    if (event === "subscriptionRemoved") this.removeSubscription(subscription.id);
    if (event === "missed") this.notifier.discard(subscription.id);
    if (subscription.lifecycleNotificationUrl === null) return;
    this.notifier.enqueue({
      url: subscription.lifecycleNotificationUrl,
      subscriptionId: subscription.id,
      kind: "lifecycle",
      payload: {
        lifecycleEvent: event,
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: formatUtcInstant(subscription.expiration),
        clientState: subscription.clientState,
        tenantId: subscription.tenantId,
      },
    });
  }

  removeSubscription(id: string): Subscription | undefined {
    const removed = this.subscriptions.remove(id);
    if (removed !== undefined) this.notifier.discard(id);
    return removed;
  }

  private runSubscriptionLifecycle(): void {
    const now = this.deps.clock.now();
    const lead = (this.deps.reauthorizationLeadMinutes ?? 60) * 60_000;
    for (const expired of this.subscriptions.purgeExpired()) this.notifier.discard(expired.id);
    for (const s of this.subscriptions.all()) {
      if (s.expiration - now <= lead && s.reauthorizationSentFor !== s.expiration) {
        s.reauthorizationSentFor = s.expiration;
        this.sendLifecycle(s, "reauthorizationRequired");
      }
    }
  }

  private notifyChange(event: StoredEvent, changeType: ChangeType): void {
    const resource = `Users/${event.mailboxId}/Events/${event.id}`;
    for (const s of this.subscriptions.watching(event.tenantId, event.mailboxId, changeType)) {
      this.notifier.enqueue({
        url: s.notificationUrl,
        subscriptionId: s.id,
        kind: "change",
        payload: {
          subscriptionId: s.id,
          subscriptionExpirationDateTime: formatUtcInstant(s.expiration),
          changeType,
          resource,
          resourceData: { "@odata.type": "#Microsoft.Graph.Event", "@odata.id": resource, "@odata.etag": `W/"${event.changeKey}"`, id: event.id },
          clientState: s.clientState,
          tenantId: s.tenantId,
        },
      });
    }
  }

  /** A change notification could not be delivered: tell the subscriber it missed something. */
  private onGaveUp(notification: PendingNotification): void {
    if (notification.kind !== "change") return;
    const subscription = this.subscriptions.get(notification.subscriptionId);
    if (subscription !== undefined) this.sendLifecycle(subscription, "missed");
  }
}

export function createCalendarService(deps: CalendarDeps): CalendarService {
  return new CalendarServiceImpl(deps);
}

export type { BehaviourSettings } from "./behaviour.js";
export type { NotificationSettings, DeliveryRecord } from "./notifier.js";
export type { Subscription } from "./subscriptions.js";
