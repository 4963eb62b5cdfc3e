import { describe, expect, it } from 'vitest';
import { buildSentences, flattenWords, type FlatWord } from './sentences.js';

/** Words spaced 0.3 s apart; a "|" entry inserts a pause of the given length instead. */
function timed(tokens: Array<string | number>): FlatWord[] {
  const words: FlatWord[] = [];
  let t = 0;
  for (const token of tokens) {
    if (typeof token === 'number') {
      t += token;
      continue;
    }
    words.push({ start: t, end: t + 0.25, word: token });
    t += 0.3;
  }
  return words;
}

describe('buildSentences', () => {
  const cases: Array<[string, Array<string | number>, boolean, string[]]> = [
    [
      'English punctuation',
      [' Hello,', ' world.', ' How', ' are', ' you?', ' Great!'],
      false,
      ['Hello, world.', 'How are you?', 'Great!'],
    ],
    ['abbreviation does not end', [' Ask', ' Dr.', ' Smith', ' today.'], false, ['Ask Dr. Smith today.']],
    [
      'decimal split across tokens',
      [' It', ' costs', ' 3.', '5', ' dollars.'],
      false,
      ['It costs 3.5 dollars.'],
    ],
    [
      'pause ends an unpunctuated run',
      [' so', ' we', ' went', 1.5, ' then', ' it', ' rained'],
      false,
      ['so we went', 'then it rained'],
    ],
    ['short pause does not', [' so', ' we', 0.4, ' went'], false, ['so we went']],
    [
      'quote after the stop',
      [' He', ' said', ' "no."', ' Then', ' left.'],
      false,
      ['He said "no."', 'Then left.'],
    ],
    [
      'Japanese full stops, no spaces',
      ['今日', 'は', '晴れ', 'です', '。', 'どう', 'です', 'か', '？', 'いい', 'ね', '！'],
      true,
      ['今日は晴れです。', 'どうですか？', 'いいね！'],
    ],
    ['Japanese pause', ['まず', 'は', 1.2, 'これ', 'を', '見て'], true, ['まずは', 'これを見て']],
    [
      'Japanese closing bracket',
      ['「', 'はい', '。」', 'と', '言った', '。'],
      true,
      ['「はい。」', 'と言った。'],
    ],
  ];
  it.each(cases)('%s', (_name, tokens, japanese, expected) => {
    expect(buildSentences(timed(tokens), japanese).map((s) => s.text)).toEqual(expected);
  });

  it('cuts a long unpunctuated run at its longest pause', () => {
    const tokens: Array<string | number> = [];
    for (let i = 0; i < 40; i += 1) tokens.push(' word');
    tokens.push(0.6);
    for (let i = 0; i < 40; i += 1) tokens.push(' more');
    const sentences = buildSentences(timed(tokens), false, { pauseSec: 1, maxSentenceSec: 20 });
    expect(sentences).toHaveLength(2);
    expect(sentences[0]!.lastWord).toBe(39);
    expect(sentences.every((s) => s.end - s.start <= 20)).toBe(true);
    expect(sentences[1]!.punctuated).toBe(false);
  });

  it('covers every word exactly once, in order', () => {
    const words = timed([' A.', ' b', ' c?', 2, ' d', ' e.']);
    const sentences = buildSentences(words, false);
    expect(sentences.map((s) => [s.firstWord, s.lastWord])).toEqual([
      [0, 0],
      [1, 2],
      [3, 4],
    ]);
    expect(sentences.map((s) => s.punctuated)).toEqual([true, true, true]);
  });
});

describe('flattenWords', () => {
  it('orders words across segments, drops empty ones and keeps times monotonic', () => {
    const words = flattenWords({
      language: 'en',
      model: 'm',
      backend: 'local',
      durationSec: 5,
      segments: [
        { start: 2, end: 3, text: 'b', words: [{ start: 2, end: 2.5, word: ' b', probability: 1 }] },
        {
          start: 0,
          end: 2.2,
          text: 'a',
          words: [
            { start: 0, end: 1, word: ' a', probability: 1 },
            { start: 1, end: 1.1, word: ' ', probability: 1 },
            { start: 1.9, end: 2.2, word: ' c', probability: 1 },
          ],
        },
      ],
    });
    expect(words.map((w) => w.word)).toEqual([' a', ' c', ' b']);
    expect(words[2]!.start).toBeGreaterThanOrEqual(words[1]!.end);
  });
});
