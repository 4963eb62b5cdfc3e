import { describe, expect, it } from 'vitest';
import { buildClipContext } from './clip-context.js';
import { suggestHashtags, suggestTitle } from './clip-title.js';
import { synthesizeTranscript } from '../test-support/segment/synthetic-transcript.js';

const english = buildClipContext({
  transcript: synthesizeTranscript([
    'Why do octopuses have three hearts? An octopus pumps blue blood with copper. Each octopus heart has a job.',
    'So, um, the garden needs water every morning in summer. Tomatoes in the garden need the most water.',
    'Bread starts with flour. Bread dough rests overnight. The bread crust browns in a hot oven.',
  ]),
});
const japanese = buildClipContext({
  transcript: synthesizeTranscript(
    [
      'なぜ電車は遅れないのでしょうか？新幹線の運転士は秒単位で新幹線を動かします。',
      'えっと、カレーは玉ねぎが大事です。カレーの玉ねぎは三十分炒めます。',
    ],
    { japanese: true },
  ),
});

describe('suggestTitle', () => {
  const cases: Array<[string, typeof english, number, number, string | RegExp]> = [
    ['an opening question becomes the title', english, 0, 2, 'Why do octopuses have three hearts?'],
    ['leading fillers are dropped', english, 3, 4, /^The garden needs water|^Tomatoes in the garden/],
    ['Japanese question', japanese, 0, 1, 'なぜ電車は遅れないのでしょうか？'],
    [
      'Japanese filler dropped',
      japanese,
      2,
      3,
      /^(カレーは玉ねぎが大事です|カレーの玉ねぎは三十分炒めます)$/,
    ],
  ];
  it.each(cases)('%s', (_name, context, first, last, expected) => {
    const title = suggestTitle(context, first, last);
    if (typeof expected === 'string') expect(title).toBe(expected);
    else expect(title).toMatch(expected);
  });
});

describe('suggestHashtags', () => {
  const cases: Array<[string, typeof english, number, number, string]> = [
    ['English keyword in its spoken form', english, 0, 2, '#octopus'],
    ['another topic, another tag', english, 5, 7, '#bread'],
    ['Japanese katakana word', japanese, 2, 3, '#カレー'],
  ];
  it.each(cases)('%s', (_name, context, first, last, expected) => {
    const tags = suggestHashtags(context, first, last);
    expect(tags).toContain(expected);
    expect(tags.length).toBeLessThanOrEqual(3);
    expect(new Set(tags).size).toBe(tags.length);
  });
});
