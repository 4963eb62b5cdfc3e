import type { BpeDecoderTables } from './whisper-model-surgery.js';

/** The vocabulary file written next to the prepared model (from the removed BpeDecoder node). */
export interface WhisperVocabFile {
  /** Byte-level BPE token strings, index = token id. */
  tokens: string[];
  /** Special tokens by id (`<|endoftext|>`, `<|0.00|>`…). */
  added: Array<[number, string]>;
  /** GPT-2 byte-to-unicode table reversed: [code point, byte]. */
  byteDecoder: Array<[number, number]>;
}

export function vocabFileFromTables(tables: BpeDecoderTables): WhisperVocabFile {
  const pairs = (text: string) =>
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]);
  return {
    tokens: tables.idVocab.split('\n'),
    added: pairs(tables.addedTokens).map(([id, text]) => [Number(id), text]),
    byteDecoder: pairs(tables.byteDecoder).map(([cp, byte]) => [Number(cp), Number(byte)]),
  };
}

/** Special token ids of an English-only Whisper vocabulary, read from the vocabulary itself. */
export interface WhisperSpecialTokens {
  endOfText: number;
  startOfTranscript: number;
  noTimestamps: number;
  noSpeech: number;
  /** `<|0.00|>`; every id from here up is a timestamp, 0.02 s apart. */
  timestampBegin: number;
}

export const TIMESTAMP_STEP_SEC = 0.02;

export interface WhisperTokenizer {
  vocabSize: number;
  special: WhisperSpecialTokens;
  isTimestamp(id: number): boolean;
  /** Seconds of a timestamp token. */
  timestampSec(id: number): number;
  isSpecial(id: number): boolean;
  /** The UTF-8 bytes a text token stands for (empty for special tokens). */
  tokenBytes(id: number): Uint8Array;
  /** Text of text tokens; special tokens are skipped. */
  decode(ids: readonly number[]): string;
}

export function createWhisperTokenizer(vocab: WhisperVocabFile): WhisperTokenizer {
  const added = new Map(vocab.added);
  const byId = (text: string) => {
    const id = vocab.added.find(([, t]) => t === text)?.[0];
    if (id === undefined) throw new Error(`vocabulary has no ${text}`);
    return id;
  };
  const special: WhisperSpecialTokens = {
    endOfText: byId('<|endoftext|>'),
    startOfTranscript: byId('<|startoftranscript|>'),
    noTimestamps: byId('<|notimestamps|>'),
    noSpeech: byId('<|nocaptions|>'),
    timestampBegin: byId('<|0.00|>'),
  };
  const byteOf = new Map(vocab.byteDecoder);
  const vocabSize = Math.max(vocab.tokens.length, ...vocab.added.map(([id]) => id + 1));
  const cache = new Map<number, Uint8Array>();
  const tokenBytes = (id: number): Uint8Array => {
    if (added.has(id) || id < 0 || id >= vocab.tokens.length) return new Uint8Array(0);
    let bytes = cache.get(id);
    if (!bytes) {
      const text = vocab.tokens[id] ?? '';
      bytes = Uint8Array.from([...text].map((ch) => byteOf.get(ch.codePointAt(0) ?? 0) ?? 0x3f));
      cache.set(id, bytes);
    }
    return bytes;
  };
  return {
    vocabSize,
    special,
    isTimestamp: (id) => id >= special.timestampBegin,
    timestampSec: (id) => Math.round((id - special.timestampBegin) * TIMESTAMP_STEP_SEC * 100) / 100,
    isSpecial: (id) => added.has(id),
    tokenBytes,
    decode: (ids) => Buffer.concat(ids.map(tokenBytes)).toString('utf8'),
  };
}
