import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256OfFile } from '../ingest/copy-with-sha256.js';

/** In each models folder: the files it has hashed, with the stat they had when they hashed right. */
export const VERIFIED_RECORD = '.verified.json';

interface VerifiedStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha256: string;
}

type Hash = (file: string, signal?: AbortSignal) => Promise<string>;
const sha256 = (file: string, signal?: AbortSignal) => sha256OfFile(file, { signal });

function readRecord(dir: string): Record<string, VerifiedStat> {
  try {
    return JSON.parse(readFileSync(path.join(dir, VERIFIED_RECORD), 'utf8')) as Record<string, VerifiedStat>;
  } catch {
    return {};
  }
}

/**
 * Whether `full` is the file with this sha256 and size. The full hash runs once per version of
 * the file: afterwards a file whose size, mtime, ctime and inode are unchanged since it hashed
 * right is trusted (as git's index trusts a stat), so starting a transcription does not re-read
 * 75 MB of model. Any write, rename or replacement changes the stat and hashes again;
 * `kirinuki models verify` always hashes.
 */
export async function modelFileMatches(
  full: string,
  expected: { sha256: string; size: number },
  options: { signal?: AbortSignal | undefined; hash?: Hash } = {},
): Promise<boolean> {
  if (!existsSync(full)) return false;
  const stat = statSync(full);
  if (stat.size !== expected.size) return false;
  const now = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
  const dir = path.dirname(full);
  const name = path.basename(full);
  const known = readRecord(dir)[name];
  if (
    known?.sha256 === expected.sha256 &&
    known.size === now.size &&
    known.mtimeMs === now.mtimeMs &&
    known.ctimeMs === now.ctimeMs &&
    known.ino === now.ino
  )
    return true;
  if ((await (options.hash ?? sha256)(full, options.signal)) !== expected.sha256) return false;
  try {
    const record = { ...readRecord(dir), [name]: { ...now, sha256: expected.sha256 } };
    const temp = path.join(dir, `${VERIFIED_RECORD}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(record));
    renameSync(temp, path.join(dir, VERIFIED_RECORD));
  } catch {
    // A read-only models folder only costs the shortcut: the next start hashes again.
  }
  return true;
}
