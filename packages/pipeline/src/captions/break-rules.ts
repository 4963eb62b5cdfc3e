import type { CaptionWord } from './caption-types.js';
import { hasCjk } from './text-width.js';

// Characters a Japanese line must not start with, or end with (kinsoku shori).
const NO_LINE_START =
  /^[、。，．・：；？！ー～‐ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ」』）】〕〉》｝]/u;
const NO_LINE_END = /[「『（【〔〈《｛]$/u;
const SENTENCE_END = /[.!?…。！？]["'”’」』)）]*$/u;
const CLAUSE_END = /[,;:、，；：—–]["'”’」』)）]*$/u;
const JA_PARTICLE_END = /(?:は|が|を|に|で|と|も|へ|から|まで|より|けど|ので|ね|よ|て)$/u;
const EN_NO_BREAK_AFTER = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'in',
  'on',
  'at',
  'for',
  'with',
  'by',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  'this',
  'that',
  'these',
  'those',
  'very',
  'so',
  'not',
  "don't",
  'i',
]);
const EN_BREAK_BEFORE = new Set([
  'and',
  'but',
  'or',
  'so',
  'because',
  'which',
  'who',
  'when',
  'where',
  'while',
  'if',
  'then',
  'that',
  'to',
  'with',
  'for',
  'about',
  'like',
]);

const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');

/**
 * Cost of breaking (a line or a cue) between `left` and `right`: 0 at a sentence end, low at a
 * clause or a pause, high inside a phrase; Infinity where Japanese typography forbids it.
 */
export function breakCost(left: CaptionWord, right: CaptionWord | undefined): number {
  if (!right) return 0;
  if (NO_LINE_START.test(right.text) || NO_LINE_END.test(left.text)) return Infinity;
  const pause = right.start - left.end;
  if (SENTENCE_END.test(left.text)) return 0;
  const pauseBonus = pause >= 0.5 ? 2 : pause >= 0.25 ? 1 : 0;
  if (CLAUSE_END.test(left.text)) return Math.max(0, 1 - pauseBonus);
  if (hasCjk(left.text) || hasCjk(right.text)) {
    return Math.max(0.5, (JA_PARTICLE_END.test(left.text) ? 2.5 : 5) - pauseBonus);
  }
  if (EN_NO_BREAK_AFTER.has(bare(left.text))) return Math.max(3, 8 - pauseBonus);
  if (EN_BREAK_BEFORE.has(bare(right.text))) return Math.max(0.5, 2.5 - pauseBonus);
  return Math.max(0.5, 4 - pauseBonus);
}
