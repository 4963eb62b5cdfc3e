import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { throwIfAborted } from '../errors/user-facing-error.js';

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

/** Streams a file through sha256 (and, with `dest`, into a new file) in one read pass. */
async function streamFile(
  src: string,
  dest: string | null,
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: ByteProgress) => void) | undefined },
): Promise<{ sha256: string; bytes: number }> {
  throwIfAborted(options.signal);
  const total = (await stat(src)).size;
  const hash = createHash('sha256');
  const out = dest ? await open(dest, 'wx') : null;
  const started = Date.now();
  let bytes = 0;
  let lastReport = 0;
  try {
    for await (const chunk of createReadStream(src, { highWaterMark: CHUNK, signal: options.signal })) {
      const buffer = chunk as Buffer;
      // The write runs on the thread pool while this thread hashes the same chunk.
      const written = out?.write(buffer);
      hash.update(buffer);
      await written;
      bytes += buffer.length;
      const now = Date.now();
      if (options.onProgress && now - lastReport > 200) {
        lastReport = now;
        options.onProgress(byteProgress(bytes, total, started, now));
      }
    }
    if (out) await out.datasync();
  } finally {
    await out?.close();
  }
  throwIfAborted(options.signal);
  options.onProgress?.(byteProgress(bytes, total, started));
  return { sha256: hash.digest('hex'), bytes };
}

/** Copies `src` to a new file `dest` (which must not exist) and hashes it in the same pass; fsyncs. */
export function copyWithSha256(
  src: string,
  dest: string,
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: ByteProgress) => void) | undefined } = {},
) {
  return streamFile(src, dest, options);
}

export function sha256OfFile(
  src: string,
  options: { signal?: AbortSignal | undefined; onProgress?: ((p: ByteProgress) => void) | undefined } = {},
) {
  return streamFile(src, null, options).then((r) => r.sha256);
}
