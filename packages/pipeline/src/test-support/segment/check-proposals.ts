import type { DurationRange } from '@kirinuki/contracts';
import type { InputTranscript } from '../../segment/clip-inputs.js';
import type { ProposedClip } from '../../segment/propose-clips.js';
import { overlapShare } from '../../segment/select-clips.js';
import { flattenWords } from '../../segment/sentences.js';

/**
 * What must hold for every proposal: edges never inside a word, duration within range, reasons
 * present, ranked by score, no two clips sharing more than half of the shorter one.
 * Returns one line per violation (empty when all hold).
 */
export function checkProposals(
  transcript: InputTranscript,
  clips: readonly ProposedClip[],
  range: DurationRange,
): string[] {
  const words = flattenWords(transcript);
  const problems: string[] = [];
  const inside = (t: number) => words.find((w) => t > w.start + 1e-6 && t < w.end - 1e-6);
  clips.forEach((clip, i) => {
    const label = `clip ${clip.rank} (${clip.start}–${clip.end})`;
    const startWord = inside(clip.start);
    const endWord = inside(clip.end);
    if (startWord) problems.push(`${label} starts inside "${startWord.word}"`);
    if (endWord) problems.push(`${label} ends inside "${endWord.word}"`);
    if (clip.duration < range.minSec - 1e-3 || clip.duration > range.maxSec + 1e-3) {
      problems.push(`${label} lasts ${clip.duration} s, outside ${range.minSec}–${range.maxSec} s`);
    }
    if (Math.abs(clip.end - clip.start - clip.duration) > 2e-3)
      problems.push(`${label} duration does not match its edges`);
    if (!clip.reasons.length || clip.reasons.some((r) => !r.trim())) problems.push(`${label} has no reasons`);
    if (clip.rank !== i + 1) problems.push(`${label} has rank ${clip.rank} at position ${i + 1}`);
    if (i > 0 && clip.score > clips[i - 1]!.score)
      problems.push(`${label} outscores the clip ranked above it`);
    if (clip.score < 0 || clip.score > 100) problems.push(`${label} score ${clip.score} is outside 0–100`);
    for (const other of clips.slice(0, i)) {
      if (overlapShare(clip, other) > 0.5)
        problems.push(`${label} overlaps clip ${other.rank} by more than half`);
    }
  });
  return problems;
}
