// The per-tenant directory snapshot in the `people` container (sharded partition key, see containers.ts)
// and the sync cursor + last report as one `directorySync` document in the `tenants` container.
// Upserts go as transactional batches: people grouped by logical partition, 100 per request (the service's
// batch limit), a fixed number in flight, so a 100,000-person first sync neither crawls one by one nor
// floods the account. Batches rather than the SDK's bulk API because bulk deep-copies and tracks every
// operation on the client (measured: most of the client's CPU at 100,000 people), while a batch is one
// request per 100 people of one partition; the SDK retries a throttled batch as a whole. Reads and
// deletes, where "not found" is fine per item, use bulk (a batch would fail atomically on a 404).
import type { BulkOperationResult, Container, OperationInput } from "@azure/cosmos";
import { forEachLimited } from "../../app/for-each-limited.js";
import { translateCosmosError } from "./cosmos-errors.js";
import {
  DirectoryIndexUnusableError,
  type DirectoryIndexRef,
  type DirectorySyncState,
  type DirectorySyncStateStore,
  type IndexEntry,
  type PeopleStore,
  type Person,
} from "../../app/directory/directory-sync-ports.js";
import { peoplePartitionKey } from "./containers.js";
import { CosmosRepository, type Stored } from "./cosmos-repository.js";

/** Operations per bulk call, operations per transactional batch (the service maximum), and calls in flight. */
export const PEOPLE_BULK_CHUNK = 2000;
export const PEOPLE_BATCH_SIZE = 100;
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
    const byPartition = new Map<string, Person[]>();
    for (const person of people) {
      if (person.tenantId !== tenantId) throw new Error(`Person ${person.id} belongs to another tenant.`);
      const partitionKey = peoplePartitionKey(tenantId, person.id);
      const group = byPartition.get(partitionKey);
      if (group) group.push(person);
      else byPartition.set(partitionKey, [person]);
    }
    const batches = [...byPartition].flatMap(([partitionKey, group]) => chunks(group, PEOPLE_BATCH_SIZE).map((batch) => ({ partitionKey, batch })));
    await forEachLimited(batches, this.writeConcurrency, async ({ partitionKey, batch }) => {
      // Documents are built per batch, so the whole tenant is never held twice.
      await this.upsertBatch(partitionKey, batch.map((person) => ({ operationType: "Upsert", partitionKey, resourceBody: { ...person, partitionKey } })));
      written += batch.length;
      onWritten?.(written);
    }, signal);
  }

  private async upsertBatch(partitionKey: string, operations: OperationInput[]): Promise<void> {
    let response: Awaited<ReturnType<Container["items"]["batch"]>>;
    try {
      response = await this.container.items.batch(operations, partitionKey);
    } catch (error) {
      throw translateCosmosError(error, { container: this.repository.name });
    }
    const results = response.result ?? [];
    const isFailure = (status: number): boolean => status < 200 || status >= 300;
    // In a failed transactional batch the culprit has its own status; the operations it took down say 424.
    const culprit = results.findIndex((r) => isFailure(r.statusCode) && r.statusCode !== 424);
    const failed = culprit >= 0 ? culprit : results.findIndex((r) => isFailure(r.statusCode));
    if (failed >= 0) {
      const id = (operations[failed] as { resourceBody?: { id?: unknown } } | undefined)?.resourceBody?.id;
      throw translateCosmosError({ code: results[failed]!.statusCode }, { container: this.repository.name, id: String(id) });
    }
    if (response.code !== undefined && isFailure(response.code)) throw translateCosmosError({ code: response.code }, { container: this.repository.name });
  }

  async deleteMany(tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<void> {
    const operations: OperationInput[] = ids.map((id) => ({ operationType: "Delete", id, partitionKey: peoplePartitionKey(tenantId, id) }));
    await forEachLimited(chunks(operations, PEOPLE_BULK_CHUNK), this.writeConcurrency, async (chunk) => {
      await this.bulk(chunk, [404]);
    }, signal);
  }

  private async bulk(operations: OperationInput[], acceptable: readonly number[] = []): Promise<BulkOperationResult[]> {
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
      const id = "id" in result.operationInput ? result.operationInput.id : String((result.operationInput as { resourceBody?: { id?: unknown } }).resourceBody?.id);
      throw translateCosmosError(result.error ?? { code }, { container: this.repository.name, id });
    }
    return results;
  }

  async get(tenantId: string, id: string): Promise<Person | null> {
    const stored = await this.repository.get(tenantId, id);
    return stored ? withoutEtag(stored) : null;
  }

  async getMany(tenantId: string, ids: readonly string[], signal: AbortSignal): Promise<Map<string, Person>> {
    // Bulk point reads (1 RU per small document on the real service), never a query over the tenant.
    const found = new Map<string, Person>();
    const operations: OperationInput[] = ids.map((id) => ({ operationType: "Read", id, partitionKey: peoplePartitionKey(tenantId, id) }));
    await forEachLimited(chunks(operations, PEOPLE_BULK_CHUNK), this.writeConcurrency, async (chunk) => {
      for (const result of await this.bulk(chunk, [404])) {
        const doc = result.response?.resourceBody as (Person & { tenantId?: unknown }) | undefined;
        if (result.response?.statusCode === 200 && doc && doc.tenantId === tenantId) found.set(doc.id, fromDocument(doc));
      }
    }, signal);
    return found;
  }
}

interface SyncStateDocument extends DirectorySyncState {
  id: string;
}

/** One chunk of a generation of the sync index (see app/directory/directory-index.ts). */
interface IndexChunkDocument {
  id: string;
  tenantId: string;
  generation: number;
  chunk: number;
  /** INDEX_FORMAT lines, one per person. */
  entries: string;
}

const SYNC_STATE_ID = "directory-sync";
const INDEX_TYPE = "directoryIndex";
/**
 * Chunk size: Cosmos DB items may be 2 MB at most; ~110 bytes per person puts ~13,000 people in a chunk.
 * One string property (not an array of objects) keeps the write cheap: there is one value to index, not
 * seven per person.
 */
const INDEX_CHUNK_BYTES = 1_400_000;
const INDEX_FORMAT = "v1";
const INDEX_CONCURRENCY = 4;

export class CosmosDirectorySyncStateStore implements DirectorySyncStateStore {
  private readonly repository: CosmosRepository<SyncStateDocument>;
  private readonly chunks: CosmosRepository<IndexChunkDocument>;

  constructor(private readonly tenantsContainer: Container) {
    this.repository = new CosmosRepository<SyncStateDocument>(tenantsContainer, { type: "directorySync" });
    this.chunks = new CosmosRepository<IndexChunkDocument>(tenantsContainer, { type: INDEX_TYPE });
  }

  async get(tenantId: string): Promise<DirectorySyncState | null> {
    const stored = await this.repository.get(tenantId, SYNC_STATE_ID);
    if (!stored) return null;
    const { tenantId: t, deltaLink, lastSyncAt, lastJobId, report, index } = stored;
    return { tenantId: t, deltaLink, lastSyncAt, lastJobId, report, index: index ?? null };
  }

  async save(state: DirectorySyncState): Promise<void> {
    // One sync per tenant runs at a time (job lease), so last-writer-wins is the intended semantics.
    await this.repository.upsert({ ...state, id: SYNC_STATE_ID });
  }

  async loadIndex(tenantId: string, ref: DirectoryIndexRef, signal: AbortSignal): Promise<IndexEntry[]> {
    const numbers = Array.from({ length: ref.chunks }, (_, i) => i);
    const parts: IndexEntry[][] = new Array<IndexEntry[]>(ref.chunks);
    await forEachLimited(numbers, INDEX_CONCURRENCY, async (chunk) => {
      const doc = await this.chunks.get(tenantId, indexChunkId(ref.generation, chunk));
      if (!doc) throw new DirectoryIndexUnusableError(`The directory sync index (generation ${ref.generation}) lacks chunk ${chunk}; the sync reads the people store instead and saves a new one.`);
      parts[chunk] = decodeIndex(doc.entries);
    }, signal);
    const entries = parts.flat();
    if (entries.length !== ref.entries) throw new DirectoryIndexUnusableError(`The directory sync index (generation ${ref.generation}) holds ${entries.length} people, not ${ref.entries}; the sync reads the people store instead and saves a new one.`);
    return entries;
  }

  async saveIndex(tenantId: string, generation: number, entries: readonly IndexEntry[], signal: AbortSignal): Promise<DirectoryIndexRef> {
    const texts = packIndex(entries);
    await forEachLimited(
      texts.map((text, chunk) => ({ text, chunk })),
      INDEX_CONCURRENCY,
      async ({ text, chunk }) => {
        await this.chunks.upsert({ id: indexChunkId(generation, chunk), tenantId, generation, chunk, entries: text });
      },
      signal,
    );
    return { generation, chunks: texts.length, entries: entries.length };
  }

  async removeOtherIndexGenerations(tenantId: string, keep: number, signal: AbortSignal): Promise<number> {
    // Ids and generations only: the chunks themselves are large. The tenants container is small.
    let found: Array<{ id: string; generation: number }>;
    try {
      const response = await this.tenantsContainer.items
        .query<{ id: string; generation: number }>(
          {
            query: "SELECT c.id, c.generation FROM c WHERE c.tenantId = @tenantId AND c.type = @type",
            parameters: [
              { name: "@tenantId", value: tenantId },
              { name: "@type", value: INDEX_TYPE },
            ],
          },
          { partitionKey: tenantId },
        )
        .fetchAll();
      found = response.resources;
    } catch (error) {
      throw translateCosmosError(error, { container: this.chunks.name });
    }
    const stale = found.filter((doc) => doc.generation !== keep);
    await forEachLimited(stale, INDEX_CONCURRENCY, async (doc) => {
      await this.chunks.delete(tenantId, doc.id);
    }, signal);
    return stale.length;
  }
}

function indexChunkId(generation: number, chunk: number): string {
  return `directory-index-${generation}-${chunk}`;
}

/** Tab-separated lines: id, managerId ("" = none), flags (e = enabled, m = has mail), userType, hashes. */
function packIndex(entries: readonly IndexEntry[]): string[] {
  const texts: string[] = [];
  let lines: string[] = [INDEX_FORMAT];
  let bytes = 0;
  for (const e of entries) {
    const fields = [e.id, e.managerId ?? "", `${e.accountEnabled ? "e" : "-"}${e.hasMail ? "m" : "-"}`, e.userType, e.userHash, e.orgHash];
    for (const field of fields) if (/[\t\n]/.test(field)) throw new Error(`Cannot index person ${JSON.stringify(e.id)}: a field contains a tab or line break.`);
    const line = fields.join("\t");
    if (bytes + line.length > INDEX_CHUNK_BYTES && lines.length > 1) {
      texts.push(lines.join("\n"));
      lines = [INDEX_FORMAT];
      bytes = 0;
    }
    lines.push(line);
    bytes += line.length + 1;
  }
  texts.push(lines.join("\n"));
  return texts;
}

function decodeIndex(text: string): IndexEntry[] {
  const lines = text.split("\n");
  if (lines[0] !== INDEX_FORMAT) throw new DirectoryIndexUnusableError(`Unknown directory sync index format ${JSON.stringify(lines[0]?.slice(0, 10))}; the sync reads the people store instead and saves a new one.`);
  const entries: IndexEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [id, managerId, flags, userType, userHash, orgHash] = lines[i]!.split("\t");
    if (!id || flags === undefined || userType === undefined || !userHash || !orgHash) throw new DirectoryIndexUnusableError(`Corrupt directory sync index line ${i}; the sync reads the people store instead and saves a new one.`);
    entries.push({ id, managerId: managerId || null, accountEnabled: flags.includes("e"), hasMail: flags.includes("m"), userType, userHash, orgHash });
  }
  return entries;
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

