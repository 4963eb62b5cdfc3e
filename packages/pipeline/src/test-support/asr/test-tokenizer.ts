import {
  createWhisperTokenizer,
  gpt2ByteDecoder,
  vocabFileFromHfTokenizer,
  type WhisperVocabFile,
} from '../../asr/whisper-tokenizer.js';

/** A ten-token vocabulary shaped like Whisper's (for tests): ids 10+ are special, 14+ timestamps. */
export const TEST_TOKENS = ['Ġhello', 'Ġworld', ',', 'Ġask', 'ing', 'Ġnot', '.', 'Ġthe', 'Ġend', 'Ġé'];
export const TEST_VOCAB: WhisperVocabFile = {
  tokens: TEST_TOKENS.map((t) => (t === 'Ġé' ? 'ĠÃ©' : t)),
  added: [
    [10, '<|endoftext|>'],
    [11, '<|startoftranscript|>'],
    [12, '<|notimestamps|>'],
    [13, '<|nocaptions|>'],
    ...Array.from({ length: 1501 }, (_, i) => [14 + i, `<|${(i * 0.02).toFixed(2)}|>`] as [number, string]),
  ],
  byteDecoder: [
    ...Array.from({ length: 94 }, (_, i) => [33 + i, 33 + i] as [number, number]),
    [0x120, 0x20],
    [0xc3, 0xc3],
    [0xa9, 0xa9],
  ],
};
export const testTokenizer = () => createWhisperTokenizer(TEST_VOCAB);
/** Timestamp token for `sec`. */
export const ts = (sec: number) => 14 + Math.round(sec / 0.02);

/** Spells UTF-8 text in GPT-2's byte-level alphabet, as tokenizer.json stores BPE tokens. */
function byteLevel(text: string): string {
  const cp = new Map(gpt2ByteDecoder().map(([c, b]) => [b, c]));
  return [...Buffer.from(text, 'utf8')].map((b) => String.fromCodePoint(cp.get(b)!)).join('');
}

/** A tokenizer.json shaped like the multilingual exports: BPE ids, then the added specials. */
export function multilingualTokenizerJson(withTimestamps: boolean) {
  const bpe = ['Hello', ' world', 'こん', 'にち', 'は', '。'].map(byteLevel);
  const vocab: Record<string, number> = Object.fromEntries(bpe.map((t, i) => [t, i]));
  vocab['<|endoftext|>'] = 6;
  const specials = [
    '<|startoftranscript|>',
    '<|en|>',
    '<|zh|>',
    '<|ja|>',
    '<|translate|>',
    '<|transcribe|>',
    '<|startoflm|>',
    '<|startofprev|>',
    '<|nospeech|>',
    '<|notimestamps|>',
    ...(withTimestamps ? ['<|0.00|>', '<|0.02|>'] : []),
  ];
  return {
    model: { type: 'BPE', vocab, merges: [] },
    added_tokens: [
      { id: 6, content: '<|endoftext|>', special: true },
      ...specials.map((content, i) => ({ id: 7 + i, content, special: true })),
    ],
  };
}

/** The multilingual test vocabulary: ids 0–5 text, 6 <|endoftext|>, 7 sot, 8–10 en/zh/ja, 17+ timestamps. */
export const multilingualTestTokenizer = () =>
  createWhisperTokenizer(vocabFileFromHfTokenizer(multilingualTokenizerJson(true)));
