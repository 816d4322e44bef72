// Lazily generated background calendars. Nothing is stored: a person's meetings on a local date are a pure
// function of (tenant seed, person id, date), so 100,000 people cost nothing until someone asks for a
// window. Executives are ~75% busy inside their working hours, juniors ~40%; weekly recurring meetings keep
// the same local slot every week (DST-safe, computed in the working-hours zone); ~3% of working days are
// out of office and a few are "working elsewhere".
import { DateTime } from "luxon";
import type { DayOfWeek, DevBusyBlock, DevPerson } from "../model.js";
import { isExecutive, minutesOfDay, workingHoursZone } from "./people.js";
import { intBetween, pick, rngFor } from "./rng.js";
import { localDateOf, localToEpoch } from "./time-zones.js";

export type BusyStatus = "tentative" | "busy" | "oof" | "workingElsewhere";

/** A block of time in someone's calendar that did not come from a Graph-created event. */
export interface BackgroundBlock {
  start: number;
  end: number;
  status: BusyStatus;
  subject: string;
  location: string;
  isPrivate: boolean;
  isAllDay: boolean;
  /** Weekly series the block belongs to (same id every week), or null for one-off blocks. */
  seriesKey: string | null;
  /** Stable key of this block: decodes back to it (see blockForKey). */
  key: string;
}

const SLOT_MINUTES = 30;
const OOF_DAY_RATE = 0.03;
const WORKING_ELSEWHERE_DAY_RATE = 0.04;
const TENTATIVE_RATE = 0.12;
const PRIVATE_RATE = 0.05;
const MAX_MEETING_SLOTS = 4;

const WEEKDAYS: readonly DayOfWeek[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const ONE_OFF_SUBJECTS = ["Customer call", "Design review", "Budget review", "Interview", "Planning session", "Focus time", "Vendor meeting", "Town hall prep", "Hiring sync", "Roadmap discussion", "Quarterly review", "Offsite planning"];
const WEEKLY_SUBJECTS = ["1:1 with manager", "Staff meeting", "Team sync", "Leadership sync", "Project review", "Skip-level 1:1", "Operations review"];
const LOCATIONS = ["", "", "Microsoft Teams Meeting", "Room 4.12", "Room 2.03", "Boardroom"];

interface WeeklyMeeting {
  index: number;
  weekday: DayOfWeek;
  slot: number;
  slots: number;
  subject: string;
  location: string;
  status: BusyStatus;
}

interface WorkingDayShape {
  startMinute: number;
  slotCount: number;
}

function workingDayShape(person: DevPerson): WorkingDayShape {
  const startMinute = minutesOfDay(person.workingHours.startTime);
  const endMinute = minutesOfDay(person.workingHours.endTime);
  return { startMinute, slotCount: Math.max(0, Math.floor((endMinute - startMinute) / SLOT_MINUTES)) };
}

// Weekly meetings depend only on (seed, person): memoise the most recently used people.
const weeklyCache = new Map<string, WeeklyMeeting[]>();
const WEEKLY_CACHE_LIMIT = 5_000;

function weeklyMeetings(person: DevPerson, seed: number, shape: WorkingDayShape): WeeklyMeeting[] {
  const key = `${seed}|${person.id}|${person.workingHours.daysOfWeek.join(",")}|${shape.slotCount}`;
  const cached = weeklyCache.get(key);
  if (cached !== undefined) return cached;
  const meetings = drawWeeklyMeetings(person, seed, shape);
  if (weeklyCache.size >= WEEKLY_CACHE_LIMIT) weeklyCache.delete(weeklyCache.keys().next().value as string);
  weeklyCache.set(key, meetings);
  return meetings;
}

/** The person's weekly recurring meetings: same local weekday and slot every week. */
function drawWeeklyMeetings(person: DevPerson, seed: number, shape: WorkingDayShape): WeeklyMeeting[] {
  const days = WEEKDAYS.filter((d) => person.workingHours.daysOfWeek.includes(d));
  if (days.length === 0 || shape.slotCount < 2) return [];
  const rng = rngFor(seed, person.id, "weekly");
  const count = isExecutive(person) ? intBetween(rng, 4, 6) : intBetween(rng, 2, 3);
  const meetings: WeeklyMeeting[] = [];
  for (let index = 0, attempts = 0; meetings.length < count && attempts < count * 6; attempts++) {
    const slots = rng() < 0.6 ? 1 : 2;
    const candidate: WeeklyMeeting = {
      index,
      weekday: pick(rng, days),
      slot: intBetween(rng, 0, shape.slotCount - slots),
      slots,
      subject: pick(rng, WEEKLY_SUBJECTS),
      location: pick(rng, LOCATIONS),
      status: rng() < TENTATIVE_RATE / 2 ? "tentative" : "busy",
    };
    const clash = meetings.some((m) => m.weekday === candidate.weekday && m.slot < candidate.slot + candidate.slots && candidate.slot < m.slot + m.slots);
    if (!clash) {
      meetings.push(candidate);
      index++;
    }
  }
  return meetings;
}

const DAY_MS = 86_400_000;

/** A calendar date without a zone, stepped with plain UTC arithmetic. */
interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function dateAt(utcMidnight: number): LocalDate {
  const d = new Date(utcMidnight);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, "0")}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return null;
  const date = dateAt(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return isoDate(date) === text ? date : null;
}

/** Background blocks of one local calendar date (in the person's working-hours zone). */
export function blocksOfLocalDay(person: DevPerson, seed: number, localDate: string): BackgroundBlock[] {
  const zone = workingHoursZone(person);
  const date = parseIsoDate(localDate);
  if (date === null) return [];
  const utcMidnight = Date.UTC(date.year, date.month - 1, date.day);
  const weekday = WEEKDAYS[(new Date(utcMidnight).getUTCDay() + 6) % 7] ?? "monday";
  if (!person.workingHours.daysOfWeek.includes(weekday)) return [];
  const rng = rngFor(seed, person.id, "day", localDate);
  const keyOf = (n: number): string => `${localDate}.${n}`;
  const localTime = (minutes: number): number => localToEpoch(zone.iana, date.year, date.month, date.day, minutes);

  if (rng() < OOF_DAY_RATE) {
    const next = dateAt(utcMidnight + DAY_MS);
    const end = localToEpoch(zone.iana, next.year, next.month, next.day, 0);
    return [{ start: localTime(0), end, status: "oof", subject: "Out of office", location: "", isPrivate: false, isAllDay: true, seriesKey: null, key: keyOf(0) }];
  }

  const shape = workingDayShape(person);
  // Every slot is a local wall-clock time converted through the zone rules (DST-exact).
  const slotStart = (slot: number): number => localTime(shape.startMinute + slot * SLOT_MINUTES);
  const blocks: BackgroundBlock[] = [];
  if (rng() < WORKING_ELSEWHERE_DAY_RATE && shape.slotCount > 0) {
    blocks.push({ start: slotStart(0), end: slotStart(shape.slotCount), status: "workingElsewhere", subject: "Working from home", location: "Home", isPrivate: false, isAllDay: false, seriesKey: null, key: keyOf(blocks.length) });
  }

  const occupied = new Array<boolean>(shape.slotCount).fill(false);
  for (const meeting of weeklyMeetings(person, seed, shape)) {
    if (meeting.weekday !== weekday) continue;
    for (let s = meeting.slot; s < meeting.slot + meeting.slots; s++) occupied[s] = true;
    blocks.push({
      start: slotStart(meeting.slot),
      end: slotStart(meeting.slot + meeting.slots),
      status: meeting.status,
      subject: meeting.subject,
      location: meeting.location,
      isPrivate: false,
      isAllDay: false,
      seriesKey: `w${meeting.index}`,
      key: keyOf(blocks.length),
    });
  }

  // Fill the rest of the day up to the person's busy fraction with one-off meetings.
  const baseFraction = isExecutive(person) ? 0.75 : 0.4;
  const fraction = Math.min(0.95, Math.max(0.05, baseFraction + (rng() - 0.5) * 0.2));
  const already = occupied.filter(Boolean).length;
  const wanted = Math.max(0, Math.round(fraction * shape.slotCount) - already);
  const free = occupied.flatMap((taken, slot) => (taken ? [] : [slot]));
  for (let i = free.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [free[i], free[j]] = [free[j] as number, free[i] as number];
  }
  const chosen = new Set(free.slice(0, wanted));
  let slot = 0;
  while (slot < shape.slotCount) {
    if (!chosen.has(slot)) {
      slot++;
      continue;
    }
    let length = 1;
    while (length < MAX_MEETING_SLOTS && chosen.has(slot + length)) length++;
    const isPrivate = rng() < PRIVATE_RATE;
    blocks.push({
      start: slotStart(slot),
      end: slotStart(slot + length),
      status: rng() < TENTATIVE_RATE ? "tentative" : "busy",
      subject: pick(rng, ONE_OFF_SUBJECTS),
      location: pick(rng, LOCATIONS),
      isPrivate,
      isAllDay: false,
      seriesKey: null,
      key: keyOf(blocks.length),
    });
    slot += length;
  }
  return blocks.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Background blocks overlapping [from, to). */
export function generatedBlocks(person: DevPerson, seed: number, from: number, to: number): BackgroundBlock[] {
  if (to <= from) return [];
  const zone = workingHoursZone(person);
  const result: BackgroundBlock[] = [];
  const first = localDateOf(zone.iana, from);
  const last = localDateOf(zone.iana, to);
  const lastMidnight = Date.UTC(last.year, last.month - 1, last.day);
  // Start a day early: a local day can begin before `from` in UTC terms and still overlap it.
  for (let midnight = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS; midnight <= lastMidnight; midnight += DAY_MS) {
    for (const block of blocksOfLocalDay(person, seed, isoDate(dateAt(midnight)))) {
      if (block.start < to && block.end > from) result.push(block);
    }
  }
  return result;
}

/** Re-derive one generated block from its key ("2024-03-12.3"), or undefined. */
export function blockForKey(person: DevPerson, seed: number, key: string): BackgroundBlock | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\.\d+$/.exec(key);
  if (match === null || match[1] === undefined) return undefined;
  return blocksOfLocalDay(person, seed, match[1]).find((b) => b.key === key);
}

/**
 * Busy blocks from a fixture, weekly ones expanded. Weekly repeats keep the local wall-clock time of the
 * first occurrence in the person's working-hours zone, so they stay put across DST changes like Outlook's.
 */
export function fixtureBlocks(person: DevPerson, fixture: readonly DevBusyBlock[], from: number, to: number): BackgroundBlock[] {
  const zone = workingHoursZone(person);
  const result: BackgroundBlock[] = [];
  fixture.forEach((block, blockIndex) => {
    const first = DateTime.fromISO(block.start, { zone: zone.iana });
    const duration = DateTime.fromISO(block.end).toMillis() - DateTime.fromISO(block.start).toMillis();
    if (!first.isValid || !(duration > 0)) return;
    const occurrences = Math.max(1, block.weeklyOccurrences ?? 1);
    for (let week = 0; week < occurrences; week++) {
      const start = first.plus({ weeks: week }).toMillis();
      if (start >= to) break;
      const end = start + duration;
      if (end <= from) continue;
      result.push({
        start,
        end,
        status: block.status,
        subject: block.subject,
        location: "",
        isPrivate: false,
        isAllDay: false,
        seriesKey: occurrences > 1 ? `f${blockIndex}` : null,
        key: `f${blockIndex}.${week}`,
      });
    }
  });
  return result.sort((a, b) => a.start - b.start);
}
