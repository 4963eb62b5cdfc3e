import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library/library.js';

/** The newest stored result of a stage for a video (any settings), or null. */
export function latestStageResultFile(library: Library, sha256: string, stage: string): string | null {
  const dir = path.join(library.videoDir(sha256), 'stages');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const files = names
    .filter((n) => n.startsWith(`${stage}-`) && n.endsWith('.json'))
    .map((n) => path.join(dir, n));
  files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return files[0] ?? null;
}
