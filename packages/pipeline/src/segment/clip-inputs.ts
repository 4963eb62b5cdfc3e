import type {
  FaceTracks,
  ShotList,
  Transcript,
  TranscriptSegment,
  TranscriptWord,
  VisualSecond,
} from '@kirinuki/contracts';

/**
 * What clip finding reads, in the shapes the other stages write (asr transcript JSON, `kirinuki
 * shots`, face tracks, per-second visual features). Declared here so segment depends on data, not
 * on those modules.
 */
export type InputWord = TranscriptWord;
export type InputSegment = TranscriptSegment;
/** A transcript from any source (a synthetic one in the benchmarks names its own backend). */
export type InputTranscript = Omit<Transcript, 'backend'> & { backend: string };
export type InputShots = ShotList;
export type InputFaces = FaceTracks;
export type InputVisualSecond = VisualSecond;

/** A keyframe as optional cloud vision described it (vision/cloud-vision.ts). */
export interface InputCloudFrame {
  time: number;
  /** 0–100: how much the frame looks like a moment worth clipping. */
  highlightScore: number;
  description: string;
}

export interface LoudnessSecond {
  /** Start of the one-second window. */
  t: number;
  /** Loudness of that second (LUFS); -Infinity or very low for silence. */
  lufs: number;
}
