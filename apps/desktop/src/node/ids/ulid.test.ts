import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { monotonicFactory, ulid } from './ulid.js';

describe('ulid with pooled randomness', () => {
  it('makes valid ULIDs carrying their time, all different across many pool refills', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = ulid(1_700_000_000_000);
      expect(isValid(id)).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(20_000);
    expect(decodeTime(ulid(1_700_000_000_000))).toBe(1_700_000_000_000);
  });

  it('spreads its random characters over the whole alphabet', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 4_000; i++) for (const c of ulid().slice(10)) seen.set(c, (seen.get(c) ?? 0) + 1);
    expect(seen.size).toBe(32);
    // 64,000 characters over 32 symbols: 2,000 each expected; a skewed source would be far off.
    for (const n of seen.values()) expect(Math.abs(n - 2_000)).toBeLessThan(300);
  });

  it('keeps a monotonic factory increasing within one millisecond', () => {
    const next = monotonicFactory();
    const a = next(1_700_000_000_000);
    const b = next(1_700_000_000_000);
    expect(b > a).toBe(true);
  });
});
