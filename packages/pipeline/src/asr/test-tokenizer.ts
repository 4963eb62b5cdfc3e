import { createWhisperTokenizer, type WhisperVocabFile } from './whisper-tokenizer.js';

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
