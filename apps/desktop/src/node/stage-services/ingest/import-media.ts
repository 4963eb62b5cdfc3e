import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_MEDIA_LIMITS,
  copyWithSha256,
  sha256OfFile,
  validateMediaFile,
  type ByteProgress,
  type MediaLimits,
  type ValidatedMedia,
} from '@kirinuki/pipeline';
import { UserFacingError } from '@kirinuki/contracts';
import { ulid } from '../../ids/ulid.js';
import type { VideoRecord } from '@kirinuki/contracts';
import { looksLikeUrl } from '../../../common/looks-like-url.js';
import type { LibraryFolder } from '../../library/library-folder.js';
import { downloadFromUrl, type UrlDownloadOptions } from './download-from-url.js';

export type ImportStage = 'checking' | 'downloading' | 'copying' | 'hashing' | 'saving';

export interface ImportProgress {
  stage: ImportStage;
  fraction: number | null;
  etaSec: number | null;
  bytes?: number;
  totalBytes?: number | null;
  bytesPerSec?: number;
}

export interface ImportOptions {
  mode: 'copy' | 'link';
  ffmpeg: string;
  ffprobe: string;
  maxBytes: number;
  allowPrivateNetwork: boolean;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  logger?: { debug(obj: object, msg?: string): void; info(obj: object, msg?: string): void } | undefined;
  /** The id a new video gets (the job queue reserves it when the import is queued); a fresh ULID otherwise. */
  videoId?: string | undefined;
  /** Whether the library already holds this content (checked before anything is placed). */
  isKnown: (sha256: string) => boolean;
  /** Test seams for URL imports (address policy, retry timing, yt-dlp binary). */
  download?: Partial<UrlDownloadOptions>;
}

/**
 * What an import found: content the library already has (the host looks up its video), or a new
 * video checked and placed in the library's folder, for the host to record.
 */
export type ImportedMedia =
  | { kind: 'known'; sha256: string; warnings: string[] }
  | { kind: 'new'; record: VideoRecord; warnings: string[] };

const KNOWN_EXTENSIONS = new Set([
  '.mp4',
  '.m4v',
  '.mov',
  '.mkv',
  '.webm',
  '.avi',
  '.ts',
  '.mts',
  '.m2ts',
  '.flv',
  '.ogv',
  '.wmv',
  '.asf',
  '.mpg',
  '.mpeg',
  '.3gp',
  '.y4m',
]);
const EXTENSION_BY_SIGNATURE: Record<string, string> = {
  mp4: '.mp4',
  matroska: '.mkv',
  avi: '.avi',
  mpegts: '.ts',
  mpegps: '.mpg',
  flv: '.flv',
  ogg: '.ogv',
  asf: '.wmv',
  y4m: '.y4m',
};

/** The extension the library copy gets: the user's when it is a known video one, else from the signature. */
export function storedExtension(originalName: string, signatureKind: string): string {
  const ext = path.extname(originalName).toLowerCase();
  if (KNOWN_EXTENSIONS.has(ext)) return ext;
  return EXTENSION_BY_SIGNATURE[signatureKind] ?? '.bin';
}

/** A display title from a file name: no extension, no control characters. */
export function titleFromName(name: string): string {
  const base = name.replace(/\.[a-z0-9]{1,5}$/i, '');
  const clean = [...base]
    .map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.slice(0, 200) || 'Untitled video';
}

function limitsFor(maxBytes: number): MediaLimits {
  return { ...DEFAULT_MEDIA_LIMITS, maxBytes };
}

function recordFrom(
  validated: ValidatedMedia,
  fields: Pick<VideoRecord, 'sha256' | 'title' | 'source' | 'storage' | 'path'> & { mtimeMs: number },
  id: string | undefined,
): VideoRecord {
  const { info } = validated;
  return {
    id: id ?? ulid(),
    ...fields,
    durationSec: info.durationSec,
    width: info.video?.width ?? 0,
    height: info.video?.height ?? 0,
    fps: info.video?.fps ?? 0,
    hasAudio: info.audio !== null,
    sizeBytes: info.sizeBytes,
    createdAt: new Date().toISOString(),
    mediaInfo: info,
  };
}

const reportBytes = (options: ImportOptions, stage: ImportStage) => (p: ByteProgress) =>
  options.onProgress?.({
    stage,
    fraction: p.fraction,
    etaSec: p.etaSec,
    bytes: p.bytes,
    totalBytes: p.totalBytes,
    bytesPerSec: p.bytesPerSec,
  });

/** Moves a checked temp file into its content-addressed folder (an atomic rename on one filesystem). */
function placeInLibrary(library: LibraryFolder, tempFile: string, sha256: string, extension: string): string {
  const dir = library.videoDir(sha256);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, `source${extension}`);
  renameSync(tempFile, target);
  return target;
}

async function importLocalFile(
  library: LibraryFolder,
  input: string,
  options: ImportOptions,
): Promise<ImportedMedia> {
  const filePath = path.resolve(input);
  const name = path.basename(filePath);
  const title = titleFromName(name);

  if (options.mode === 'link') {
    const validated = await checkFile(filePath, options);
    const { mtimeMs } = statSync(filePath);
    const sha256 = await sha256OfFile(filePath, {
      signal: options.signal,
      onProgress: reportBytes(options, 'hashing'),
    });
    if (options.isKnown(sha256)) return { kind: 'known', sha256, warnings: validated.warnings };
    const record = recordFrom(
      validated,
      {
        sha256,
        title,
        source: filePath,
        storage: 'link',
        path: filePath,
        mtimeMs,
      },
      options.videoId,
    );
    return { kind: 'new', record, warnings: validated.warnings };
  }

  // Only a regular file is copied early: opening a FIFO or device would block.
  const isRegularFile = (() => {
    try {
      return statSync(filePath).isFile();
    } catch {
      return false;
    }
  })();
  if (!isRegularFile) await checkFile(filePath, options); // throws the right code

  // The copy (with its hash) runs while the file is checked; a refused file's partial copy is
  // dropped. Both read the same pages, so a large import costs about one read of the file.
  const temp = library.tempPath(storedExtension(name, ''));
  const copyAbort = new AbortController();
  const stopCopy = () => copyAbort.abort();
  options.signal?.addEventListener('abort', stopCopy, { once: true });
  const copying = copyWithSha256(filePath, temp, {
    signal: copyAbort.signal,
    onProgress: reportBytes(options, 'copying'),
  });
  copying.catch(() => undefined);
  try {
    let validated: ValidatedMedia;
    try {
      validated = await checkFile(filePath, options);
    } catch (error) {
      copyAbort.abort();
      await copying.catch(() => undefined);
      throw error;
    }
    const { sha256 } = await copying;
    if (options.isKnown(sha256)) return { kind: 'known', sha256, warnings: validated.warnings };
    const stored = placeInLibrary(library, temp, sha256, storedExtension(name, validated.signature.kind));
    const record = recordFrom(
      validated,
      {
        sha256,
        title,
        source: filePath,
        storage: 'copy',
        path: stored,
        mtimeMs: statSync(stored).mtimeMs,
      },
      options.videoId,
    );
    return { kind: 'new', record, warnings: validated.warnings };
  } finally {
    options.signal?.removeEventListener('abort', stopCopy);
    rmSync(temp, { force: true });
  }
}

function checkFile(filePath: string, options: ImportOptions, displayName?: string): Promise<ValidatedMedia> {
  options.onProgress?.({ stage: 'checking', fraction: null, etaSec: null });
  return validateMediaFile(filePath, {
    ffmpeg: options.ffmpeg,
    ffprobe: options.ffprobe,
    limits: limitsFor(options.maxBytes),
    signal: options.signal,
    logger: options.logger,
    ...(displayName ? { displayName } : {}),
  });
}

async function importUrl(
  library: LibraryFolder,
  url: string,
  options: ImportOptions,
): Promise<ImportedMedia> {
  const workDir = library.tempPath('.download');
  mkdirSync(workDir);
  try {
    const downloaded = await downloadFromUrl(url, workDir, {
      ffmpeg: options.ffmpeg,
      ffprobe: options.ffprobe,
      maxBytes: options.maxBytes,
      allowPrivateNetwork: options.allowPrivateNetwork,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ stage: 'downloading', ...p }),
      logger: options.logger,
      ...options.download,
    });
    const validated = await checkFile(downloaded.file, options, url);
    const sha256 =
      downloaded.sha256 ??
      (await sha256OfFile(downloaded.file, {
        signal: options.signal,
        onProgress: reportBytes(options, 'hashing'),
      }));
    const warnings =
      options.mode === 'link'
        ? ['A URL is always copied into the library; --link applies to local files.', ...validated.warnings]
        : validated.warnings;
    if (options.isKnown(sha256)) return { kind: 'known', sha256, warnings };
    const stored = placeInLibrary(
      library,
      downloaded.file,
      sha256,
      storedExtension(downloaded.name, validated.signature.kind),
    );
    const record = recordFrom(
      validated,
      {
        sha256,
        title: downloaded.title ?? titleFromName(downloaded.name),
        source: url,
        storage: 'copy',
        path: stored,
        mtimeMs: statSync(stored).mtimeMs,
      },
      options.videoId,
    );
    return { kind: 'new', record, warnings };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Imports a file or URL: checks it and copies (or links) it into the library's folder under its
 * sha256; the host records it (a VideoImported event). Content the library has is not placed again. Nothing partial is left
 * behind: temp files live in `<library>/.tmp` and are removed whatever happens.
 */
export async function importMedia(
  library: LibraryFolder,
  input: string,
  options: ImportOptions,
): Promise<ImportedMedia> {
  if (!input.trim()) throw new UserFacingError('INVALID_ARGUMENT', 'No file or URL was given.');
  if (looksLikeUrl(input)) return importUrl(library, input, options);
  if (!existsSync(input) && /^[a-z]+:\/\//i.test(input))
    throw new UserFacingError('INVALID_ARGUMENT', `${input} is not a valid URL.`);
  return importLocalFile(library, input, options);
}
