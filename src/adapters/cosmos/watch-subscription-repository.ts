// The calendar watch's subscription documents in the `programs` container (type "subscription", partition
// /tenantId): one per organiser mailbox, id `subscription_${organiser}`. ETags guard renewals and
// re-creations made by several app instances at once.
import type { Container } from "@azure/cosmos";
import { watchSubscriptionId, type StoredWatchSubscription, type WatchSubscription, type WatchSubscriptionStore } from "../../app/calendar-watch/watch-model.js";
import { CosmosRepository } from "./cosmos-repository.js";

export class CosmosWatchSubscriptionStore implements WatchSubscriptionStore {
  private readonly repo: CosmosRepository<WatchSubscription>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<WatchSubscription>(programs, { type: "subscription" });
  }

  get(tenantId: string, organiserId: string): Promise<StoredWatchSubscription | null> {
    return this.repo.get(tenantId, watchSubscriptionId(organiserId));
  }

  async findBySubscriptionId(tenantId: string, subscriptionId: string): Promise<StoredWatchSubscription | null> {
    for await (const doc of this.repo.queryAll(tenantId, { where: "c.subscriptionId = @subscriptionId", parameters: { subscriptionId } }, 2)) return doc;
    return null;
  }

  async listAll(tenantId: string): Promise<StoredWatchSubscription[]> {
    const out: StoredWatchSubscription[] = [];
    for await (const doc of this.repo.queryAll(tenantId, { orderBy: { path: "id", direction: "ASC" } }, 1000)) out.push(doc);
    return out;
  }

  create(doc: WatchSubscription): Promise<StoredWatchSubscription> {
    return this.repo.create(doc);
  }

  replace(doc: StoredWatchSubscription): Promise<StoredWatchSubscription> {
    return this.repo.replace(doc);
  }

  async delete(tenantId: string, organiserId: string, etag: string): Promise<void> {
    await this.repo.delete(tenantId, watchSubscriptionId(organiserId), etag);
  }
}
