import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library/library.js';

/** A stable short hash of a settings object (key order does not matter). */
export function settingsHash(settings: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(settings)))
    .digest('hex')
    .slice(0, 16);
}

export interface StageKey {
  /** Content hash of the media the stage read. */
  sha256: string;
  stage: string;
  settings: unknown;
}

/**
 * Where a stage's result lives: beside the video in the library (so removing the video removes it),
 * or in the cache for files that were never imported (`kirinuki transcribe file.wav`).
 */
export function stageResultPath(library: Library, key: StageKey, inLibrary: boolean): string {
  const base = inLibrary ? library.videoDir(key.sha256) : path.join(library.dir, 'cache', key.sha256);
  return path.join(base, 'stages', `${key.stage}-${settingsHash(key.settings)}.json`);
}

export function readStageResult<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

/** Writes atomically (temp file + rename), so a kill never leaves half a result. */
export function writeStageResult(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(value));
  renameSync(temp, file);
}
