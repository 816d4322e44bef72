// AvailabilityReader on Microsoft Graph getSchedule (app-only, Calendars.Read). Graph takes ≤ 20 schedules
// and a window under 62 days per call, so the read is cut into chunks × windows; the calls travel in $batch
// requests (≤ 20 getSchedule calls each, throttled items resent after Retry-After by graph-batch.ts), and
// the client's limiter keeps ≤ 4 in flight per mailbox plus the global cap. Replies are asked for in UTC.
// "Could not read this calendar" (a per-schedule error) stays distinct from "no free time".
import { ForbiddenError, UnavailableError } from "../../app/errors.js";
import { forEachLimited } from "../../app/for-each-limited.js";
import type { AvailabilityReader, MailboxRef, PersonAvailability } from "../../app/scheduling/calendar-ports.js";
import type { CalendarState } from "../../domain/scheduling/index.js";
import { DAY_MS, MINUTE_MS, isWeekday, mergeRanges, validateWorkingHours, type TimeRange, type Weekday, type WorkingHours } from "../../domain/time/index.js";
import { MAX_BATCH_SIZE, sendBatch, type BatchItem, type BatchOptions, type BatchResult } from "./graph-batch.js";
import type { GraphClients } from "./graph-client-factory.js";
import { graphDateTime, instantFromGraph } from "./graph-date-time.js";
import { toIanaTimeZone } from "./time-zones.js";

export const MAX_SCHEDULES_PER_CALL = 20;
/** Graph refuses windows of 62 days or more; 61 keeps a whole day of margin. */
export const MAX_WINDOW_MS = 61 * DAY_MS;

export interface AvailabilityReaderOptions {
  batch?: BatchOptions;
  /** availabilityViewInterval in minutes (only used when a reply has no scheduleItems). Default 15. */
  viewIntervalMinutes?: number;
  /**
   * $batch requests (of up to 20 getSchedule calls) in flight at once. Default 2: each carries up to 400
   * person-windows of free/busy, heavy work for the mailbox servers; more in parallel mostly queues there.
   */
  batchesInFlight?: number;
  /** Re-sends of getSchedule calls that failed with a server error. Default 2. */
  serverErrorRetries?: number;
}

/** Statuses that count as busy. workingElsewhere is available for meetings; free is free. */
const BUSY_STATUSES = new Set(["busy", "oof", "tentative"]);

interface ScheduleCall {
  id: string;
  mailboxes: MailboxRef[];
  window: TimeRange;
}

/** What one getSchedule call said about one mailbox. */
type PieceResult = { readable: true; busy: TimeRange[]; items: TimeRange[] | null; workingHours: unknown } | { readable: false; reason: string };

export class GraphAvailabilityReader implements AvailabilityReader {
  private readonly viewInterval: number;
  private readonly batchesInFlight: number;
  private readonly serverErrorRetries: number;

  constructor(
    private readonly graph: GraphClients,
    private readonly options: AvailabilityReaderOptions = {},
  ) {
    this.viewInterval = options.viewIntervalMinutes ?? 15;
    this.batchesInFlight = options.batchesInFlight ?? 2;
    this.serverErrorRetries = options.serverErrorRetries ?? 2;
    if (this.viewInterval < 5 || this.viewInterval > 1440) throw new RangeError("viewIntervalMinutes must be from 5 to 1440.");
    if (!Number.isInteger(this.batchesInFlight) || this.batchesInFlight < 1) throw new RangeError("batchesInFlight must be a positive integer.");
  }

  async read(tenantId: string, mailboxes: readonly MailboxRef[], window: TimeRange, signal?: AbortSignal): Promise<Map<string, PersonAvailability>> {
    if (!(window.end > window.start)) throw new RangeError("The availability window must end after it starts.");
    const unique = uniqueMailboxes(mailboxes);
    const calls = planCalls(unique, window);
    const pieces = new Map<string, PieceResult[]>();
    let failedCalls = 0;
    let lastFailure = "";
    const groups: ScheduleCall[][] = [];
    for (let i = 0; i < calls.length; i += MAX_BATCH_SIZE) groups.push(calls.slice(i, i + MAX_BATCH_SIZE));
    await forEachLimited(groups, this.batchesInFlight, async (group) => {
      const answers = await this.send(tenantId, group);
      for (const call of group) {
        const answer = answers.get(call.id);
        const results = interpretCall(call, answer);
        if (!results) {
          failedCalls++;
          lastFailure = describeAnswer(answer);
        }
        call.mailboxes.forEach((m, k) => {
          const list = pieces.get(m.id) ?? [];
          list.push(results?.[k] ?? { readable: false, reason: `could not read this calendar (Microsoft Graph answered ${describeAnswer(answer)})` });
          pieces.set(m.id, list);
        });
      }
    }, signal);
    signal?.throwIfAborted();
    if (calls.length > 0 && failedCalls === calls.length) throw wholeReadFailure(lastFailure);
    const out = new Map<string, PersonAvailability>();
    for (const mailbox of unique) out.set(mailbox.id, combine(pieces.get(mailbox.id) ?? [], window));
    return out;
  }

  /**
   * One $batch of getSchedule calls. Calls that fail with a server error (inner 5xx, or the whole batch
   * failing after the SDK's own retries) are sent again, up to `serverErrorRetries` times: getSchedule only
   * reads, so repeating it is safe. What still fails makes only those people unreadable.
   */
  private async send(tenantId: string, group: readonly ScheduleCall[]): Promise<Map<string, BatchResult>> {
    const answers = new Map<string, BatchResult>();
    let pending = [...group];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await this.sleep(attempt);
      const round = await this.sendOnce(tenantId, pending);
      for (const [id, answer] of round) answers.set(id, answer);
      if (attempt >= this.serverErrorRetries) break;
      pending = pending.filter((call) => (answers.get(call.id)?.status ?? 500) >= 500);
    }
    return answers;
  }

  private async sendOnce(tenantId: string, group: readonly ScheduleCall[]): Promise<Map<string, BatchResult>> {
    try {
      return await sendBatch(this.graph.app(tenantId), group.map((call) => this.request(call)), this.options.batch);
    } catch (error) {
      if (!(error instanceof UnavailableError)) throw error;
      const status = (error.cause as { statusCode?: unknown } | undefined)?.statusCode;
      const failed: BatchResult = { id: "", status: typeof status === "number" && status > 0 ? status : 503, headers: {}, body: { error: { code: "BatchFailed" } } };
      return new Map(group.map((call) => [call.id, { ...failed, id: call.id }]));
    }
  }

  private sleep(attempt: number): Promise<void> {
    const seconds = (this.options.batch?.defaultRetrySeconds ?? 1) * attempt;
    return this.options.batch?.sleep ? this.options.batch.sleep(seconds) : new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }

  private request(call: ScheduleCall): BatchItem {
    // Addressed to the first mailbox of the chunk: the call then counts against that mailbox's limits, and
    // spreading the chunks over different mailboxes keeps any one of them under Outlook's 4 concurrent calls.
    const first = call.mailboxes[0] as MailboxRef;
    return {
      id: call.id,
      method: "POST",
      url: `/users/${encodeURIComponent(first.id)}/calendar/getSchedule`,
      headers: { Prefer: 'outlook.timezone="UTC"' },
      body: {
        schedules: call.mailboxes.map((m) => m.address),
        startTime: graphDateTime(call.window.start, "UTC"),
        endTime: graphDateTime(call.window.end, "UTC"),
        availabilityViewInterval: this.viewInterval,
      },
    };
  }
}

function uniqueMailboxes(mailboxes: readonly MailboxRef[]): MailboxRef[] {
  const seen = new Map<string, MailboxRef>();
  for (const m of mailboxes) {
    if (!m.address || !m.address.includes("@")) throw new RangeError(`Mailbox ${m.id} has no SMTP address; getSchedule needs one.`);
    if (!seen.has(m.id)) seen.set(m.id, m);
  }
  return [...seen.values()];
}

/** Every (chunk of ≤ 20 mailboxes) × (window piece under 62 days) pair is one getSchedule call. */
export function planCalls(mailboxes: readonly MailboxRef[], window: TimeRange): ScheduleCall[] {
  const windows = splitWindow(window);
  const calls: ScheduleCall[] = [];
  for (let c = 0; c < mailboxes.length; c += MAX_SCHEDULES_PER_CALL) {
    const chunk = mailboxes.slice(c, c + MAX_SCHEDULES_PER_CALL);
    windows.forEach((w, i) => calls.push({ id: `c${c / MAX_SCHEDULES_PER_CALL}w${i}`, mailboxes: chunk, window: w }));
  }
  return calls;
}

/** Consecutive pieces no longer than MAX_WINDOW_MS, in equal sizes (aligned to minutes) so none is a sliver. */
export function splitWindow(window: TimeRange): TimeRange[] {
  const length = window.end - window.start;
  const count = Math.max(1, Math.ceil(length / MAX_WINDOW_MS));
  const step = Math.ceil(length / count / MINUTE_MS) * MINUTE_MS;
  const pieces: TimeRange[] = [];
  for (let start = window.start; start < window.end; start += step) pieces.push({ start, end: Math.min(window.end, start + step) });
  return pieces;
}

/** Per-mailbox results of one call, in the call's mailbox order; null when the call itself failed. */
function interpretCall(call: ScheduleCall, answer: BatchResult | undefined): PieceResult[] | null {
  if (!answer || answer.status < 200 || answer.status >= 300) return null;
  const value = (answer.body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return null;
  const byAddress = new Map<string, Record<string, unknown>>();
  for (const item of value) {
    const id = (item as { scheduleId?: unknown } | null)?.scheduleId;
    if (typeof id === "string") byAddress.set(id.toLowerCase(), item as Record<string, unknown>);
  }
  return call.mailboxes.map((m, k) => {
    // Graph answers in request order and echoes the address as scheduleId; match by address, fall back to position.
    const info = byAddress.get(m.address.toLowerCase()) ?? (value[k] as Record<string, unknown> | undefined);
    return info ? interpretSchedule(info, call.window) : { readable: false, reason: "Microsoft Graph returned no free/busy for this mailbox" };
  });
}

/** One scheduleInformation entry (exported for unit tests with the official example payloads). */
export function interpretSchedule(info: Record<string, unknown>, window: TimeRange): PieceResult {
  const error = info.error as { message?: unknown; responseCode?: unknown } | null | undefined;
  if (error && typeof error === "object") {
    const code = typeof error.responseCode === "string" ? error.responseCode : "unknown error";
    return { readable: false, reason: `could not read this calendar (${scheduleErrorText(code)})` };
  }
  const items = Array.isArray(info.scheduleItems) ? busyItems(info.scheduleItems) : null;
  const busy = items ? mergeRanges(items) : busyFromView(info.availabilityView, window, info);
  if (busy === null) return { readable: false, reason: "could not read this calendar (Graph returned free/busy we could not interpret)" };
  return { readable: true, busy, items, workingHours: info.workingHours };
}

function scheduleErrorText(code: string): string {
  if (code === "5009" || code === "ErrorMailRecipientNotFound") return `${code}: the address has no mailbox Graph can read`;
  if (code === "5006" || code === "ErrorAccessDenied") return `${code}: access to this calendar is denied`;
  return code;
}

/** The busy scheduleItems one by one (null when one cannot be read). */
function busyItems(items: readonly unknown[]): TimeRange[] | null {
  const busy: TimeRange[] = [];
  for (const raw of items) {
    const item = raw as { status?: unknown; start?: unknown; end?: unknown };
    const status = typeof item.status === "string" ? item.status.toLowerCase() : "busy";
    if (!BUSY_STATUSES.has(status)) continue;
    const start = instantFromGraph(item.start);
    const end = instantFromGraph(item.end);
    if (start === null || end === null) return null;
    if (end > start) busy.push({ start, end });
  }
  return busy;
}

/** Fallback when a reply has only the availabilityView digits (1 tentative, 2 busy, 3 oof are busy). */
function busyFromView(view: unknown, window: TimeRange, info: Record<string, unknown>): TimeRange[] | null {
  if (typeof view !== "string") return null;
  const interval = Number(info.availabilityViewInterval ?? NaN);
  const step = (Number.isFinite(interval) && interval >= 5 ? interval : Math.round((window.end - window.start) / MINUTE_MS / Math.max(1, view.length))) * MINUTE_MS;
  const busy: TimeRange[] = [];
  for (let i = 0; i < view.length; i++) {
    if ("123".includes(view[i] as string)) busy.push({ start: window.start + i * step, end: Math.min(window.end, window.start + (i + 1) * step) });
  }
  return mergeRanges(busy);
}

/** Merges a mailbox's window pieces: readable only when every piece was. */
function combine(pieces: readonly PieceResult[], window: TimeRange): PersonAvailability {
  const within = (r: TimeRange) => r.end > window.start && r.start < window.end;
  const unreadable = pieces.find((p): p is Extract<PieceResult, { readable: false }> => !p.readable);
  const readable = pieces.filter((p): p is Extract<PieceResult, { readable: true }> => p.readable);
  const calendar: CalendarState = unreadable
    ? { readable: false, reason: unreadable.reason }
    : { readable: true, busy: mergeRanges(readable.flatMap((p) => p.busy)).filter(within), ...itemsOf(readable, within) };
  const hours = readable.length > 0 ? workingHoursOf(readable[0]?.workingHours) : { workingHours: null, workingHoursProblem: unreadable?.reason ?? "no free/busy answer" };
  return { ...hours, calendar };
}

/**
 * The items of every piece, once each (an item across a piece boundary is in both answers); absent when a
 * piece had only the availability view.
 */
function itemsOf(pieces: ReadonlyArray<{ items: TimeRange[] | null }>, within: (r: TimeRange) => boolean): { items?: TimeRange[] } {
  if (pieces.some((p) => p.items === null)) return {};
  // Two meetings at the very same time are two items; the same item seen by two pieces is one: keep each
  // (start, end) as many times as the piece listing it most often.
  const most = new Map<string, { item: TimeRange; count: number }>();
  for (const piece of pieces) {
    const here = new Map<string, { item: TimeRange; count: number }>();
    for (const item of piece.items ?? []) {
      if (!within(item)) continue;
      const key = `${item.start}|${item.end}`;
      here.set(key, { item, count: (here.get(key)?.count ?? 0) + 1 });
    }
    for (const [key, entry] of here) if ((most.get(key)?.count ?? 0) < entry.count) most.set(key, entry);
  }
  return { items: [...most.values()].flatMap(({ item, count }) => Array.from({ length: count }, () => item)).sort((a, b) => a.start - b.start || a.end - b.end) };
}

/** getSchedule's workingHours with the Windows zone converted to IANA; a reason instead when unusable. */
export function workingHoursOf(raw: unknown): Pick<PersonAvailability, "workingHours" | "workingHoursProblem"> {
  const problem = (text: string) => ({ workingHours: null, workingHoursProblem: text });
  const hours = raw as { daysOfWeek?: unknown; startTime?: unknown; endTime?: unknown; timeZone?: { name?: unknown; "@odata.type"?: unknown } } | null | undefined;
  if (!hours || typeof hours !== "object") return problem("the mailbox publishes no working hours");
  const zoneName = typeof hours.timeZone?.name === "string" ? hours.timeZone.name : null;
  if (String(hours.timeZone?.["@odata.type"] ?? "").endsWith("customTimeZone")) {
    return problem(`working hours use a custom time zone ("${zoneName ?? "unnamed"}") that has no IANA equivalent`);
  }
  const timeZone = zoneName ? toIanaTimeZone(zoneName) : null;
  if (!timeZone) return problem(zoneName ? `the working-hours time zone "${zoneName}" is unknown` : "the working hours have no time zone");
  const days = Array.isArray(hours.daysOfWeek) ? hours.daysOfWeek.map((d) => String(d).toLowerCase()).filter((d): d is Weekday => isWeekday(d)) : [];
  if (days.length === 0) return problem("the working hours list no working days");
  const workingHours: WorkingHours = {
    daysOfWeek: days,
    startTime: typeof hours.startTime === "string" ? hours.startTime : "",
    endTime: typeof hours.endTime === "string" ? hours.endTime : "",
    timeZone,
  };
  const issues = validateWorkingHours(workingHours, "workingHours");
  if (issues.length > 0) return problem(`the working hours are unusable (${issues.map((i) => i.message).join("; ")})`);
  return { workingHours, workingHoursProblem: null };
}

function describeAnswer(answer: BatchResult | undefined): string {
  if (!answer) return "no answer";
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  return `${answer.status}${typeof code === "string" ? ` ${code}` : ""}`;
}

/** Every call failed: the tenant as a whole cannot be read (no consent, or Graph down after retries). */
function wholeReadFailure(description: string): Error {
  if (/^40[13]\b/.test(description)) {
    return new ForbiddenError(`Microsoft Graph refused every free/busy read (${description}) — check the app's Calendars.Read permission and admin consent.`);
  }
  return new UnavailableError(`Microsoft Graph could not read free/busy for anyone (${description}); try again later.`);
}
