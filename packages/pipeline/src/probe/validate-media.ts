import { open, stat, lstat } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '@kirinuki/contracts';
import { FfmpegFailedError, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { decodeCheckTimes, decodesAudioTail, decodeVideoAt } from './decode-check.js';
import type { MediaInfo } from './media-info.js';
import { probeMedia } from './probe-media.js';
import { sniffSignature, type Signature } from './sniff-signature.js';

export interface MediaLimits {
  maxBytes: number;
  minDurationSec: number;
  maxDurationSec: number;
  minSide: number;
  /** 8K UHD: 7680 × 4320, either orientation. */
  maxLongSide: number;
  maxShortSide: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxBytes: 50 * 1024 ** 3,
  minDurationSec: 1,
  maxDurationSec: 12 * 3600,
  minSide: 16,
  maxLongSide: 7680,
  maxShortSide: 4320,
};

export interface ValidateMediaOptions {
  ffmpeg: string;
  ffprobe: string;
  limits?: MediaLimits;
  signal?: AbortSignal | undefined;
  logger?: CommandLogger | undefined;
  /** Name shown in messages (defaults to the file name); a URL import passes the URL. */
  displayName?: string;
}

export interface ValidatedMedia {
  info: MediaInfo;
  signature: Signature;
  /** Problems that do not stop the import (e.g. a broken last audio frame). */
  warnings: string[];
}

const formatBytes = (n: number) =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(1)} GB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : `${n} bytes`;

export const formatClock = (sec: number) => {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
};

/** What a path that is not a regular file is, in the user's words ("a folder", "a pipe"…). */
export function kindOfEntry(s: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a pipe';
  if (s.isSocket()) return 'a socket';
  return 'a device or special file';
}

/**
 * Checks a local file in the order the user would want to hear about problems, stopping at the
 * first: exists / is a file / readable / not empty / size → signature → streams → dimensions and
 * duration → a picture decodes near the start, middle and end.
 */
export async function validateMediaFile(
  filePath: string,
  options: ValidateMediaOptions,
): Promise<ValidatedMedia> {
  const limits = options.limits ?? DEFAULT_MEDIA_LIMITS;
  const name = options.displayName ?? path.basename(filePath);
  const fail = (code: ConstructorParameters<typeof UserFacingError>[0], message: string, cause?: unknown) =>
    new UserFacingError(code, message, { cause, details: { path: filePath } });

  let stats;
  try {
    stats = await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP')
      throw fail('FILE_NOT_FOUND', `${name} is a symbolic link that loops back on itself.`, error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const dangling = await lstat(filePath).then(
        (l) => l.isSymbolicLink(),
        () => false,
      );
      throw fail(
        'FILE_NOT_FOUND',
        dangling ? `${name} is a link to a file that does not exist.` : `${filePath} does not exist.`,
        error,
      );
    }
    if (code === 'EACCES')
      throw fail('FILE_NOT_READABLE', `${name} cannot be reached: permission denied.`, error);
    throw error;
  }
  if (!stats.isFile()) throw fail('NOT_A_FILE', `${name} is ${kindOfEntry(stats)}, not a video file.`);

  let head: Buffer;
  try {
    const handle = await open(filePath, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      throw fail('FILE_NOT_READABLE', `${name} cannot be read: permission denied.`, error);
    throw error;
  }
  if (stats.size === 0) throw fail('EMPTY_FILE', `${name} is empty (0 bytes).`);
  if (stats.size > limits.maxBytes) {
    throw fail(
      'FILE_TOO_LARGE',
      `${name} is ${formatBytes(stats.size)}; the import limit is ${formatBytes(limits.maxBytes)}.`,
    );
  }

  const signature = sniffSignature(head);
  if (signature.family === 'document') {
    throw fail('UNSUPPORTED_FORMAT', `${name} is ${signature.label}, not a video.`);
  }

  let info: MediaInfo;
  try {
    info = await probeMedia(filePath, stats.size, options);
  } catch (error) {
    if (!(error instanceof FfmpegFailedError)) throw error;
    const reason = error.stderrTail.trim().split('\n').slice(-1)[0] ?? 'unreadable';
    // ffmpeg refuses to open a stream whose declared picture is absurdly large; say so as such.
    const declared = /Picture size (\d+)x(\d+) is invalid/.exec(error.stderrTail);
    if (declared) {
      throw fail(
        'DIMENSIONS_OUT_OF_RANGE',
        `${name} declares a ${declared[1]}×${declared[2]} px picture; Kirinuki takes ${limits.minSide} px up to ${limits.maxLongSide}×${limits.maxShortSide}.`,
        error,
      );
    }
    if (signature.family !== 'unknown') {
      throw fail(
        'CORRUPT_MEDIA',
        `${name} looks like ${signature.label} but cannot be read (${reason}).`,
        error,
      );
    }
    throw fail('UNSUPPORTED_FORMAT', `${name} is not a format Kirinuki can read (${reason}).`, error);
  }

  if (!info.video || info.video.still) {
    const what = info.video?.still
      ? `a still image (${info.video.codec})`
      : info.audio
        ? `audio only (${info.audio.codec}, ${info.audio.sampleRate} Hz)`
        : signature.videoContainer
          ? null
          : 'no audio or video streams';
    if (what === null)
      throw fail('CORRUPT_MEDIA', `${name} looks like ${signature.label} but holds no readable streams.`);
    throw fail('NO_VIDEO_STREAM', `${name} has no video: it is ${what}.`);
  }
  if (info.video.codec === 'unknown' || info.video.codec === 'none') {
    throw fail(
      'UNSUPPORTED_FORMAT',
      `${name} uses a video codec this ffmpeg cannot decode (${signature.label}).`,
    );
  }

  const { width, height } = info.video;
  const longSide = Math.max(width, height);
  const shortSide = Math.min(width, height);
  if (shortSide < limits.minSide || longSide > limits.maxLongSide || shortSide > limits.maxShortSide) {
    throw fail(
      'DIMENSIONS_OUT_OF_RANGE',
      `${name} is ${width}×${height} px; Kirinuki takes ${limits.minSide} px up to ${limits.maxLongSide}×${limits.maxShortSide}.`,
    );
  }
  if (!(info.durationSec >= limits.minDurationSec && info.durationSec <= limits.maxDurationSec)) {
    throw fail(
      'DURATION_OUT_OF_RANGE',
      info.durationSec > 0
        ? `${name} is ${info.durationSec < 10 ? `${info.durationSec.toFixed(2)} s` : formatClock(info.durationSec)} long; Kirinuki takes ${limits.minDurationSec} s to ${limits.maxDurationSec / 3600} h.`
        : `${name} has no readable duration.`,
    );
  }

  const times = decodeCheckTimes(info.durationSec);
  const checks = await Promise.all(
    times.map((t, i) =>
      decodeVideoAt(filePath, t, { ...options, toEnd: i === times.length - 1 && times.length > 1 }),
    ),
  );
  const bad = checks.findIndex((c) => c.frames === 0 || c.errors.length > 0);
  if (bad >= 0) {
    const check = checks[bad] as { frames: number; errors: string[] };
    const where =
      bad === times.length - 1 && times.length > 1
        ? `after ${formatClock(times[bad] ?? 0)}`
        : `at ${formatClock(times[bad] ?? 0)}`;
    const reason = check.errors[0]?.replace(/^\[[^\]]+\]\s*/, '') ?? 'no picture decodes';
    throw fail(
      'CORRUPT_MEDIA',
      `${name} is damaged: the video ${where} (of ${formatClock(info.durationSec)}) does not decode (${reason}).`,
    );
  }
  const warnings: string[] = [];
  if (info.audio && !(await decodesAudioTail(filePath, info.durationSec, options))) {
    warnings.push('The audio near the end could not be decoded; the last moments may be silent.');
  }
  if (info.video.vfr)
    warnings.push('The video has a variable frame rate; clips are rendered at a constant rate.');
  return { info, signature, warnings };
}
