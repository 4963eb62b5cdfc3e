import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAbortError } from '../errors/user-facing-error.js';
import { byteProgress, copyWithSha256, sha256OfFile } from './copy-with-sha256.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('byteProgress', () => {
  it.each([
    [50, 100, 1000, 2000, { fraction: 0.5, bytesPerSec: 50, etaSec: 1 }],
    [0, 100, 1000, 1000, { fraction: 0, etaSec: null }],
    [100, null, 0, 1000, { fraction: null, bytesPerSec: 100, etaSec: null }],
    [150, 100, 0, 1000, { fraction: 1, etaSec: 0 }],
  ])('%i of %j', (bytes, total, start, now, expected) => {
    expect(byteProgress(bytes, total, start, now)).toMatchObject(expected);
  });
});

describe('copyWithSha256', () => {
  const src = path.join(dir, 'src.bin');
  const data = randomBytes(9 * 1024 * 1024 + 123);
  writeFileSync(src, data);
  const expected = createHash('sha256').update(data).digest('hex');

  it('copies byte for byte and hashes in the same pass', async () => {
    const dest = path.join(dir, 'copy.bin');
    const seen: number[] = [];
    const result = await copyWithSha256(src, dest, { onProgress: (p) => seen.push(p.bytes) });
    expect(result).toEqual({ sha256: expected, bytes: data.length });
    expect(readFileSync(dest).equals(data)).toBe(true);
    expect(seen.at(-1)).toBe(data.length);
    expect(await sha256OfFile(src)).toBe(expected);
  });

  it('refuses to overwrite an existing file', async () => {
    writeFileSync(path.join(dir, 'exists.bin'), 'x');
    await expect(copyWithSha256(src, path.join(dir, 'exists.bin'))).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('stops on abort', async () => {
    const error = await copyWithSha256(src, path.join(dir, 'aborted.bin'), {
      signal: AbortSignal.abort(),
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(existsSync(path.join(dir, 'aborted.bin'))).toBe(false);
  });
});
