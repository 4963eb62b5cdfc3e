import { type downloadModel } from '@kirinuki/pipeline';
import { UserFacingError } from '@kirinuki/contracts';
import { describe, expect, it } from 'vitest';
import type { ProgressHub } from '../api/progress-hub.js';
import type { ProgressEvent } from '@kirinuki/contracts';
import { createModelDownloads } from './model-downloads.js';

function recordingHub() {
  const events: ProgressEvent[] = [];
  const hub = { publish: (e: ProgressEvent) => void events.push(e) } as ProgressHub;
  return { hub, events };
}

/** A download that reports halfway, then waits to be told to finish or to be cancelled. */
function slowDownload() {
  let finish!: () => void;
  const fake: typeof downloadModel = (id, options) =>
    new Promise((resolve, reject) => {
      options.onProgress?.({
        bytes: 50,
        totalBytes: 100,
        fraction: 0.5,
        bytesPerSec: 10,
        etaSec: 5,
        file: 'm.onnx',
      });
      options.signal?.addEventListener('abort', () =>
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
      );
      finish = () => resolve({ id, files: [{ path: 'm.onnx', bytes: 100, action: 'downloaded' }] });
    });
  return { fake, finish: () => finish() };
}

describe('createModelDownloads', () => {
  it('publishes progress with ETA as job download-<id>, then done', async () => {
    const { hub, events } = recordingHub();
    const { fake, finish } = slowDownload();
    const downloads = createModelDownloads({ modelsDir: '/m', progress: hub, download: fake });
    const running = downloads.download('whisper-base');
    await expect(downloads.download('whisper-base')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    finish();
    expect((await running).files).toHaveLength(1);
    expect(events.map((e) => [e.jobId, e.stage, e.status, e.fraction, e.etaSec])).toEqual([
      ['download-whisper-base', 'download', 'running', 0, null],
      ['download-whisper-base', 'download', 'running', 0.5, 5],
      ['download-whisper-base', 'download', 'done', 1, 0],
    ]);
  });

  it('cancels a running download, and says so on the feed', async () => {
    const { hub, events } = recordingHub();
    const { fake } = slowDownload();
    const downloads = createModelDownloads({ modelsDir: '/m', progress: hub, download: fake });
    const running = downloads.download('whisper-base');
    expect(downloads.cancel('whisper-base')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(events.at(-1)).toMatchObject({ status: 'cancelled' });
    expect(downloads.cancel('whisper-base')).toBe(false); // nothing runs any more
  });

  it('puts a failure’s code and next step on the feed', async () => {
    const { hub, events } = recordingHub();
    const failing: typeof downloadModel = async () => {
      throw new UserFacingError('DISK_FULL', 'Not enough space for whisper-base.', { hint: 'Free 300 MB.' });
    };
    const downloads = createModelDownloads({ modelsDir: '/m', progress: hub, download: failing });
    await expect(downloads.download('whisper-base')).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(events.at(-1)).toMatchObject({
      status: 'failed',
      code: 'DISK_FULL',
      message: 'Not enough space for whisper-base.',
      hint: 'Free 300 MB.',
    });
  });

  it('takes the files from a folder when asked, and a retry goes back to the same folder', async () => {
    const { hub } = recordingHub();
    const seen: Array<string | undefined> = [];
    const recording: typeof downloadModel = async (id, options) => {
      seen.push(options.from);
      return { id, files: [] };
    };
    const downloads = createModelDownloads({ modelsDir: '/m', progress: hub, download: recording });
    await downloads.download('whisper-base', { from: '/media/usb/whisper-base' });
    await downloads.retry('whisper-base');
    await downloads.download('whisper-small');
    await downloads.retry('whisper-small');
    expect(seen).toEqual(['/media/usb/whisper-base', '/media/usb/whisper-base', undefined, undefined]);
  });
});
