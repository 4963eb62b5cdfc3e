import type { CaptionWord } from './caption-types.js';
import { hasCjk } from './text-width.js';

const bare = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}%$€¥£.]/gu, '')
    .replace(/\.$/, '');

/**
 * Marks words to emphasise: the given keywords (whole words for Latin, contained text for
 * Japanese), numbers and amounts, and words shouted in capitals.
 */
export function markEmphasis(words: readonly CaptionWord[], keywords: readonly string[] = []): CaptionWord[] {
  const latin = new Set(keywords.filter((k) => !hasCjk(k)).map(bare));
  const japanese = keywords.filter((k) => hasCjk(k));
  return words.map((w) => {
    const text = bare(w.text);
    const emphasis =
      latin.has(text) ||
      japanese.some((k) => w.text.includes(k)) ||
      /\d/.test(text) ||
      (/^[A-Z]{2,}[!?.,]*$/.test(w.text) && w.text !== 'I');
    return emphasis === w.emphasis ? w : { ...w, emphasis };
  });
}
