import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { UserFacingError } from '@kirinuki/contracts';
import type { Library } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';

/** A file name safe to create: no folders, no control characters, not empty. */
export function safeUploadName(header: string | string[] | undefined): string {
  let raw = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  try {
    raw = decodeURIComponent(raw);
  } catch {
    /* keep it as sent */
  }
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 32 && ch !== '\u007f')
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return clean.slice(0, 200) || 'upload.bin';
}

/**
 * Streams a browser upload (raw body, file name in `x-file-name`) into the library's temp folder,
 * within the import size limit; the import that follows removes it.
 */
export async function receiveUpload(
  req: IncomingMessage,
  library: Library,
): Promise<{ path: string; bytes: number }> {
  const { maxImportBytes } = await readSettings(library.db);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxImportBytes) {
    req.resume();
    throw new UserFacingError(
      'FILE_TOO_LARGE',
      `The upload is ${declared} bytes; the import limit is ${maxImportBytes} bytes.`,
    );
  }
  const dir = library.tempPath('.upload');
  mkdirSync(dir);
  const target = path.join(dir, safeUploadName(req.headers['x-file-name']));
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxImportBytes)
        done(
          new UserFacingError(
            'FILE_TOO_LARGE',
            `The upload is larger than the import limit of ${maxImportBytes} bytes.`,
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, limit, createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: target, bytes };
}
