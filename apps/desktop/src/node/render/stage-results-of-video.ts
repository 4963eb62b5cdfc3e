import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import type { Library } from '../library/library.js';
import type { VisionResult } from '../stages/segment-stage.js';
import { readStageResult } from '../stages/stage-result-store.js';

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

/** The video's newest transcript (with word timings), or null before it is transcribed. */
export function storedTranscript(library: Library, sha256: string): Transcript | null {
  const file = latestStageResultFile(library, sha256, 'transcribe');
  return file ? readStageResult<Transcript>(file) : null;
}

/** The video's newest vision result (shots, faces, visual features), or null before it is made. */
export function storedVision(library: Library, sha256: string): VisionResult | null {
  const file = latestStageResultFile(library, sha256, 'vision');
  return file ? readStageResult<VisionResult>(file) : null;
}
