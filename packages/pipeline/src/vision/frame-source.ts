import { UserFacingError } from '@kirinuki/contracts';
import { FfmpegFailedError, startFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { bytesPerFrame, frameSourceArgs, type FrameGeometry } from './frame-source-args.js';
import { createShowinfoParser } from './showinfo-parser.js';
import { mediaTimeProgress, type VisionProgress } from './vision-progress.js';

export interface DecodedFrame {
  /** 0-based index in decode (presentation) order of the frames this source produced. */
  index: number;
  /** Presentation time in seconds, as ffmpeg reports it after autorotation and resampling. */
  pts: number;
  data: Uint8Array;
}

export interface FrameSourceOptions extends FrameGeometry {
  ffmpeg: string;
  input: string;
  sampleFps?: number | null;
  fastDecode?: boolean;
  threads?: number;
  /** Decode only this much media time (s). */
  limitSec?: number | null;
  /** Media duration, for the progress fraction and ETA. */
  durationSec?: number | null;
  stage?: string;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: VisionProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

const PROGRESS_INTERVAL_MS = 200;

/**
 * Decodes a video into small raw frames streamed from an ffmpeg pipe, each with its exact index
 * and pts. Stops ffmpeg when the caller stops iterating or the signal aborts.
 */
export async function* readFrames(options: FrameSourceOptions): AsyncGenerator<DecodedFrame> {
  const frameBytes = bytesPerFrame(options);
  const run = startFfmpeg({
    bin: options.ffmpeg,
    args: frameSourceArgs({
      input: options.input,
      width: options.width,
      height: options.height,
      pixelFormat: options.pixelFormat,
      fit: options.fit,
      sampleFps: options.sampleFps ?? null,
      fastDecode: options.fastDecode ?? true,
      threads: options.threads ?? 0,
      limitSec: options.limitSec ?? null,
    }),
    stdout: 'stream',
    signal: options.signal,
    logger: options.logger,
  });
  const stdout = run.stdout;
  if (!stdout) {
    await run.done; // rejects (already aborted)
    return;
  }

  const ptsByIndex: number[] = [];
  let stderrEnded = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  run.child.stderr?.on(
    'data',
    createShowinfoParser((n, pts) => {
      ptsByIndex[n] = pts;
      notify();
    }),
  );
  run.child.stderr?.once('end', () => {
    stderrEnded = true;
    notify();
  });
  const ptsOf = async (index: number): Promise<number> => {
    while (ptsByIndex[index] === undefined && !stderrEnded) {
      await new Promise<void>((resolve) => (wake = resolve));
    }
    return ptsByIndex[index] ?? Number.NaN;
  };

  const started = Date.now();
  let lastReport = 0;
  let index = 0;
  let frame = new Uint8Array(frameBytes);
  let filled = 0;
  let finished = false;
  try {
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled < frameBytes) continue;
        const pts = await ptsOf(index);
        yield { index, pts, data: frame };
        index += 1;
        frame = new Uint8Array(frameBytes);
        filled = 0;
        const now = Date.now();
        if (options.onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
          lastReport = now;
          const stage = options.stage ?? 'decoding frames';
          options.onProgress(
            mediaTimeProgress(stage, pts, options.durationSec ?? null, (now - started) / 1000),
          );
        }
      }
    }
    await run.done;
    finished = true;
    options.onProgress?.({ stage: options.stage ?? 'decoding frames', fraction: 1, etaSec: 0 });
  } catch (error) {
    finished = true;
    if (error instanceof FfmpegFailedError) {
      throw new UserFacingError('CORRUPT_MEDIA', `ffmpeg could not decode the video in ${options.input}.`, {
        cause: error,
        details: { stderr: error.stderrTail.slice(-2000) },
      });
    }
    throw error;
  } finally {
    if (!finished) {
      // The caller stopped early: ffmpeg is still writing into a pipe nobody reads.
      run.child.kill('SIGKILL');
      await run.done.catch(() => undefined);
    }
  }
}
