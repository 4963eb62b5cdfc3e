import { throwIfAborted, UserFacingError, type ClipProposal } from '@kirinuki/contracts';
import { clipDurationRange, platformPreset, type PlatformName } from '@kirinuki/contracts';
import { candidateWindows } from './candidate-windows.js';
import { buildClipContext, type ClipInputs } from './clip-context.js';
import { formatClipTime, measureClip, type ClipFeatures } from './clip-features.js';
import { suggestHashtags, suggestTitle } from './clip-title.js';
import { topReasons } from './score-clip.js';
import { selectClips } from './select-clips.js';
import { joinWords } from './sentences.js';

export interface ProposeClipsOptions extends ClipInputs {
  platform: PlatformName | string;
  /** How many clips to propose (1–50). */
  count: number;
  minSec?: number | undefined;
  maxSec?: number | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: { fraction: number; stage: string }) => void) | undefined;
}

/** A proposal as clip finding makes it: the shared ClipProposal with its measures always set. */
export type ProposedClip = ClipProposal<ClipFeatures> & { features: ClipFeatures };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The best clips of a video for a platform, ranked by score. Pure and synchronous apart from the
 * abort checks; a 60-minute transcript takes well under a second.
 */
export function proposeClips(options: ProposeClipsOptions): ProposedClip[] {
  const { signal, onProgress } = options;
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > 50) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `--count ${options.count} is not a whole number from 1 to 50.`,
    );
  }
  const preset = platformPreset(options.platform);
  const range = clipDurationRange(preset, { minSec: options.minSec, maxSec: options.maxSec });
  throwIfAborted(signal);
  onProgress?.({ fraction: 0, stage: 'sentences and topics' });
  const context = buildClipContext(options);
  if (!context.words.length) return [];
  throwIfAborted(signal);
  onProgress?.({ fraction: 0.3, stage: 'candidate windows' });
  const windows = candidateWindows(
    context.sentences,
    context.words,
    range,
    context.cutTimes,
    context.durationSec,
  );
  throwIfAborted(signal);
  onProgress?.({ fraction: 0.5, stage: 'scoring' });
  const measured = windows.map((window) => {
    const { features, reasons } = measureClip(context, window, range);
    const terms = new Map<string, number>();
    for (let i = window.firstSentence; i <= window.lastSentence; i += 1) {
      for (const t of context.terms[i]!) terms.set(t, (terms.get(t) ?? 0) + 1);
    }
    return { ...window, features, reasons, terms };
  });
  throwIfAborted(signal);
  onProgress?.({ fraction: 0.8, stage: 'choosing' });
  const chosen = selectClips(measured, {
    count: options.count,
    durationSec: context.durationSec,
    maxOverlapShare: 0.3,
    poolSize: Math.max(2000, options.count * 200),
  });
  const clips = chosen.map((clip, index): ProposedClip => {
    const first = context.sentences[clip.firstSentence]!;
    const last = context.sentences[clip.lastSentence]!;
    const reasons = [...clip.reasons];
    if (clip.features.novelty >= 0.85 && chosen.length > 1) {
      reasons.push({ feature: 'novelty', strength: 0.5, text: 'Covers ground the other clips do not' });
    }
    return {
      rank: index + 1,
      start: round3(clip.start),
      end: round3(clip.end),
      duration: round3(clip.end - clip.start),
      score: Math.round(clip.score),
      reasons: topReasons(
        reasons,
        `Complete sentences from ${formatClipTime(clip.start)} to ${formatClipTime(clip.end)}`,
      ),
      text: joinWords(context.words.slice(first.firstWord, last.lastWord + 1), context.japanese),
      title: suggestTitle(context, clip.firstSentence, clip.lastSentence),
      hashtags: suggestHashtags(context, clip.firstSentence, clip.lastSentence),
      features: clip.features,
    };
  });
  onProgress?.({ fraction: 1, stage: 'done' });
  return clips;
}
