// The cohort health dashboard's and CSV export's reads from the `programs` container. Counts are
// aggregated in SQL (COUNT works on the real service and the embedded server; GROUP BY does not work on
// the embedded one, so there is one COUNT per state or rating, run in parallel). Everything else streams
// page by page with a small projection, so a cohort of any size is never loaded at once. Every query
// carries `c.tenantId = @tenantId` (the embedded server ignores the partition key option).
import type { Container, JSONValue, SqlParameter } from "@azure/cosmos";
import type { CohortExportSource, CohortHealthSource, EnrolmentFact, PairStats, RatingHistogram, SessionFact } from "../../app/health/health-ports.js";
import type { PairState, StoredPair } from "../../app/pairs/pair-model.js";
import type { SessionFeedback, StoredSession } from "../../app/scheduling/session-model.js";
import { translateCosmosError } from "./cosmos-errors.js";

const PAIR_STATES: readonly PairState[] = ["proposed", "active", "paused", "ended", "vetoed"];
const PAGE_SIZE = 500;
const SYSTEM_FIELDS = ["_rid", "_self", "_etag", "_attachments", "_ts", "_lsn", "type"] as const;

type Params = Record<string, JSONValue>;

export class CosmosCohortHealthQueries implements CohortHealthSource, CohortExportSource {
  constructor(private readonly programs: Container) {}

  async *enrolments(tenantId: string, cohortId: string): AsyncGenerator<EnrolmentFact> {
    for await (const page of this.pages<EnrolmentFact>("SELECT c.createdAt, c.role", tenantId, "enrolment", cohortId)) yield* page;
  }

  async pairStats(tenantId: string, cohortId: string): Promise<PairStats> {
    const byStateCounts = PAIR_STATES.map((state) => this.count(tenantId, "pair", cohortId, "c.state = @state", { state }));
    const departments = "c.state != 'vetoed' AND IS_STRING(c.mentor.department) AND IS_STRING(c.mentee.department)";
    const [withDepartments, crossDepartment, ...counts] = await Promise.all([
      this.count(tenantId, "pair", cohortId, departments),
      this.count(tenantId, "pair", cohortId, `${departments} AND LOWER(c.mentor.department) != LOWER(c.mentee.department)`),
      ...byStateCounts,
    ]);
    const byState = Object.fromEntries(PAIR_STATES.map((state, i) => [state, counts[i] ?? 0])) as Record<PairState, number>;
    return { byState, withDepartments: withDepartments ?? 0, crossDepartment: crossDepartment ?? 0 };
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
    const counts = await Promise.all([1, 2, 3, 4, 5].map((rating) => this.count(tenantId, "feedback", cohortId, "c.rating = @rating", { rating })));
    return counts as RatingHistogram;
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
      const iterator = this.programs.items.query<T & { tenantId?: string }>(query, { maxItemCount: PAGE_SIZE, partitionKey: tenantId });
      while (iterator.hasMoreResults()) {
        const response = await iterator.fetchNext();
        if (response.resources.length > 0) yield response.resources;
      }
    } catch (error) {
      throw translateCosmosError(error, { container: `${this.programs.id}/${type}` });
    }
  }

  private async count(tenantId: string, type: string, cohortId: string, where: string, extra: Params = {}): Promise<number> {
    const query = {
      query: `SELECT VALUE COUNT(1) FROM c WHERE c.tenantId = @tenantId AND c.type = @type AND c.cohortId = @cohortId AND (${where})`,
      parameters: [...parameters(tenantId, type, cohortId), ...Object.entries(extra).map(([name, value]) => ({ name: `@${name}`, value }))],
    };
    try {
      const response = await this.programs.items.query<number>(query, { partitionKey: tenantId }).fetchAll();
      return response.resources.reduce((sum, n) => sum + n, 0);
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
