import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedVisionResult, visionCacheKey } from './vision-result-cache.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-vision-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cachedVisionResult', () => {
  const file = path.join(dir, 'video.mp4');
  writeFileSync(file, 'not really a video');
  const cacheDir = path.join(dir, 'cache');
  let computed = 0;
  const compute = async () => ({ run: ++computed });
  const options = (overrides: { fresh?: boolean; version?: number } = {}) => ({
    cacheDir,
    filePath: file,
    pass: 'shots',
    version: overrides.version ?? 1,
    fresh: overrides.fresh ?? false,
  });

  it('computes once, then serves the stored result, and recomputes on --fresh or a new version', async () => {
    expect(await cachedVisionResult(options(), compute)).toEqual({ value: { run: 1 }, cached: false });
    expect(await cachedVisionResult(options(), compute)).toEqual({ value: { run: 1 }, cached: true });
    expect(await cachedVisionResult(options({ fresh: true }), compute)).toEqual({
      value: { run: 2 },
      cached: false,
    });
    expect(await cachedVisionResult(options(), compute)).toEqual({ value: { run: 2 }, cached: true });
    expect(await cachedVisionResult(options({ version: 2 }), compute)).toEqual({
      value: { run: 3 },
      cached: false,
    });
  });

  it('keys on the file’s size and modification time and on the pass', () => {
    const before = visionCacheKey(file, 'shots', 1);
    expect(visionCacheKey(file, 'faces', 1)).not.toBe(before);
    utimesSync(file, new Date(2020, 1, 1), new Date(2020, 1, 1));
    expect(visionCacheKey(file, 'shots', 1)).not.toBe(before);
  });
});
