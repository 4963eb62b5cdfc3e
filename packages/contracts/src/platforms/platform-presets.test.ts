import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors/user-facing-error.js';
import {
  clipDurationRange,
  isPlatformName,
  PLATFORM_NAMES,
  PLATFORM_PRESETS,
  platformPreset,
} from './platform-presets.js';

describe('PLATFORM_PRESETS', () => {
  it.each(PLATFORM_NAMES)('%s is consistent', (name) => {
    const p = PLATFORM_PRESETS[name];
    expect(p.name).toBe(name);
    const [aw, ah] = p.aspect.split(':').map(Number) as [number, number];
    expect(p.width * ah).toBe(p.height * aw);
    expect(p.allowedDuration.minSec).toBeLessThanOrEqual(p.defaultDuration.minSec);
    expect(p.defaultDuration.maxSec).toBeLessThanOrEqual(p.allowedDuration.maxSec);
    expect(p.defaultDuration.minSec).toBeLessThan(p.defaultDuration.maxSec);
    expect(p.safe.top + p.safe.bottom).toBeLessThan(p.height / 2);
    expect(p.safe.left + p.safe.right).toBeLessThan(p.width / 2);
  });

  it('respects the published limits of DESIGN §6', () => {
    expect(PLATFORM_PRESETS.shorts.allowedDuration.maxSec).toBe(180);
    expect(PLATFORM_PRESETS.x.allowedDuration.maxSec).toBe(140);
    expect(PLATFORM_PRESETS.x.maxSizeBytes).toBe(512 * 1024 * 1024);
    expect([PLATFORM_PRESETS.tiktok.width, PLATFORM_PRESETS.tiktok.height]).toEqual([1080, 1920]);
    expect([PLATFORM_PRESETS.square.width, PLATFORM_PRESETS.square.height]).toEqual([1080, 1080]);
    expect([PLATFORM_PRESETS.x.width, PLATFORM_PRESETS.x.height]).toEqual([1280, 720]);
  });
});

describe('platformPreset / isPlatformName', () => {
  it('accepts known names and refuses others with a user error', () => {
    expect(isPlatformName('reels')).toBe(true);
    expect(isPlatformName('youtube')).toBe(false);
    expect(platformPreset('x').width).toBe(1280);
    expect(() => platformPreset('vine')).toThrow(UserFacingError);
  });
});

describe('clipDurationRange', () => {
  const cases: Array<[string, Parameters<typeof clipDurationRange>[1], { minSec: number; maxSec: number }]> =
    [
      ['defaults', {}, { minSec: 20, maxSec: 60 }],
      ['both overrides', { minSec: 30, maxSec: 90 }, { minSec: 30, maxSec: 90 }],
      ['min above default max widens max', { minSec: 90 }, { minSec: 90, maxSec: 180 }],
      ['max below default min lowers min', { maxSec: 10 }, { minSec: 5, maxSec: 10 }],
    ];
  it.each(cases)('shorts: %s', (_name, overrides, expected) => {
    expect(clipDurationRange(PLATFORM_PRESETS.shorts, overrides)).toEqual(expected);
  });

  const bad: Array<[string, Parameters<typeof clipDurationRange>[1]]> = [
    ['max beyond the platform', { maxSec: 200 }],
    ['min below the platform', { minSec: 0.5 }],
    ['min above max', { minSec: 60, maxSec: 30 }],
    ['not a number', { minSec: Number.NaN }],
  ];
  it.each(bad)('shorts: refuses %s', (_name, overrides) => {
    expect(() => clipDurationRange(PLATFORM_PRESETS.shorts, overrides)).toThrow(UserFacingError);
  });
});
