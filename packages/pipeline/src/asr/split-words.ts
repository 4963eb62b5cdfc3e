import type { WhisperTokenizer } from './whisper-tokenizer.js';

export interface TokenWord {
  word: string;
  tokens: number[];
}

/** Groups text tokens into words: a token whose text starts with a space begins a new word. */
export function splitWords(tokens: readonly number[], tokenizer: WhisperTokenizer): TokenWord[] {
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
