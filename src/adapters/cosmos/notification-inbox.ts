// The calendar watch's notification inbox in the `programs` container (type "notificationInbox", partition
// /tenantId): what the Graph webhook accepted and has not finished processing. See watch-model.ts.
import type { Container } from "@azure/cosmos";
import type { InboxEntry, NotificationInbox, StoredInboxEntry } from "../../app/calendar-watch/watch-model.js";
import { ConcurrencyError, ConflictError, NotFoundError } from "../../app/errors.js";
import { CosmosRepository } from "./cosmos-repository.js";

export class CosmosNotificationInbox implements NotificationInbox {
  private readonly repo: CosmosRepository<InboxEntry>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<InboxEntry>(programs, { type: "notificationInbox" });
  }

  async add(entry: InboxEntry): Promise<StoredInboxEntry | null> {
    try {
      return await this.repo.create(entry);
    } catch (error) {
      if (error instanceof ConflictError) return null;
      throw error;
    }
  }

  async claim(entry: StoredInboxEntry): Promise<StoredInboxEntry | null> {
    try {
      return await this.repo.replace(entry);
    } catch (error) {
      if (error instanceof ConcurrencyError || error instanceof NotFoundError) return null;
      throw error;
    }
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.repo.delete(tenantId, id);
  }

  async due(tenantId: string, now: string, limit: number): Promise<StoredInboxEntry[]> {
    const page = await this.repo.query(tenantId, { where: "c.notBefore <= @now", parameters: { now }, orderBy: { path: "notBefore", direction: "ASC" } }, { limit, continuationToken: null });
    return page.items;
  }
}
