import type { Readable } from 'node:stream';
import { UserFacingError } from '@kirinuki/contracts';
import { FfmpegFailedError, startFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import {
  bytesPerFrame,
  frameOutputsArgs,
  outputShowinfoName,
  type FrameGeometry,
  type FrameOutputSpec,
} from './frame-source-args.js';
import { createShowinfoParser } from './showinfo-parser.js';
import { mediaTimeProgress, type VisionProgress } from './vision-progress.js';

export interface DecodedFrame {
  /** 0-based index in decode (presentation) order of the frames this output produced. */
  index: number;
  /** Presentation time in seconds (media time), as ffmpeg reports it after autorotation and resampling. */
  pts: number;
  data: Uint8Array;
}

/** One stream of frames out of a decode, and what takes each frame (awaited: it holds that stream back). */
export interface FrameOutput extends FrameOutputSpec {
  onFrame(frame: DecodedFrame): void | Promise<void>;
}

export interface DecodeOptions {
  ffmpeg: string;
  input: string;
  fastDecode?: boolean;
  /** 'bidir': only the I and P frames are decoded (indices then count those frames only). */
  skipFrame?: 'bidir' | null;
  threads?: number;
  /** Start at this media time (s), exactly; frames' pts stay media time. */
  startSec?: number | null;
  /** Decode only this much media time (s). */
  limitSec?: number | null;
  /** Media duration (of the part decoded), for the progress fraction and ETA. */
  durationSec?: number | null;
  stage?: string;
  signal?: AbortSignal | undefined;
  /** Reported as the first output advances (give the every-frame output first). */
  onProgress?: ((progress: VisionProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
}

export interface FrameSourceOptions extends DecodeOptions, FrameGeometry {
  sampleFps?: number | null;
}

const PROGRESS_INTERVAL_MS = 200;

/** Frame timestamps per output, from the showinfo lines on stderr; a reader waits for the one it needs. */
function createPtsBook(outputs: number) {
  const ptsByOutput = Array.from({ length: outputs }, () => [] as number[]);
  const waiting = new Set<() => void>();
  let ended = false;
  const notify = () => {
    for (const wake of waiting) wake();
    waiting.clear();
  };
  const names = new Map(ptsByOutput.map((_, i) => [outputShowinfoName(i), i]));
  return {
    push: createShowinfoParser((n, pts, name) => {
      const output = name === null ? 0 : names.get(name);
      if (output === undefined) return;
      (ptsByOutput[output] as number[])[n] = pts;
      notify();
    }),
    end() {
      ended = true;
      notify();
    },
    async ptsOf(output: number, index: number): Promise<number> {
      const book = ptsByOutput[output] as number[];
      while (book[index] === undefined && !ended) {
        await new Promise<void>((resolve) => waiting.add(resolve));
      }
      return book[index] ?? Number.NaN;
    },
  };
}

/**
 * Decodes a video once into one or more streams of small raw frames (a `split` in one ffmpeg
 * filter graph, each on a pipe of its own), each frame with its exact index and pts. The streams
 * are read side by side; a slow `onFrame` holds back only its own stream (and, through ffmpeg, the
 * decode). Stops ffmpeg when an `onFrame` throws or the signal aborts.
 */
export async function decodeFrames(options: DecodeOptions, outputs: readonly FrameOutput[]): Promise<void> {
  const startSec = options.startSec ?? 0;
  const run = startFfmpeg({
    bin: options.ffmpeg,
    args: frameOutputsArgs({
      input: options.input,
      outputs,
      fastDecode: options.fastDecode ?? true,
      skipFrame: options.skipFrame ?? null,
      threads: options.threads ?? 0,
      startSec: options.startSec ?? null,
      limitSec: options.limitSec ?? null,
    }),
    stdout: 'stream',
    extraOutputs: outputs.length - 1,
    signal: options.signal,
    logger: options.logger,
  });
  if (!run.stdout) {
    await run.done; // rejects (already aborted)
    return;
  }
  const pipes: Readable[] = [run.stdout, ...run.extraOutputs];
  const book = createPtsBook(outputs.length);
  run.child.stderr?.on('data', book.push);
  run.child.stderr?.once('end', book.end);

  const started = Date.now();
  let lastReport = 0;
  const stage = options.stage ?? 'decoding frames';
  const report = (pts: number) => {
    const now = Date.now();
    if (!options.onProgress || now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    const done = pts - startSec;
    options.onProgress(mediaTimeProgress(stage, done, options.durationSec ?? null, (now - started) / 1000));
  };

  const readOutput = async (o: number) => {
    const output = outputs[o] as FrameOutput;
    const frameBytes = bytesPerFrame(output);
    let index = 0;
    let frame = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of pipes[o] as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled < frameBytes) continue;
        // After an exact seek ffmpeg counts time from the seek point: back to media time.
        const pts = (await book.ptsOf(o, index)) + startSec;
        await output.onFrame({ index, pts, data: frame });
        if (o === 0) report(pts);
        index += 1;
        frame = new Uint8Array(frameBytes);
        filled = 0;
      }
    }
  };

  let finished = false;
  try {
    await Promise.all([...outputs.map((_, o) => readOutput(o)), run.done]);
    finished = true;
    options.onProgress?.({ stage, fraction: 1, etaSec: 0 });
  } catch (error) {
    if (error instanceof FfmpegFailedError) {
      throw new UserFacingError('CORRUPT_MEDIA', `ffmpeg could not decode the video in ${options.input}.`, {
        cause: error,
        details: { stderr: error.stderrTail.slice(-2000) },
      });
    }
    throw error;
  } finally {
    if (!finished) {
      // A reader stopped early: ffmpeg is still writing into pipes nobody reads.
      run.child.kill('SIGKILL');
      for (const pipe of pipes) pipe.destroy();
      await run.done.catch(() => undefined);
    }
  }
}

class StopReading extends Error {}

/**
 * The frames of one output as an async iterator (one decode, one stream): ffmpeg stops when the
 * caller stops iterating or the signal aborts.
 */
export async function* readFrames(options: FrameSourceOptions): AsyncGenerator<DecodedFrame> {
  const { width, height, pixelFormat, fit, sampleFps, ...decode } = options;
  // A hand-over of one frame at a time: the decode waits until the caller asks for the next one.
  let handOver: ((frame: DecodedFrame | null) => void) | null = null;
  let pulled: (() => void) | null = null;
  let stopped = false;
  const nextFrame = () => new Promise<DecodedFrame | null>((resolve) => (handOver = resolve));
  let pending = nextFrame();
  const decoding = decodeFrames(decode, [
    {
      width,
      height,
      pixelFormat,
      fit,
      sampleFps: sampleFps ?? null,
      onFrame: async (frame) => {
        if (stopped) throw new StopReading();
        const give = handOver;
        await new Promise<void>((resolve) => {
          pulled = resolve;
          give?.(frame);
        });
        if (stopped) throw new StopReading();
      },
    },
  ]).then(
    () => handOver?.(null),
    (error: unknown) => {
      handOver?.(null);
      throw error;
    },
  );
  decoding.catch(() => undefined);
  try {
    for (;;) {
      const frame = await Promise.race([pending, decoding.then(() => null)]);
      if (!frame) break;
      pending = nextFrame();
      yield frame;
      const resume = pulled as (() => void) | null;
      pulled = null;
      resume?.();
    }
    await decoding;
  } finally {
    stopped = true;
    const resume = pulled as (() => void) | null;
    resume?.();
    await decoding.catch((error: unknown) => {
      if (!(error instanceof StopReading)) throw error;
    });
  }
}
