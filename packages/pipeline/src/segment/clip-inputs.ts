/**
 * What clip finding reads, in the shapes the other stages write (asr transcript JSON, `kirinuki
 * shots`, face tracks, per-second visual features). Declared here so segment depends on data, not
 * on those modules.
 */
export interface InputWord {
  start: number;
  end: number;
  /** As Whisper emits it: English words carry their leading space and punctuation. */
  word: string;
  probability: number;
}

export interface InputSegment {
  start: number;
  end: number;
  text: string;
  words: InputWord[];
}

export interface InputTranscript {
  language: string;
  model: string;
  backend: string;
  durationSec: number;
  segments: InputSegment[];
}

export interface InputShots {
  fps: number;
  frameCount: number;
  cuts: Array<{ frame: number; time: number; kind: 'hard' | 'gradual'; confidence: number }>;
  shots: Array<{ index: number; startFrame: number; endFrame: number; start: number; end: number }>;
}

export interface InputFaces {
  sampleFps: number;
  tracks: Array<{
    id: number;
    start: number;
    end: number;
    coverage: number;
    boxes: Array<{ t: number; x: number; y: number; w: number; h: number; score: number }>;
  }>;
}

/** One second of visual features; vision writes the time as `second`, either name is read. */
export interface InputVisualSecond {
  t?: number;
  second?: number;
  visualChange: number;
  facePresence: number;
  faceSize: number;
  brightness: number;
}

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
