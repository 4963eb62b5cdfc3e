import { describe, expect, it } from 'vitest';
import { mapLimited } from './map-limited.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapLimited', () => {
  it('keeps the order of the items and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited([30, 5, 20, 1, 10, 2], 3, async (ms, i) => {
      running += 1;
      most = Math.max(most, running);
      await tick(ms);
      running -= 1;
      return `${i}:${ms}`;
    });
    expect(out).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10', '5:2']);
    expect(most).toBe(3);
  });

  it('stops at the first failure: the others are told, nothing new starts, and it settles after them', async () => {
    const started: number[] = [];
    let abortedSeen = 0;
    let finished = 0;
    const run = mapLimited([0, 1, 2, 3, 4, 5], 2, async (_, i, signal) => {
      started.push(i);
      if (i === 1) {
        await tick(5);
        throw new Error('item 1 failed');
      }
      await tick(30);
      if (signal.aborted) abortedSeen += 1;
      finished += 1;
      return i;
    });
    await expect(run).rejects.toThrow('item 1 failed');
    expect(started).toEqual([0, 1]);
    expect(abortedSeen).toBe(1);
    expect(finished).toBe(1); // item 0 had stopped before the call settled
  });

  it('honours an outer abort, and takes an empty list', async () => {
    const outer = new AbortController();
    outer.abort();
    await expect(mapLimited([1], 2, async (x) => x, outer.signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(await mapLimited([], 4, async (x) => x)).toEqual([]);
  });
});
