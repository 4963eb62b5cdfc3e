import { describe, expect, it } from 'vitest';
import { instantsOf, parseScheduleTime } from './schedule-time.js';

// 2026-03-20T12:00:00Z: a Friday; Europe's clocks go forward on 2026-03-29, back on 2026-10-25;
// the US's forward on 2026-03-08, back on 2026-11-01; Tokyo has no DST.
const NOW = Date.parse('2026-03-20T12:00:00Z');
const at = (text: string, zone?: string, now = NOW) => parseScheduleTime(text, { zone, now }).at;

describe('parseScheduleTime', () => {
  it.each([
    ['2026-12-24T18:00:00+09:00', undefined, '2026-12-24T09:00:00.000Z'],
    ['2026-12-24T18:00Z', 'Asia/Tokyo', '2026-12-24T18:00:00.000Z'],
    ['2026-12-24T18:00', 'Asia/Tokyo', '2026-12-24T09:00:00.000Z'],
    ['2026-12-24 18:00', 'Asia/Tokyo', '2026-12-24T09:00:00.000Z'],
    ['2026-12-24 18:00:30', 'Europe/Berlin', '2026-12-24T17:00:30.000Z'],
    ['2026-07-24 18:00', 'Europe/Berlin', '2026-07-24T16:00:00.000Z'],
    ['2026-07-04 09:00', 'America/New_York', '2026-07-04T13:00:00.000Z'],
    ['2026-12-24', 'Asia/Tokyo', '2026-12-23T15:00:00.000Z'],
    ['tomorrow 18:00', 'Asia/Tokyo', '2026-03-21T09:00:00.000Z'],
    ['Tomorrow at 6pm', 'Asia/Tokyo', '2026-03-21T09:00:00.000Z'],
    ['today 23:30', 'Asia/Tokyo', '2026-03-20T14:30:00.000Z'],
    ['tomorrow 12am', 'America/Los_Angeles', '2026-03-21T07:00:00.000Z'],
    ['11pm', 'America/Los_Angeles', '2026-03-21T06:00:00.000Z'],
    ['18:00', 'UTC', '2026-03-20T18:00:00.000Z'],
    ['in 90 minutes', 'UTC', '2026-03-20T13:30:00.000Z'],
    ['in 2 days', 'UTC', '2026-03-22T12:00:00.000Z'],
  ])('reads %s in %s', (text, zone, expected) => {
    expect(at(text, zone)).toBe(expected);
  });

  it('reads "tomorrow" as the next day in the zone given, not in UTC', () => {
    // 2026-03-20T20:00Z is already the 21st in Tokyo: tomorrow there is the 22nd.
    expect(at('tomorrow 09:00', 'Asia/Tokyo', Date.parse('2026-03-20T20:00:00Z'))).toBe(
      '2026-03-22T00:00:00.000Z',
    );
  });

  it('crosses a DST change by wall-clock time: tomorrow 18:00 stays 18:00 local', () => {
    // New York, the day before the clocks go forward (2026-03-08).
    const now = Date.parse('2026-03-07T12:00:00Z');
    expect(at('tomorrow 18:00', 'America/New_York', now)).toBe('2026-03-08T22:00:00.000Z'); // EDT, −4
    expect(at('today 18:00', 'America/New_York', now)).toBe('2026-03-07T23:00:00.000Z'); // EST, −5
  });

  it.each([
    ['2026-03-29 02:30', 'Europe/Berlin'],
    ['2026-03-08 02:30', 'America/New_York'],
    ['2026-10-04 02:30', 'Australia/Sydney'],
  ])('asks instead of guessing when %s does not exist in %s (clocks skip it)', (text, zone) => {
    expect(() => at(text, zone)).toThrow(expect.objectContaining({ code: 'TIME_SKIPPED' }));
  });

  it.each([
    ['2026-10-25 02:30', 'Europe/Berlin', '2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00'],
    ['2026-11-01 01:30', 'America/New_York', '2026-11-01T01:30:00-04:00 or 2026-11-01T01:30:00-05:00'],
  ])('asks which when %s happens twice in %s, naming both offsets', (text, zone, both) => {
    try {
      at(text, zone);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'TIME_AMBIGUOUS' });
      expect((error as { hint: string }).hint).toContain(both);
    }
    // Given with its offset, each of the two is taken.
    for (const choice of both.split(' or ')) expect(at(choice, zone)).toBe(new Date(choice).toISOString());
  });

  it.each([
    ['yesterday 18:00', 'INVALID_TIME'],
    ['2026-02-30 10:00', 'INVALID_TIME'],
    ['2026-12-24 25:00', 'INVALID_TIME'],
    ['13pm', 'INVALID_TIME'],
    ['18', 'INVALID_TIME'],
    ['', 'INVALID_TIME'],
    ['2026-03-20 11:59', 'TIME_IN_PAST'],
    ['2026-03-20T12:00:00Z', 'TIME_IN_PAST'],
    ['in 0 minutes', 'TIME_IN_PAST'],
  ])('refuses %s with %s', (text, code) => {
    expect(() => at(text, 'UTC')).toThrow(expect.objectContaining({ code }));
  });

  it('refuses an unknown time zone with its own code', () => {
    expect(() => at('tomorrow 18:00', 'Mars/Olympus_Mons')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_TIME_ZONE' }),
    );
  });

  it('gives the local time back with its offset and zone', () => {
    expect(parseScheduleTime('2026-12-24 18:00', { zone: 'Asia/Tokyo', now: NOW })).toMatchObject({
      zone: 'Asia/Tokyo',
      local: '2026-12-24T18:00:00+09:00',
      epochMs: Date.parse('2026-12-24T09:00:00Z'),
    });
  });
});

describe('instantsOf', () => {
  const wall = (day: number, hour: number, minute = 30) => ({
    year: 2026,
    month: 10,
    day,
    hour,
    minute,
    second: 0,
  });
  it('finds one instant on an ordinary day, two on the night the clocks go back', () => {
    expect(instantsOf(wall(24, 2), 'Europe/Berlin')).toHaveLength(1);
    expect(instantsOf(wall(25, 2), 'Europe/Berlin')).toEqual([
      Date.parse('2026-10-25T00:30:00Z'),
      Date.parse('2026-10-25T01:30:00Z'),
    ]);
    expect(instantsOf(wall(25, 2), 'Asia/Tokyo')).toHaveLength(1);
  });
});
