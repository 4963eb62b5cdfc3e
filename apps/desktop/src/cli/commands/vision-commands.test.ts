import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeEventsVideo } from '@kirinuki/pipeline/test-support/vision/test-videos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempLibrary } from '../test-support/run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-vision-cli-'));
const library = tempLibrary();
let video = '';
beforeAll(async () => {
  video = await makeEventsVideo(path.join(dir, 'events.mp4'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(path.dirname(library), { recursive: true, force: true });
});

describe('kirinuki shots / faces', () => {
  it(
    'shots --json prints cuts and shots, then serves the cached result until --fresh',
    { timeout: 60_000 },
    async () => {
      const first = await runCli(['shots', video, '--json', '--library', library]);
      expect(first.code).toBe(0);
      const result = first.json<{
        fps: number;
        frameCount: number;
        cuts: Array<{ frame: number; kind: string }>;
        shots: unknown[];
      }>();
      expect(result).toMatchObject({ fps: 25, frameCount: 225 });
      expect(result.cuts.filter((c) => c.kind === 'hard').map((c) => c.frame)).toEqual([50, 100]);
      expect(result.shots).toHaveLength(result.cuts.length + 1);

      const again = await runCli(['shots', video, '--library', library]);
      expect(again.stdout).toMatch(/^5 shots, 4 cuts \(2 hard, 2 gradual\) in 225 frames at 25 fps \(cached/);
      const fresh = await runCli(['shots', video, '--fresh', '--library', library]);
      expect(fresh.stdout).not.toContain('cached');
      expect(fresh.stdout).toContain('frames 50–99');
    },
  );

  it('faces --json finds no face in a test pattern', { timeout: 60_000 }, async () => {
    const run = await runCli(['faces', video, '--json', '--library', library]);
    expect(run.code).toBe(0);
    expect(run.json()).toEqual({ sampleFps: 5, tracks: [] });
  });

  it.each([
    ['shots', path.join(dir, 'missing.mp4'), 'FILE_NOT_FOUND'],
    ['faces', dir, 'NOT_A_FILE'],
  ])('%s on %s → %s', { timeout: 30_000 }, async (command, file, code) => {
    const run = await runCli([command, file, '--json', '--library', library]);
    expect(run.code).toBe(2);
    expect(run.json()).toEqual({ error: { code, message: expect.any(String), hint: expect.any(String) } });
  });
});
