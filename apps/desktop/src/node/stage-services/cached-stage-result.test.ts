import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT } from '@kirinuki/contracts';
import { listEvents } from '../events/events-repository.js';
import { openLibrary, type Library } from '../library/library.js';
import { recordStageResults } from '../stage-handlers/record-stage-result.js';
import { localStageResultStore, settingsHash } from '../stage-results/local-stage-result-store.js';
import { cachedStageResult } from './cached-stage-result.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-stage-'));
let library: Library;
beforeAll(async () => {
  library = await openLibrary(path.join(root, 'library'));
});
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

describe('settingsHash', () => {
  it.each([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: [1, { x: 1, y: 2 }] }, { a: [1, { y: 2, x: 1 }] }, true],
    [{ a: 1 }, { a: 2 }, false],
    [{ model: 'tiny.en' }, { model: 'base' }, false],
  ])('%j vs %j → same %s', (a, b, same) => {
    expect(settingsHash(a) === settingsHash(b)).toBe(same);
  });
});

describe('cachedStageResult (service) and recordStageResults (host)', () => {
  const key = { sha256: 'ab'.repeat(32), stage: 'transcribe', settings: { model: 'tiny.en' } };
  const video = { id: 'V1', createdAt: '2026-11-28T10:00:00Z' };
  let computed = 0;
  const run = (extra: { fresh?: boolean; settings?: unknown } = {}) =>
    cachedStageResult(localStageResultStore(library.dir), {
      key: { ...key, settings: extra.settings ?? key.settings },
      scope: 'video',
      fresh: extra.fresh,
      eventType: EVENT.TranscriptReady,
      details: (r: { words: number }) => ({ words: r.words }),
      compute: async () => ({ words: (computed += 1) }),
    });
  const announced = async () =>
    (await listEvents(library.db, { types: [EVENT.TranscriptReady] })).map((e) => e.payload);

  it('computes once, then reuses the stored result; announcing it again adds no event', async () => {
    const first = await run();
    expect(first).toMatchObject({ cached: false, result: { words: 1 } });
    expect(existsSync(first.locator)).toBe(true);
    expect(first.locator.startsWith(library.videoDir(key.sha256))).toBe(true);
    await recordStageResults(library, video, [first.notice]);
    const second = await run();
    expect(second).toMatchObject({ cached: true, result: { words: 1 }, locator: first.locator });
    await recordStageResults(library, video, [second.notice]);
    expect(computed).toBe(1);
    expect(await announced()).toEqual([
      { videoId: 'V1', stage: 'transcribe', settingsHash: settingsHash(key.settings), words: 1 },
    ]);
  });

  it('recomputes with fresh (still one event per key) and keys by settings', async () => {
    const fresh = await run({ fresh: true });
    expect(fresh).toMatchObject({ cached: false, result: { words: 2 } });
    await recordStageResults(library, video, [fresh.notice]);
    expect(await announced()).toHaveLength(1);
    const other = await run({ settings: { model: 'base' } });
    expect(other).toMatchObject({ cached: false });
    await recordStageResults(library, video, [other.notice]);
    expect(await announced()).toHaveLength(2);
  });
});
