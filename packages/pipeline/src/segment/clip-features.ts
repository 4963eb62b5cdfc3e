import type { DurationRange } from '@kirinuki/contracts';
import { lastAtOrBefore, type ClipWindow } from './candidate-windows.js';
import type { ClipContext } from './clip-context.js';
import { GOOD_RATE, HOOK_STRENGTH, LENGTH_SWEET_SPOT, type ScoredFeature } from './score-weights.js';

/** Feature values 0–1 (null when the input it needs is missing) and the measures behind them. */
export interface ClipFeatures {
  hook: number;
  completeness: number;
  density: number;
  energy: number | null;
  visual: number | null;
  novelty: number;
  spread: number;
  length: number;
  measures: {
    /** Words per second (English) or characters per second (Japanese). */
    speechRate: number;
    fillerRatio: number;
    /** Share of the clip with nobody speaking. */
    silenceShare: number;
    /** Loudest second above the video's median, in LU. */
    peakAboveMedianLu: number | null;
    peakAtSec: number | null;
    burstsAtSec: number[];
    facePresence: number | null;
    shotCuts: number;
    startsTopic: boolean;
    endsTopic: boolean;
    crossesTopics: number;
  };
}

/** A reason with how much it helped, so the best ones can be shown first. */
export interface WeightedReason {
  feature: ScoredFeature;
  strength: number;
  text: string;
}

export function formatClipTime(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 1 inside [low, high], falling linearly to 0 at half of low and 1.6 × high. */
function bandScore(x: number, low: number, high: number): number {
  if (x < low) return clamp01((x - low / 2) / (low / 2));
  if (x > high) return clamp01(1 - (x - high) / (0.6 * high));
  return 1;
}

function speechSeconds(context: ClipContext, window: ClipWindow): number {
  let spoken = 0;
  for (
    let i = context.sentences[window.firstSentence]!.firstWord;
    i <= context.sentences[window.lastSentence]!.lastWord;
    i += 1
  ) {
    const w = context.words[i]!;
    spoken += w.end - w.start;
  }
  return spoken;
}

function meanOver(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let s = Math.max(0, Math.floor(from)); s < Math.min(values.length, Math.ceil(to)); s += 1) {
    sum += values[s]!;
    n += 1;
  }
  return n ? sum / n : 0;
}

/** Features that do not depend on the other clips; novelty and spread start at 1 and are set while choosing. */
export function measureClip(
  context: ClipContext,
  window: ClipWindow,
  range: DurationRange,
): { features: ClipFeatures; reasons: WeightedReason[] } {
  const { sentences, topics, japanese } = context;
  const first = sentences[window.firstSentence]!;
  const duration = window.end - window.start;
  const reasons: WeightedReason[] = [];
  const reason = (feature: ScoredFeature, strength: number, text: string) =>
    reasons.push({ feature, strength, text });

  // Hook: the opening sentence.
  const h = context.hooks[window.firstSentence]!;
  let miss = 1;
  for (const key of ['question', 'claim', 'directAddress', 'number'] as const)
    if (h[key]) miss *= 1 - HOOK_STRENGTH[key];
  const hookLong = first.end - first.start > 12 ? 0.75 : 1;
  const hook = (1 - miss) * hookLong;
  if (h.question) reason('hook', HOOK_STRENGTH.question, 'Opens with a question');
  if (h.claim) reason('hook', HOOK_STRENGTH.claim, 'Opens with a strong claim');
  if (h.directAddress)
    reason('hook', HOOK_STRENGTH.directAddress, 'Speaks to the viewer from the first line');
  if (h.number) reason('hook', HOOK_STRENGTH.number, 'Opens with a number');

  // Completeness: clean start, sentence end, topic edges.
  const startsTopic =
    window.firstSentence === 0 ||
    topics.topicOf[window.firstSentence - 1] !== topics.topicOf[window.firstSentence];
  const endsTopic =
    window.lastSentence === sentences.length - 1 ||
    topics.topicOf[window.lastSentence + 1] !== topics.topicOf[window.lastSentence];
  const crossesTopics = topics.topicOf[window.lastSentence]! - topics.topicOf[window.firstSentence]!;
  const cleanStart = !context.midThought[window.firstSentence];
  const last = sentences[window.lastSentence]!;
  const completeness =
    (0.45 * (cleanStart ? 1 : 0.2) +
      0.3 * (last.punctuated ? 1 : 0.5) +
      0.15 * (endsTopic ? 1 : 0) +
      0.1 * (startsTopic ? 1 : 0)) *
    (crossesTopics > 0 ? 0.8 : 1);
  if (startsTopic && endsTopic && crossesTopics === 0)
    reason('completeness', 0.8, 'Covers one topic from start to finish');
  else if (endsTopic) reason('completeness', 0.6, 'Ends where its topic ends');
  else if (startsTopic && cleanStart) reason('completeness', 0.5, 'Starts at the beginning of a topic');
  if (cleanStart && last.punctuated)
    reason('completeness', 0.3, 'Starts cleanly and ends on a full sentence');

  // Density: speaking rate, fillers, dead air.
  const units = context.unitsBefore[window.lastSentence + 1]! - context.unitsBefore[window.firstSentence]!;
  const fillers =
    context.fillersBefore[window.lastSentence + 1]! - context.fillersBefore[window.firstSentence]!;
  const speechRate = units / Math.max(duration, 0.001);
  const wordCount = last.lastWord - first.firstWord + 1;
  const fillerRatio = fillers / Math.max(1, wordCount);
  const silenceShare = clamp01(1 - speechSeconds(context, window) / Math.max(duration, 0.001));
  const band = japanese ? GOOD_RATE.japanese : GOOD_RATE.english;
  const density =
    bandScore(speechRate, band.low, band.high) *
    (1 - clamp01(fillerRatio * 5)) *
    (1 - clamp01((silenceShare - 0.25) * 2));
  const rateText = `${speechRate.toFixed(1)} ${japanese ? 'characters' : 'words'} per second`;
  if (density >= 0.7)
    reason(
      'density',
      density * 0.6,
      `Brisk, clear delivery: ${rateText}${fillerRatio < 0.02 ? ' with almost no fillers' : ''}`,
    );

  // Energy: loudness relative to the whole video; loud seconds without words are laughter/applause-like.
  let energy: number | null = null;
  let peakAboveMedianLu: number | null = null;
  let peakAtSec: number | null = null;
  const burstsAtSec: number[] = [];
  if (context.loudness) {
    const loud = context.loudness;
    let peak = -Infinity;
    let sum = 0;
    let n = 0;
    for (let s = Math.floor(window.start); s < Math.min(loud.length, Math.ceil(window.end)); s += 1) {
      const v = loud[s]!;
      sum += v;
      n += 1;
      if (v > peak) {
        peak = v;
        peakAtSec = s - window.start;
      }
      if (v >= context.loudnessMedian + 6 && !spokenDuring(context, window, s))
        burstsAtSec.push(Math.max(0, s - window.start));
    }
    peakAboveMedianLu = n ? peak - context.loudnessMedian : 0;
    const meanAbove = n ? sum / n - context.loudnessMedian : 0;
    energy = clamp01(
      0.5 * clamp01(peakAboveMedianLu / 8) +
        0.3 * clamp01((meanAbove + 2) / 6) +
        0.2 * Math.min(1, burstsAtSec.length / 2),
    );
    if (peakAtSec !== null && peakAboveMedianLu >= 4) {
      reason('energy', clamp01(peakAboveMedianLu / 8), `Loudest moment at ${formatClipTime(peakAtSec)}`);
    }
    if (burstsAtSec.length) {
      reason('energy', 0.6, `Laughter or applause-like burst at ${formatClipTime(burstsAtSec[0]!)}`);
    }
  }

  // Visual: faces and picture change.
  let visual: number | null = null;
  let facePresence: number | null = null;
  const shotCuts = countBetween(context.cutTimes, window.start, window.end);
  if (context.facePresence) {
    facePresence = meanOver(context.facePresence, window.start, window.end);
    const size = context.faceSize ? meanOver(context.faceSize, window.start, window.end) : 0;
    const change = context.visualChange ? meanOver(context.visualChange, window.start, window.end) : 0;
    const cutsPerMin = (shotCuts / Math.max(duration, 1)) * 60;
    visual = clamp01(
      0.6 * facePresence + 0.2 * clamp01(size / 0.08) + 0.2 * clamp01(Math.max(change / 10, cutsPerMin / 12)),
    );
    if (facePresence >= 0.6)
      reason(
        'visual',
        facePresence * 0.5,
        `A face is on screen ${Math.round(facePresence * 100)}% of the time`,
      );
    if (shotCuts >= 3) reason('visual', 0.3, `Lively picture: ${shotCuts} shot changes`);
  }
  // Cloud vision (optional): the most striking described keyframe inside the clip counts half.
  const best = context.cloudFrames
    .filter((f) => f.time >= window.start && f.time < window.end)
    .reduce<(typeof context.cloudFrames)[number] | null>(
      (top, f) => (!top || f.highlightScore > top.highlightScore ? f : top),
      null,
    );
  if (best) {
    const cloud = clamp01(best.highlightScore / 100);
    visual = visual === null ? cloud : clamp01(0.5 * visual + 0.5 * cloud);
    if (best.highlightScore >= 60)
      reason(
        'visual',
        cloud,
        `Striking picture at ${formatClipTime(best.time - window.start)}: ${best.description.replace(/\.$/, '')}`,
      );
  }

  const sweet = range.minSec + LENGTH_SWEET_SPOT * (range.maxSec - range.minSec);
  const length = clamp01(1 - Math.abs(duration - sweet) / Math.max(1, range.maxSec - range.minSec));

  return {
    features: {
      hook,
      completeness,
      density,
      energy,
      visual,
      novelty: 1,
      spread: 1,
      length,
      measures: {
        speechRate,
        fillerRatio,
        silenceShare,
        peakAboveMedianLu,
        peakAtSec,
        burstsAtSec,
        facePresence,
        shotCuts,
        startsTopic,
        endsTopic,
        crossesTopics,
      },
    },
    reasons,
  };
}

function countBetween(sorted: readonly number[], from: number, to: number): number {
  // Cuts strictly inside (from, to): a cut on an edge is where the clip was snapped.
  return Math.max(0, lastAtOrBefore(sorted, to - 1e-6) - lastAtOrBefore(sorted, from + 1e-6));
}

/** Whether any word of the window overlaps second s. */
function spokenDuring(context: ClipContext, window: ClipWindow, s: number): boolean {
  const from = context.sentences[window.firstSentence]!.firstWord;
  const to = context.sentences[window.lastSentence]!.lastWord;
  for (let i = from; i <= to; i += 1) {
    const w = context.words[i]!;
    if (w.start >= s + 1) return false;
    if (w.end > s) return true;
  }
  return false;
}
