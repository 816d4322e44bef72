// The per-tenant directory snapshot in the `people` container (sharded partition key, see containers.ts)
// and the sync cursor + last report as one `directorySync` document in the `tenants` container.
// Writes use the SDK's bulk API (up to 100 operations per request, grouped by partition) in chunks with
// a fixed number in flight, so a 100,000-person first sync neither crawls one by one nor floods the
// account (the SDK retries 429s inside bulk on its own; anything else left failing is an error).
import type { BulkOperationResult, Container, OperationInput } from "@azure/cosmos";
import { translateCosmosError } from "./cosmos-errors.js";
import type { DirectorySyncState, DirectorySyncStateStore, PeopleStore, Person } from "../../app/directory/directory-sync-ports.js";
import { peoplePartitionKey } from "./containers.js";
import { CosmosRepository, type Stored } from "./cosmos-repository.js";

/** Operations per bulk call, and bulk calls in flight. */
export const PEOPLE_BULK_CHUNK = 2000;
export const PEOPLE_WRITE_CONCURRENCY = 8;
const LOAD_PAGE_SIZE = 20_000;

export class CosmosPeopleStore implements PeopleStore {
  private readonly repository: CosmosRepository<Person>;

  constructor(
    private readonly container: Container,
    private readonly writeConcurrency = PEOPLE_WRITE_CONCURRENCY,
  ) {
    this.repository = new CosmosRepository<Person>(container, { partitionKeyOf: (p) => peoplePartitionKey(p.tenantId, p.id) });
  }

  async loadAll(tenantId: string, signal: AbortSignal): Promise<Map<string, Person>> {
    // Big pages: a sync reads the whole tenant anyway, and every page is a round trip (the embedded
    // server even re-runs the query per page). Real Cosmos still caps a page at 4 MB.
    const people = new Map<string, Person>();
    const iterator = this.container.items.query<Stored<Person> & { partitionKey?: string; _etag?: string }>(
      { query: "SELECT * FROM c WHERE c.tenantId = @tenantId", parameters: [{ name: "@tenantId", value: tenantId }] },
      { maxItemCount: LOAD_PAGE_SIZE },
    );
    try {
      while (iterator.hasMoreResults()) {
        if (signal.aborted) throw signal.reason;
        const { resources } = await iterator.fetchNext();
        for (const doc of resources) if (doc.tenantId === tenantId) people.set(doc.id, fromDocument(doc));
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw translateCosmosError(error, { container: this.repository.name });
    }
    return people;
  }

  async upsertMany(tenantId: string, people: readonly Person[], signal: AbortSignal, onWritten?: (count: number) => void): Promise<void> {
    let written = 0;
    const operations: OperationInput[] = people.map((person) => {
      if (person.tenantId !== tenantId) throw new Error(`Person ${person.id} belongs to another tenant.`);
      const partitionKey = peoplePartitionKey(tenantId, person.id);
      return { operationType: "Upsert", partitionKey, resourceBody: { ...person, partitionKey } };
    });
    await forEachLimited(chunks(operations, PEOPLE_BULK_CHUNK), this.writeConcurrency, signal, async (chunk) => {
      await this.bulk(chunk);
      written += chunk.length;
      onWritten?.(written);
    });
  }

  async deleteMany(tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<void> {
    const operations: OperationInput[] = ids.map((id) => ({ operationType: "Delete", id, partitionKey: peoplePartitionKey(tenantId, id) }));
    await forEachLimited(chunks(operations, PEOPLE_BULK_CHUNK), this.writeConcurrency, signal, (chunk) => this.bulk(chunk, [404]));
  }

  private async bulk(operations: OperationInput[], acceptable: readonly number[] = []): Promise<void> {
    let results: BulkOperationResult[];
    try {
      results = await this.container.items.executeBulkOperations(operations);
    } catch (error) {
      throw translateCosmosError(error, { container: this.repository.name });
    }
    for (const result of results) {
      const status = result.response?.statusCode ?? result.error?.code ?? 0;
      const code = typeof status === "number" ? status : Number(status);
      if ((code >= 200 && code < 300) || acceptable.includes(code)) continue;
      const id = result.operationInput.operationType === "Delete" ? result.operationInput.id : String((result.operationInput as { resourceBody?: { id?: unknown } }).resourceBody?.id);
      throw translateCosmosError(result.error ?? { code }, { container: this.repository.name, id });
    }
  }

  async get(tenantId: string, id: string): Promise<Person | null> {
    const stored = await this.repository.get(tenantId, id);
    return stored ? withoutEtag(stored) : null;
  }
}

interface SyncStateDocument extends DirectorySyncState {
  id: string;
}

const SYNC_STATE_ID = "directory-sync";

export class CosmosDirectorySyncStateStore implements DirectorySyncStateStore {
  private readonly repository: CosmosRepository<SyncStateDocument>;

  constructor(tenantsContainer: Container) {
    this.repository = new CosmosRepository<SyncStateDocument>(tenantsContainer, { type: "directorySync" });
  }

  async get(tenantId: string): Promise<DirectorySyncState | null> {
    const stored = await this.repository.get(tenantId, SYNC_STATE_ID);
    if (!stored) return null;
    const { tenantId: t, deltaLink, lastSyncAt, lastJobId, report } = stored;
    return { tenantId: t, deltaLink, lastSyncAt, lastJobId, report };
  }

  async save(state: DirectorySyncState): Promise<void> {
    // One sync per tenant runs at a time (job lease), so last-writer-wins is the intended semantics.
    await this.repository.upsert({ ...state, id: SYNC_STATE_ID });
  }
}

const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn", "partitionKey", "etag"];

function fromDocument(doc: object): Person {
  const person: Record<string, unknown> = { ...doc };
  for (const field of SYSTEM_FIELDS) delete person[field];
  return person as unknown as Person;
}

function withoutEtag(stored: Stored<Person>): Person {
  const { etag: _etag, ...person } = stored;
  return person as Person;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `task` for every item with at most `limit` in flight; the first failure stops new starts and is thrown. */
async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      if (signal.aborted) {
        failure = signal.reason;
        break;
      }
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw failure;
}
