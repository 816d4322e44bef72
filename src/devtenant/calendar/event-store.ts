// In-memory storage of Graph-created events with the lookups the simulator needs: by id, by mailbox,
// by (organizer mailbox, transactionId) for idempotent creation and by iCalUId to find every copy of a
// meeting. Pure storage: the rules live in meetings.ts.
import type { StoredEvent } from "./event-model.js";

class TenantEvents {
  readonly byId = new Map<string, StoredEvent>();
  readonly byMailbox = new Map<string, Set<string>>();
  readonly byTransaction = new Map<string, string>();
  readonly byICalUId = new Map<string, Set<string>>();
}

const transactionKey = (mailboxId: string, transactionId: string): string => `${mailboxId}\n${transactionId}`;

export class EventStore {
  private readonly tenants = new Map<string, TenantEvents>();

  private tenant(tenantId: string): TenantEvents {
    let t = this.tenants.get(tenantId);
    if (t === undefined) {
      t = new TenantEvents();
      this.tenants.set(tenantId, t);
    }
    return t;
  }

  add(event: StoredEvent): void {
    const t = this.tenant(event.tenantId);
    t.byId.set(event.id, event);
    const mailbox = t.byMailbox.get(event.mailboxId) ?? new Set<string>();
    mailbox.add(event.id);
    t.byMailbox.set(event.mailboxId, mailbox);
    if (event.transactionId !== null) t.byTransaction.set(transactionKey(event.mailboxId, event.transactionId), event.id);
    const copies = t.byICalUId.get(event.iCalUId) ?? new Set<string>();
    copies.add(event.id);
    t.byICalUId.set(event.iCalUId, copies);
  }

  remove(event: StoredEvent): void {
    const t = this.tenant(event.tenantId);
    t.byId.delete(event.id);
    t.byMailbox.get(event.mailboxId)?.delete(event.id);
    if (event.transactionId !== null) {
      const key = transactionKey(event.mailboxId, event.transactionId);
      if (t.byTransaction.get(key) === event.id) t.byTransaction.delete(key);
    }
    const copies = t.byICalUId.get(event.iCalUId);
    copies?.delete(event.id);
    if (copies?.size === 0) t.byICalUId.delete(event.iCalUId);
  }

  get(tenantId: string, eventId: string): StoredEvent | undefined {
    return this.tenants.get(tenantId)?.byId.get(eventId);
  }

  /** The event in this mailbox, or undefined when the id is unknown or belongs to another mailbox. */
  inMailbox(tenantId: string, mailboxId: string, eventId: string): StoredEvent | undefined {
    const event = this.get(tenantId, eventId);
    return event?.mailboxId === mailboxId ? event : undefined;
  }

  byTransaction(tenantId: string, mailboxId: string, transactionId: string): StoredEvent | undefined {
    const t = this.tenants.get(tenantId);
    const id = t?.byTransaction.get(transactionKey(mailboxId, transactionId));
    return id === undefined ? undefined : t?.byId.get(id);
  }

  /** Every copy of a meeting (organizer's and attendees'). */
  copies(tenantId: string, iCalUId: string): StoredEvent[] {
    const t = this.tenants.get(tenantId);
    return [...(t?.byICalUId.get(iCalUId) ?? [])].flatMap((id) => {
      const e = t?.byId.get(id);
      return e === undefined ? [] : [e];
    });
  }

  /** Events of one mailbox, in creation order. */
  mailbox(tenantId: string, mailboxId: string): StoredEvent[] {
    const t = this.tenants.get(tenantId);
    return [...(t?.byMailbox.get(mailboxId) ?? [])].flatMap((id) => {
      const e = t?.byId.get(id);
      return e === undefined ? [] : [e];
    });
  }

  clearTenant(tenantId: string): void {
    this.tenants.delete(tenantId);
  }
}
