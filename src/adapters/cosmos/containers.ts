// The Cosmos DB containers and their partition keys: the single list that start-up (create if missing),
// the repositories and the infrastructure (Bicep) all follow.
//
// Partition keys, chosen for a multi-tenant product (the reasoning is in README "Data and partition keys"):
// - Everything per tenant and modest in size lives under `/tenantId`: one logical partition per tenant,
//   so a tenant's queries are single-partition and tenants are isolated by key as well as by filter.
// - People (the directory snapshot) can be 100,000+ per tenant and are rewritten by every directory
//   sync, so they are spread over PEOPLE_SHARDS logical partitions per tenant with a synthetic key
//   `/partitionKey` = "<tenantId>|<shard>" (shard derived from the user id). That keeps one big tenant's
//   sync from becoming a hot partition while point reads still know the key from (tenantId, userId).
//   (Hierarchical partition keys would express the same thing, but the embedded server cannot run them.)

export interface ContainerDefinition {
  name: string;
  partitionKeyPath: "/tenantId" | "/partitionKey";
  /** What lives there. */
  description: string;
}

export const CONTAINERS = {
  tenants: { name: "tenants", partitionKeyPath: "/tenantId", description: "One settings document per customer tenant (consent, program settings, sync cursors)." },
  people: { name: "people", partitionKeyPath: "/partitionKey", description: "Directory snapshot: one document per person, sharded per tenant." },
  programs: { name: "programs", partitionKeyPath: "/tenantId", description: "Cohorts, enrolments, pairs, sessions, feedback, calendar subscriptions and their notification inbox (field `type` tells them apart)." },
  jobs: { name: "jobs", partitionKeyPath: "/tenantId", description: "Job progress records and the leases that keep one runner per job kind and tenant." },
  conversations: { name: "conversations", partitionKeyPath: "/tenantId", description: "Bot conversation references for proactive notifications." },
} as const satisfies Record<string, ContainerDefinition>;

export type ContainerName = keyof typeof CONTAINERS;

export const CONTAINER_DEFINITIONS: readonly ContainerDefinition[] = Object.values(CONTAINERS);

/** Logical partitions per tenant in the `people` container. Changing it needs a data migration. */
export const PEOPLE_SHARDS = 16;

/** The `partitionKey` value of a person document: "<tenantId>|<shard>". */
export function peoplePartitionKey(tenantId: string, userId: string): string {
  return `${tenantId}|${fnv1a(userId.toLowerCase()) % PEOPLE_SHARDS}`;
}

// FNV-1a (32-bit): small, stable across processes and versions (unlike a language hash), evenly spread.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
