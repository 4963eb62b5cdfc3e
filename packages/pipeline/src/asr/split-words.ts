import type { WhisperTokenizer } from './whisper-tokenizer.js';

export interface TokenWord {
  word: string;
  tokens: number[];
}

/**
 * Languages written without spaces between words: there, as in Whisper's own word timing, each
 * run of tokens that completes a character (or a few) is a word.
 */
export const SPACELESS_LANGUAGES: ReadonlySet<string> = new Set(['zh', 'ja', 'th', 'lo', 'my', 'yue']);

/**
 * Groups text tokens into words: a token whose text starts with a space begins a new word, or,
 * for a spaceless language, every token that ends on a whole UTF-8 character does (punctuation
 * stays with the word before it, and a katakana or Latin run stays one word).
 */
export function splitWords(
  tokens: readonly number[],
  tokenizer: WhisperTokenizer,
  spaceless = false,
): TokenWord[] {
  if (spaceless) return splitOnCharacters(tokens, tokenizer);
  const words: TokenWord[] = [];
  for (const id of tokens) {
    const bytes = tokenizer.tokenBytes(id);
    const last = words.at(-1);
    if (!last || bytes[0] === 0x20) words.push({ word: '', tokens: [id] });
    else last.tokens.push(id);
  }
  return words
    .map((w) => ({ word: tokenizer.decode(w.tokens).trim(), tokens: w.tokens }))
    .filter((w) => w.word.length > 0);
}

function splitOnCharacters(tokens: readonly number[], tokenizer: WhisperTokenizer): TokenWord[] {
  const words: TokenWord[] = [];
  let pending: number[] = [];
  let bytes: number[] = [];
  for (const id of tokens) {
    pending.push(id);
    bytes.push(...tokenizer.tokenBytes(id));
    if (!endsOnWholeCharacter(bytes)) continue;
    const word = Buffer.from(bytes).toString('utf8').trim();
    const last = words.at(-1);
    if (word && last && (/^[\p{P}\p{S}]+$/u.test(word) || continuesWord(last.word, word))) {
      last.word += word;
      last.tokens.push(...pending);
    } else if (word) words.push({ word, tokens: pending });
    else if (last) last.tokens.push(...pending);
    pending = [];
    bytes = [];
  }
  if (pending.length) {
    const word = Buffer.from(bytes).toString('utf8').trim();
    if (word) words.push({ word, tokens: pending });
  }
  return words;
}

/**
 * Whether `next` goes on the word `last` ends: a run of katakana (a loanword: テ+スト is テスト)
 * or of Latin letters and digits (LLM, 53) is one word, however the tokens cut it.
 */
function continuesWord(last: string, next: string): boolean {
  const [end, start] = [last.at(-1) ?? '', next[0] ?? ''];
  return (KATAKANA.test(end) && KATAKANA.test(start)) || (LATIN.test(end) && LATIN.test(start));
}
const KATAKANA = /[\p{Script=Katakana}ー]/u;
const LATIN = /[A-Za-z0-9]/;

/** Whether UTF-8 bytes end on a character boundary (no sequence cut short at the end). */
function endsOnWholeCharacter(bytes: readonly number[]): boolean {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return back >= need;
  }
  return bytes.length === 0;
}
