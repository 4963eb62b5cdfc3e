import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatDuration,
  formatNumber,
  formatPercent,
  formatTimecode,
  interpolate,
} from './format.js';

describe('interpolate', () => {
  it.each([
    ['{count} videos', { count: 1234 }, 'en', '1,234 videos'],
    ['動画 {count} 本', { count: 1234 }, 'ja', '動画 1,234 本'],
    ['“{title}”', { title: 'A' }, 'en', '“A”'],
    ['{missing} stays', {}, 'en', '{missing} stays'],
    ['{count} video|{count} videos', { count: 1 }, 'en', '1 video'],
    ['{count} video|{count} videos', { count: 0 }, 'en', '0 videos'],
    ['{count} video|{count} videos', { count: 2 }, 'en', '2 videos'],
  ] as const)('%s', (template, values, locale, expected) => {
    expect(interpolate(template, values, locale)).toBe(expected);
  });
});

describe('formatTimecode', () => {
  it.each([
    [0, '0:00.0'],
    [5.25, '0:05.2'],
    [65.99, '1:05.9'],
    [3725.5, '1:02:05.5'],
    [-3, '0:00.0'],
  ])('%s s → %s', (seconds, expected) => expect(formatTimecode(seconds)).toBe(expected));
});

describe('formatDuration', () => {
  it.each([
    [5, 'en', '5s'],
    [185, 'en', '3m 5s'],
    [3720, 'en', '1h 2m'],
    [185, 'ja', '3分5秒'],
  ] as const)('%s s in %s → %s', (seconds, locale, expected) => {
    expect(formatDuration(seconds, locale)).toBe(expected);
  });
});

describe('numbers', () => {
  it.each([
    [() => formatNumber(1234.5, 'en', 1), '1,234.5'],
    [() => formatBytes(999, 'en'), '999 byte'],
    [() => formatBytes(1_500_000, 'en'), '1.5 MB'],
    [() => formatBytes(2_000_000_000, 'ja'), '2 GB'],
    [() => formatPercent(0.426, 'en'), '43%'],
  ])('%#', (run, expected) => expect(run()).toBe(expected));
});
