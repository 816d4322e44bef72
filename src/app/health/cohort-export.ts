// CSV exports of one cohort for admins (pairs, sessions, feedback): a header row, then the rows page by
// page as the store returns them, so the HTTP response streams and a big cohort is never held in memory.
import type { Caller } from "../caller.js";
import type { StoredPair } from "../pairs/pair-model.js";
import type { SessionFeedback, StoredSession } from "../scheduling/session-model.js";
import { requireCohort, type HealthDeps } from "./cohort-health.js";
import { csvRow, type CsvValue } from "./csv.js";
import type { CohortExportSource } from "./health-ports.js";

export const EXPORT_KINDS = ["pairs", "sessions", "feedback"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface ExportDeps extends Omit<HealthDeps, "health"> {
  exports: CohortExportSource;
}

export interface CohortExport {
  filename: string;
  /** CSV text in chunks: the header, then one chunk per page of rows. */
  chunks: AsyncIterable<string>;
}

const PAIR_COLUMNS = ["pairId", "state", "mentorName", "mentorJobTitle", "mentorDepartment", "menteeName", "menteeJobTitle", "menteeDepartment", "score", "locked", "crossDepartment", "publishedAt", "endedAt"];
const SESSION_COLUMNS = ["sessionId", "pairId", "mentorName", "menteeName", "sequence", "of", "state", "start", "end", "attendeeResponse", "reslotCount", "problem", "joinUrl"];
const FEEDBACK_COLUMNS = ["sessionId", "pairId", "fromRole", "rating", "comment", "createdAt"];

/** Checks the cohort exists in the caller's tenant (before anything is sent), then describes the file. */
export async function exportCohort(deps: ExportDeps, caller: Caller, cohortId: string, kind: ExportKind, nowMs = deps.clock.now()): Promise<CohortExport> {
  await requireCohort(deps.cohorts, caller.tenantId, cohortId);
  const date = new Date(nowMs).toISOString().slice(0, 10).replace(/-/g, "");
  return { filename: `cohort-${safeFileSegment(cohortId)}-${kind}-${date}.csv`, chunks: chunksOf(deps.exports, caller.tenantId, cohortId, kind) };
}

async function* chunksOf(source: CohortExportSource, tenantId: string, cohortId: string, kind: ExportKind): AsyncGenerator<string> {
  if (kind === "pairs") {
    yield csvRow(PAIR_COLUMNS);
    for await (const page of source.pairPages(tenantId, cohortId)) yield page.map((p) => csvRow(pairRow(p))).join("");
  } else if (kind === "sessions") {
    // Names come from the pairs (the session documents hold ids only); a cohort has far fewer pairs than sessions.
    const names = new Map<string, { mentor: string; mentee: string }>();
    for await (const page of source.pairPages(tenantId, cohortId)) {
      for (const pair of page) names.set(pair.id, { mentor: pair.mentor.displayName, mentee: pair.mentee.displayName });
    }
    yield csvRow(SESSION_COLUMNS);
    for await (const page of source.sessionPages(tenantId, cohortId)) yield page.map((s) => csvRow(sessionRow(s, names.get(s.pairId)))).join("");
  } else {
    yield csvRow(FEEDBACK_COLUMNS);
    for await (const page of source.feedbackPages(tenantId, cohortId)) yield page.map((f) => csvRow(feedbackRow(f))).join("");
  }
}

function pairRow(p: StoredPair): CsvValue[] {
  const cross = p.mentor.department && p.mentee.department ? p.mentor.department.toLowerCase() !== p.mentee.department.toLowerCase() : null;
  return [p.id, p.state, p.mentor.displayName, p.mentor.jobTitle, p.mentor.department, p.mentee.displayName, p.mentee.jobTitle, p.mentee.department, p.score, p.locked, cross, p.publishedAt, p.endedAt];
}

function sessionRow(s: StoredSession, names: { mentor: string; mentee: string } | undefined): CsvValue[] {
  return [s.id, s.pairId, names?.mentor ?? null, names?.mentee ?? null, s.index + 1, s.of, s.state, s.start, s.end, s.attendeeResponse, s.reslotCount, s.problem ? `${s.problem.code}: ${s.problem.message}` : null, s.joinUrl];
}

function feedbackRow(f: SessionFeedback): CsvValue[] {
  return [f.sessionId, f.pairId, f.role, f.rating, f.comment, f.createdAt];
}

/** Cohort ids are code-made, but a file name must never carry quotes or path characters. */
function safeFileSegment(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 80);
}
