import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { makeGoodMedia, makeUnreadable, type GoodMedia } from '@kirinuki/pipeline/test-support/media-corpus';
import { serveBytes, startLocalServer } from '@kirinuki/pipeline/test-support/local-http-server';
import { runCli } from './test-support/run-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-cli-import-'));
const library = path.join(root, 'library');
let good: GoodMedia;
beforeAll(async () => {
  good = await makeGoodMedia(path.join(root, 'media'));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const kirinuki = (...args: string[]) => runCli([...args, '--library', library]);

describe('kirinuki import / library / events', () => {
  let videoId = '';

  it('imports a file and prints the video as one JSON document, with progress on stderr', async () => {
    const run = await kirinuki('import', good.mp4, '--json');
    expect(run.code).toBe(0);
    const { video, alreadyImported } = run.json<{
      video: Record<string, unknown>;
      alreadyImported: boolean;
    }>();
    expect(alreadyImported).toBe(false);
    expect(Object.keys(video)).toEqual(
      expect.arrayContaining([
        'id',
        'sha256',
        'title',
        'source',
        'durationSec',
        'width',
        'height',
        'fps',
        'hasAudio',
        'sizeBytes',
        'createdAt',
      ]),
    );
    expect(video).toMatchObject({
      title: 'good',
      source: good.mp4,
      width: 160,
      height: 120,
      fps: 25,
      hasAudio: true,
    });
    expect(run.stderr).toMatch(/ingest +\d+% {2}checking/);
    videoId = video.id as string;
    const again = await kirinuki('import', good.mp4, '--json');
    expect(again.json()).toMatchObject({ alreadyImported: true, video: { id: videoId } });
  });

  it('takes several inputs, reports each, and exits 2 when one fails', async () => {
    const run = await kirinuki('import', good.mov, path.join(root, 'missing.mp4'), '--json');
    expect(run.code).toBe(2);
    const { results } = run.json<{ results: Array<Record<string, any>> }>(); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(results[0]).toMatchObject({ alreadyImported: false, video: { title: 'good' } });
    expect(results[1]).toMatchObject({
      input: expect.stringContaining('missing.mp4'),
      error: { code: 'FILE_NOT_FOUND' },
    });
  });

  it('lists, gets and removes, with events per video', async () => {
    const list = await kirinuki('library', 'list', '--json');
    expect(list.json<{ videos: Array<{ id: string }> }>().videos.map((v) => v.id)).toContain(videoId);
    const got = await kirinuki('library', 'get', videoId, '--json');
    expect(got.json()).toMatchObject({
      video: { id: videoId, availability: 'ok', mediaInfo: { container: 'mov' } },
    });
    const events = await kirinuki('events', '--video', videoId, '--json');
    expect(events.json<{ events: Array<{ type: string; aggregateId: string }> }>().events).toEqual([
      expect.objectContaining({ type: 'VideoImported', aggregateId: videoId }),
    ]);
    expect((await kirinuki('library', 'remove', videoId, '--json')).code).toBe(0);
    const missing = await kirinuki('library', 'get', videoId, '--json');
    expect(missing.code).toBe(2);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('refuses a loopback URL unless --allow-private-network', async () => {
    const body = readFileSync(good.mkvVp9);
    const server = await startLocalServer((req, res) => serveBytes(req, res, body, 'video/x-matroska'));
    try {
      const refused = await kirinuki('import', `${server.url}/show.mkv`, '--json');
      expect(refused.code).toBe(2);
      expect(refused.json()).toMatchObject({
        error: { code: 'URL_FORBIDDEN', hint: expect.stringContaining('--allow-private-network') },
      });
      expect(server.requests).toHaveLength(0);
      const allowed = await kirinuki('import', `${server.url}/show.mkv`, '--allow-private-network', '--json');
      expect(allowed.json()).toMatchObject({
        alreadyImported: false,
        video: { title: 'show', source: `${server.url}/show.mkv` },
      });
    } finally {
      await server.close();
    }
  });

  it('honours the size limit setting', async () => {
    expect((await kirinuki('settings', 'set', 'maxImportBytes', '1000')).code).toBe(0);
    const run = await kirinuki('import', good.aviXvidAc3, '--json');
    expect(run.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE' } });
    await kirinuki('settings', 'set', 'maxImportBytes', String(50 * 1024 ** 3));
    const bad = await kirinuki('settings', 'set', 'maxImportBytes', 'lots', '--json');
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
  });

  it('refuses a file the user cannot read', async () => {
    const locked = makeUnreadable(root, good);
    if (process.getuid?.() !== 0) {
      const run = await kirinuki('import', locked, '--json');
      expect(run.json()).toMatchObject({ error: { code: 'FILE_NOT_READABLE' } });
      return;
    }
    // As root every file is readable: run the command as an ordinary user instead.
    // The bundled ffmpeg installers make their binaries executable for the installing user only.
    const bins = resolveFfmpegBinaries();
    for (const bin of [bins.ffmpeg.path, bins.ffprobe.path]) chmodSync(bin, 0o755);
    const userLibrary = mkdtempSync(path.join(tmpdir(), 'kirinuki-nobody-'));
    chmodSync(userLibrary, 0o777);
    chmodSync(root, 0o755);
    const run = await runCli(['import', locked, '--json', '--library', path.join(userLibrary, 'lib')], {
      uid: 65534,
      gid: 65534,
    });
    rmSync(userLibrary, { recursive: true, force: true });
    expect(run.json(), run.stderr).toMatchObject({ error: { code: 'FILE_NOT_READABLE' } });
    expect(run.code).toBe(2);
  });
});
