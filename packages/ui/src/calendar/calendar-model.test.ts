import { describe, expect, it } from 'vitest';
import { makePost } from '../test-support/fake-publishing.js';
import {
  calendarZone,
  dropTime,
  localParts,
  localTime,
  monthGrid,
  moveTime,
  placePosts,
  queueOf,
  sameInstant,
  slotTime,
  stepAnchor,
  todayIn,
  weekDays,
} from './calendar-model.js';
import { suggestedFor } from './suggested-slots.js';

const NY = 'America/New_York';

describe('the calendar zone', () => {
  it.each([
    ['', 'Europe/Berlin', { zone: 'Europe/Berlin', invalid: null }],
    ['  ', 'Europe/Berlin', { zone: 'Europe/Berlin', invalid: null }],
    ['Asia/Tokyo', 'Europe/Berlin', { zone: 'Asia/Tokyo', invalid: null }],
    ['Mars/Olympus', 'Europe/Berlin', { zone: 'Europe/Berlin', invalid: 'Mars/Olympus' }],
  ])('setting %j on a %s system → %j', (setting, system, expected) => {
    expect(calendarZone(setting, system)).toEqual(expected);
  });

  it('today is the zone’s date, not UTC’s', () => {
    const lateUtc = Date.parse('2026-12-07T23:30:00Z');
    expect(todayIn('UTC', lateUtc)).toBe('2026-12-07');
    expect(todayIn('Asia/Tokyo', lateUtc)).toBe('2026-12-08');
    expect(todayIn(NY, Date.parse('2026-12-08T03:00:00Z'))).toBe('2026-12-07');
  });
});

describe('weeks and months', () => {
  it.each([
    // Spring forward (2026-03-08 02:00 → 03:00) and fall back (2026-11-01 02:00 → 01:00) in New York.
    [
      '2026-03-11',
      ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15'],
    ],
    [
      '2026-03-08',
      ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'],
    ],
    [
      '2026-11-01',
      ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01'],
    ],
    [
      '2026-12-31',
      ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'],
    ],
  ])('the week of %s runs Monday to Sunday, seven calendar days across DST', (day, expected) => {
    expect(weekDays(day, NY)).toEqual(expected);
  });

  it('each day of a DST week starts at local midnight, one of 23 and one of 25 hours', () => {
    const starts = weekDays('2026-03-05', NY).map((d) => localTime(d, 0, 0, NY).iso);
    expect(starts).toContain('2026-03-08T00:00:00-05:00');
    expect(starts.at(-1)).toBe('2026-03-08T00:00:00-05:00');
    expect(localTime('2026-03-09', 0, 0, NY).iso).toBe('2026-03-09T00:00:00-04:00');
    const hours = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;
    expect(hours(localTime('2026-03-08', 0, 0, NY).iso, localTime('2026-03-09', 0, 0, NY).iso)).toBe(23);
    expect(hours(localTime('2026-11-01', 0, 0, NY).iso, localTime('2026-11-02', 0, 0, NY).iso)).toBe(25);
  });

  it('a month grid covers the month in whole Monday-first weeks', () => {
    const grid = monthGrid('2026-03-20', NY);
    expect(grid).toHaveLength(6); // March 2026 starts on a Sunday
    expect(grid[0]![0]).toEqual({ day: '2026-02-23', inMonth: false });
    expect(grid[0]![6]).toEqual({ day: '2026-03-01', inMonth: true });
    expect(grid.at(-1)!.at(-1)).toEqual({ day: '2026-04-05', inMonth: false });
    expect(grid.flat().filter((c) => c.inMonth)).toHaveLength(31);
    expect(monthGrid('2027-02-10', 'Asia/Tokyo')).toHaveLength(4); // Feb 2027: Monday 1st to Sunday 28th
  });

  it.each([
    ['2026-12-07', 'week', 1, '2026-12-14'],
    ['2026-12-07', 'week', -1, '2026-11-30'],
    ['2026-01-31', 'month', 1, '2026-02-28'],
    ['2026-12-07', 'month', -1, '2026-11-07'],
  ] as const)('from %s a %s step of %i → %s', (day, view, step, expected) => {
    expect(stepAnchor(day, NY, view, step)).toBe(expected);
  });
});

describe('slots and times', () => {
  it.each([
    [{ day: '2026-12-14', hour: 19 }, 'Asia/Tokyo', '2026-12-14T19:00:00+09:00', true],
    [{ day: '2026-03-08', hour: 1 }, NY, '2026-03-08T01:00:00-05:00', true],
    [{ day: '2026-03-08', hour: 2 }, NY, '2026-03-08T03:00:00-04:00', false], // skipped by the clocks
    [{ day: '2026-03-08', hour: 3 }, NY, '2026-03-08T03:00:00-04:00', true],
    [{ day: '2026-11-01', hour: 9 }, NY, '2026-11-01T09:00:00-05:00', true],
    [{ day: '2026-12-14', hour: null }, 'UTC', '2026-12-14T12:00:00Z', true],
  ])('slot %j in %s starts at %s (exists: %s)', (slot, zone, iso, exists) => {
    expect(slotTime(slot, zone)).toEqual({ iso, exists });
  });

  it('reads an instant back as its local day and hour', () => {
    expect(localParts('2026-12-14T10:00:00Z', 'Asia/Tokyo')).toEqual({
      day: '2026-12-14',
      hour: 19,
      minute: 0,
    });
    expect(localParts('2026-12-14T20:30:00Z', 'Asia/Tokyo')).toEqual({
      day: '2026-12-15',
      hour: 5,
      minute: 30,
    });
  });

  it.each([
    ['2026-12-14T19:30:00+09:00', 'Asia/Tokyo', { hours: 1 }, '2026-12-14T20:30:00+09:00'],
    ['2026-12-14T23:00:00+09:00', 'Asia/Tokyo', { hours: 1 }, '2026-12-15T00:00:00+09:00'],
    ['2026-12-14T00:00:00+09:00', 'Asia/Tokyo', { hours: -1 }, '2026-12-13T23:00:00+09:00'],
    ['2026-12-14T19:00:00+09:00', 'Asia/Tokyo', { days: -1 }, '2026-12-13T19:00:00+09:00'],
    // A day keeps the wall-clock time across a DST change.
    ['2026-03-07T19:00:00-05:00', NY, { days: 1 }, '2026-03-08T19:00:00-04:00'],
    ['2026-10-31T09:00:00-04:00', NY, { days: 1 }, '2026-11-01T09:00:00-05:00'],
    // An hour row past the skipped hour does not exist.
    ['2026-03-08T01:00:00-05:00', NY, { hours: 1 }, null],
  ])('%s in %s moved by %j → %s', (iso, zone, by, expected) => {
    expect(moveTime(iso, zone, by)).toBe(expected);
  });

  it('a drop on an hour keeps the minutes; on a day keeps the time of day', () => {
    const at = '2026-12-14T19:45:00+09:00';
    expect(dropTime(at, 'Asia/Tokyo', { day: '2026-12-16', hour: 9 })).toBe('2026-12-16T09:45:00+09:00');
    expect(dropTime(at, 'Asia/Tokyo', { day: '2026-12-20', hour: null })).toBe('2026-12-20T19:45:00+09:00');
    expect(dropTime('2026-03-07T02:30:00-05:00', NY, { day: '2026-03-08', hour: null })).toBeNull();
  });

  it('compares instants, not strings', () => {
    expect(sameInstant('2026-12-14T10:00:00.000Z', '2026-12-14T19:00:00+09:00')).toBe(true);
    expect(sameInstant('2026-12-14T10:00:00Z', null)).toBe(false);
  });
});

describe('posts on the calendar', () => {
  const posts = [
    makePost('p1', 'tiktok', { status: 'scheduled', at: '2026-12-14T10:00:00Z' }),
    makePost('p2', 'x', { status: 'scheduled', at: '2026-12-14T10:30:00Z' }),
    makePost('p3', 'youtube', { status: 'failed', at: '2026-12-13T15:10:00Z' }),
    makePost('p4', 'instagram', { status: 'published', at: '2026-12-12T03:00:00Z' }),
    makePost('p5', 'x', { status: 'published', at: null }),
    makePost('p6', 'x', { status: 'cancelled', at: '2026-12-12T04:00:00Z' }),
    makePost('p7', 'x', { status: 'held', at: '2026-12-14T11:00:00Z' }),
  ];

  it('places timed posts by local day and hour, in time order', () => {
    const { byDay, bySlot } = placePosts(posts, 'Asia/Tokyo');
    expect(bySlot.get('2026-12-14T19')!.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(bySlot.get('2026-12-14T00')!.map((p) => p.id)).toEqual(['p3']);
    expect(byDay.get('2026-12-12')!.map((p) => p.id)).toEqual(['p4', 'p6']);
    expect([...byDay.values()].flat().map((p) => p.id)).not.toContain('p5');
  });

  it('lists the queue soonest first: waiting, running and needing a retry', () => {
    expect(queueOf(posts).map((p) => p.id)).toEqual(['p3', 'p1', 'p2', 'p7']);
  });

  it.each([
    [19, ['tiktok']],
    [12, ['instagram']],
    [17, ['x']],
    [9, ['x']],
    [15, ['youtube']],
    [3, []],
  ])('suggested at %i:00 → %j', (hour, platforms) => {
    expect(suggestedFor(hour)).toEqual(platforms);
  });
});
