import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Results of a vision pass kept beside the library (`<library>/cache/vision`), keyed by the file's
 * path, size and modification time plus the pass name and its version, so an edited file or a
 * changed algorithm is never served stale results.
 */
export function visionCacheKey(filePath: string, pass: string, version: number): string {
  const stat = statSync(filePath);
  return createHash('sha256')
    .update(JSON.stringify([path.resolve(filePath), stat.size, stat.mtimeMs, pass, version]))
    .digest('hex')
    .slice(0, 32);
}

export function readCachedResult<T>(cacheDir: string, key: string): T | null {
  try {
    return JSON.parse(readFileSync(path.join(cacheDir, `${key}.json`), 'utf8')) as T;
  } catch {
    return null;
  }
}

export function writeCachedResult(cacheDir: string, key: string, value: unknown): void {
  mkdirSync(cacheDir, { recursive: true });
  const target = path.join(cacheDir, `${key}.json`);
  // Write then rename, so a crash never leaves half a result that a later run would trust.
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, target);
}

/** Returns the cached result unless `fresh`, else computes and stores it. */
export async function cachedVisionResult<T>(
  options: { cacheDir: string; filePath: string; pass: string; version: number; fresh: boolean },
  compute: () => Promise<T>,
): Promise<{ value: T; cached: boolean }> {
  const key = visionCacheKey(options.filePath, options.pass, options.version);
  if (!options.fresh) {
    const hit = readCachedResult<T>(options.cacheDir, key);
    if (hit !== null) return { value: hit, cached: true };
  }
  const value = await compute();
  writeCachedResult(options.cacheDir, key, value);
  return { value, cached: false };
}
