import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { abortError } from '@kirinuki/contracts';
import { UserFacingError } from '@kirinuki/contracts';
import {
  createProgressStreamParser,
  interpretProgressBlock,
  type FfmpegProgress,
} from './ffmpeg-progress.js';

/** An argument list entry; null, undefined and false are dropped so optional flags read naturally. */
export type FfmpegArg = string | number | null | undefined | false;

/** The part of a pino logger the runner uses. */
export interface CommandLogger {
  debug(obj: object, msg?: string): void;
}

export interface StartFfmpegOptions {
  /** Path of the ffmpeg or ffprobe binary. */
  bin: string;
  args: readonly FfmpegArg[];
  signal?: AbortSignal | undefined;
  /** Asks ffmpeg for `-progress` reports on a side pipe (fd 3), so stdout stays free for data. */
  onProgress?: ((progress: FfmpegProgress) => void) | undefined;
  /** Media duration being processed, for the fraction and ETA. */
  durationSec?: number | null | undefined;
  logger?: CommandLogger | undefined;
  /** 'buffer' collects stdout (default), 'stream' hands it to the caller, 'ignore' discards it. */
  stdout?: 'buffer' | 'stream' | 'ignore';
  /** Refuse to buffer more than this many bytes of stdout (default 64 MiB). */
  maxStdoutBytes?: number;
  /** More output pipes beside stdout, on fds 4, 5… (`pipe:4`…), streamed to the caller. */
  extraOutputs?: number;
}

export interface FfmpegResult {
  stdout: Buffer;
  stderr: string;
  commandLine: string;
  wallMs: number;
}

export interface RunningFfmpeg {
  child: ChildProcess;
  /** The data stream when `stdout: 'stream'`, else null. */
  stdout: Readable | null;
  /** The streams of `extraOutputs` (fd 4, 5…). */
  extraOutputs: Readable[];
  done: Promise<FfmpegResult>;
}

/** ffmpeg ran and exited with an error: an internal failure that callers translate to a user-facing code. */
export class FfmpegFailedError extends Error {
  override readonly name = 'FfmpegFailedError';
  constructor(
    readonly exitCode: number | null,
    readonly signalName: string | null,
    readonly stderrTail: string,
    readonly commandLine: string,
  ) {
    const lastLine = stderrTail.trim().split('\n').slice(-1)[0] ?? '';
    super(`${commandLine.split(' ')[0]} exited with ${exitCode ?? signalName}: ${lastLine}`);
  }
}

const STDERR_KEEP = 64 * 1024;
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every ffmpeg/ffprobe this process started that is still running. */
export function killAllFfmpeg(): number {
  let killed = 0;
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      killed += 1;
    }
  }
  return killed;
}

export function runningFfmpegCount(): number {
  return running.size;
}

export function compactArgs(args: readonly FfmpegArg[]): string[] {
  return args.filter((a): a is string | number => a !== null && a !== undefined && a !== false).map(String);
}

/** A copy-pasteable command line for the log. */
export function formatCommandLine(bin: string, args: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [bin, ...args].map(quote).join(' ');
}

export function startFfmpeg(options: StartFfmpegOptions): RunningFfmpeg {
  const { bin, signal, onProgress, logger } = options;
  const stdoutMode = options.stdout ?? 'buffer';
  const maxStdout = options.maxStdoutBytes ?? 64 * 1024 * 1024;
  const args = compactArgs(options.args);
  if (onProgress) args.unshift('-progress', 'pipe:3', '-nostats');
  const commandLine = formatCommandLine(bin, args);
  logger?.debug({ cmd: commandLine }, 'spawn');

  if (signal?.aborted) {
    const done = Promise.reject(abortError());
    done.catch(() => undefined);
    // A stand-in that never ran; callers only await `done`.
    return { child: null as unknown as ChildProcess, stdout: null, extraOutputs: [], done };
  }

  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => killAllFfmpeg());
  }

  const started = Date.now();
  const child = spawn(bin, args, {
    stdio: [
      'ignore',
      stdoutMode === 'ignore' ? 'ignore' : 'pipe',
      'pipe',
      onProgress ? 'pipe' : 'ignore',
      ...Array.from({ length: options.extraOutputs ?? 0 }, () => 'pipe' as const),
    ],
    windowsHide: true,
  });
  running.add(child);

  const stdoutChunks: Buffer[] = [];
  let stdoutBytes = 0;
  let overflow = false;
  if (stdoutMode === 'buffer') {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        overflow = true;
        child.kill('SIGKILL');
        return;
      }
      stdoutChunks.push(chunk);
    });
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_KEEP);
  });
  if (onProgress) {
    const progressPipe = child.stdio[3] as Readable | undefined;
    progressPipe?.setEncoding('utf8');
    const push = createProgressStreamParser((fields) => {
      onProgress(interpretProgressBlock(fields, options.durationSec ?? null, (Date.now() - started) / 1000));
    });
    progressPipe?.on('data', push);
  }

  let aborted = false;
  const onAbort = () => {
    aborted = true;
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  const done = new Promise<FfmpegResult>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      running.delete(child);
      signal?.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        reject(
          new UserFacingError('FFMPEG_NOT_FOUND', `Cannot run ${bin} (${error.code}).`, { cause: error }),
        );
      } else reject(error);
    });
    child.once('close', (code, signalName) => {
      running.delete(child);
      signal?.removeEventListener('abort', onAbort);
      const wallMs = Date.now() - started;
      logger?.debug({ cmd: commandLine.split(' ')[0], code, signal: signalName, wallMs }, 'exit');
      if (aborted) return reject(abortError());
      if (overflow) return reject(new Error(`${bin} wrote more than ${maxStdout} bytes to stdout`));
      if (code !== 0) return reject(new FfmpegFailedError(code, signalName, stderr, commandLine));
      resolve({ stdout: Buffer.concat(stdoutChunks), stderr, commandLine, wallMs });
    });
  });
  // Callers that use the stream may attach to `done` late; avoid an unhandled rejection meanwhile.
  done.catch(() => undefined);
  const extraOutputs = Array.from(
    { length: options.extraOutputs ?? 0 },
    (_, i) => child.stdio[4 + i] as Readable,
  );
  return { child, stdout: stdoutMode === 'stream' ? child.stdout : null, extraOutputs, done };
}

/** Runs ffmpeg or ffprobe to the end. Rejects with an AbortError when cancelled, FfmpegFailedError on failure. */
export function runFfmpeg(options: Omit<StartFfmpegOptions, 'stdout'> & { stdout?: 'buffer' | 'ignore' }) {
  return startFfmpeg(options).done;
}
