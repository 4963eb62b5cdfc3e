import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../events/events-repository.js';
import { openLibrary, type Library } from '../library/library.js';
import { runCachedStage } from './run-cached-stage.js';
import { settingsHash } from './stage-result-store.js';

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

describe('runCachedStage', () => {
  const key = { sha256: 'ab'.repeat(32), stage: 'transcribe', settings: { model: 'tiny.en' } };
  let computed = 0;
  const options = (extra: { fresh?: boolean; settings?: unknown } = {}) => ({
    library,
    key: { ...key, settings: extra.settings ?? key.settings },
    videoId: 'V1',
    fresh: extra.fresh,
    eventType: 'TranscriptReady',
    stableAtMs: Date.parse('2026-11-28T10:00:00Z'),
    eventPayload: (r: { words: number }) => ({ words: r.words }),
    compute: async () => ({ words: (computed += 1) }),
  });

  it('computes once, then reuses the stored result without a second event', async () => {
    const first = await runCachedStage(options());
    expect(first).toMatchObject({ cached: false, result: { words: 1 } });
    expect(existsSync(first.file)).toBe(true);
    const second = await runCachedStage(options());
    expect(second).toMatchObject({ cached: true, result: { words: 1 } });
    expect(computed).toBe(1);
    expect((await listEvents(library.db, { types: ['TranscriptReady'] })).map((e) => e.payload)).toEqual([
      expect.objectContaining({ videoId: 'V1', words: 1 }),
    ]);
  });

  it('recomputes with fresh (still one event per key) and keys by settings', async () => {
    expect(await runCachedStage(options({ fresh: true }))).toMatchObject({
      cached: false,
      result: { words: 2 },
    });
    expect((await listEvents(library.db, { types: ['TranscriptReady'] })).length).toBe(1);
    expect(await runCachedStage(options({ settings: { model: 'base' } }))).toMatchObject({ cached: false });
    expect((await listEvents(library.db, { types: ['TranscriptReady'] })).length).toBe(2);
  });
});
