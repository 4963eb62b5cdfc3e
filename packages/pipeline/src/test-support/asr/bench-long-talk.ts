/**
 * The ground truth of `pnpm bench:long-audio`: a long talk planned as utterances from a pool
 * separated by pauses of realistic, varied length, in whole samples so the file written from the
 * plan and the speech/silence totals agree exactly.
 */
import { seededRandom } from '../segment/synthetic-transcript.js';

export interface PoolUtterance {
  text: string;
  samples: number;
}

/** One utterance of the pool placed at [start, end) samples of the talk. */
export interface TalkEvent {
  utterance: number;
  start: number;
  end: number;
}

export interface TalkPlan {
  sampleRate: number;
  events: TalkEvent[];
  totalSamples: number;
  speechSamples: number;
  /** Pauses of 20 s or more (a break in a talk), the stretches a VAD gains most on. */
  longGaps: number;
}

export const LONG_GAP_SEC = 20;

/**
 * A pause after an utterance, from one uniform draw `u` and a second `v` for where in its band:
 * mostly 0.3–1.5 s between sentences, then 1.5–4 s and 4–8 s, and 2 % long gaps of 20–60 s.
 */
export function pauseSec(u: number, v: number): number {
  if (u < 0.02) return LONG_GAP_SEC + 40 * v;
  if (u < 0.12) return 4 + 4 * v;
  if (u < 0.4) return 1.5 + 2.5 * v;
  return 0.3 + 1.2 * v;
}

/**
 * Fills `totalSamples` with pause, utterance, pause, …: the pool in a shuffled order, reshuffled
 * each time it is used up, so no text follows itself; silence pads the end.
 */
export function planLongTalk(
  pool: readonly PoolUtterance[],
  { totalSamples, sampleRate, seed = 1 }: { totalSamples: number; sampleRate: number; seed?: number },
): TalkPlan {
  if (!pool.length) throw new Error('planLongTalk needs at least one utterance');
  const random = seededRandom(seed);
  const events: TalkEvent[] = [];
  let order: number[] = [];
  let at = 0;
  let [speechSamples, longGaps] = [0, 0];
  for (;;) {
    const pause = pauseSec(random(), random());
    if (!order.length) order = shuffled(pool.length, random, events.at(-1)?.utterance);
    const utterance = order[order.length - 1]!;
    const start = at + Math.round(pause * sampleRate);
    const end = start + pool[utterance]!.samples;
    if (end > totalSamples) break;
    order.pop();
    if (events.length && pause >= LONG_GAP_SEC) longGaps++;
    events.push({ utterance, start, end });
    speechSamples += end - start;
    at = end;
  }
  return { sampleRate, events, totalSamples, speechSamples, longGaps };
}

/** 0…n-1 in a random order whose first element (taken last) is not `avoidFirst`. */
function shuffled(n: number, random: () => number, avoidFirst: number | undefined): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (n > 1 && order[n - 1] === avoidFirst) [order[0], order[n - 1]] = [order[n - 1]!, order[0]!];
  return order;
}

/**
 * The talk's first `maxSamples` with no utterance cut: it ends at `maxSamples` or, when an
 * utterance straddles that point, where that utterance would start (inside the pause before it).
 */
export function talkPrefix(plan: TalkPlan, maxSamples: number): TalkPlan {
  const events = plan.events.filter((e) => e.end <= maxSamples);
  const next = plan.events[events.length];
  const totalSamples = Math.min(maxSamples, plan.totalSamples, next ? next.start : Infinity);
  const gapsBefore = events.map((e, i) => (i ? e.start - events[i - 1]!.end : 0));
  return {
    sampleRate: plan.sampleRate,
    events,
    totalSamples,
    speechSamples: events.reduce((n, e) => n + e.end - e.start, 0),
    longGaps: gapsBefore.filter((g) => g >= LONG_GAP_SEC * plan.sampleRate).length,
  };
}

/** What was said, in order: the reference for word error rate. */
export function talkReference(plan: TalkPlan, pool: readonly PoolUtterance[]): string {
  return plan.events.map((e) => pool[e.utterance]!.text).join(' ');
}

/**
 * [first, end) of the samples louder than `threshold`, widened by `margin` on each side: espeak
 * pads its output with silence that the plan must count as pause, not speech.
 */
export function audibleSpan(
  samples: Int16Array,
  threshold: number,
  margin: number,
): { first: number; end: number } {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) <= threshold) first++;
  if (first === samples.length) return { first: 0, end: 0 };
  let end = samples.length;
  while (end > first && Math.abs(samples[end - 1]!) <= threshold) end--;
  return { first: Math.max(0, first - margin), end: Math.min(samples.length, end + margin) };
}
