import { DateTime } from 'luxon';
import type { Locale } from '../i18n/format.js';
import type { DayKey } from './calendar-model.js';

// Dates and times on the calendar, always in the calendar's zone (not the browser's).

const dayAt = (day: DayKey, zone: string) => DateTime.fromISO(day, { zone }).startOf('day').toMillis();

/** A post's time: "7:30 PM" / "19:30". */
export function formatClock(iso: string, zone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit' }).format(
    Date.parse(iso),
  );
}

/** A row of the week view: "7 PM" / "19時". */
export function formatHour(hour: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', hour: 'numeric' }).format(
    Date.UTC(2026, 0, 1, hour),
  );
}

/** A time in full, for the announcements and the list: "Mon, Dec 14, 7:00 PM" / "12月14日(月) 19:00". */
export function formatWhen(iso: string, zone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(Date.parse(iso));
}

/** A column head: weekday and date. */
export function formatDayHead(day: DayKey, zone: string, locale: Locale) {
  const at = dayAt(day, zone);
  return {
    weekday: new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'short' }).format(at),
    date: new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'numeric', day: 'numeric' }).format(at),
    full: new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'full' }).format(at),
  };
}

/** The shown range: "Dec 14 – 20, 2026" (a week) or "December 2026" (a month). */
export function formatRange(
  first: DayKey,
  last: DayKey,
  zone: string,
  locale: Locale,
  month: boolean,
): string {
  if (month)
    return new Intl.DateTimeFormat(locale, { timeZone: zone, year: 'numeric', month: 'long' }).format(
      dayAt(first, zone),
    );
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).formatRange(dayAt(first, zone), dayAt(last, zone));
}

/** The zone as people read it: "Asia/Tokyo (GMT+9)". */
export function formatZone(zone: string, locale: Locale, at: number = Date.now()): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return offset ? `${zone} (${offset})` : zone;
}
