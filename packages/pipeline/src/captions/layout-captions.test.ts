import { describe, expect, it } from 'vitest';
import type { CaptionWord, TimedWord } from './caption-types.js';
import { breakIntoLines, DEFAULT_LAYOUT, layoutCaptions, lineText } from './layout-captions.js';
import { prepareCaptionWords } from './prepare-words.js';
import { markEmphasis } from './emphasis.js';

/** Whisper-style English words, 0.3 s each, with a gap after sentence ends when asked. */
function english(text: string, gapAfterSentence = 0): TimedWord[] {
  let t = 0;
  return text.split(' ').map((w, i) => {
    const word = { start: t, end: t + 0.28, word: (i === 0 ? '' : ' ') + w, probability: 0.9 };
    t += 0.3 + (/[.!?]$/.test(w) ? gapAfterSentence : 0);
    return word;
  });
}

const words = (timed: TimedWord[]) => prepareCaptionWords(timed, 0, 1000, 24);

describe('prepareCaptionWords', () => {
  it('keeps Whisper spacing, trims, shifts to clip time and drops words outside the clip', () => {
    const prepared = prepareCaptionWords(
      [
        { start: 9, end: 9.5, word: ' before' },
        { start: 10, end: 10.4, word: ' Hello,' },
        { start: 10.4, end: 10.6, word: " it's" },
        { start: 10.6, end: 10.8, word: "n't" },
        { start: 13, end: 13.5, word: ' after' },
      ],
      9.8,
      12,
      24,
    );
    expect(prepared.map((w) => [w.text, w.spaceBefore])).toEqual([
      ['Hello,', false],
      ["it's", true],
      ["n't", false],
    ]);
    expect(prepared[0]?.start).toBeCloseTo(0.2);
  });

  it('splits a Japanese run wider than a line into characters, sharing its time', () => {
    const prepared = prepareCaptionWords(
      [{ start: 0, end: 1.6, word: 'これは長い日本語の文章です' }],
      0,
      5,
      12,
    );
    expect(prepared).toHaveLength(13);
    expect(prepared.every((w) => !w.spaceBefore)).toBe(true);
    expect(prepared.at(-1)?.end).toBeCloseTo(1.6);
  });
});

describe('breakIntoLines', () => {
  const opts = { ...DEFAULT_LAYOUT, maxLineEm: 10, maxCharsPerLine: 22 };
  it.each([
    ['one line when it fits', 'Short and sweet.', [['Short and sweet.']]],
    [
      'breaks after the comma',
      'Well, honestly I did not expect this',
      [['Well, honestly I did', 'not expect this']],
    ],
    [
      'no orphan word on the second line',
      'We built the whole thing in a weekend',
      [['We built the whole', 'thing in a weekend']],
    ],
  ])('%s', (_name, text, expected) => {
    const laid = breakIntoLines(words(english(text)), opts);
    expect([laid?.lines.map(lineText)]).toEqual(expected);
  });

  it('never starts a Japanese line with a small kana or closing punctuation', () => {
    const ja = prepareCaptionWords(
      [...'きょうはとってもいいてんきですね。'].map((ch, i) => ({
        start: i * 0.1,
        end: i * 0.1 + 0.1,
        word: ch,
      })),
      0,
      10,
      20,
    );
    const laid = breakIntoLines(ja, { ...DEFAULT_LAYOUT, maxCharsPerLine: 20, maxLineEm: 10 });
    expect(laid?.lines).toHaveLength(2);
    const second = lineText(laid!.lines[1] as CaptionWord[]);
    expect(second).not.toMatch(/^[っゃゅょ。、ー]/u);
    expect(lineText(laid!.lines[0] as CaptionWord[])).toMatch(/は$|も$|て$|。$|ね$/u);
  });
});

describe('layoutCaptions', () => {
  it('ends cues at sentence ends and long pauses, within two lines', () => {
    const cues = layoutCaptions(
      words(english('This is the first sentence. And here comes a second one that is longer.', 0.8)),
      { ...DEFAULT_LAYOUT, maxLineEm: 10 },
    );
    expect(lineText(cues[0]!.lines.flat())).toBe('This is the first sentence.');
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      expect(cue.end).toBeGreaterThan(cue.start);
    }
    expect(cues.map((c) => lineText(c.lines.flat())).join(' ')).toBe(
      'This is the first sentence. And here comes a second one that is longer.',
    );
  });

  it('leaves no single-word cue when the words could be grouped', () => {
    const cues = layoutCaptions(words(english('one two three four five six seven')), {
      ...DEFAULT_LAYOUT,
      maxLineEm: 8,
      maxLines: 1,
    });
    expect(cues.every((c) => c.lines.flat().length > 1)).toBe(true);
  });

  it('respects the time cap of a cue', () => {
    const cues = layoutCaptions(words(english('a b c d e f g h i j k l m n o p')), {
      ...DEFAULT_LAYOUT,
      maxCueSec: 1,
    });
    for (const cue of cues) {
      const flat = cue.lines.flat();
      expect(flat.at(-1)!.end - flat[0]!.start).toBeLessThanOrEqual(1);
    }
  });

  it('shows cues back to back across short gaps and never past the clip end', () => {
    const cues = layoutCaptions(words(english('Hello there. General Kenobi.', 0.3)), DEFAULT_LAYOUT, 1.3);
    expect(cues).toHaveLength(2);
    expect(cues[0]!.end).toBeCloseTo(cues[1]!.start);
    expect(cues[1]!.end).toBeLessThanOrEqual(1.3);
  });
});

describe('markEmphasis', () => {
  it.each([
    ['keyword, any case and punctuation', ' Money!', ['money'], true],
    ['numbers', ' 300%', [], true],
    ['capitals', ' NEVER', [], true],
    ['plain word', ' maybe', ['money'], false],
    ['the pronoun I', ' I', [], false],
    ['Japanese keyword inside a word', '大事な', ['大事'], true],
  ])('%s', (_name, word, keywords, expected) => {
    const [marked] = markEmphasis(words([{ start: 0, end: 1, word }]), keywords);
    expect(marked?.emphasis).toBe(expected);
  });
});
