import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256OfFile } from '../ingest/copy-with-sha256.js';
import { modelFileMatches, VERIFIED_RECORD } from './verified-model-file.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-verified-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('modelFileMatches', () => {
  it('hashes a file once, then trusts its unchanged stat, and hashes again after any change', async () => {
    const file = path.join(dir, 'model.onnx');
    writeFileSync(file, 'weights-v1');
    const expected = { sha256: await sha256OfFile(file), size: 10 };
    let hashes = 0;
    const hash = (f: string) => {
      hashes += 1;
      return sha256OfFile(f);
    };
    expect(await modelFileMatches(file, expected, { hash })).toBe(true);
    expect(await modelFileMatches(file, expected, { hash })).toBe(true);
    expect(hashes).toBe(1);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, VERIFIED_RECORD), 'utf8')))).toEqual([
      'model.onnx',
    ]);

    writeFileSync(file, 'weights-v2'); // same size, other bytes
    expect(await modelFileMatches(file, expected, { hash })).toBe(false);
    expect(hashes).toBe(2);

    const replacement = path.join(dir, 'other');
    writeFileSync(replacement, 'weights-v1');
    renameSync(replacement, file); // the right bytes again, as a new file
    expect(await modelFileMatches(file, expected, { hash })).toBe(true);
    expect(hashes).toBe(3);

    // A record for another sha256 (the manifest moved on) is not trusted.
    expect(await modelFileMatches(file, { sha256: '0'.repeat(64), size: 10 }, { hash })).toBe(false);
    expect(hashes).toBe(4);
  });

  it('refuses a missing file or a wrong size without hashing, and survives a broken record', async () => {
    const file = path.join(dir, 'vad.onnx');
    let hashes = 0;
    const hash = async () => {
      hashes += 1;
      return 'x';
    };
    expect(await modelFileMatches(file, { sha256: 'x', size: 3 }, { hash })).toBe(false);
    writeFileSync(file, 'four');
    expect(await modelFileMatches(file, { sha256: 'x', size: 3 }, { hash })).toBe(false);
    expect(hashes).toBe(0);
    writeFileSync(path.join(dir, VERIFIED_RECORD), '{broken');
    expect(await modelFileMatches(file, { sha256: 'x', size: 4 }, { hash })).toBe(true);
    expect(hashes).toBe(1);
  });
});
