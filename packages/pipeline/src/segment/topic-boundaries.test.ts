import { describe, expect, it } from 'vitest';
import { contentTerms } from './text-terms.js';
import { cosine, segmentTopics } from './topic-boundaries.js';

const bees = [
  'The hive holds fifty thousand bees.',
  'Worker bees collect nectar from flowers.',
  'The queen bee lays eggs in the hive.',
  'Beekeepers harvest honey from the hive frames.',
  'Bees dance to show flowers to the hive.',
  'Varroa mites weaken bee colonies.',
];
const chess = [
  'Chess tactics win games: forks and pins.',
  'Castle early to protect the king in chess.',
  'A passed pawn can promote to a queen in the chess endgame.',
  'Chess openings fight for the centre with pawns.',
  'Blunders decide most club chess games.',
  'Analyse lost chess games with an engine.',
];
const japanese = [
  '太陽光パネルを屋根に設置しました。',
  '太陽光パネルの発電量は夏に多いです。',
  'パネルの電気はバッテリーにためます。',
  '冬は太陽光パネルの発電が減ります。',
  'パネルを掃除すると発電量が戻ります。',
  '京都のお寺を朝早く回りました。',
  '京都の旅館で温泉に入りました。',
  '京都の鳥居は何千本も続きます。',
  '京都のお寺は観光客が多いです。',
  '京都の旅館の料理はおいしいです。',
];

describe('segmentTopics', () => {
  const cases: Array<[string, string[], boolean, number[]]> = [
    ['English, two topics', [...bees, ...chess], false, [6]],
    ['Japanese bigrams, two topics', japanese, true, [5]],
    ['one topic has no boundary', bees, false, []],
  ];
  it.each(cases)('%s', (_name, sentences, isJapanese, expected) => {
    const terms = sentences.map((s) => contentTerms(s, isJapanese));
    const result = segmentTopics(terms, { blockTerms: 20, smoothWidth: 1, depthSd: 0.5, minSentences: 3 });
    expect(result.boundaries).toEqual(expected);
    expect(result.topicOf).toHaveLength(sentences.length);
    expect(result.depth).toHaveLength(sentences.length - 1);
  });

  it('handles fewer than two sentences', () => {
    expect(segmentTopics([['a']])).toEqual({ boundaries: [], topicOf: [0], depth: [] });
  });
});

describe('cosine', () => {
  it('is 1 for the same counts, 0 for disjoint and for empty', () => {
    const a = new Map([
      ['x', 2],
      ['y', 1],
    ]);
    expect(cosine(a, new Map(a))).toBeCloseTo(1, 9);
    expect(cosine(a, new Map([['z', 1]]))).toBe(0);
    expect(cosine(a, new Map())).toBe(0);
  });
});
