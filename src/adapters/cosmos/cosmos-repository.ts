// Generic, tenant-scoped access to one Cosmos DB container (optionally one document `type` in a shared
// container). Every read and query is bound to a tenant: point reads use the tenant's partition key AND
// check the stored tenantId; queries always carry `c.tenantId = @tenantId` in SQL because the partitionKey
// query option alone is not a filter everywhere (the embedded server ignores it). Writes of existing
// documents use the ETag (If-Match) so concurrent edits surface as ConcurrencyError instead of silently
// overwriting each other.
//
// Only features both the real service and the embedded server support are used: parameterised SQL,
// single-field ORDER BY, TOP, COUNT, continuation tokens. No GROUP BY, DISTINCT or OFFSET/LIMIT.
import type { Container, ItemDefinition, JSONValue, PartitionKey, SqlParameter } from "@azure/cosmos";
import type { Page, PageRequest } from "../../app/ports/page.js";
import { translateCosmosError } from "./cosmos-errors.js";

/** What every stored entity has. */
export interface TenantEntity {
  id: string;
  tenantId: string;
}

/** An entity as read from the store, with its concurrency token. */
export type Stored<T> = T & { etag: string };

export interface RepositoryOptions<T extends TenantEntity> {
  /** Set for containers shared by several document kinds; stored as `type` and added to every query. */
  type?: string;
  /** For containers partitioned by `/partitionKey` (e.g. people): the key of an entity. */
  partitionKeyOf?: (entity: Pick<T, "id" | "tenantId">) => string;
}

export interface QuerySpec {
  /** Extra SQL condition over alias `c`, e.g. "c.kind = @kind". Values only through `parameters`. */
  where?: string;
  parameters?: Record<string, JSONValue>;
  /** Single-field ORDER BY (a dotted property path). */
  orderBy?: { path: string; direction: "ASC" | "DESC" };
}

const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn"] as const;
const PROPERTY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
// Cosmos ids may not contain these characters (and may not end with a space).
const INVALID_ID = /[/\\?#]|\s$/;

export class CosmosRepository<T extends TenantEntity> {
  readonly name: string;

  constructor(
    private readonly container: Container,
    private readonly options: RepositoryOptions<T> = {},
  ) {
    this.name = options.type ? `${container.id}/${options.type}` : container.id;
  }

  /** The entity, or null when it does not exist in this tenant. */
  async get(tenantId: string, id: string): Promise<Stored<T> | null> {
    try {
      const response = await this.container.item(id, this.partitionKey({ id, tenantId })).read<ItemDefinition>();
      if (response.statusCode === 404 || !response.resource) return null;
      return this.fromStored(response.resource, tenantId);
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return null;
      throw translateCosmosError(error, { container: this.name, id });
    }
  }

  /** Creates the entity; ConflictError when the id already exists in the tenant. */
  async create(entity: T): Promise<Stored<T>> {
    checkId(entity.id);
    try {
      const response = await this.container.items.create(this.toStored(entity));
      return this.fromStored(response.resource as ItemDefinition, entity.tenantId) as Stored<T>;
    } catch (error) {
      throw translateCosmosError(error, { container: this.name, id: entity.id });
    }
  }

  /** Saves a new version of an entity read earlier; ConcurrencyError when someone saved in between. */
  async replace(entity: Stored<T>): Promise<Stored<T>> {
    const { etag, ...rest } = entity;
    try {
      const response = await this.container
        .item(entity.id, this.partitionKey(entity))
        .replace(this.toStored(rest as unknown as T), { accessCondition: { type: "IfMatch", condition: etag } });
      return this.fromStored(response.resource as ItemDefinition, entity.tenantId) as Stored<T>;
    } catch (error) {
      throw translateCosmosError(error, { container: this.name, id: entity.id });
    }
  }

  /** Creates or overwrites without a concurrency check: for idempotent imports (e.g. directory sync). */
  async upsert(entity: T): Promise<Stored<T>> {
    checkId(entity.id);
    try {
      const response = await this.container.items.upsert(this.toStored(entity));
      return this.fromStored(response.resource as ItemDefinition, entity.tenantId) as Stored<T>;
    } catch (error) {
      throw translateCosmosError(error, { container: this.name, id: entity.id });
    }
  }

  /** Deletes; with an etag only if unchanged (else ConcurrencyError). False when it did not exist. */
  async delete(tenantId: string, id: string, etag?: string): Promise<boolean> {
    try {
      await this.container
        .item(id, this.partitionKey({ id, tenantId }))
        .delete(etag ? { accessCondition: { type: "IfMatch", condition: etag } } : undefined);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return false;
      throw translateCosmosError(error, { container: this.name, id });
    }
  }

  /** One page of the tenant's entities matching `spec`. */
  async query(tenantId: string, spec: QuerySpec, page: PageRequest): Promise<Page<Stored<T>>> {
    const limit = Math.max(1, Math.min(1000, Math.floor(page.limit)));
    try {
      const iterator = this.container.items.query<ItemDefinition>(this.sql("SELECT * FROM c", tenantId, spec), {
        maxItemCount: limit,
        continuationToken: page.continuationToken ?? undefined,
        ...this.partitionScope(tenantId),
      });
      const response = await iterator.fetchNext();
      return {
        items: response.resources.map((doc) => this.fromStored(doc, tenantId)).filter((e): e is Stored<T> => e !== null),
        continuationToken: response.hasMoreResults && response.continuationToken ? response.continuationToken : null,
      };
    } catch (error) {
      throw translateCosmosError(error, { container: this.name });
    }
  }

  /** Every matching entity, page by page (for jobs; API routes should page with `query`). */
  async *queryAll(tenantId: string, spec: QuerySpec, pageSize = 200): AsyncGenerator<Stored<T>> {
    let continuationToken: string | null = null;
    do {
      const page: Page<Stored<T>> = await this.query(tenantId, spec, { limit: pageSize, continuationToken });
      yield* page.items;
      continuationToken = page.continuationToken;
    } while (continuationToken);
  }

  async count(tenantId: string, spec: Omit<QuerySpec, "orderBy"> = {}): Promise<number> {
    try {
      const response = await this.container.items
        .query<number>(this.sql("SELECT VALUE COUNT(1) FROM c", tenantId, spec), this.partitionScope(tenantId))
        .fetchAll();
      return response.resources.reduce((sum, n) => sum + n, 0);
    } catch (error) {
      throw translateCosmosError(error, { container: this.name });
    }
  }

  private sql(select: string, tenantId: string, spec: QuerySpec): { query: string; parameters: SqlParameter[] } {
    const parameters: SqlParameter[] = [{ name: "@tenantId", value: tenantId }];
    const conditions = ["c.tenantId = @tenantId"];
    if (this.options.type) {
      conditions.push("c.type = @docType");
      parameters.push({ name: "@docType", value: this.options.type });
    }
    if (spec.where) conditions.push(`(${spec.where})`);
    for (const [name, value] of Object.entries(spec.parameters ?? {})) {
      const key = name.startsWith("@") ? name : `@${name}`;
      if (key === "@tenantId" || key === "@docType") throw new Error(`Query parameter ${key} is reserved for tenant scoping.`);
      parameters.push({ name: key, value });
    }
    let query = `${select} WHERE ${conditions.join(" AND ")}`;
    if (spec.orderBy) {
      if (!PROPERTY_PATH.test(spec.orderBy.path)) throw new Error(`Invalid ORDER BY path "${spec.orderBy.path}".`);
      query += ` ORDER BY c.${spec.orderBy.path} ${spec.orderBy.direction === "DESC" ? "DESC" : "ASC"}`;
    }
    return { query, parameters };
  }

  /** Single-partition containers get the partition key option (cheaper on the real service). */
  private partitionScope(tenantId: string): { partitionKey?: PartitionKey } {
    return this.options.partitionKeyOf ? {} : { partitionKey: tenantId };
  }

  private partitionKey(entity: Pick<T, "id" | "tenantId">): string {
    return this.options.partitionKeyOf ? this.options.partitionKeyOf(entity) : entity.tenantId;
  }

  private toStored(entity: T): ItemDefinition {
    const doc: ItemDefinition = { ...(entity as unknown as ItemDefinition) };
    delete doc.etag;
    if (this.options.type) doc.type = this.options.type;
    if (this.options.partitionKeyOf) doc.partitionKey = this.options.partitionKeyOf(entity);
    return doc;
  }

  private fromStored(doc: ItemDefinition, tenantId: string): Stored<T> | null {
    // Defence in depth: a document of another tenant (or kind) is never returned, whatever the key said.
    if (doc.tenantId !== tenantId) return null;
    if (this.options.type && doc.type !== this.options.type) return null;
    const etag = String(doc._etag ?? "");
    const entity: Record<string, unknown> = { ...doc };
    for (const field of SYSTEM_FIELDS) delete entity[field];
    if (this.options.type) delete entity.type;
    if (this.options.partitionKeyOf) delete entity.partitionKey;
    return { ...(entity as unknown as T), etag };
  }
}

function checkId(id: string): void {
  if (typeof id !== "string" || id.length === 0 || id.length > 255 || INVALID_ID.test(id)) {
    throw new Error(`Invalid Cosmos DB id "${id}": 1–255 characters without / \\ ? # or a trailing space.`);
  }
}
