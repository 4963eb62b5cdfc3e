import { UserFacingError } from '@kirinuki/contracts';
import { describe, expect, it } from 'vitest';
import { PlatformBusyUntil, PlatformRequestError } from './platform-error.js';
import { withRetries } from './upload-retry.js';

const limited = (retryAfterMs: number) =>
  new PlatformRequestError('Too Many Requests', 'transient', 429, retryAfterMs, 'PLATFORM_RATE_LIMITED');

function clock() {
  let now = 1_800_000_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

describe('withRetries', () => {
  it('waits out a short Retry-After in place and goes on', async () => {
    const c = clock();
    let calls = 0;
    const result = await withRetries(
      async () => {
        if ((calls += 1) === 1) throw limited(5_000);
        return 'done';
      },
      () => 0,
      { signal: new AbortController().signal, sleep: c.sleep, now: c.now },
    );
    expect(result).toBe('done');
    expect(c.slept).toEqual([5_000]);
  });

  it('gives a long wait back to the caller with the time to come back, instead of sleeping on it', async () => {
    const c = clock();
    const start = c.now();
    const error = await withRetries(
      async () => {
        throw limited(14 * 60_000);
      },
      () => 0,
      { signal: new AbortController().signal, sleep: c.sleep, now: c.now },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformBusyUntil);
    expect(c.slept).toEqual([]);
    const busy = error as PlatformBusyUntil;
    expect(busy.retryAt).toBe(start + 14 * 60_000);
    expect(busy.status).toBe(429);
    const shown = busy.toUserFacing('X');
    expect(shown).toBeInstanceOf(UserFacingError);
    expect(shown.code).toBe('PLATFORM_RATE_LIMITED');
    expect(shown.retryAt).toBe(start + 14 * 60_000);
    expect(shown.toJSON()).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAt: start + 14 * 60_000 });
    expect(shown.message).toMatch(/^X: Too Many Requests \(the limit resets at /);
  });

  it('lets a busy-until from an inner retry through an outer one untouched', async () => {
    const c = clock();
    const options = { signal: new AbortController().signal, sleep: c.sleep, now: c.now };
    const error = await withRetries(
      () =>
        withRetries(
          async () => {
            throw limited(10 * 60_000);
          },
          () => 0,
          options,
        ),
      () => 0,
      options,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformBusyUntil);
    expect((error as PlatformBusyUntil).retryAt).toBe(1_800_000_000_000 + 10 * 60_000);
    expect(c.slept).toEqual([]);
  });

  it('takes a longer wait in place when the caller allows it', async () => {
    const c = clock();
    let calls = 0;
    await withRetries(
      async () => {
        if ((calls += 1) === 1) throw limited(60_000);
      },
      () => 0,
      { signal: new AbortController().signal, sleep: c.sleep, now: c.now, longestWaitMs: 120_000 },
    );
    expect(c.slept).toEqual([60_000]);
  });
});
