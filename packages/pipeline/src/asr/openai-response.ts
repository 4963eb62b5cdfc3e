import type { TranscriptSegment } from './transcript.js';

/** The parts of OpenAI's `verbose_json` transcription response that Kirinuki reads. */
export interface OpenAiVerboseResponse {
  text: string;
  duration?: number;
  language?: string;
  segments?: Array<{ start: number; end: number; text: string; avg_logprob?: number }>;
  words?: Array<{ start: number; end: number; word: string }>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Segments with words from one response, shifted by `offsetSec` (the chunk's place in the file).
 * Words go to the segment they start in; a word's probability is its segment's mean token
 * probability (the API gives none per word). A response without segments (gpt-4o models answer
 * `json` only) becomes one untimed segment spanning the chunk.
 */
export function segmentsFromOpenAi(
  response: OpenAiVerboseResponse,
  offsetSec: number,
  chunkSec: number,
): TranscriptSegment[] {
  const words = [...(response.words ?? [])].sort((a, b) => a.start - b.start);
  const segments = response.segments?.length
    ? response.segments
    : response.text.trim()
      ? [{ start: 0, end: response.duration ?? chunkSec, text: response.text }]
      : [];
  const out: TranscriptSegment[] = [];
  let w = 0;
  for (const [i, seg] of segments.entries()) {
    const isLast = i === segments.length - 1;
    const probability = seg.avg_logprob === undefined ? 1 : round2(Math.min(1, Math.exp(seg.avg_logprob)));
    const start = round2(offsetSec + seg.start);
    const end = Math.max(start, round2(offsetSec + seg.end));
    const mine: TranscriptSegment['words'] = [];
    while (w < words.length && (isLast || words[w]!.start < seg.end)) {
      const word = words[w++]!;
      const ws = Math.min(end, Math.max(start, round2(offsetSec + word.start)));
      const previousEnd = mine.at(-1)?.end ?? start;
      const s = Math.max(ws, previousEnd);
      mine.push({
        start: s,
        end: Math.min(end, Math.max(s, round2(offsetSec + word.end))),
        word: word.word.trim(),
        probability,
      });
    }
    const text = seg.text.trim();
    if (text) out.push({ start, end, text, words: mine });
  }
  return out;
}
