import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { testImportOptions } from '../../library/test-support/test-import-options.js';
import { importIntoLibrary } from '../../library/test-support/import-into-library.js';
import { openLibrary } from '../../library/library.js';
import { createLogger } from '../../logging/create-logger.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { proposeForVideo } from './propose-for-video.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-segment-stage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });

describe('proposeForVideo with cloud vision results', () => {
  it('reads the described keyframes and gives a clip that holds a striking one its reason', async () => {
    const bins = resolveFfmpegBinaries();
    const library = await openLibrary(path.join(root, 'library'));
    try {
      const source = await makeVideo(path.join(root, 'v.mp4'), ['-c:v', 'libx264', '-preset', 'ultrafast'], {
        duration: 8,
        size: '320x240',
      });
      const { video } = await importIntoLibrary(library, source, testImportOptions());
      // Two spoken sentences, as the transcribe stage stores them.
      const words = 'Here is the trick. Nobody tells you this part.'.split(' ');
      const transcriptFile = path.join(root, 'transcript.json');
      writeFileSync(
        transcriptFile,
        JSON.stringify({
          language: 'en',
          model: 'whisper-tiny.en-int8',
          backend: 'local',
          durationSec: 8,
          segments: [
            {
              start: 0.5,
              end: 6.5,
              text: words.join(' '),
              words: words.map((word, i) => ({
                start: 0.5 + i * 0.7,
                end: 1.0 + i * 0.7,
                word,
                probability: 0.9,
              })),
            },
          ],
        }),
      );
      const cloudVisionFile = path.join(root, 'cloud.json');
      writeFileSync(
        cloudVisionFile,
        JSON.stringify([
          { shotIndex: 0, time: 2, highlightScore: 95, description: 'A cat leaps onto the desk.' },
        ]),
      );
      const { proposals } = await proposeForVideo(
        library.dir,
        localStageResultStore(library.dir),
        {
          video,
          transcriptFile,
          cloudVisionFile,
          params: { platform: 'square', count: 2, minSec: 2, maxSec: 7 },
        },
        {
          signal: new AbortController().signal,
          logger,
          ffmpeg: bins.ffmpeg.path,
          onProgress: () => undefined,
        },
      );
      expect(proposals.length).toBeGreaterThan(0);
      const holding = proposals.find((c) => c.start <= 2 && c.end > 2)!;
      expect(holding.reasons.join(' ')).toMatch(/Striking picture at 0:0\d: A cat leaps onto the desk/);
    } finally {
      await library.close();
    }
  }, 60_000);
});
