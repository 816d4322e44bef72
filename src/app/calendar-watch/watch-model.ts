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
