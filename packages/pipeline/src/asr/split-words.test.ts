import { describe, expect, it } from 'vitest';
import { splitWords } from './split-words.js';
import { createWhisperTokenizer, gpt2ByteDecoder } from './whisper-tokenizer.js';

/** Byte-level token strings from raw bytes (a BPE token may end inside a UTF-8 character). */
const cp = new Map(gpt2ByteDecoder().map(([c, b]) => [b, c]));
const spell = (bytes: number[]) => bytes.map((b) => String.fromCodePoint(cp.get(b)!)).join('');
const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];

const de = utf8('で'); // E3 81 A7: split over two tokens below
const tokens = [
  spell(utf8('今日')), // 0
  spell(de.slice(0, 2)), // 1
  spell(de.slice(2)), // 2
  spell(utf8('す')), // 3
  spell(utf8('。')), // 4
  spell(utf8(' Hello')), // 5
  spell(utf8(' world')), // 6
  spell(utf8('!')), // 7
  spell(utf8('テ')), // 8
  spell(utf8('スト')), // 9
  spell(utf8('を')), // 10
  spell(utf8('LL')), // 11
  spell(utf8('M')), // 12
  spell(utf8('ー')), // 13
];
const tokenizer = createWhisperTokenizer({
  tokens,
  added: [
    [14, '<|endoftext|>'],
    [15, '<|startoftranscript|>'],
    [16, '<|notimestamps|>'],
    [17, '<|nocaptions|>'],
  ],
  byteDecoder: gpt2ByteDecoder(),
});

describe('splitWords', () => {
  it('splits spaced text at leading spaces', () => {
    expect(splitWords([5, 6, 7], tokenizer).map((w) => w.word)).toEqual(['Hello', 'world!']);
  });

  it('splits spaceless text at whole characters, never inside one, punctuation kept with the word before', () => {
    const words = splitWords([0, 1, 2, 3, 4], tokenizer, true);
    expect(words).toEqual([
      { word: '今日', tokens: [0] },
      { word: 'で', tokens: [1, 2] },
      { word: 'す。', tokens: [3, 4] },
    ]);
  });

  it('keeps a katakana or Latin run one word however the tokens cut it; kanji and kana still split', () => {
    // 今日 テ スト ー を LL M 今日 → 今日 | テストー | を | LLM | 今日
    expect(splitWords([0, 8, 9, 13, 10, 11, 12, 0], tokenizer, true).map((w) => w.word)).toEqual([
      '今日',
      'テストー',
      'を',
      'LLM',
      '今日',
    ]);
  });

  it('keeps a character cut short at the end as what it decodes to', () => {
    expect(splitWords([0, 1], tokenizer, true).map((w) => w.word)).toEqual(['今日', '\ufffd']);
  });
});
