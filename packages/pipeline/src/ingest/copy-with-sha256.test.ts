import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAbortError } from '@kirinuki/contracts';
import { byteProgress, copyWithSha256, describeCopyError, sha256OfFile } from './copy-with-sha256.js';

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

  it.each([
    ['in the kernel, beside the hash', true],
    ['streamed through this process, in the same pass as the hash', false],
  ])('copies byte for byte and hashes: %s', async (_how, kernelCopy) => {
    const dest = path.join(dir, `copy-${kernelCopy}.bin`);
    const seen: number[] = [];
    const result = await copyWithSha256(src, dest, { kernelCopy, onProgress: (p) => seen.push(p.bytes) });
    expect(result).toEqual({ sha256: expected, bytes: data.length });
    expect(readFileSync(dest).equals(data)).toBe(true);
    expect(seen.at(-1)).toBe(data.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(await sha256OfFile(src)).toBe(expected);
  });

  it('refuses a file that changes while it is copied, and leaves no copy', async () => {
    const growing = path.join(dir, 'growing.bin');
    writeFileSync(growing, data);
    const dest = path.join(dir, 'growing-copy.bin');
    let appended = false;
    const error = await copyWithSha256(growing, dest, {
      onProgress: () => {
        // As a recorder still writing the file would.
        if (!appended) appendFileSync(growing, randomBytes(1024));
        appended = true;
      },
    }).catch((e: unknown) => e);
    expect(appended).toBe(true);
    expect(error).toMatchObject({ code: 'FILE_CHANGED' });
    expect(existsSync(dest)).toBe(false);
  });

  it('stops a kernel copy under way on abort, and removes what it wrote', async () => {
    const big = path.join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(256 * 1024 * 1024, 7));
    const dest = path.join(dir, 'big-copy.bin');
    const controller = new AbortController();
    const error = await copyWithSha256(big, dest, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(existsSync(dest)).toBe(false);
    rmSync(big);
  });

  it('says the library disk is full (with what to do) for ENOSPC', () => {
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(describeCopyError(full, '/lib/.tmp/x.mp4')).toMatchObject({
      code: 'DISK_FULL',
      message: 'The disk holding /lib/.tmp is full.',
    });
    const other = new Error('EIO');
    expect(describeCopyError(other, '/lib/x')).toBe(other);
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
