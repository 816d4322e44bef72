// Attendees who behave like people. When an invitation lands in someone's calendar, they answer after
// their delay (dev-clock minutes): accept, tentatively accept, decline, or never — drawn from a
// deterministic RNG (tenant seed + meeting + attendee + revision) with their own response profile or the
// global defaults. With probability laterConflict an accepted meeting is later declined because a
// conflicting meeting appears in their calendar. Everything runs off the dev clock, so tests advance
// the clock instead of waiting.
import type { DevClock, DevDirectoryView, DevPerson, DevResponseProfile } from "../model.js";
import { DevInputError } from "./errors.js";
import type { StoredEvent } from "./event-model.js";
import type { EventStore } from "./event-store.js";
import type { Answer, Meetings } from "./meetings.js";
import { drawFor } from "./rng.js";

export interface BehaviourSettings {
  accept: number;
  tentative: number;
  decline: number;
  delayMinutes: number;
  laterConflict: number;
  /** false freezes automatic answers (nothing new is queued, nothing queued fires). */
  enabled: boolean;
  /** true applies these global values to everyone, ignoring per-person response profiles. */
  overrideProfiles: boolean;
}

export const DEFAULT_BEHAVIOUR: BehaviourSettings = {
  accept: 0.7,
  tentative: 0.1,
  decline: 0.1,
  delayMinutes: 30,
  laterConflict: 0.05,
  enabled: true,
  overrideProfiles: false,
};

interface PendingAction {
  kind: "answer" | "conflict";
  tenantId: string;
  copyId: string;
  sequence: number;
  dueAt: number;
  answer: Answer;
}

const CONFLICT_SUBJECT = "Conflicting meeting";

function probability(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) throw new DevInputError(field, `${field} must be a number from 0 to 1.`);
  return value;
}

/** Validate a PUT /dev/behaviour body against the current settings (partial updates allowed). */
export function mergeBehaviour(current: BehaviourSettings, raw: unknown): BehaviourSettings {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new DevInputError("body", "The body must be a JSON object.");
  const body = raw as Record<string, unknown>;
  const known = new Set(Object.keys(DEFAULT_BEHAVIOUR));
  for (const key of Object.keys(body)) if (!known.has(key)) throw new DevInputError(key, `Unknown behaviour setting '${key}'; known: ${[...known].join(", ")}.`);
  const next = { ...current };
  for (const key of ["accept", "tentative", "decline", "laterConflict"] as const) if (key in body) next[key] = probability(body[key], key);
  if ("delayMinutes" in body) {
    const d = body["delayMinutes"];
    if (typeof d !== "number" || !Number.isFinite(d) || d < 0) throw new DevInputError("delayMinutes", "delayMinutes must be a non-negative number.");
    next.delayMinutes = d;
  }
  for (const key of ["enabled", "overrideProfiles"] as const) {
    if (key in body) {
      if (typeof body[key] !== "boolean") throw new DevInputError(key, `${key} must be true or false.`);
      next[key] = body[key];
    }
  }
  if (next.accept + next.tentative + next.decline > 1 + 1e-9) throw new DevInputError("accept", "accept + tentative + decline must not exceed 1 (the rest never answers).");
  return next;
}

export class AttendeeBehaviour {
  private pending: PendingAction[] = [];
  settings: BehaviourSettings;

  constructor(
    private readonly store: EventStore,
    private readonly meetings: () => Meetings,
    private readonly clock: DevClock,
    private readonly directory: (tenantId: string) => DevDirectoryView | undefined,
    initial: BehaviourSettings = DEFAULT_BEHAVIOUR,
  ) {
    this.settings = { ...initial };
  }

  /** The profile that decides for this person (their own unless overridden globally). */
  profileOf(person: DevPerson | undefined): DevResponseProfile {
    const global: DevResponseProfile = {
      accept: this.settings.accept,
      tentative: this.settings.tentative,
      decline: this.settings.decline,
      delayMinutes: this.settings.delayMinutes,
      laterConflict: this.settings.laterConflict,
    };
    if (person?.responseProfile == null || this.settings.overrideProfiles) return global;
    return person.responseProfile;
  }

  /** An invitation arrived (or the meeting moved): decide the answer now, deliver it after the delay. */
  invited(copy: StoredEvent): void {
    if (!this.settings.enabled) return;
    const directory = this.directory(copy.tenantId);
    const profile = this.profileOf(directory?.findPerson(copy.mailboxId));
    const r = drawFor(directory?.seed ?? 0, copy.meetingKey, copy.mailboxId, copy.sequence, "answer");
    let answer: Answer | null = null;
    if (r < profile.accept) answer = "accepted";
    else if (r < profile.accept + profile.tentative) answer = "tentativelyAccepted";
    else if (r < profile.accept + profile.tentative + profile.decline) answer = "declined";
    this.pending = this.pending.filter((p) => p.copyId !== copy.id);
    if (answer === null) return; // This person never answers this one.
    this.pending.push({ kind: "answer", tenantId: copy.tenantId, copyId: copy.id, sequence: copy.sequence, dueAt: this.clock.now() + profile.delayMinutes * 60_000, answer });
  }

  /** Number of queued automatic answers and conflicts. */
  queued(): number {
    return this.pending.length;
  }

  /** Run every action that is due on the dev clock, oldest first. */
  processDue(): number {
    if (!this.settings.enabled || this.pending.length === 0) return 0;
    const now = this.clock.now();
    const due = this.pending.filter((p) => p.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    if (due.length === 0) return 0;
    this.pending = this.pending.filter((p) => p.dueAt > now);
    let done = 0;
    for (const action of due) if (this.run(action)) done++;
    return done;
  }

  private run(action: PendingAction): boolean {
    const copy = this.store.get(action.tenantId, action.copyId);
    // The meeting moved, was cancelled, or the person already answered themselves: nothing to do.
    if (copy === undefined || copy.isCancelled || copy.sequence !== action.sequence) return false;
    if (action.kind === "answer") {
      if (copy.responseStatus.response !== "none") return false;
      this.meetings().respond(copy, action.answer, { comment: "", at: action.dueAt });
      if (action.answer === "accepted") this.maybeScheduleConflict(copy);
      return true;
    }
    if (copy.responseStatus.response !== "accepted") return false;
    this.placeConflict(copy);
    return true;
  }

  private maybeScheduleConflict(copy: StoredEvent): void {
    const directory = this.directory(copy.tenantId);
    const profile = this.profileOf(directory?.findPerson(copy.mailboxId));
    const seed = directory?.seed ?? 0;
    if (drawFor(seed, copy.meetingKey, copy.mailboxId, copy.sequence, "conflict") >= profile.laterConflict) return;
    const now = this.clock.now();
    if (copy.start <= now) return;
    // Somewhere between a fifth and four fifths of the way to the meeting.
    const fraction = 0.2 + 0.6 * drawFor(seed, copy.meetingKey, copy.mailboxId, copy.sequence, "conflictAt");
    this.pending.push({ kind: "conflict", tenantId: copy.tenantId, copyId: copy.id, sequence: copy.sequence, dueAt: now + Math.floor((copy.start - now) * fraction), answer: "declined" });
  }

  /** A new meeting takes the slot; the attendee declines the invitation. */
  placeConflict(copy: StoredEvent): void {
    const directory = this.directory(copy.tenantId);
    const person = directory?.findPerson(copy.mailboxId);
    if (directory === undefined || person === undefined) return;
    const meetings = this.meetings();
    meetings.create(directory, person, { subject: CONFLICT_SUBJECT, start: copy.start, startZone: copy.startZone, end: copy.end, endZone: copy.endZone, showAs: "busy" });
    meetings.respond(copy, "declined", { comment: "Something came up that conflicts with this meeting." });
  }
}
