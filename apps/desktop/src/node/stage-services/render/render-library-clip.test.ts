import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { makeSpeechVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { clipEditorData } from '../../clips/clip-editor-data.js';
import { storeProposals, updateClip } from '../../clips/clip-edits.js';
import { findClip } from '../../clips/clips-repository.js';
import { openLibrary, type Library } from '../../library/library.js';
import { importIntoLibrary } from '../../library/test-support/import-into-library.js';
import { testImportOptions } from '../../library/test-support/test-import-options.js';
import { findVideoById } from '../../library/videos-repository.js';
import { createLogger } from '../../logging/create-logger.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { transcribeMedia } from '../transcribe/transcribe-media.js';
import { renderFileName, renderLibraryClip } from './render-library-clip.js';

const WAV = fileURLToPath(new URL('../../../../../../fixtures/media/speech-en-16k.wav', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-render-lib-'));
const bins = resolveFfmpegBinaries();
const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });
let library: Library;
let clipId = '';

beforeAll(async () => {
  library = await openLibrary(path.join(root, 'library'));
  const source = await makeSpeechVideo(path.join(root, 'talk.mp4'), WAV, {
    duration: 4,
    size: '640x360',
  });
  const { video } = await importIntoLibrary(library, source, testImportOptions());
  await transcribeMedia(
    localStageResultStore(library.dir),
    { sha256: video.sha256, path: video.path, scope: 'video' },
    { backend: 'local', model: 'whisper-tiny.en-int8', language: 'en' },
    { signal: new AbortController().signal, logger, onProgress: () => undefined },
  );
  const { clips } = await storeProposals(library.db, {
    videoId: video.id,
    stableAtMs: Date.parse(video.createdAt),
    platform: 'tiktok',
    style: 'highlight',
    key: 'test',
    proposals: [
      {
        rank: 1,
        start: 0.1,
        end: 2.4,
        duration: 2.3,
        score: 80,
        reasons: ['Opens with a claim'],
        text: 'turns long videos',
        title: 'Long videos → short clips!',
        hashtags: [],
      },
    ],
  });
  clipId = clips[0]!.id;
}, 180_000);
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

const renderStored = async (options: Parameters<typeof renderLibraryClip>[3]) => {
  const clip = (await findClip(library.db, clipId))!;
  const video = (await findVideoById(library.db, clip.videoId))!;
  return renderLibraryClip(localStageResultStore(library.dir), clip, video, options);
};

describe('renderLibraryClip', () => {
  it('renders a clip with its transcript captions and the user’s edited line', async () => {
    await updateClip(
      library.db,
      clipId,
      { captions: [{ index: 0, text: 'Edited caption' }] },
      { videoDurationSec: 4 },
    );
    const rendered = await renderStored({
      outDir: path.join(root, 'out'),
      signal: new AbortController().signal,
      logger,
      ffmpeg: { ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path },
    });
    expect(rendered).toMatchObject({
      clipId,
      width: 1080,
      height: 1920,
      preset: 'tiktok',
      style: 'highlight',
      encoder: 'libx264',
    });
    expect(rendered.durationSec).toBeCloseTo(2.3, 1);
    for (const file of [rendered.output, rendered.cover, rendered.srt]) expect(existsSync(file)).toBe(true);
    expect(path.basename(rendered.output)).toMatch(/^Long-videos-short-clips-[a-z0-9]{6}\.mp4$/);
  }, 120_000);

  it.each([
    [{ style: 'comic-sans' }, 'INVALID_ARGUMENT'],
    [{ platform: 'myspace' }, 'INVALID_ARGUMENT'],
  ])('refuses %j with %s', async (flags, code) => {
    const error = await renderStored({
      ...flags,
      outDir: path.join(root, 'out2'),
      signal: new AbortController().signal,
      logger,
      ffmpeg: { ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
  });

  it.each([
    [
      { rank: 1, title: 'Hello, World!', id: '01ABCDEFGH', platform: 'tiktok' },
      'tiktok',
      'Hello-World-cdefgh',
    ],
    [
      { rank: 2, title: '切り抜き 動画', id: '01XYZ12345', platform: 'tiktok' },
      'tiktok',
      '切り抜き-動画-z12345',
    ],
    [{ rank: 3, title: '!!!', id: '01XYZ12345', platform: 'tiktok' }, 'tiktok', 'clip-z12345'],
    // Another platform's render of the same clip gets its own name.
    [
      { rank: 1, title: 'Hello, World!', id: '01ABCDEFGH', platform: 'tiktok' },
      'shorts',
      'Hello-World-cdefgh-shorts',
    ],
  ])('file name of %j for %s', (clip, preset, name) => {
    expect(renderFileName(clip, preset)).toBe(name);
  });

  it("gives the editor the planned caption lines with the user's edits, and the times to snap to", async () => {
    const clip = (await findClip(library.db, clipId))!;
    const video = (await findVideoById(library.db, clip.videoId))!;
    const data = await clipEditorData(localStageResultStore(library.dir), video, clip);
    expect(data.transcribed).toBe(true);
    expect(data.cues.length).toBeGreaterThan(0);
    // The first line was edited by the render test above; the others are the transcript's words.
    expect(data.cues[0]).toMatchObject({ index: 0, text: 'Edited caption', edited: true });
    for (const cue of data.cues.slice(1)) expect(cue.edited).toBe(false);
    expect(
      data.cues.every((c, i) => c.start < c.end && (i === 0 || c.start >= data.cues[i - 1]!.start)),
    ).toBe(true);
    const starts = data.boundaries.filter((b) => b.kind === 'word-start').map((b) => b.time);
    expect(starts.length).toBeGreaterThan(2);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
