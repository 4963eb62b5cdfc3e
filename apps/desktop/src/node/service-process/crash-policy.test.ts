import { describe, expect, it } from 'vitest';
import { decideAfterCrash, DEFAULT_CRASH_POLICY, type CrashDecision } from './crash-policy.js';

describe('decideAfterCrash', () => {
  const now = 1_000_000;
  const cases: Array<[string, number[], CrashDecision]> = [
    ['first crash restarts after the base delay', [now], { action: 'restart', delayMs: 500 }],
    [
      'second crash in the window doubles the delay',
      [now - 5_000, now],
      { action: 'restart', delayMs: 1_000 },
    ],
    [
      'third crash in 60 s opens the circuit',
      [now - 50_000, now - 5_000, now],
      { action: 'open-circuit', crashes: 3 },
    ],
    [
      'old crashes fall out of the window',
      [now - 120_000, now - 61_000, now],
      { action: 'restart', delayMs: 500 },
    ],
    [
      'a crash exactly 60 s ago no longer counts',
      [now - 60_000, now - 1_000, now],
      { action: 'restart', delayMs: 1_000 },
    ],
  ];
  it.each(cases)('%s', (_name, times, expected) => {
    expect(decideAfterCrash(times, now, DEFAULT_CRASH_POLICY)).toEqual(expected);
  });

  it('caps the delay', () => {
    const policy = { ...DEFAULT_CRASH_POLICY, maxCrashes: 100, maxDelayMs: 4_000 };
    const times = Array.from({ length: 10 }, (_, i) => now - i);
    expect(decideAfterCrash(times, now, policy)).toEqual({ action: 'restart', delayMs: 4_000 });
  });
});
