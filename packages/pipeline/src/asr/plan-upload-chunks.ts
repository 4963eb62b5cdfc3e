import type { Silence } from '../audio/find-silences.js';

export interface UploadChunk {
  start: number;
  end: number;
}

/**
 * Cuts audio longer than one upload into chunks of at most `maxChunkSec`, each ending in the
 * middle of a pause where one falls in the chunk's second half (the latest such), so no word is
 * cut in two; a chunk with no pause there ends at the limit.
 */
export function planUploadChunks(
  durationSec: number,
  maxChunkSec: number,
  silences: readonly Silence[],
): UploadChunk[] {
  const chunks: UploadChunk[] = [];
  let start = 0;
  while (durationSec - start > maxChunkSec) {
    const limit = start + maxChunkSec;
    const pauses = silences
      .map((s) => (s.start + s.end) / 2)
      .filter((middle) => middle > start + maxChunkSec / 2 && middle <= limit);
    const end = pauses.length ? Math.max(...pauses) : limit;
    chunks.push({ start, end });
    start = end;
  }
  chunks.push({ start, end: durationSec });
  return chunks;
}
