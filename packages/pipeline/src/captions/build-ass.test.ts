import { describe, expect, it } from 'vitest';
import { assColour, assTime, buildAss, escapeAssText } from './build-ass.js';
import { buildSrt, srtTime } from './build-srt.js';
import { placeCaptions, type CaptionFrame } from './caption-frame.js';
import { CAPTION_STYLE_NAMES, CAPTION_STYLES } from './caption-styles.js';
import type { CaptionCue, CaptionWord } from './caption-types.js';

const w = (text: string, start: number, end: number, emphasis = false): CaptionWord => ({
  text,
  start,
  end,
  spaceBefore: true,
  emphasis,
});
const CUE: CaptionCue = {
  start: 0.5,
  end: 2,
  lines: [
    [w('Make', 0.5, 0.8), w('$500', 0.8, 1.2, true)],
    [w('a', 1.2, 1.3), w('day.', 1.3, 1.8)],
  ],
};
const FRAME: CaptionFrame = {
  width: 1080,
  height: 1920,
  safe: { top: 160, bottom: 480, left: 60, right: 140 },
};

describe('ASS primitives', () => {
  it.each([
    [0, '0:00:00.00'],
    [61.234, '0:01:01.23'],
    [3725.999, '1:02:06.00'],
  ])('assTime(%s) = %s', (s, t) => expect(assTime(s)).toBe(t));
  it.each([
    [0, '00:00:00,000'],
    [3725.5, '01:02:05,500'],
  ])('srtTime(%s) = %s', (s, t) => expect(srtTime(s)).toBe(t));
  it.each([
    ['#FF8000', 1, '&H000080FF'],
    ['#FFFFFF', 0.5, '&H80FFFFFF'],
  ])('assColour(%s, %s) = %s', (hex, a, out) => expect(assColour(hex, a)).toBe(out));
  it('escapes override braces and backslashes', () => {
    expect(escapeAssText('a {b} \\N c')).toBe('a （b） ＼N c');
  });
});

describe('buildAss', () => {
  it.each(CAPTION_STYLE_NAMES)('%s: header at output size, margins clear of the safe area', (name) => {
    const style = CAPTION_STYLES[name];
    const ass = buildAss([CUE], style, FRAME);
    expect(ass).toContain('PlayResX: 1080');
    expect(ass).toContain('PlayResY: 1920');
    expect(ass).toContain('Noto Sans JP');
    const styleLine = ass
      .split('\n')
      .find((l) => l.startsWith('Style: '))!
      .split(',');
    const [marginL, marginR, marginV] = styleLine.slice(19, 22).map(Number);
    expect(marginL).toBeGreaterThanOrEqual(140);
    expect(marginR).toBeGreaterThanOrEqual(140);
    expect(marginV).toBeGreaterThanOrEqual(480);
    expect(ass).toContain('\\N');
    expect(ass).toContain(`\\c${assColour(style.emphasis)}`);
  });

  it('highlight: one event per word, the spoken word lit', () => {
    const events = buildAss([CUE], CAPTION_STYLES.highlight, FRAME)
      .split('\n')
      .filter((l) => l.startsWith('Dialogue:'));
    expect(events).toHaveLength(4);
    expect(events[0]).toMatch(/^Dialogue: 0,0:00:00.50,0:00:00.80,/);
    expect(events[3]).toMatch(/0:00:01.30,0:00:02.00,.*\{[^}]*\\fscx110[^}]*\}DAY\./);
  });

  it('pop: later words are present but transparent, so the layout does not move', () => {
    const events = buildAss([CUE], CAPTION_STYLES.pop, FRAME)
      .split('\n')
      .filter((l) => l.startsWith('Dialogue:'));
    expect(events[0]).toMatch(/\\alpha&HFF&\}day\./);
    expect(events[3]).not.toContain('\\alpha&HFF&');
  });

  it('static styles: one event per cue, boxed draws an opaque box', () => {
    const ass = buildAss([CUE], CAPTION_STYLES.boxed, FRAME);
    expect(ass.split('\n').filter((l) => l.startsWith('Dialogue:'))).toHaveLength(1);
    expect(
      ass
        .split('\n')
        .find((l) => l.startsWith('Style: '))!
        .split(',')[15],
    ).toBe('3');
  });

  it('scales type with the output', () => {
    expect(placeCaptions(CAPTION_STYLES.minimal, { ...FRAME, width: 1280, height: 720 }).fontSize).toBe(44);
  });
});

describe('buildSrt', () => {
  it('numbers cues and keeps line breaks', () => {
    expect(buildSrt([CUE])).toBe('1\n00:00:00,500 --> 00:00:02,000\nMake $500\na day.\n');
  });
});
