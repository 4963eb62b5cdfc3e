import { describe, expect, it } from 'vitest';
import { multilingualTestTokenizer } from '../test-support/asr/test-tokenizer.js';
import { chooseNextToken, type LogitRules } from './whisper-logit-rules.js';

// Test vocabulary: 0–5 text, 6 <|endoftext|>, 7 sot, 8–10 en/zh/ja, 11 translate, 12 transcribe,
// 13 startoflm, 14 startofprev, 15 nospeech, 16 notimestamps, 17+ timestamps (0.02 s apart).
const tokenizer = multilingualTestTokenizer();
const T = (sec: number) => 17 + Math.round(sec / 0.02);
const V = 17 + 1501;
const rules: LogitRules = { tokenizer, suppress: [5], beginSuppress: [6], repetitionPenalty: 1 };

/** Logits where each listed token has its score and every other token −30 (all but impossible). */
function logits(scores: Record<number, number>): Float32Array {
  const x = new Float32Array(V).fill(-30);
  for (const [id, v] of Object.entries(scores)) x[Number(id)] = v;
  return x;
}

describe('chooseNextToken (Whisper decoding rules)', () => {
  it.each<[string, Record<number, number>, number[], boolean, number]>([
    ['the likeliest text token', { 2: 3, 3: 1 }, [T(0)], false, 2],
    ['never a suppressed token', { 5: 9, 2: 1 }, [T(0)], false, 2],
    ['never <|notimestamps|>, a task or a language token', { 16: 9, 12: 9, 10: 9, 3: 1 }, [T(0)], false, 3],
    ['no <|endoftext|> as the first token', { 6: 9, 4: 1 }, [T(0)], true, 4],
    [
      'after a timestamp pair, text (no third timestamp)',
      { [T(2)]: 9, 1: 1 },
      [T(0), 2, T(1), T(1)],
      false,
      1,
    ],
    [
      'after text and a timestamp, no text: a timestamp or the end',
      { 2: 9, 6: 1 },
      [T(0), 2, T(1)],
      false,
      6,
    ],
    ['time never goes back', { [T(0.5)]: 9, [T(1.5)]: 1, 2: -9 }, [T(0), 2, T(1), T(1), 3], false, T(1.5)],
    [
      'a segment has a length (the next start is after the last end)',
      { [T(1)]: 9, [T(1.2)]: 1 },
      [T(0), 2, T(1), T(1), 3],
      false,
      T(1.2),
    ],
  ])('%s', (_, scores, sampled, first, expected) => {
    expect(chooseNextToken(logits(scores), sampled, rules, first).id).toBe(expected);
  });

  it('forces a timestamp when all timestamps together outweigh every text token', () => {
    // Text token 2 at 2.0 beats any single timestamp (1.0), but 50 timestamps at 1.0 weigh more.
    const x = logits({ 2: 2 });
    for (let t = T(1); t < T(2); t++) x[t] = 1;
    const chosen = chooseNextToken(x, [T(0), 3], rules, false);
    expect(tokenizer.isTimestamp(chosen.id)).toBe(true);
    expect(chooseNextToken(logits({ 2: 2, [T(1)]: 1 }), [T(0), 3], rules, false).id).toBe(2);
  });

  it('gives the log-probability of the choice, and a penalty turns away from repeated text', () => {
    const chosen = chooseNextToken(logits({ 2: 2, 3: 2 }), [T(0)], rules, false);
    expect(Math.exp(chosen.logprob)).toBeGreaterThan(0.4);
    expect(Math.exp(chosen.logprob)).toBeLessThan(0.5);
    const penalised = { ...rules, repetitionPenalty: 1.5 };
    expect(chooseNextToken(logits({ 2: 2, 3: 1.8 }), [T(0), 2], penalised, false).id).toBe(3);
  });

  it('ends when every token is ruled out', () => {
    const x = new Float32Array(V).fill(-Infinity);
    expect(chooseNextToken(x, [T(0)], rules, false).id).toBe(6);
  });
});
