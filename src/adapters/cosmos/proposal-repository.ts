// Matching proposals in the `programs` container (type "proposal", partition /tenantId): one document per
// cohort, id `proposal_<cohortId>`, replaced under its ETag by every run and admin edit.
//
// Cosmos DB refuses items over 2 MB. A big cohort's proposal passes that mostly through its lists: every
// unmatched person carries a sentence of reasons (~0.4 KB), so 5,000 unmatched juniors alone are about
// 2 MB. The lists are very repetitive (the same reasons, ids of one shape), so when they are large they are
// stored gzip-compressed in `packed` (8,000 unmatched people: 3.5 MB of JSON → 0.48 MB, 7×), and unpacked on read: the app sees the
// same Proposal either way. What still does not fit is refused with a clear error, never truncated.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Container } from "@azure/cosmos";
import { ConflictError } from "../../app/errors.js";
import { proposalId, type ProposalRepository, type StoredProposal } from "../../app/matching/matching-ports.js";
import type { Proposal } from "../../app/pairs/pair-model.js";
import { statusOf } from "./cosmos-errors.js";
import { CosmosRepository } from "./cosmos-repository.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Lists whose JSON is longer than this are stored compressed. */
const PACK_ABOVE_CHARS = 128 * 1024;
const PACKED_LISTS = ["pairs", "unmatched"] as const;
type PackedList = (typeof PACKED_LISTS)[number];

/** As stored: a packed list is empty in place and its gzip (base64) is in `packed`. */
type StoredForm = Proposal & { packed?: Partial<Record<PackedList, string>> };

export class CosmosProposalRepository implements ProposalRepository {
  private readonly repo: CosmosRepository<StoredForm>;

  constructor(programs: Container) {
    this.repo = new CosmosRepository<StoredForm>(programs, { type: "proposal" });
  }

  async get(tenantId: string, cohortId: string): Promise<StoredProposal | null> {
    const stored = await this.repo.get(tenantId, proposalId(cohortId));
    return stored ? unpack(stored) : null;
  }

  async create(proposal: Proposal): Promise<StoredProposal> {
    const packed = await pack({ ...proposal, id: proposalId(proposal.cohortId) });
    return this.write(proposal, () => this.repo.create(packed));
  }

  async replace(proposal: StoredProposal): Promise<StoredProposal> {
    const packed = { ...(await pack(proposal)), etag: proposal.etag };
    return this.write(proposal, () => this.repo.replace(packed));
  }

  private async write(proposal: Proposal, save: () => Promise<StoredForm & { etag: string }>): Promise<StoredProposal> {
    try {
      return await unpack(await save());
    } catch (error) {
      if (statusOf(error) === 413) {
        throw new ConflictError(
          `The proposal for this cohort (${proposal.pairs.length.toLocaleString("en")} pairs, ${proposal.unmatched.length.toLocaleString("en")} people not matched) is too large to store even compressed; split the cohort into smaller ones.`,
        );
      }
      throw error;
    }
  }
}

async function pack<T extends Proposal>(proposal: T): Promise<T & StoredForm> {
  const out: T & StoredForm = { ...proposal };
  delete out.packed;
  for (const list of PACKED_LISTS) {
    const json = JSON.stringify(proposal[list]);
    if (json.length <= PACK_ABOVE_CHARS) continue;
    out.packed = { ...(out.packed ?? {}), [list]: (await gzipAsync(Buffer.from(json, "utf8"))).toString("base64") };
    out[list] = [];
  }
  return out;
}

async function unpack<T extends StoredForm>(stored: T): Promise<T> {
  const { packed, ...rest } = stored;
  if (!packed) return stored;
  const out = { ...rest } as T;
  for (const list of PACKED_LISTS) {
    const data = packed[list];
    if (data !== undefined) (out as Record<PackedList, unknown>)[list] = JSON.parse((await gunzipAsync(Buffer.from(data, "base64"))).toString("utf8"));
  }
  return out;
}
