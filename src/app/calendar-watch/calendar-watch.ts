// The calendar watch: keeps one Graph change-notification subscription per organiser mailbox alive, and
// turns what Graph POSTs to our webhook into calls on the CalendarChangeSink (RSVP handling).
//
//   maintain(tenant)  → subscribe organisers with live sessions, renew the ones near expiry (Graph allows
//                       ≤ 4,230 min for events), re-create the ones Graph dropped, retire unneeded ones
//   acceptChanges()   → parse, look up the subscription, check clientState (mismatch → ignored and logged),
//                       drop duplicates, store in the inbox, queue, return (the route answers 202 within
//                       Graph's 3 s; when the inbox cannot be written it answers 503 and Graph delivers
//                       again later); after the answer: sink.eventChanged, then out of the inbox
//   acceptLifecycle() → the same way; then reauthorizationRequired → renew; subscriptionRemoved →
//                       re-subscribe + resync; missed → resync
// Processing that fails (Graph or the database briefly unavailable) is tried again in process after a
// pause, a few times. What is still in the inbox after that (those failures, a crash, a restart) is taken
// up again by maintain() on any instance, up to a limit; the periodic session poll stays the last net.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ConcurrencyError, ConflictError } from "../errors.js";
import type { Clock } from "../ports/clock.js";
import type { CalendarChangeSink, EventSubscriptions } from "../scheduling/calendar-ports.js";
import { forEachLimited } from "../for-each-limited.js";
import { BackgroundQueue } from "./background-queue.js";
import { parseChangeNotifications, parseLifecycleNotifications, type ChangeNotification, type LifecycleNotification } from "./graph-notification-payloads.js";
import { RecentKeys } from "./recent-keys.js";
import {
  watchSubscriptionId,
  type InboxEntry,
  type NotificationInbox,
  type StoredInboxEntry,
  type StoredWatchSubscription,
  type WatchLog,
  type WatchSubscriptionStore,
  type WatchedOrganisers,
} from "./watch-model.js";

const MINUTE_MS = 60_000;

export interface CalendarWatchSettings {
  /** Requested lifetime of a subscription; Graph's maximum for events is 4,230 min (one minute of margin). */
  lifetimeMinutes: number;
  /** Renew when less than this is left (maintain runs far more often than this). */
  renewWithinMinutes: number;
  /** Notifications handed to the sink at once. */
  concurrency: number;
  /** Notifications that may wait; more are refused (logged) and left to the periodic poll. */
  queueCapacity: number;
  /** How many recent deliveries are remembered to drop duplicates. */
  dedupeCapacity: number;
  /** Pauses before each new attempt at a notification whose processing failed; their number is the retries. */
  retryDelaysMs: readonly number[];
  /** How long an inbox entry belongs to the instance that stored or took it up, before a sweep may take it up. */
  sweepAfterMs: number;
  /** Sweeps of one entry before it is given up (logged as an error). */
  maxSweeps: number;
}

export const DEFAULT_WATCH_SETTINGS: CalendarWatchSettings = {
  lifetimeMinutes: 4229,
  renewWithinMinutes: 36 * 60,
  concurrency: 4,
  queueCapacity: 20_000,
  dedupeCapacity: 20_000,
  retryDelaysMs: [5_000, 30_000, 120_000],
  sweepAfterMs: 10 * MINUTE_MS,
  maxSweeps: 5,
};

/** Notifications of one POST verified and stored at once (Graph sends up to a few hundred). */
const ADMIT_CONCURRENCY = 16;
/** Inbox entries one maintain() pass takes up. */
const SWEEP_LIMIT = 500;

export interface CalendarWatchDeps {
  subscriptions: EventSubscriptions;
  store: WatchSubscriptionStore;
  inbox: NotificationInbox;
  organisers: WatchedOrganisers;
  sink: CalendarChangeSink;
  clock: Clock;
  log: WatchLog;
  /** `${publicBaseUrl}/api/graph/notifications` and `/api/graph/lifecycle`. */
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  settings?: Partial<CalendarWatchSettings>;
}

export interface MaintainReport {
  organisers: number;
  subscribed: number;
  renewed: number;
  recreated: number;
  retired: number;
  failed: number;
  /** Inbox entries taken up again, and given up after too many sweeps. */
  resumed: number;
  givenUp: number;
}

export interface AcceptReport {
  accepted: number;
  rejected: number;
}

export class CalendarWatch {
  private readonly settings: CalendarWatchSettings;
  private readonly queue: BackgroundQueue;
  private readonly recent: RecentKeys;
  /** One ensure() per organiser at a time in this process. */
  private readonly inFlight = new Map<string, Promise<StoredWatchSubscription>>();
  /** Retries waiting for their pause to end, and idle() callers waiting for one to be queued again. */
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private retryWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly deps: CalendarWatchDeps) {
    this.settings = { ...DEFAULT_WATCH_SETTINGS, ...deps.settings };
    this.queue = new BackgroundQueue({
      concurrency: this.settings.concurrency,
      capacity: this.settings.queueCapacity,
      onError: (error) => deps.log.error({ err: error }, "calendar watch: processing a notification failed for the last time in this pass (it stays in the inbox for a later maintenance pass)"),
    });
    this.recent = new RecentKeys(this.settings.dedupeCapacity);
  }

  /** Makes sure the organiser's calendar is watched by a subscription that is not about to expire. */
  watch(tenantId: string, organiserId: string): Promise<StoredWatchSubscription> {
    const key = `${tenantId.toLowerCase()}|${organiserId.toLowerCase()}`;
    let running = this.inFlight.get(key);
    if (!running) {
      running = this.ensure(tenantId, organiserId).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    return running;
  }

  /** The periodic pass for one tenant: watch every organiser with live sessions, retire the rest. */
  async maintain(tenantId: string): Promise<MaintainReport> {
    const report: MaintainReport = { organisers: 0, subscribed: 0, renewed: 0, recreated: 0, retired: 0, failed: 0, resumed: 0, givenUp: 0 };
    await this.attempt(report, () => this.sweep(tenantId, report));
    const wanted = new Map((await this.deps.organisers.organisersToWatch(tenantId)).map((o) => [o.toLowerCase(), o]));
    const existing = await this.deps.store.listAll(tenantId);
    report.organisers = wanted.size;
    for (const doc of existing) {
      if (wanted.has(doc.organiserId.toLowerCase())) continue;
      if (await this.attempt(report, () => this.retire(doc))) report.retired++;
    }
    const before = new Map(existing.map((d) => [d.organiserId.toLowerCase(), d]));
    for (const [key, organiserId] of wanted) {
      const old = before.get(key);
      const doc = await this.attempt(report, () => this.watch(tenantId, organiserId));
      if (!doc) continue;
      if (!old) report.subscribed++;
      else if (old.subscriptionId !== doc.subscriptionId) report.recreated++;
      else if (old.expiresAt !== doc.expiresAt) report.renewed++;
    }
    return report;
  }

  /**
   * Graph change notifications: verified, stored in the inbox and queued; the caller answers 202 when this
   * resolves. Throws (→ 503, Graph delivers again) only when the inbox or the subscriptions cannot be read.
   */
  async acceptChanges(body: unknown): Promise<AcceptReport> {
    const parsed = parseChangeNotifications(body);
    this.logRejected(parsed.rejected, "change");
    // Deletions and creations are final; updates are told apart by the event's changeKey when Graph sends it.
    const accepted = await this.admit(parsed.items, "change", (item) => [item.changeType, item.eventId, item.etag ?? (item.changeType === "updated" ? `${this.deps.clock.now()}` : "")], (item) => ({ kind: "change", changeType: item.changeType, eventId: item.eventId }));
    return { accepted, rejected: parsed.rejected.length + parsed.items.length - accepted };
  }

  /** Graph lifecycle notifications: verified, stored and queued like changes. */
  async acceptLifecycle(body: unknown): Promise<AcceptReport> {
    const parsed = parseLifecycleNotifications(body);
    this.logRejected(parsed.rejected, "lifecycle");
    const accepted = await this.admit(parsed.items, "lifecycle", (item) => [item.lifecycleEvent, `${this.deps.clock.now()}`], (item) => ({ kind: "lifecycle", lifecycleEvent: item.lifecycleEvent }));
    return { accepted, rejected: parsed.rejected.length + parsed.items.length - accepted };
  }

  /** Resolves when every accepted notification has been processed (or has failed its last attempt). */
  async idle(): Promise<void> {
    for (;;) {
      await this.queue.idle();
      if (this.retryTimers.size === 0) return;
      await new Promise<void>((resolve) => this.retryWaiters.push(resolve));
    }
  }

  /** Shutdown: accepts no more retries and drops the waiting ones (the periodic poll covers them). */
  stop(): void {
    this.stopped = true;
    if (this.retryTimers.size > 0) this.deps.log.warn({ retries: this.retryTimers.size }, "calendar watch: stopping with notification retries pending (they stay in the inbox for a later maintenance pass)");
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    this.retryWaiters.splice(0).forEach((resolve) => resolve());
  }

  /**
   * Verifies each notification against its subscription (clientState), drops repeats, stores the rest in
   * the inbox and queues their processing. Counts what was queued (repeats and forgeries are not).
   */
  private async admit<T extends ChangeNotification | LifecycleNotification>(
    items: readonly T[],
    kind: "change" | "lifecycle",
    what: (item: T) => string[],
    notice: (item: T) => InboxEntry["notice"],
  ): Promise<number> {
    let accepted = 0;
    await forEachLimited(items, ADMIT_CONCURRENCY, async (item) => {
      // Verified first: a forged notification must not make the genuine one look like a repeat.
      const doc = await this.verified(item, kind);
      if (!doc) return;
      const key = [item.tenantId.toLowerCase(), item.subscriptionId, ...what(item)].join("|");
      if (!this.recent.add(key)) return;
      try {
        const now = this.deps.clock.now();
        const entry = await this.deps.inbox.add({
          id: `inbox_${createHash("sha256").update(key).digest("base64url")}`,
          type: "notificationInbox",
          tenantId: doc.tenantId,
          organiserId: doc.organiserId,
          subscriptionId: doc.subscriptionId,
          notice: notice(item),
          receivedAt: new Date(now).toISOString(),
          notBefore: new Date(now + this.settings.sweepAfterMs).toISOString(),
          attempts: 0,
        });
        // null: another instance got the same delivery and stored it first; it processes it.
        if (entry && this.enqueueEntry(entry)) accepted++;
      } catch (error) {
        this.recent.forget(key);
        throw error;
      }
    });
    return accepted;
  }

  /** Takes up inbox entries nobody finished (failed for good in process, or their instance went away). */
  private async sweep(tenantId: string, report: MaintainReport): Promise<void> {
    const now = this.deps.clock.now();
    for (const entry of await this.deps.inbox.due(tenantId, new Date(now).toISOString(), SWEEP_LIMIT)) {
      if (entry.attempts >= this.settings.maxSweeps) {
        this.deps.log.error({ tenantId, subscriptionId: entry.subscriptionId, kind: entry.notice.kind, attempts: entry.attempts }, "calendar watch: notification given up after repeated failures (the periodic poll will catch up)");
        await this.deps.inbox.remove(tenantId, entry.id);
        report.givenUp++;
        continue;
      }
      const claimed = await this.deps.inbox.claim({ ...entry, attempts: entry.attempts + 1, notBefore: new Date(now + this.settings.sweepAfterMs).toISOString() });
      if (claimed && this.enqueueEntry(claimed)) report.resumed++;
    }
  }

  /** Queues an inbox entry's processing; it leaves the inbox once processed. */
  private enqueueEntry(entry: StoredInboxEntry): boolean {
    return this.enqueue(entry.tenantId, async () => {
      await this.processEntry(entry);
      await this.deps.inbox.remove(entry.tenantId, entry.id);
    });
  }

  private enqueue(tenantId: string, task: () => Promise<void>, attempt = 0): boolean {
    const queued = this.queue.push(async () => {
      try {
        await task();
      } catch (error) {
        const delay = this.settings.retryDelaysMs[attempt];
        if (delay === undefined || this.stopped) throw error;
        this.deps.log.warn({ err: error, tenantId, attempt: attempt + 1, retryInMs: delay }, "calendar watch: processing a notification failed; trying again");
        this.retryLater(delay, () => this.enqueue(tenantId, task, attempt + 1));
      }
    });
    if (!queued) this.deps.log.error({ tenantId }, "calendar watch: queue full, notification left in the inbox for a later maintenance pass");
    return queued;
  }

  private retryLater(delayMs: number, retry: () => void): void {
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (!this.stopped) retry();
      this.retryWaiters.splice(0).forEach((resolve) => resolve());
    }, delayMs);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private async ensure(tenantId: string, organiserId: string): Promise<StoredWatchSubscription> {
    const now = this.deps.clock.now();
    const doc = await this.deps.store.get(tenantId, organiserId);
    if (doc && Date.parse(doc.expiresAt) - now > this.settings.renewWithinMinutes * MINUTE_MS) return doc;
    if (!doc) return this.subscribe(tenantId, organiserId, null);
    return (await this.renew(doc)) ?? (await this.recreate(doc));
  }

  /** Extends a subscription; null when Graph no longer has it. */
  private async renew(doc: StoredWatchSubscription): Promise<StoredWatchSubscription | null> {
    const renewed = await this.deps.subscriptions.renew(doc.tenantId, doc.subscriptionId, this.expiry());
    if (!renewed) return null;
    const at = this.isoNow();
    return this.saveOrReread({ ...doc, expiresAt: new Date(renewed.expiresAt).toISOString(), renewedAt: at, updatedAt: at });
  }

  /**
   * A new subscription (Graph validates our notification URLs before it answers). When another instance
   * saved one for this organiser in between, ours is removed again so exactly one stays.
   */
  private async subscribe(tenantId: string, organiserId: string, previous: StoredWatchSubscription | null): Promise<StoredWatchSubscription> {
    const clientState = randomBytes(32).toString("base64url");
    const created = await this.deps.subscriptions.subscribe(tenantId, { id: organiserId, address: organiserId }, {
      notificationUrl: this.deps.notificationUrl,
      lifecycleNotificationUrl: this.deps.lifecycleNotificationUrl,
      clientState,
      expiresAt: this.expiry(),
    });
    const at = this.isoNow();
    const fields = { subscriptionId: created.id, clientState, expiresAt: new Date(created.expiresAt).toISOString(), updatedAt: at, renewedAt: null };
    try {
      const saved = previous
        ? await this.deps.store.replace({ ...previous, ...fields, createdAt: at })
        : await this.deps.store.create({ id: watchSubscriptionId(organiserId), type: "subscription", tenantId, organiserId, createdAt: at, ...fields });
      this.deps.log.info({ tenantId, subscriptionId: created.id, replaced: previous?.subscriptionId ?? null }, "calendar watch: subscribed");
      return saved;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await this.deps.subscriptions.remove(tenantId, created.id);
      const winner = await this.deps.store.get(tenantId, organiserId);
      if (!winner) throw error;
      return winner;
    }
  }

  /** Re-subscribes after Graph dropped the subscription, then asks for a resync (changes may have been missed). */
  private async recreate(doc: StoredWatchSubscription): Promise<StoredWatchSubscription> {
    const fresh = await this.subscribe(doc.tenantId, doc.organiserId, doc);
    await this.deps.sink.resync({ tenantId: doc.tenantId, organiserId: fresh.organiserId });
    return fresh;
  }

  private async retire(doc: StoredWatchSubscription): Promise<boolean> {
    await this.deps.subscriptions.remove(doc.tenantId, doc.subscriptionId);
    try {
      await this.deps.store.delete(doc.tenantId, doc.organiserId, doc.etag);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  private async processEntry(entry: StoredInboxEntry): Promise<void> {
    const { tenantId, organiserId, notice } = entry;
    if (notice.kind === "change") {
      await this.deps.sink.eventChanged({ tenantId, organiserId, eventId: notice.eventId, changeType: notice.changeType });
      return;
    }
    // Lifecycle events are about one subscription: when it has been replaced since, there is nothing to do.
    const doc = await this.deps.store.get(tenantId, organiserId);
    if (!doc || doc.subscriptionId !== entry.subscriptionId) return;
    this.deps.log.info({ tenantId, subscriptionId: doc.subscriptionId, lifecycleEvent: notice.lifecycleEvent }, "calendar watch: lifecycle notification");
    if (notice.lifecycleEvent === "missed") {
      await this.deps.sink.resync({ tenantId, organiserId });
    } else if (notice.lifecycleEvent === "reauthorizationRequired") {
      if (!(await this.renew(doc))) await this.recreate(doc);
    } else {
      await this.recreate(doc);
    }
  }

  /** The subscription a notification claims to come from, if it exists and the clientState matches. */
  private async verified(item: { tenantId: string; subscriptionId: string; clientState: string | null }, kind: string): Promise<StoredWatchSubscription | null> {
    const doc = await this.deps.store.findBySubscriptionId(item.tenantId, item.subscriptionId);
    if (!doc) {
      this.deps.log.warn({ tenantId: item.tenantId, subscriptionId: item.subscriptionId, kind }, "calendar watch: notification for an unknown subscription ignored");
      return null;
    }
    if (!sameSecret(doc.clientState, item.clientState)) {
      this.deps.log.warn({ tenantId: item.tenantId, subscriptionId: item.subscriptionId, kind }, "calendar watch: clientState mismatch, notification ignored");
      return null;
    }
    return doc;
  }

  private async saveOrReread(doc: StoredWatchSubscription): Promise<StoredWatchSubscription> {
    try {
      return await this.deps.store.replace(doc);
    } catch (error) {
      // Another instance renewed it at the same moment: theirs is as good as ours.
      if (!(error instanceof ConcurrencyError)) throw error;
      return (await this.deps.store.get(doc.tenantId, doc.organiserId)) ?? doc;
    }
  }

  private async attempt<T>(report: MaintainReport, step: () => Promise<T>): Promise<T | null> {
    try {
      return await step();
    } catch (error) {
      report.failed++;
      this.deps.log.warn({ err: error }, "calendar watch: maintaining a subscription failed (retried on the next pass)");
      return null;
    }
  }

  private logRejected(rejected: ReadonlyArray<{ index: number; reason: string }>, kind: string): void {
    for (const r of rejected) this.deps.log.warn({ kind, index: r.index, reason: r.reason }, "calendar watch: unusable notification item ignored");
  }

  private expiry(): number {
    return this.deps.clock.now() + this.settings.lifetimeMinutes * MINUTE_MS;
  }

  private isoNow(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

/** Compares clientState values in constant time (they are the webhook's shared secret). */
function sameSecret(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Runs maintain() for every tenant on a timer (the timer does not keep the process alive). */
export function scheduleCalendarWatch(
  watch: CalendarWatch,
  tenants: () => readonly string[],
  options: { intervalMs?: number; onReport?: (tenantId: string, report: MaintainReport) => void; onError?: (error: unknown, tenantId: string) => void } = {},
): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void (async () => {
      for (const tenantId of tenants()) {
        try {
          options.onReport?.(tenantId, await watch.maintain(tenantId));
        } catch (error) {
          options.onError?.(error, tenantId);
        }
      }
    })().finally(() => (running = false));
  }, options.intervalMs ?? 15 * MINUTE_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
