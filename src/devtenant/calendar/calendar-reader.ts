// Reading a person's calendar over a window: Graph-created events (series expanded into occurrences),
// plus the background calendar (generated from the seed, or the fixture's busy blocks). Used by
// calendarView, getSchedule and the simulated attendees' conflict checks.
import { DateTime } from "luxon";
import type { DevDirectoryView, DevPerson } from "../model.js";
import type { StoredEvent } from "./event-model.js";
import { backgroundInstance, instanceOf, occurrenceId, parseBackgroundId, parseOccurrenceId, type EventInstance } from "./event-resource.js";
import type { EventStore } from "./event-store.js";
import { blockForKey, fixtureBlocks, generatedBlocks, type BackgroundBlock, type BusyStatus } from "./generated-calendar.js";
import { occurrenceDates } from "./recurrence.js";
import { resolveZone, type ResolvedZone } from "./time-zones.js";

export interface CalendarReaderOptions {
  /** Whether a tenant's people get generated background calendars (false for fixture tenants). */
  generateCalendars(tenantId: string): boolean;
}

function recurrenceZone(event: StoredEvent): ResolvedZone {
  const name = event.recurrence?.range.recurrenceTimeZone;
  if (name === undefined) return event.startZone;
  try {
    return resolveZone(name);
  } catch {
    // A zone that was valid at creation but is not resolvable now cannot happen with a static table;
    // fall back to the start zone rather than dropping the series.
    return event.startZone;
  }
}

/** Occurrences of a series master overlapping [from, to). */
export function expandSeries(master: StoredEvent, from: number, to: number): EventInstance[] {
  if (master.recurrence === null) return [];
  const zone = recurrenceZone(master);
  const first = DateTime.fromMillis(master.start, { zone: zone.iana });
  const duration = master.end - master.start;
  const untilDate = DateTime.fromMillis(to, { zone: zone.iana }).toISODate() ?? "";
  const instances: EventInstance[] = [];
  for (const date of occurrenceDates(master.recurrence, zone.iana, untilDate)) {
    const start = DateTime.fromISO(date, { zone: zone.iana }).set({ hour: first.hour, minute: first.minute, second: first.second, millisecond: 0 }).toMillis();
    const end = start + duration;
    if (end <= from || start >= to) continue;
    instances.push({ base: master, id: occurrenceId(master.id, date), start, end, type: "occurrence", seriesMasterId: master.id });
  }
  return instances;
}

/** What free/busy needs of a calendar entry (cheaper than a full event instance). */
export interface BusyItem {
  start: number;
  end: number;
  status: BusyStatus;
  subject: string;
  location: string;
  isPrivate: boolean;
}

function busyStatusOf(event: StoredEvent): BusyStatus | null {
  if (event.isCancelled || event.showAs === "free" || event.showAs === "unknown") return null;
  return event.showAs;
}

export class CalendarReader {
  constructor(
    private readonly store: EventStore,
    private readonly options: CalendarReaderOptions,
  ) {}

  /** Background blocks of a person over [from, to): generated and/or fixture. */
  background(directory: DevDirectoryView, person: DevPerson, from: number, to: number): BackgroundBlock[] {
    const fixture = directory.fixtureBusy(person.id);
    const blocks = fixture.length > 0 ? fixtureBlocks(person, fixture, from, to) : [];
    if (this.options.generateCalendars(directory.info.tenantId)) blocks.push(...generatedBlocks(person, directory.seed, from, to));
    return blocks.sort((a, b) => a.start - b.start);
  }

  /** Stored events (occurrences expanded) overlapping [from, to). */
  storedInstances(tenantId: string, personId: string, from: number, to: number): EventInstance[] {
    const result: EventInstance[] = [];
    for (const event of this.store.mailbox(tenantId, personId)) {
      if (event.recurrence !== null) {
        result.push(...expandSeries(event, from, to));
      } else if (event.start < to && (event.end > from || (event.end === event.start && event.start >= from))) {
        result.push(instanceOf(event));
      }
    }
    return result;
  }

  /** Everything in the person's calendar over [from, to), sorted by start. */
  instances(directory: DevDirectoryView, person: DevPerson, from: number, to: number): EventInstance[] {
    const tenantId = directory.info.tenantId;
    const background = this.background(directory, person, from, to).map((b) => backgroundInstance(tenantId, person, b));
    return [...this.storedInstances(tenantId, person.id, from, to), ...background].sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** The busy (non-free, not cancelled) entries of a person's calendar over [from, to), sorted by start. */
  busyItems(directory: DevDirectoryView, person: DevPerson, from: number, to: number): BusyItem[] {
    const items: BusyItem[] = [];
    for (const instance of this.storedInstances(directory.info.tenantId, person.id, from, to)) {
      const status = busyStatusOf(instance.base);
      if (status === null) continue;
      const e = instance.base;
      items.push({ start: instance.start, end: instance.end, status, subject: e.subject, location: e.location, isPrivate: e.sensitivity === "private" || e.sensitivity === "confidential" });
    }
    for (const block of this.background(directory, person, from, to)) {
      items.push({ start: block.start, end: block.end, status: block.status, subject: block.subject, location: block.location, isPrivate: block.isPrivate });
    }
    return items.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /** Look up one event by id in a person's calendar: stored, an occurrence of a stored series, or background. */
  find(directory: DevDirectoryView, person: DevPerson, id: string): EventInstance | undefined {
    const tenantId = directory.info.tenantId;
    const stored = this.store.inMailbox(tenantId, person.id, id);
    if (stored !== undefined) return instanceOf(stored);
    const occurrence = parseOccurrenceId(id);
    if (occurrence !== null) {
      const master = this.store.inMailbox(tenantId, person.id, occurrence.masterId);
      if (master === undefined) return undefined;
      const zone = recurrenceZone(master);
      const dayStart = DateTime.fromISO(occurrence.localDate, { zone: zone.iana });
      return expandSeries(master, dayStart.toMillis(), dayStart.plus({ days: 1 }).toMillis()).find((i) => i.id === id);
    }
    const background = parseBackgroundId(id);
    if (background === null || background.personId !== person.id) return undefined;
    const block = this.backgroundBlock(directory, person, background.key);
    return block === undefined ? undefined : backgroundInstance(tenantId, person, block);
  }

  private backgroundBlock(directory: DevDirectoryView, person: DevPerson, key: string): BackgroundBlock | undefined {
    if (key.startsWith("f")) {
      return fixtureBlocks(person, directory.fixtureBusy(person.id), Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).find((b) => b.key === key);
    }
    if (!this.options.generateCalendars(directory.info.tenantId)) return undefined;
    return blockForKey(person, directory.seed, key);
  }
}
