import { DateTime } from 'luxon';
import type { Post } from '../api/api-types.js';

// The calendar's days and slots are local wall-clock times in one zone; everything sent to the
// host is ISO 8601 with that zone's offset, so a DST change never shifts a post by an hour.

export type CalendarView = 'week' | 'month' | 'list';

/** A day as `yyyy-MM-dd` in the calendar's zone. */
export type DayKey = string;

/** A place on the calendar: an hour row of a day (week view) or the whole day (month view, hour null). */
export interface Slot {
  day: DayKey;
  hour: number | null;
}

/** Monday first: ISO weeks, the same in both languages. */
export const WEEK_START = 1;

export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The zone times are shown and read in: the setting when it names a zone luxon knows, else the
 * system's; `invalid` carries a setting that could not be used, to be said once.
 */
export function calendarZone(setting: string | undefined, system = systemZone()) {
  const wanted = setting?.trim() ?? '';
  if (!wanted) return { zone: system, invalid: null };
  if (DateTime.now().setZone(wanted).isValid) return { zone: wanted, invalid: null };
  return { zone: system, invalid: wanted };
}

export function todayIn(zone: string, now: number = Date.now()): DayKey {
  return DateTime.fromMillis(now, { zone }).toISODate()!;
}

const dayOf = (day: DayKey, zone: string) => DateTime.fromISO(day, { zone }).startOf('day');

/** The seven days of the week holding `day` (calendar days, not 24-hour steps). */
export function weekDays(day: DayKey, zone: string): DayKey[] {
  const date = dayOf(day, zone);
  const start = date.minus({ days: (date.weekday - WEEK_START + 7) % 7 });
  return Array.from({ length: 7 }, (_, i) => start.plus({ days: i }).toISODate()!);
}

export interface MonthCell {
  day: DayKey;
  inMonth: boolean;
}

/** The weeks covering the month of `day`, each Monday to Sunday (4 to 6 rows). */
export function monthGrid(day: DayKey, zone: string): MonthCell[][] {
  const first = dayOf(day, zone).startOf('month');
  const month = first.month;
  const weeks: MonthCell[][] = [];
  let cursor = dayOf(weekDays(first.toISODate()!, zone)[0]!, zone);
  do {
    const week: MonthCell[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push({ day: cursor.toISODate()!, inMonth: cursor.month === month });
      cursor = cursor.plus({ days: 1 });
    }
    weeks.push(week);
  } while (cursor.month === month);
  return weeks;
}

/** The day `day` steps by views: a week or a month at a time, keeping the day of the month where it can. */
export function stepAnchor(day: DayKey, zone: string, view: CalendarView, step: number): DayKey {
  const date = dayOf(day, zone);
  return (view === 'month' ? date.plus({ months: step }) : date.plus({ weeks: step })).toISODate()!;
}

/**
 * The instant of a local time in the zone, as ISO with its offset; `exists` is false for a time
 * the clocks skip (spring forward), which luxon would move on by the gap.
 */
export function localTime(day: DayKey, hour: number, minute: number, zone: string) {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const time = DateTime.fromObject({ year, month, day: date, hour, minute }, { zone });
  const exists = time.isValid && time.hour === hour && time.minute === minute && time.toISODate() === day;
  return { iso: time.toISO({ suppressMilliseconds: true })!, exists };
}

/** A slot's start: its hour, or (a whole day) `defaultHour`. */
export function slotTime(slot: Slot, zone: string, defaultHour = 12) {
  return localTime(slot.day, slot.hour ?? defaultHour, 0, zone);
}

/** Where an instant falls in the zone: its day, hour and minute. */
export function localParts(iso: string, zone: string) {
  const time = DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return { day: time.toISODate()!, hour: time.hour, minute: time.minute };
}

export const slotKey = (day: DayKey, hour: number) => `${day}T${String(hour).padStart(2, '0')}`;

/**
 * A time moved by whole days and hour rows on the wall clock (its minutes kept): what an arrow
 * key does. A day keeps the local time across a DST change; the result is null where the time
 * would not exist.
 */
export function moveTime(iso: string, zone: string, by: { days?: number; hours?: number }): string | null {
  const { day, hour, minute } = localParts(iso, zone);
  const total = hour + (by.hours ?? 0);
  const days = (by.days ?? 0) + Math.floor(total / 24);
  const target = dayOf(day, zone).plus({ days }).toISODate()!;
  const moved = localTime(target, ((total % 24) + 24) % 24, minute, zone);
  return moved.exists ? moved.iso : null;
}

/** The same local time of day on another day (a chip dropped on a month cell). */
export function sameTimeOn(iso: string, zone: string, day: DayKey): string | null {
  const { hour, minute } = localParts(iso, zone);
  const moved = localTime(day, hour, minute, zone);
  return moved.exists ? moved.iso : null;
}

/** A chip dropped on a slot: the slot's hour (or the post's own on a day cell), the post's minutes. */
export function dropTime(iso: string, zone: string, slot: Slot): string | null {
  if (slot.hour === null) return sameTimeOn(iso, zone, slot.day);
  const { minute } = localParts(iso, zone);
  const moved = localTime(slot.day, slot.hour, minute, zone);
  return moved.exists ? moved.iso : null;
}

/** The same instant? (ISO strings differ by offset and milliseconds.) */
export const sameInstant = (a: string | null, b: string | null) =>
  a !== null && b !== null && Date.parse(a) === Date.parse(b);

/** Posts that have a time, by day and by hour slot, each list in time order. */
export function placePosts(posts: readonly Post[], zone: string) {
  const byDay = new Map<DayKey, Post[]>();
  const bySlot = new Map<string, Post[]>();
  const timed = posts.filter((p) => p.at).sort((a, b) => Date.parse(a.at!) - Date.parse(b.at!));
  for (const post of timed) {
    const { day, hour } = localParts(post.at!, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), post]);
    const key = slotKey(day, hour);
    bySlot.set(key, [...(bySlot.get(key) ?? []), post]);
  }
  return { byDay, bySlot };
}

/** Statuses the queue list shows: what is still to go out, and what needs the user. */
const QUEUE_STATUSES = new Set<Post['status']>([
  'scheduled',
  'queued',
  'uploading',
  'processing',
  'held',
  'failed',
  'missed',
]);

/** The queue as a list: timed posts not out yet or needing a retry, soonest first. */
export function queueOf(posts: readonly Post[]): Post[] {
  return posts
    .filter((p) => p.at && QUEUE_STATUSES.has(p.status))
    .sort((a, b) => Date.parse(a.at!) - Date.parse(b.at!));
}

/** Only a post still waiting for its time can be moved. */
export const isMovable = (post: Pick<Post, 'status'>) => post.status === 'scheduled';
