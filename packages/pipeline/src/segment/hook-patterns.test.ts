import { describe, expect, it } from 'vitest';
import { countFillers, hookSignals, startsMidThought, type HookSignals } from './hook-patterns.js';

const none: HookSignals = { question: false, number: false, claim: false, directAddress: false };

describe('hookSignals', () => {
  const cases: Array<[string, boolean, Partial<HookSignals>]> = [
    ['Why do most startups fail?', false, { question: true, claim: true }],
    ['Here are 3 things nobody tells you.', false, { number: true, claim: true, directAddress: true }],
    ['You have been brewing coffee wrong.', false, { claim: true, directAddress: true }],
    ['The weather was mild on Tuesday.', false, {}],
    ['How it works is simple.', false, {}],
    ['なぜ日本の電車は遅れないのか？', true, { question: true }],
    ['3つのコツを紹介します。', true, { number: true }],
    ['実はこれが一番大事なんです。', true, { claim: true }],
    ['皆さん、知っていますか？', true, { question: true, directAddress: true }],
    ['今日は晴れでした。', true, {}],
  ];
  it.each(cases)('%s', (sentence, japanese, expected) => {
    expect(hookSignals(sentence, japanese)).toEqual({ ...none, ...expected });
  });
});

describe('startsMidThought', () => {
  const cases: Array<[string, boolean, boolean]> = [
    ['And so we left.', false, true],
    ["That's why it failed.", false, true],
    ['It was raining.', false, true],
    ['Andrew joined later.', false, false],
    ['Solar panels are cheap now.', false, false],
    ['だから私は行きました。', true, true],
    ['それで、結局やめました。', true, true],
    ['太陽光パネルは安くなりました。', true, false],
  ];
  it.each(cases)('%s → %s', (sentence, japanese, expected) => {
    expect(startsMidThought(sentence, japanese)).toBe(expected);
  });
});

describe('countFillers', () => {
  const cases: Array<[string, boolean, number]> = [
    ['Um, so, you know, it was like really good.', false, 3],
    ['The likelihood is small.', false, 0],
    ['えーと、あのー、まあ大丈夫です。', true, 3],
    ['大丈夫です。', true, 0],
  ];
  it.each(cases)('%s', (sentence, japanese, expected) => {
    expect(countFillers(sentence, japanese)).toBe(expected);
  });
});
