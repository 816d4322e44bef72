// The cohort health dashboard's and CSV export's reads from the `programs` container. Pair and rating
// counts are aggregated in SQL, several at once (`SUM(cond ? 1 : 0)` per number: GROUP BY does not work
// on the embedded server, and one query per number would scan the cohort a dozen times). Everything else
// streams page by page with a small projection, so a cohort of any size is never loaded at once. Every query
// carries `c.tenantId = @tenantId` (the embedded server ignores the partition key option).
import type { Container, SqlParameter } from "@azure/cosmos";
import type { CohortExportSource, CohortHealthSource, EnrolmentFact, PairStats, RatingHistogram, SessionFact } from "../../app/health/health-ports.js";
import type { PairState, StoredPair } from "../../app/pairs/pair-model.js";
import type { SessionFeedback, StoredSession } from "../../app/scheduling/session-model.js";
import { translateCosmosError } from "./cosmos-errors.js";

const PAIR_STATES: readonly PairState[] = ["proposed", "active", "paused", "ended", "vetoed"];
// Projected rows are small; bigger pages mean fewer round trips (the service still caps a page at 4 MB).
// The embedded server re-runs the query for every continuation, so there a cohort costs (pages × size):
// 12,000 sessions read in 6.3 s at 1,000 a page and 2.8 s at 4,000.
const PAGE_SIZE = 5000;
const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn", "type"] as const;

export class CosmosCohortHealthQueries implements CohortHealthSource, CohortExportSource {
  private readonly pageSize: number;

  constructor(
    private readonly programs: Container,
    options: { pageSize?: number } = {},
  ) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
  }

  async *enrolments(tenantId: string, cohortId: string): AsyncGenerator<EnrolmentFact> {
    for await (const page of this.pages<EnrolmentFact>("SELECT c.createdAt, c.role", tenantId, "enrolment", cohortId)) yield* page;
  }

  async pairStats(tenantId: string, cohortId: string): Promise<PairStats> {
    const known = "c.state != 'vetoed' AND IS_STRING(c.mentor.department) AND IS_STRING(c.mentee.department)";
    const sums = await this.sums(tenantId, "pair", cohortId, {
      ...Object.fromEntries(PAIR_STATES.map((state) => [state, `c.state = '${state}'`])),
      withDepartments: known,
      crossDepartment: `${known} AND LOWER(c.mentor.department) != LOWER(c.mentee.department)`,
    });
    const byState = Object.fromEntries(PAIR_STATES.map((state) => [state, sums[state] ?? 0])) as Record<PairState, number>;
    return { byState, withDepartments: sums.withDepartments ?? 0, crossDepartment: sums.crossDepartment ?? 0 };
  }

  async *sessionFacts(tenantId: string, cohortId: string): AsyncGenerator<SessionFact> {
    type Row = { state: SessionFact["state"]; start: string | null; end?: string | null; problem?: { code?: string } | null; history?: SessionFact["history"] };
    for await (const page of this.pages<Row>('SELECT c.state, c.start, c["end"], c.problem, c.history', tenantId, "session", cohortId)) {
      for (const row of page) {
        yield { state: row.state, start: row.start ?? null, end: row.end ?? null, problemCode: row.problem?.code ?? null, history: (row.history ?? []).map((h) => ({ kind: h.kind, state: h.state })) };
      }
    }
  }

  async ratingHistogram(tenantId: string, cohortId: string): Promise<RatingHistogram> {
    const sums = await this.sums(tenantId, "feedback", cohortId, { r1: "c.rating = 1", r2: "c.rating = 2", r3: "c.rating = 3", r4: "c.rating = 4", r5: "c.rating = 5" });
    return [sums.r1 ?? 0, sums.r2 ?? 0, sums.r3 ?? 0, sums.r4 ?? 0, sums.r5 ?? 0];
  }

  async *pairPages(tenantId: string, cohortId: string): AsyncGenerator<StoredPair[]> {
    yield* this.documentPages<StoredPair>(tenantId, "pair", cohortId, "id");
  }

  async *sessionPages(tenantId: string, cohortId: string): AsyncGenerator<StoredSession[]> {
    yield* this.documentPages<StoredSession>(tenantId, "session", cohortId, "id");
  }

  async *feedbackPages(tenantId: string, cohortId: string): AsyncGenerator<SessionFeedback[]> {
    yield* this.documentPages<SessionFeedback>(tenantId, "feedback", cohortId, "id");
  }

  private async *documentPages<T>(tenantId: string, type: string, cohortId: string, orderBy: string): AsyncGenerator<T[]> {
    for await (const page of this.pages<Record<string, unknown>>("SELECT *", tenantId, type, cohortId, `ORDER BY c.${orderBy}`)) {
      yield page.map((doc) => {
        const clean: Record<string, unknown> = { ...doc, etag: String(doc._etag ?? "") };
        for (const field of SYSTEM_FIELDS) delete clean[field];
        return clean as T;
      });
    }
  }

  private async *pages<T>(select: string, tenantId: string, type: string, cohortId: string, suffix = ""): AsyncGenerator<T[]> {
    const query = { query: `${select} FROM c WHERE c.tenantId = @tenantId AND c.type = @type AND c.cohortId = @cohortId ${suffix}`.trim(), parameters: parameters(tenantId, type, cohortId) };
    try {
      const iterator = this.programs.items.query<T & { tenantId?: string }>(query, { maxItemCount: this.pageSize, partitionKey: tenantId });
      while (iterator.hasMoreResults()) {
        const response = await iterator.fetchNext();
        if (response.resources.length > 0) yield response.resources;
      }
    } catch (error) {
      throw translateCosmosError(error, { container: `${this.programs.id}/${type}` });
    }
  }

  /**
   * Counts documents matching each condition in ONE query (`SUM(cond ? 1 : 0)` per condition): one pass
   * over the cohort's documents instead of one query per number. Conditions are code-made SQL, never input.
   */
  private async sums(tenantId: string, type: string, cohortId: string, conditions: Record<string, string>): Promise<Record<string, number>> {
    const select = Object.entries(conditions)
      .map(([name, condition]) => `SUM((${condition}) ? 1 : 0) AS ${name}`)
      .join(", ");
    const query = { query: `SELECT ${select} FROM c WHERE c.tenantId = @tenantId AND c.type = @type AND c.cohortId = @cohortId`, parameters: parameters(tenantId, type, cohortId) };
    try {
      const response = await this.programs.items.query<Record<string, number | undefined>>(query, { partitionKey: tenantId }).fetchAll();
      // One row per partition touched (one here); a SUM over no documents comes back undefined on the real service.
      const totals: Record<string, number> = {};
      for (const row of response.resources) for (const name of Object.keys(conditions)) totals[name] = (totals[name] ?? 0) + (row[name] ?? 0);
      return totals;
    } catch (error) {
      throw translateCosmosError(error, { container: `${this.programs.id}/${type}` });
    }
  }
}

function parameters(tenantId: string, type: string, cohortId: string): SqlParameter[] {
  return [
    { name: "@tenantId", value: tenantId },
    { name: "@type", value: type },
    { name: "@cohortId", value: cohortId },
  ];
}
