import type {
  InputFaces,
  InputShots,
  InputTranscript,
  InputCloudFrame,
  InputVisualSecond,
  LoudnessSecond,
} from './clip-inputs.js';
import { countFillers, hookSignals, startsMidThought, type HookSignals } from './hook-patterns.js';
import {
  buildSentences,
  flattenWords,
  isJapaneseTranscript,
  type FlatWord,
  type Sentence,
} from './sentences.js';
import { contentTerms } from './text-terms.js';
import { segmentTopics, type TopicSegmentation } from './topic-boundaries.js';

/** Everything about the whole video that scoring a window reads, computed once. */
export interface ClipContext {
  japanese: boolean;
  durationSec: number;
  words: FlatWord[];
  sentences: Sentence[];
  terms: string[][];
  topics: TopicSegmentation;
  hooks: HookSignals[];
  midThought: boolean[];
  /** Prefix sums over sentences (length n+1): words (characters for Japanese) and fillers. */
  unitsBefore: number[];
  fillersBefore: number[];
  cutTimes: number[];
  /** Per whole second, null when that input is missing. */
  loudness: Float64Array | null;
  loudnessMedian: number;
  facePresence: Float64Array | null;
  faceSize: Float64Array | null;
  visualChange: Float64Array | null;
  /** Keyframes described by cloud vision, in time order (empty when it was off). */
  cloudFrames: InputCloudFrame[];
  /** Document frequency of each term over sentences, for keywords. */
  documentFrequency: Map<string, number>;
}

export interface ClipInputs {
  transcript: InputTranscript;
  shots?: InputShots | null | undefined;
  faces?: InputFaces | null | undefined;
  visual?: readonly InputVisualSecond[] | null | undefined;
  loudness?: readonly LoudnessSecond[] | null | undefined;
  cloudFrames?: readonly InputCloudFrame[] | null | undefined;
}

function perSecond(
  length: number,
  entries: ReadonlyArray<{ t: number; value: number }>,
  fill: number,
): Float64Array {
  const out = new Float64Array(length).fill(fill);
  for (const { t, value } of entries) {
    const s = Math.floor(t);
    if (s >= 0 && s < length && Number.isFinite(value)) out[s] = value;
  }
  return out;
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/** Face presence and size per second from tracks, when per-second visual features are absent. */
function facesPerSecond(faces: InputFaces, seconds: number): { presence: Float64Array; size: Float64Array } {
  const presence = new Float64Array(seconds);
  const size = new Float64Array(seconds);
  for (const track of faces.tracks) {
    for (const box of track.boxes) {
      const s = Math.floor(box.t);
      if (s < 0 || s >= seconds || box.score <= 0) continue;
      presence[s] = 1;
      size[s] = Math.max(size[s]!, box.w * box.h);
    }
  }
  return { presence, size };
}

export function buildClipContext(inputs: ClipInputs): ClipContext {
  const { transcript } = inputs;
  const japanese = isJapaneseTranscript(transcript);
  const words = flattenWords(transcript);
  const sentences = buildSentences(words, japanese);
  const terms = sentences.map((s) => contentTerms(s.text, japanese));
  const lastWordEnd = words.length ? words[words.length - 1]!.end : 0;
  const durationSec = Math.max(transcript.durationSec || 0, lastWordEnd);
  const seconds = Math.ceil(durationSec) + 1;

  const unitsBefore = [0];
  const fillersBefore = [0];
  for (const s of sentences) {
    const units = japanese
      ? [...s.text.replace(/[。、！？!?「」『』\s]/g, '')].length
      : s.lastWord - s.firstWord + 1;
    unitsBefore.push(unitsBefore[unitsBefore.length - 1]! + units);
    fillersBefore.push(fillersBefore[fillersBefore.length - 1]! + countFillers(s.text, japanese));
  }

  const documentFrequency = new Map<string, number>();
  for (const list of terms)
    for (const t of new Set(list)) documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);

  const loud = inputs.loudness?.length
    ? perSecond(
        seconds,
        inputs.loudness.map((l) => ({ t: l.t, value: Math.max(-70, l.lufs) })),
        -70,
      )
    : null;

  let facePresence: Float64Array | null = null;
  let faceSize: Float64Array | null = null;
  let visualChange: Float64Array | null = null;
  if (inputs.visual?.length) {
    const at = (v: InputVisualSecond) => v.t ?? v.second ?? 0;
    facePresence = perSecond(
      seconds,
      inputs.visual.map((v) => ({ t: at(v), value: v.facePresence })),
      0,
    );
    faceSize = perSecond(
      seconds,
      inputs.visual.map((v) => ({ t: at(v), value: v.faceSize })),
      0,
    );
    visualChange = perSecond(
      seconds,
      inputs.visual.map((v) => ({ t: at(v), value: v.visualChange })),
      0,
    );
  } else if (inputs.faces) {
    const f = facesPerSecond(inputs.faces, seconds);
    facePresence = f.presence;
    faceSize = f.size;
  }

  return {
    japanese,
    durationSec,
    words,
    sentences,
    terms,
    topics: segmentTopics(terms),
    hooks: sentences.map((s) => hookSignals(s.text, japanese)),
    midThought: sentences.map((s) => startsMidThought(s.text, japanese)),
    unitsBefore,
    fillersBefore,
    cutTimes: (inputs.shots?.cuts ?? []).map((c) => c.time).sort((a, b) => a - b),
    loudness: loud,
    loudnessMedian: loud ? median(loud.filter((v) => v > -70)) : 0,
    facePresence,
    faceSize,
    visualChange,
    cloudFrames: [...(inputs.cloudFrames ?? [])].sort((a, b) => a.time - b.time),
    documentFrequency,
  };
}
