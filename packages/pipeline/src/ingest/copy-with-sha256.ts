import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { abortError, throwIfAborted, UserFacingError } from '@kirinuki/contracts';

export interface ByteProgress {
  bytes: number;
  totalBytes: number | null;
  fraction: number | null;
  bytesPerSec: number;
  etaSec: number | null;
}

/** Progress from a byte count and a start time: the one formula every byte-moving step uses. */
export function byteProgress(
  bytes: number,
  totalBytes: number | null,
  startedAtMs: number,
  nowMs = Date.now(),
): ByteProgress {
  const elapsed = Math.max(0.001, (nowMs - startedAtMs) / 1000);
  const bytesPerSec = bytes / elapsed;
  const fraction = totalBytes ? Math.min(1, bytes / totalBytes) : null;
  const etaSec = totalBytes && bytesPerSec > 0 ? Math.max(0, (totalBytes - bytes) / bytesPerSec) : null;
  return { bytes, totalBytes, fraction, bytesPerSec, etaSec };
}

const CHUNK = 4 << 20;
/** Writes of the streamed copy in flight at once, so reading, hashing and writing overlap. */
const WRITES_IN_FLIGHT = 4;

type StreamOptions = {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ByteProgress) => void) | undefined;
  /** Bytes already in the destination by other means (the kernel copy), for progress. */
  copiedBytes?: (() => Promise<number>) | undefined;
};

/** Streams a file through sha256 (and, with `dest`, into a new file) in one read pass. */
async function streamFile(
  src: string,
  dest: string | null,
  options: StreamOptions,
): Promise<{ sha256: string; bytes: number }> {
  throwIfAborted(options.signal);
  const total = (await stat(src)).size;
  const hash = createHash('sha256');
  const out = dest ? await open(dest, 'wx') : null;
  const started = Date.now();
  const inFlight = new Set<Promise<unknown>>();
  let bytes = 0;
  let lastReport = 0;
  const report = async (now: number) => {
    const copied = options.copiedBytes ? await options.copiedBytes() : bytes;
    options.onProgress?.(byteProgress(Math.min(bytes, copied), total, started, now));
  };
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: CHUNK, signal: options.signal })) {
      const buffer = chunk as Buffer;
      if (out) {
        // Positional writes run on the thread pool while this thread hashes and reads on.
        const write: Promise<unknown> = out
          .write(buffer, 0, buffer.length, bytes)
          .finally(() => inFlight.delete(write));
        inFlight.add(write);
      }
      hash.update(buffer);
      bytes += buffer.length;
      if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
      const now = Date.now();
      if (options.onProgress && now - lastReport > 200) {
        lastReport = now;
        await report(now);
      }
    }
    await Promise.all(inFlight);
    if (out) await out.datasync();
  } finally {
    await Promise.allSettled(inFlight);
    await out?.close();
  }
  throwIfAborted(options.signal);
  if (options.onProgress) await report(Date.now());
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * The copy as the OS does it best (a reflink where the filesystem can, else copy_file_range /
 * CopyFileW inside the kernel: the bytes never pass through JavaScript), then fdatasync. It runs
 * in a child process so a cancel can stop it at once, which a thread-pool copy cannot.
 */
const KERNEL_COPY = `
const fs = require('fs');
const [src, dest] = process.argv.slice(-2);
try {
  fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE);
  const fd = fs.openSync(dest, 'r+');
  fs.fdatasyncSync(fd);
  fs.closeSync(fd);
} catch (e) {
  process.stderr.write(JSON.stringify({ kirinukiCopyError: { code: e.code, message: e.message } }));
  process.exit(1);
}`;

type KernelCopyResult = { ok: true } | { ok: false; error: Error } | { ok: 'unavailable' };

function kernelCopy(src: string, dest: string, signal: AbortSignal | undefined): Promise<KernelCopyResult> {
  return new Promise((resolve) => {
    // In Electron's utility process execPath is Electron itself, which runs as Node with this.
    const child = spawn(process.execPath, ['-e', KERNEL_COPY, '--', src, dest], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      windowsHide: true,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text.slice(0, 4096)));
    const stop = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', stop, { once: true });
    child.once('error', () => resolve({ ok: 'unavailable' }));
    child.once('close', (code) => {
      signal?.removeEventListener('abort', stop);
      if (code === 0) return resolve({ ok: true });
      const match = /\{"kirinukiCopyError":.*\}/.exec(stderr);
      if (!match)
        return resolve(
          signal?.aborted
            ? { ok: false, error: abortError('The copy was cancelled') }
            : { ok: 'unavailable' },
        );
      const { code: errno, message } = (
        JSON.parse(match[0]) as { kirinukiCopyError: { code?: string; message: string } }
      ).kirinukiCopyError;
      resolve({ ok: false, error: Object.assign(new Error(message), errno ? { code: errno } : {}) });
    });
  });
}

/**
 * Copies `src` to a new file `dest` (which must not exist), fsynced, and hashes it. The kernel
 * copy (above) and the hash read run side by side; the source's size and modification time are
 * compared before and after, so a file that changed meanwhile is refused rather than stored
 * under a hash that is not its own. Where a child process cannot run, the copy is streamed
 * through this process in the same pass as the hash.
 */
export async function copyWithSha256(
  src: string,
  dest: string,
  options: {
    signal?: AbortSignal | undefined;
    onProgress?: ((p: ByteProgress) => void) | undefined;
    /** False streams the copy through this process (what happens where no child can run). */
    kernelCopy?: boolean;
  } = {},
): Promise<{ sha256: string; bytes: number }> {
  throwIfAborted(options.signal);
  if (options.kernelCopy === false) return streamFile(src, dest, options);
  const started = Date.now();
  const before = await stat(src);
  // Take the name first, as the streamed copy does, so an existing file is never replaced.
  await (await open(dest, 'wx')).close();
  await rm(dest);
  const stopHash = new AbortController();
  const stopCopy = () => stopHash.abort();
  options.signal?.addEventListener('abort', stopCopy, { once: true });
  let copying: Promise<KernelCopyResult> | null = null;
  try {
    copying = kernelCopy(src, dest, stopHash.signal);
    const copiedBytes = () =>
      stat(dest).then(
        (s) => s.size,
        () => 0,
      );
    const hashing = streamFile(src, null, {
      signal: stopHash.signal,
      onProgress: options.onProgress,
      copiedBytes,
    });
    hashing.catch(() => undefined);
    const copied = await copying;
    if (copied.ok === 'unavailable') {
      stopHash.abort();
      await hashing.catch(() => undefined);
      await rm(dest, { force: true });
      if (options.signal?.aborted) throw abortError('The copy was cancelled');
      return await streamFile(src, dest, options);
    }
    if (!copied.ok) {
      stopHash.abort();
      await hashing.catch(() => undefined);
      throw options.signal?.aborted
        ? abortError('The copy was cancelled')
        : describeCopyError(copied.error, dest);
    }
    const hashed = await hashing;
    const after = await stat(src);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || hashed.bytes !== before.size) {
      throw new UserFacingError('FILE_CHANGED', `${path.basename(src)} changed while it was being imported.`);
    }
    options.onProgress?.(byteProgress(hashed.bytes, before.size, started));
    return hashed;
  } catch (error) {
    await rm(dest, { force: true });
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stopCopy);
  }
}

export function describeCopyError(error: Error, dest: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new UserFacingError('DISK_FULL', `The disk holding ${path.dirname(dest)} is full.`);
  return error;
}

export function sha256OfFile(
  src: string,
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: ByteProgress) => void) | undefined } = {},
) {
  return streamFile(src, null, options).then((r) => r.sha256);
}
