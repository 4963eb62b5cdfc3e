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

/** Special token ids of a Whisper vocabulary, read from the vocabulary itself. */
export interface WhisperSpecialTokens {
  endOfText: number;
  startOfTranscript: number;
  noTimestamps: number;
  /** `<|nocaptions|>` in older vocabularies, `<|nospeech|>` in newer ones. */
  noSpeech: number;
  /** `<|0.00|>`; every id from here up is a timestamp, 0.02 s apart. */
  timestampBegin: number;
  /** Multilingual vocabularies only. */
  transcribe: number | null;
  translate: number | null;
  /** Language code → its token (`ja` → `<|ja|>`); empty for an English-only vocabulary. */
  languages: ReadonlyMap<string, number>;
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
  const ids = new Map(vocab.added.map(([id, text]) => [text, id]));
  const byId = (...texts: string[]) => {
    for (const text of texts) {
      const id = ids.get(text);
      if (id !== undefined) return id;
    }
    throw new Error(`vocabulary has no ${texts.join(' or ')}`);
  };
  const startOfTranscript = byId('<|startoftranscript|>');
  const noTimestamps = byId('<|notimestamps|>');
  const translate = ids.get('<|translate|>') ?? null;
  // Language tokens sit between <|startoftranscript|> and <|translate|> (99 or 100 of them).
  const languages = new Map<string, number>();
  if (translate !== null)
    for (const [id, text] of vocab.added) {
      const code = /^<\|([a-z]{2,3})\|>$/.exec(text)?.[1];
      if (code && id > startOfTranscript && id < translate) languages.set(code, id);
    }
  const special: WhisperSpecialTokens = {
    endOfText: byId('<|endoftext|>'),
    startOfTranscript,
    noTimestamps,
    noSpeech: byId('<|nocaptions|>', '<|nospeech|>'),
    // Some tokenizer files list no timestamp tokens: they follow <|notimestamps|> all the same.
    timestampBegin: ids.get('<|0.00|>') ?? noTimestamps + 1,
    transcribe: ids.get('<|transcribe|>') ?? null,
    translate,
    languages,
  };
  const byteOf = new Map(vocab.byteDecoder);
  const vocabSize = Math.max(
    vocab.tokens.length,
    special.timestampBegin + 1501,
    ...vocab.added.map(([id]) => id + 1),
  );
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

/** GPT-2's byte-level alphabet: each byte as the printable code point BPE tokens spell it with. */
export function gpt2ByteDecoder(): Array<[number, number]> {
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const pairs: Array<[number, number]> = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) pairs.push([printable(b) ? b : 256 + extra++, b]);
  return pairs;
}

/**
 * The vocabulary of a Hugging Face `tokenizer.json` (the multilingual Whisper exports): its BPE
 * vocabulary by id and its added tokens. Only decoding is needed, so merges are not read.
 */
export function vocabFileFromHfTokenizer(json: unknown): WhisperVocabFile {
  const file = json as {
    model?: { vocab?: Record<string, number> };
    added_tokens?: Array<{ id: number; content: string }>;
  };
  const vocab = file.model?.vocab;
  if (!vocab || typeof vocab !== 'object' || !Array.isArray(file.added_tokens))
    throw new Error('not a tokenizer.json: no model.vocab or added_tokens');
  const added = new Map<number, string>();
  for (const t of file.added_tokens)
    if (Number.isInteger(t.id) && typeof t.content === 'string') added.set(t.id, t.content);
  const tokens: string[] = [];
  for (const [text, id] of Object.entries(vocab)) {
    if (!Number.isInteger(id) || id < 0 || id > 1_000_000)
      throw new Error(`tokenizer.json: bad id for ${text}`);
    if (/^<\|.*\|>$/.test(text)) added.set(id, text);
    else tokens[id] = text;
  }
  for (let i = 0; i < tokens.length; i++) tokens[i] ??= '';
  return { tokens, added: [...added.entries()].sort((a, b) => a[0] - b[0]), byteDecoder: gpt2ByteDecoder() };
}
