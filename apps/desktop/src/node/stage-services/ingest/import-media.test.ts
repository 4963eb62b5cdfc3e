import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { isAbortError, UserFacingError } from '@kirinuki/contracts';
import { BAD_FILE_INPUTS, makeGoodMedia, type GoodMedia } from '@kirinuki/pipeline/test-support/media-corpus';
import { projectVideos } from '../../../common/project-videos.js';
import { listEvents } from '../../events/events-repository.js';
import type { ImportOptions } from './import-media.js';
import { importIntoLibrary } from '../../library/test-support/import-into-library.js';
import { openLibrary, type Library } from '../../library/library.js';
import { removeVideo } from '../../library/remove-video.js';
import { videoAvailability } from '../../library/video-availability.js';
import { listVideos } from '../../library/videos-repository.js';
import { librarySnapshot } from '../../library/test-support/library-snapshot.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-import-'));
const media = path.join(root, 'media');
const bins = resolveFfmpegBinaries();
let good: GoodMedia;
let library: Library;
const options = (extra: Partial<Omit<ImportOptions, 'isKnown'>> = {}): Omit<ImportOptions, 'isKnown'> => ({
  mode: 'copy',
  ffmpeg: bins.ffmpeg.path,
  ffprobe: bins.ffprobe.path,
  maxBytes: 50 * 1024 ** 3,
  allowPrivateNetwork: false,
  ...extra,
});

beforeAll(async () => {
  good = await makeGoodMedia(media);
  library = await openLibrary(path.join(root, 'library'));
}, 120_000);
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

describe('importMedia: valid files', () => {
  it.each<keyof GoodMedia>(['mp4', 'mov', 'mkvVp9', 'webmAv1', 'aviXvidAc3', 'rotatedMp4', 'vfrMp4'])(
    '%s imports once, by content',
    async (key) => {
      const first = await importIntoLibrary(library, good[key], options());
      expect(first.alreadyImported).toBe(false);
      expect(first.video.path.startsWith(library.videoDir(first.video.sha256))).toBe(true);
      expect(statSync(first.video.path).size).toBe(statSync(good[key]).size);
      const again = await importIntoLibrary(library, good[key], options());
      expect(again).toMatchObject({ alreadyImported: true, video: { id: first.video.id } });
      const events = await listEvents(library.db, { aggregateId: first.video.id });
      expect(events.map((e) => e.type)).toEqual(['VideoImported']);
      expect(readdirSync(library.tmpDir)).toEqual([]);
    },
  );

  it('keeps display size after rotation and a title from an odd file name', async () => {
    const rotated = await importIntoLibrary(library, good.rotatedMp4, options());
    expect(rotated.video).toMatchObject({ width: 108, height: 192 });
    const odd = await importIntoLibrary(library, good.oddName, options());
    // Same bytes as good.mp4: already there, whatever the name.
    expect(odd.alreadyImported).toBe(true);
  });

  it('links a file in place and notices when it changes or moves', async () => {
    const linked = path.join(media, 'linked.mp4');
    const { makeVideo } = await import('@kirinuki/pipeline/test-support/media-corpus');
    await makeVideo(linked, ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], {
      duration: 2,
      size: '96x64',
    });
    const { video } = await importIntoLibrary(library, linked, options({ mode: 'link' }));
    expect(video).toMatchObject({ storage: 'link', path: linked, source: linked });
    expect(existsSync(library.videoDir(video.sha256))).toBe(false);
    expect(videoAvailability(video)).toBe('ok');
    appendFileSync(linked, Buffer.alloc(10));
    expect(videoAvailability(video)).toBe('changed');
    renameSync(linked, `${linked}.moved`);
    expect(videoAvailability(video)).toBe('missing');
    utimesSync(`${linked}.moved`, new Date(), new Date());
  });

  it('the videos read model is a projection of the event log', async () => {
    const events = await listEvents(library.db);
    const stripped = (v: { id: string; sha256: string; title: string; path: string }) => ({
      id: v.id,
      sha256: v.sha256,
      title: v.title,
      path: v.path,
    });
    expect(projectVideos(events).map(stripped)).toEqual((await listVideos(library.db)).map(stripped));
  });

  it('removes a video and everything it left in the library', async () => {
    const { video } = await importIntoLibrary(library, good.mov, options());
    await removeVideo(library, video.id);
    expect(existsSync(library.videoDir(video.sha256))).toBe(false);
    expect((await listVideos(library.db)).some((v) => v.id === video.id)).toBe(false);
    expect((await listEvents(library.db, { aggregateId: video.id })).map((e) => e.type)).toEqual([
      'VideoImported',
      'VideoRemoved',
    ]);
    await expect(removeVideo(library, video.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // It can come back.
    expect((await importIntoLibrary(library, good.mov, options())).alreadyImported).toBe(false);
  });

  it('cancels a copy and leaves nothing behind', async () => {
    const { makeVideo } = await import('@kirinuki/pipeline/test-support/media-corpus');
    const big = await makeVideo(
      path.join(media, 'bigger.mkv'),
      ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
      { duration: 4, size: '640x480' },
    );
    const before = librarySnapshot(library);
    const controller = new AbortController();
    const error = await importIntoLibrary(
      library,
      big,
      options({ signal: controller.signal, onProgress: (p) => p.stage === 'copying' && controller.abort() }),
    ).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(librarySnapshot(library)).toEqual(before);
  });
});

describe('importMedia: bad files are refused with their code and change nothing', () => {
  it.each(BAD_FILE_INPUTS.map((c) => [c.name, c] as const))('%s', async (_name, bad) => {
    const dir = mkdtempSync(path.join(root, 'bad-'));
    const input = await bad.make(dir, good);
    const before = librarySnapshot(library);
    const error = await importIntoLibrary(library, input, options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code, (error as Error).message).toBe(bad.code);
    expect((error as UserFacingError).message.length).toBeGreaterThan(10);
    expect((error as UserFacingError).hint.length).toBeGreaterThan(10);
    expect(librarySnapshot(library)).toEqual(before);
  });

  it('a file over the size limit', async () => {
    const before = librarySnapshot(library);
    await expect(importIntoLibrary(library, good.mp4, options({ maxBytes: 1000 }))).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    expect(librarySnapshot(library)).toEqual(before);
  });
});
