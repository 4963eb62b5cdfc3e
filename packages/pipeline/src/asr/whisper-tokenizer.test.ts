import { describe, expect, it } from 'vitest';
import { multilingualTokenizerJson } from '../test-support/asr/test-tokenizer.js';
import { createWhisperTokenizer, vocabFileFromHfTokenizer } from './whisper-tokenizer.js';

describe('Whisper tokenizer from a tokenizer.json', () => {
  it.each([true, false])(
    'reads the specials and languages (timestamp tokens listed: %s)',
    (withTimestamps) => {
      const tok = createWhisperTokenizer(vocabFileFromHfTokenizer(multilingualTokenizerJson(withTimestamps)));
      expect(tok.special).toMatchObject({
        endOfText: 6,
        startOfTranscript: 7,
        translate: 11,
        transcribe: 12,
        noSpeech: 15,
        noTimestamps: 16,
        timestampBegin: 17,
      });
      expect([...tok.special.languages]).toEqual([
        ['en', 8],
        ['zh', 9],
        ['ja', 10],
      ]);
      expect(tok.isTimestamp(17 + 50)).toBe(true);
      expect(tok.timestampSec(17 + 50)).toBe(1);
      expect(tok.vocabSize).toBeGreaterThanOrEqual(17 + 1501);
    },
  );

  it('decodes byte-level tokens to UTF-8, Japanese included, and skips specials', () => {
    const tok = createWhisperTokenizer(vocabFileFromHfTokenizer(multilingualTokenizerJson(true)));
    expect(tok.decode([7, 10, 12, 17, 2, 3, 4, 5, 18, 6])).toBe('こんにちは。');
    expect(tok.decode([0, 1])).toBe('Hello world');
    expect(Buffer.from(tok.tokenBytes(1)).toString()).toBe(' world');
  });

  it('refuses a file that is not a tokenizer.json', () => {
    expect(() => vocabFileFromHfTokenizer({ vocab: {} })).toThrow(/not a tokenizer\.json/);
    expect(() => vocabFileFromHfTokenizer({ model: { vocab: { a: -1 } }, added_tokens: [] })).toThrow(
      /bad id/,
    );
  });

  it('keeps the English-only vocabulary of tiny.en working (no languages, no task tokens)', async () => {
    const { testTokenizer } = await import('../test-support/asr/test-tokenizer.js');
    const tok = testTokenizer();
    expect(tok.special.languages.size).toBe(0);
    expect(tok.special.transcribe).toBeNull();
    expect(tok.special.noSpeech).toBe(13);
  });
});
