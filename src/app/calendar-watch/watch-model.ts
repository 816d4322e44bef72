// The calendar watch's own documents and ports. One Graph change-notification subscription per organiser
// mailbox (Cosmos `programs` container, `type: "subscription"`, partition key /tenantId), so that any app
// instance can renew it, check a notification's clientState, and tell whose calendar changed.

export interface WatchSubscription {
  /** `subscription_${organiserId lower-cased}`: one per organiser, whichever instance creates it. */
  id: string;
  type: "subscription";
  tenantId: string;
  /** As the sessions store it (mentor object id or program mailbox address); handed to the sink unchanged. */
  organiserId: string;
  /** Graph's subscription id. */
  subscriptionId: string;
  /** Random per subscription; Graph echoes it in every notification (checked before anything is processed). */
  clientState: string;
  /** ISO instants. */
  expiresAt: string;
  createdAt: string;
  renewedAt: string | null;
  updatedAt: string;
}

export type StoredWatchSubscription = WatchSubscription & { etag: string };

export function watchSubscriptionId(organiserId: string): string {
  return `subscription_${organiserId.toLowerCase()}`;
}

export interface WatchSubscriptionStore {
  get(tenantId: string, organiserId: string): Promise<StoredWatchSubscription | null>;
  findBySubscriptionId(tenantId: string, subscriptionId: string): Promise<StoredWatchSubscription | null>;
  listAll(tenantId: string): Promise<StoredWatchSubscription[]>;
  /** ConflictError when one exists already (another instance created it first). */
  create(doc: WatchSubscription): Promise<StoredWatchSubscription>;
  /** ConcurrencyError when someone saved it since it was read. */
  replace(doc: StoredWatchSubscription): Promise<StoredWatchSubscription>;
  delete(tenantId: string, organiserId: string, etag: string): Promise<void>;
}

/** Whose calendars need watching: organisers of sessions that are booked and not over yet. */
export interface WatchedOrganisers {
  organisersToWatch(tenantId: string): Promise<string[]>;
}

/** Where the watch writes what it did (never tokens, clientState values or event subjects). */
export interface WatchLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * A notification that passed the clientState check, kept in Cosmos (`programs`, `type: "notificationInbox"`)
 * from the webhook's 202 until it has been processed, so a crash, a restart or a failure that outlasts the
 * in-process retries does not lose it. The id comes from what the notification is about, so the same
 * delivery reaching two instances is stored (and processed) once.
 */
export interface InboxEntry {
  /** `inbox_` + a hash of tenant, subscription, change type, event id and changeKey (or lifecycle event). */
  id: string;
  type: "notificationInbox";
  tenantId: string;
  organiserId: string;
  subscriptionId: string;
  notice: { kind: "change"; changeType: "created" | "updated" | "deleted"; eventId: string } | { kind: "lifecycle"; lifecycleEvent: "reauthorizationRequired" | "subscriptionRemoved" | "missed" };
  /** ISO instants: when it arrived, and before when no sweep takes it up (the instance that stored it is on it). */
  receivedAt: string;
  notBefore: string;
  /** Sweeps that took it up again after the first processing did not finish. */
  attempts: number;
}

export type StoredInboxEntry = InboxEntry & { etag: string };

export interface NotificationInbox {
  /** Stores a new entry; null when one with this id exists (a repeated delivery). */
  add(entry: InboxEntry): Promise<StoredInboxEntry | null>;
  /** Saves a sweep's claim under the entry's ETag; null when another instance changed or removed it first. */
  claim(entry: StoredInboxEntry): Promise<StoredInboxEntry | null>;
  /** Removes it once processed (or given up); no error when it is gone already. */
  remove(tenantId: string, id: string): Promise<void>;
  /** Entries whose notBefore has passed, oldest first. */
  due(tenantId: string, now: string, limit: number): Promise<StoredInboxEntry[]>;
}
