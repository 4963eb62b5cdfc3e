import { UserFacingError } from '@kirinuki/contracts';
import { DateTime, IANAZone } from 'luxon';

// When a post is to go out, from what a user types: ISO 8601 with an offset (an instant), or a
// local time — ISO without offset, "2026-12-24 18:00", "tomorrow 18:00", "today 6pm", "18:00",
// "in 90 minutes" — read in the given IANA zone or the system's. A local time a DST change skips
// or passes twice is asked about, never guessed.

export interface ScheduleTime {
  /** The instant, ISO 8601 in UTC (what is stored and compared). */
  at: string;
  /** Epoch ms of the same instant. */
  epochMs: number;
  /** The zone the text was read in (for showing the time back). */
  zone: string;
  /** The instant as a local time in that zone, with its offset. */
  local: string;
}

export interface ScheduleTimeOptions {
  /** IANA zone (Area/City); the system's when left out. */
  zone?: string | undefined;
  now: number;
}

const OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_AND_TIME = /^(?:(today|tomorrow)\s+(?:at\s+)?)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$/i;
const RELATIVE = /^in\s+(\d+)\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)$/i;

const invalid = (text: string) =>
  new UserFacingError('INVALID_TIME', `"${text}" is not a time Kirinuki can read.`, {
    hint: 'Use ISO 8601 ("2026-12-24T18:00+09:00", or without the offset for local time), "2026-12-24 18:00", "tomorrow 18:00", "today 6pm" or "in 90 minutes".',
  });

/** The zone to read local times in: the one given (checked) or the system's. */
export function scheduleZone(zone: string | undefined): string {
  const name = zone?.trim() || DateTime.local().zoneName || 'UTC';
  if (!IANAZone.isValidZone(name))
    throw new UserFacingError('UNKNOWN_TIME_ZONE', `"${name}" is not a time zone.`, {
      hint: 'Give an IANA zone such as Asia/Tokyo, Europe/Berlin or America/New_York.',
    });
  return name;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The instants a wall-clock time has in a zone: one normally, none when a DST change skips it,
 * two when it happens twice (the clocks go back).
 */
export function instantsOf(wall: WallTime, zoneName: string): number[] {
  const zone = IANAZone.create(zoneName);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsets = new Set([
    zone.offset(asUtc - 86_400_000),
    zone.offset(asUtc),
    zone.offset(asUtc + 86_400_000),
  ]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = asUtc - offset * 60_000;
    if (zone.offset(instant) === offset) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

function wallTimeOf(text: string, zone: string, now: number): WallTime | number | null {
  const date = LOCAL_DATE_TIME.exec(text);
  if (date) {
    const [, y, mo, d, h, mi, s] = date;
    const wall = {
      year: Number(y),
      month: Number(mo),
      day: Number(d),
      hour: Number(h ?? 0),
      minute: Number(mi ?? 0),
      second: Number(s ?? 0),
    };
    // Refuse what no calendar has (2026-02-30, 25:00) instead of rolling it over.
    const check = DateTime.fromObject(wall, { zone: 'UTC' });
    if (!check.isValid || check.day !== wall.day || check.hour !== wall.hour) return null;
    return wall;
  }
  const relative = RELATIVE.exec(text);
  if (relative) {
    const n = Number(relative[1]);
    const unit = relative[2]!.toLowerCase()[0];
    return now + n * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
  }
  const dayTime = DAY_AND_TIME.exec(text);
  if (dayTime) {
    const [, day, h, mi, meridiem] = dayTime;
    let hour = Number(h);
    const minute = Number(mi ?? 0);
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem.toLowerCase() === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || (!mi && !meridiem)) return null;
    const base = DateTime.fromMillis(now, { zone }).plus({ days: day?.toLowerCase() === 'tomorrow' ? 1 : 0 });
    return { year: base.year, month: base.month, day: base.day, hour, minute, second: 0 };
  }
  return null;
}

/** Reads a schedule time; a time not after `now`, unreadable, skipped or doubled is a coded error. */
export function parseScheduleTime(input: string, options: ScheduleTimeOptions): ScheduleTime {
  const text = input.trim();
  const zone = scheduleZone(options.zone);
  let epochMs: number;
  if (/^\d{4}-\d{2}-\d{2}T/i.test(text) && OFFSET.test(text)) {
    const instant = DateTime.fromISO(text, { setZone: true });
    if (!instant.isValid) throw invalid(text);
    epochMs = instant.toMillis();
  } else {
    const wall = wallTimeOf(text, zone, options.now);
    if (wall === null) throw invalid(text);
    if (typeof wall === 'number') epochMs = wall;
    else {
      const instants = instantsOf(wall, zone);
      const shown = `${text} in ${zone}`;
      if (instants.length === 0)
        throw new UserFacingError('TIME_SKIPPED', `${shown} does not exist: the clocks skip it (DST).`, {
          hint: 'Pick a time outside the hour the clocks jump over, or give an offset (…T02:30+01:00).',
        });
      if (instants.length > 1) {
        const both = instants.map((ms) =>
          DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }),
        );
        throw new UserFacingError('TIME_AMBIGUOUS', `${shown} happens twice (the clocks go back).`, {
          hint: `Say which with its offset: ${both.join(' or ')}.`,
        });
      }
      epochMs = instants[0]!;
    }
  }
  const local = DateTime.fromMillis(epochMs, { zone }).toISO({ suppressMilliseconds: true })!;
  if (epochMs <= options.now)
    throw new UserFacingError('TIME_IN_PAST', `${local} (${zone}) is already past.`, {
      hint: 'Give a later time, or publish now with `kirinuki publish`.',
    });
  return { at: new Date(epochMs).toISOString(), epochMs, zone, local };
}
