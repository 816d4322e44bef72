// The periodic reminder and feedback-prompt job. For one tenant, at "now":
//   1. booked sessions (booked, accepted, tentative, rescheduled) starting within the lead time (default
//      24 h) → a reminder to both people, once per session and start (a moved session is reminded again);
//   2. sessions that are over (held, or still booked and their end has passed; not cancelled, declined or
//      never booked) → a feedback prompt to both people, once.
// "Once" survives several instances and re-runs: the job first records the notification in
// `session.notified` with an If-Match write, and only the writer that wins notifies. A concurrent update
// (another instance, or the RSVP loop changing the session) makes it re-read and decide again.
import { ConcurrencyError } from "../errors.js";
import type { Notifier, ProgramRole } from "../messaging/notifier.js";
import type { Clock } from "../ports/clock.js";
import type { PairPerson } from "../pairs/pair-model.js";
import type { SessionState, StoredSession } from "../scheduling/session-model.js";
import { sessionDetails } from "../scheduling/session-support.js";
import { sessionHasEnded } from "../feedback/session-ended.js";
import type { ReminderStore } from "./reminder-ports.js";

export interface ReminderDeps {
  sessions: ReminderStore;
  notifier: Notifier;
  clock: Clock;
  log?: { warn(fields: object, message: string): void };
}

export interface ReminderOptions {
  /** How long before the start the reminder goes out. Default 24 h. */
  leadMs: number;
  /** Sessions that ended longer ago than this get no prompt (e.g. when the feature is first switched on). Default 7 days. */
  feedbackWindowMs: number;
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = { leadMs: 24 * 3_600_000, feedbackWindowMs: 7 * 24 * 3_600_000 };

export interface ReminderRunResult {
  /** Sessions reminded (each notifies two people). */
  reminders: number;
  feedbackPrompts: number;
}

const BOOKED: ReadonlySet<SessionState> = new Set(["booked", "accepted", "tentative", "rescheduled"]);
const MAX_WRITE_ATTEMPTS = 5;

export async function sendSessionNotifications(deps: ReminderDeps, tenantId: string, options: Partial<ReminderOptions> = {}): Promise<ReminderRunResult> {
  const { leadMs, feedbackWindowMs } = { ...DEFAULT_REMINDER_OPTIONS, ...options };
  const now = deps.clock.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const lookups = new RunLookups(deps.sessions, tenantId);
  const result: ReminderRunResult = { reminders: 0, feedbackPrompts: 0 };

  const needsReminder = (s: StoredSession) => BOOKED.has(s.state) && s.start !== null && withinLead(s.start, now, leadMs) && s.notified.reminderFor !== s.start;
  for await (const candidate of untilNoneNew((limit) => deps.sessions.startingBetween(tenantId, iso(now), iso(now + leadMs), limit))) {
    const marked = await markOnce(deps.sessions, candidate, needsReminder, (s) => ({ reminder: iso(now), reminderFor: s.start ?? "" }));
    if (marked && (await notifyBoth(deps, lookups, marked, "reminder"))) result.reminders++;
  }

  const needsPrompt = (s: StoredSession) => sessionHasEnded(s, now) && s.notified.feedbackPrompt === undefined;
  for await (const candidate of untilNoneNew((limit) => deps.sessions.endedBetween(tenantId, iso(now - feedbackWindowMs), iso(now), limit))) {
    const marked = await markOnce(deps.sessions, candidate, needsPrompt, () => ({ feedbackPrompt: iso(now) }));
    if (marked && (await notifyBoth(deps, lookups, marked, "feedbackPrompt"))) result.feedbackPrompts++;
  }
  return result;
}

const BATCH = 100;

/**
 * Asks `firstMatches` again and again, yielding sessions not seen before, until an answer holds nothing
 * new: handled sessions drop out of the query, and one that stays (another instance's write failed, or a
 * record we lost the race for) is not handled twice in this run.
 */
async function* untilNoneNew(firstMatches: (limit: number) => Promise<StoredSession[]>): AsyncGenerator<StoredSession> {
  const seen = new Set<string>();
  for (;;) {
    const fresh = (await firstMatches(BATCH)).filter((s) => !seen.has(s.id));
    if (fresh.length === 0) return;
    for (const session of fresh) {
      seen.add(session.id);
      yield session;
    }
  }
}

function withinLead(start: string, now: number, leadMs: number): boolean {
  const startMs = Date.parse(start);
  return startMs >= now && startMs <= now + leadMs;
}

/**
 * Records the notification on the session if it is still needed; returns the saved session when this
 * call won the write (and so must notify), null when it is not needed (any more).
 */
async function markOnce(
  store: ReminderStore,
  candidate: StoredSession,
  needed: (s: StoredSession) => boolean,
  marks: (s: StoredSession) => Record<string, string>,
): Promise<StoredSession | null> {
  let current: StoredSession | null = candidate;
  for (let attempt = 1; current && needed(current); attempt++) {
    try {
      return await store.replace({ ...current, notified: { ...current.notified, ...marks(current) } });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
      current = await store.get(current.tenantId, current.id);
    }
  }
  return null;
}

/** Pairs and cohort names, read once per run (a cohort's sessions share them). */
class RunLookups {
  private readonly pairs = new Map<string, Promise<{ mentor: PairPerson; mentee: PairPerson } | null>>();
  private readonly cohorts = new Map<string, Promise<string | null>>();

  constructor(
    private readonly store: ReminderStore,
    private readonly tenantId: string,
  ) {}

  pair(pairId: string): Promise<{ mentor: PairPerson; mentee: PairPerson } | null> {
    let found = this.pairs.get(pairId);
    if (!found) this.pairs.set(pairId, (found = this.store.pairPeople(this.tenantId, pairId)));
    return found;
  }

  cohortName(cohortId: string): Promise<string | null> {
    let found = this.cohorts.get(cohortId);
    if (!found) this.cohorts.set(cohortId, (found = this.store.cohortName(this.tenantId, cohortId)));
    return found;
  }
}

async function notifyBoth(deps: ReminderDeps, lookups: RunLookups, session: StoredSession, kind: "reminder" | "feedbackPrompt"): Promise<boolean> {
  const [pair, cohortName] = await Promise.all([lookups.pair(session.pairId), lookups.cohortName(session.cohortId)]);
  if (!pair || session.start === null || session.end === null) {
    deps.log?.warn({ sessionId: session.id, tenantId: session.tenantId }, "Session notification not sent: its pair or slot is missing");
    return false;
  }
  const sides: Array<[ProgramRole, PairPerson, PairPerson]> = [
    ["mentor", pair.mentor, pair.mentee],
    ["mentee", pair.mentee, pair.mentor],
  ];
  for (const [role, me, partner] of sides) {
    // Someone who left the cohort is told nothing more about it.
    if (session.departed?.includes(role)) continue;
    const notification = { recipient: { tenantId: session.tenantId, userId: me.id }, role, session: sessionDetails(session, cohortName ?? "Mentorship", partner) };
    if (kind === "reminder") deps.notifier.notifyReminder(notification);
    else deps.notifier.notifyFeedbackPrompt(notification);
  }
  return true;
}

/** Runs the job for every served tenant every `intervalMs` (default 5 min); returns a stopper. */
export function scheduleSessionNotifications(
  deps: ReminderDeps,
  tenants: () => readonly string[],
  options: Partial<ReminderOptions> & { intervalMs?: number; onError?: (error: unknown, tenantId: string) => void } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // A slow run (a big tenant, a throttled database) is never overlapped by the next one.
    if (running) return;
    running = Promise.all(
      tenants().map((tenantId) => sendSessionNotifications(deps, tenantId, options).catch((error: unknown) => options.onError?.(error, tenantId))),
    ).finally(() => (running = null));
  }, options.intervalMs ?? 5 * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
