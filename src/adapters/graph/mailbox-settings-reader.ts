// Working hours for matching from GET /users/{id}/mailboxSettings, $batched (≤ 20 per batch, graph-batch.ts
// chunks and retries throttled items). Graph writes zones as Windows names ("Pacific Standard Time"),
// converted to IANA here. A person whose mailbox cannot be used gets a reason, never a guess: no mailbox,
// a zone we cannot convert (custom zones), malformed hours, or an item Graph kept failing.
import type { MailboxSettingsReader, MailboxWorkingHours } from "../../app/matching/matching-ports.js";
import { isWeekday, validateWorkingHours, type Weekday, type WorkingHours } from "../../domain/time/index.js";
import { sendBatch, type BatchOptions, type BatchResult } from "./graph-batch.js";
import type { GraphClients } from "./graph-client-factory.js";
import { toIanaTimeZone } from "./time-zones.js";

/** Batch items sent per round: progress is reported and cancellation checked between rounds. */
const ROUND_SIZE = 200;

export class GraphMailboxSettingsReader implements MailboxSettingsReader {
  constructor(
    private readonly graph: GraphClients,
    private readonly batchOptions: BatchOptions = {},
  ) {}

  async read(tenantId: string, userIds: readonly string[], signal: AbortSignal, onProgress?: (done: number) => void): Promise<Map<string, MailboxWorkingHours>> {
    const unique = [...new Set(userIds)];
    const out = new Map<string, MailboxWorkingHours>();
    for (let start = 0; start < unique.length; start += ROUND_SIZE) {
      if (signal.aborted) throw signal.reason;
      const round = unique.slice(start, start + ROUND_SIZE);
      const answers = await sendBatch(
        this.graph.app(tenantId),
        round.map((id, i) => ({ id: String(i), method: "GET" as const, url: `/users/${encodeURIComponent(id)}/mailboxSettings` })),
        this.batchOptions,
      );
      round.forEach((id, i) => out.set(id, workingHoursFrom(answers.get(String(i)))));
      onProgress?.(Math.min(unique.length, start + round.length));
    }
    return out;
  }
}

/** Interprets one mailboxSettings answer (exported for unit tests with official example payloads). */
export function workingHoursFrom(answer: BatchResult | undefined): MailboxWorkingHours {
  if (!answer) return { ok: false, reason: "Microsoft Graph gave no answer for the mailbox settings" };
  if (answer.status === 404 || (answer.status === 403 && errorCode(answer) === "MailboxNotEnabledForRESTAPI")) {
    return { ok: false, reason: "has no mailbox, so working hours and time zone are unknown" };
  }
  if (answer.status < 200 || answer.status >= 300) {
    const code = errorCode(answer);
    return { ok: false, reason: `the mailbox settings could not be read (${answer.status}${code ? ` ${code}` : ""})` };
  }
  const settings = (answer.body ?? {}) as { timeZone?: unknown; workingHours?: unknown };
  const hours = settings.workingHours as { daysOfWeek?: unknown; startTime?: unknown; endTime?: unknown; timeZone?: { name?: unknown; "@odata.type"?: unknown } } | null | undefined;
  if (!hours || typeof hours !== "object") return { ok: false, reason: "the mailbox has no working hours" };
  const zoneName = typeof hours.timeZone?.name === "string" ? hours.timeZone.name : typeof settings.timeZone === "string" ? settings.timeZone : null;
  if (String(hours.timeZone?.["@odata.type"] ?? "").endsWith("customTimeZone")) {
    return { ok: false, reason: `working hours use a custom time zone ("${zoneName ?? "unnamed"}") that has no IANA equivalent` };
  }
  const timeZone = zoneName ? toIanaTimeZone(zoneName) : null;
  if (!timeZone) return { ok: false, reason: zoneName ? `the mailbox time zone "${zoneName}" is unknown` : "the mailbox has no time zone" };
  const days = Array.isArray(hours.daysOfWeek) ? hours.daysOfWeek.map((d) => String(d).toLowerCase()) : [];
  const workingHours: WorkingHours = {
    daysOfWeek: days.filter((d): d is Weekday => isWeekday(d)),
    startTime: typeof hours.startTime === "string" ? hours.startTime : "",
    endTime: typeof hours.endTime === "string" ? hours.endTime : "",
    timeZone,
  };
  if (workingHours.daysOfWeek.length === 0) return { ok: false, reason: "the mailbox working hours list no working days" };
  const issues = validateWorkingHours(workingHours, "workingHours");
  if (issues.length > 0) return { ok: false, reason: `the mailbox working hours are unusable (${issues.map((i) => i.message).join("; ")})` };
  return { ok: true, workingHours };
}

function errorCode(answer: BatchResult): string | null {
  const error = (answer.body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === "string" ? error.code : null;
}
