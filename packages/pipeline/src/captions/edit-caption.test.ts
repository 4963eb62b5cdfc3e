import { describe, expect, it } from 'vitest';
import type { CaptionCue, CaptionWord } from './caption-types.js';
import { editCaptionCue, retimeWords } from './edit-caption.js';
import { DEFAULT_LAYOUT, lineText } from './layout-captions.js';

const w = (text: string, start: number, end: number): CaptionWord => ({
  text,
  start,
  end,
  spaceBefore: true,
  emphasis: false,
});
const ORIGINAL = [w('we', 1, 1.2), w('gonna', 1.2, 1.6), w('ship', 1.6, 2), w('it', 2, 2.2)];

describe('retimeWords', () => {
  it('keeps the times of unchanged words and shares the rest by length', () => {
    const out = retimeWords(ORIGINAL, 'We are going to ship it!', 1, 2.5);
    expect(out.map((x) => x.text)).toEqual(['We', 'are', 'going', 'to', 'ship', 'it!']);
    expect(out[0]).toMatchObject({ start: 1, end: 1.2 });
    expect(out[4]).toMatchObject({ start: 1.6, end: 2 });
    expect(out[5]).toMatchObject({ start: 2, end: 2.2 });
    expect(out[1]!.start).toBeCloseTo(1.2);
    expect(out[3]!.end).toBeCloseTo(1.6);
    expect(out[2]!.end - out[2]!.start).toBeGreaterThan(out[3]!.end - out[3]!.start);
  });

  it('stays inside the span when everything changed', () => {
    const out = retimeWords(ORIGINAL, 'totally different words', 1, 2.5);
    expect(out[0]!.start).toBe(1);
    expect(out.at(-1)!.end).toBeCloseTo(2.5);
  });

  it('splits edited Japanese into characters', () => {
    const out = retimeWords([w('こんにちは', 0, 1)], 'こんばんは', 0, 1);
    expect(out.map((x) => x.text).join('')).toBe('こんばんは');
    expect(out.every((x) => !x.spaceBefore)).toBe(true);
    expect(out.at(-1)!.end).toBeCloseTo(1);
  });
});

describe('editCaptionCue', () => {
  const cues: CaptionCue[] = [
    { start: 0, end: 1, lines: [[w('hello', 0, 0.8)]] },
    { start: 1, end: 2.5, lines: [ORIGINAL] },
    { start: 2.5, end: 3, lines: [[w('bye', 2.5, 2.9)]] },
  ];
  it('replaces one cue, keeping its span and the others untouched', () => {
    const out = editCaptionCue(cues, 1, 'we will ship it', DEFAULT_LAYOUT);
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(cues[0]);
    expect(out[2]).toBe(cues[2]);
    expect(out[1]).toMatchObject({ start: 1, end: 2.5 });
    expect(lineText(out[1]!.lines.flat())).toBe('we will ship it');
  });
  it('splits into several cues inside the same span when the text grows', () => {
    const long = 'we are absolutely going to ship this thing to every single customer before friday';
    const out = editCaptionCue(cues, 1, long, { ...DEFAULT_LAYOUT, maxLineEm: 8 });
    const edited = out.slice(1, -1);
    expect(edited.length).toBeGreaterThan(1);
    expect(edited[0]!.start).toBe(1);
    expect(edited.at(-1)!.end).toBe(2.5);
    expect(edited.map((c) => lineText(c.lines.flat())).join(' ')).toBe(long);
  });
  it('rejects an unknown cue', () => {
    expect(() => editCaptionCue(cues, 7, 'x', DEFAULT_LAYOUT)).toThrow(RangeError);
  });
});
