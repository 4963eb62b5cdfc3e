import { describe, expect, it } from 'vitest';
import {
  audibleSpan,
  LONG_GAP_SEC,
  pauseSec,
  planLongTalk,
  talkPrefix,
  talkReference,
  type TalkPlan,
} from './bench-long-talk.js';

const RATE = 100; // samples per second, so plans stay small
const pool = [
  { text: 'one', samples: 150 },
  { text: 'two', samples: 420 },
  { text: 'three', samples: 260 },
];

function checkPlan(plan: TalkPlan) {
  let at = 0;
  for (const e of plan.events) {
    const pause = (e.start - at) / RATE;
    expect(pause).toBeGreaterThanOrEqual(0.29);
    expect(pause).toBeLessThanOrEqual(60.01);
    expect(e.end - e.start).toBe(pool[e.utterance]!.samples);
    at = e.end;
  }
  expect(at).toBeLessThanOrEqual(plan.totalSamples);
  expect(plan.speechSamples).toBe(plan.events.reduce((n, e) => n + e.end - e.start, 0));
}

describe('pauseSec', () => {
  it.each([
    [0, 0, 20],
    [0.019, 1, 60],
    [0.02, 0, 4],
    [0.119, 0.5, 6],
    [0.12, 0, 1.5],
    [0.39, 1, 4],
    [0.4, 0, 0.3],
    [0.99, 1, 1.5],
  ])('u %f, v %f: %f s', (u, v, sec) => {
    expect(pauseSec(u, v)).toBeCloseTo(sec, 9);
  });
});

describe('planLongTalk', () => {
  const hour = planLongTalk(pool, { totalSamples: 3600 * RATE, sampleRate: RATE, seed: 7 });

  it('lays utterances in order with realistic pauses, reproducibly', () => {
    checkPlan(hour);
    expect(planLongTalk(pool, { totalSamples: 3600 * RATE, sampleRate: RATE, seed: 7 })).toEqual(hour);
    expect(hour.events.every((e, i) => !i || e.utterance !== hour.events[i - 1]!.utterance)).toBe(true);
    // Mean utterance 2.8 s against a mean pause of ~2.7 s; some breaks of 20 s or more.
    const fraction = hour.speechSamples / hour.totalSamples;
    expect(fraction).toBeGreaterThan(0.4);
    expect(fraction).toBeLessThan(0.65);
    expect(hour.longGaps).toBeGreaterThan(5);
  });

  it('uses the whole pool before repeating it', () => {
    const firstThree = hour.events.slice(0, 3).map((e) => e.utterance);
    expect(new Set(firstThree).size).toBe(3);
  });

  it('stops before an utterance that would not fit', () => {
    const short = planLongTalk(pool, { totalSamples: 300, sampleRate: RATE });
    checkPlan(short);
    expect(short.totalSamples).toBe(300);
    expect(planLongTalk(pool, { totalSamples: 10, sampleRate: RATE }).events).toEqual([]);
  });
});

describe('talkPrefix', () => {
  const plan = planLongTalk(pool, { totalSamples: 600 * RATE, sampleRate: RATE, seed: 3 });

  it.each([60, 125.5, 300])('%f s: no utterance cut, totals of its own', (sec) => {
    const prefix = talkPrefix(plan, sec * RATE);
    checkPlan(prefix);
    expect(prefix.totalSamples).toBeLessThanOrEqual(sec * RATE);
    expect(prefix.events).toEqual(plan.events.slice(0, prefix.events.length));
    const next = plan.events[prefix.events.length]!;
    expect(next.end).toBeGreaterThan(sec * RATE);
    expect(prefix.totalSamples).toBeGreaterThanOrEqual(prefix.events.at(-1)!.end);
  });

  it('counts the long gaps inside it', () => {
    const whole = talkPrefix(plan, plan.totalSamples);
    expect(whole.longGaps).toBe(plan.longGaps);
    expect(whole.speechSamples).toBe(plan.speechSamples);
    const gaps = plan.events
      .slice(1)
      .filter((e, i) => e.start - plan.events[i]!.end >= LONG_GAP_SEC * RATE).length;
    expect(plan.longGaps).toBe(gaps);
  });

  it('reference text follows the events', () => {
    const prefix = talkPrefix(plan, 20 * RATE);
    expect(talkReference(prefix, pool)).toBe(prefix.events.map((e) => pool[e.utterance]!.text).join(' '));
  });
});

describe('audibleSpan', () => {
  it.each([
    [[0, 0, 5, 900, -800, 3, 0], 10, 0, { first: 3, end: 5 }],
    [[0, 0, 5, 900, -800, 3, 0], 10, 1, { first: 2, end: 6 }],
    [[900, 0, 0, 0, 0, 0, -900], 10, 2, { first: 0, end: 7 }],
    [[1, 2, 3], 10, 5, { first: 0, end: 0 }],
  ])('%j above %i, margin %i', (samples, threshold, margin, span) => {
    expect(audibleSpan(Int16Array.from(samples), threshold, margin)).toEqual(span);
  });
});
