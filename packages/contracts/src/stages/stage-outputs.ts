import type { PlatformName } from '../platforms/platform-presets.js';

// What each stage of the pipeline DAG hands to the stages after it (the job's output in the queue).
// Bulk data (transcripts, frames, vision results) stays in files; these carry where they are.

/** The ingest stage's output. */
export interface IngestOutput {
  /** The library video (an existing one when the same content was imported before). */
  videoId: string;
  sha256: string;
  path: string;
  durationSec: number;
  alreadyImported: boolean;
  warnings: string[];
  /** Set when the content is a video already in the library under another id. */
  supersededBy?: string;
}

export interface TranscribeSettings {
  backend: 'local' | 'openai';
  model: string;
  language: string;
}

export interface TranscribeOutput {
  /** The library video (the ingest stage's: an earlier import of the same content keeps its id). */
  videoId: string;
  /** Where the transcript JSON is. */
  transcriptFile: string;
  settings: TranscribeSettings;
  segments: number;
  words: number;
  cached: boolean;
}

export interface VisionOutput {
  videoId: string;
  /** Shots, face tracks and per-second visual features (JSON), for scoring and reframing. */
  visionFile: string;
  cuts: number;
  faceTracks: number;
  cached: boolean;
  /** Cloud vision (when turned on): the answers' file, or why there are none. */
  cloud?: { model: string; used: boolean; file?: string; frames?: number; error?: string };
}

export interface SegmentParams {
  platform: string;
  count: number;
  minSec?: number | undefined;
  maxSec?: number | undefined;
}

export interface SegmentOutput {
  videoId: string;
  platform: string;
  clipIds: string[];
  /** False when the same proposals were already stored (a rerun). */
  stored: boolean;
  /** The LLM re-rank: the model asked, or why it was not used (the heuristic ranking stands). */
  rerank?: { model: string; used: boolean; error?: string };
}

/** A rendered clip's files and what they are. */
export interface RenderedFile {
  output: string;
  cover: string;
  srt: string;
  width: number;
  height: number;
  durationSec: number;
  sizeBytes: number;
  encoder: string;
  preset: PlatformName;
  /** Measured loudness of the source segment before normalisation (null when silent or no audio). */
  sourceLoudness: number | null;
}

/** One clip rendered for a platform preset and caption style. */
export interface ClipRender extends RenderedFile {
  clipId: string;
  style: string;
  /** The clip's render key when it was rendered (absent on renders recorded before keys). */
  clipKey?: string;
}

/** The render stage's output: the approved clips of a video, rendered. */
export interface RenderOutput {
  videoId: string;
  rendered: Array<Pick<ClipRender, 'clipId' | 'output' | 'cover' | 'srt' | 'style' | 'preset'>>;
}

/** A keyframe described by optional cloud vision. */
export interface DescribedKeyframe {
  shotIndex: number;
  time: number;
  description: string;
  tags: string[];
  /** People visible in the frame. */
  people: number;
  /** Text readable on screen, verbatim ('' when none). */
  textOnScreen: string;
  /** 0–100: how much this frame looks like a moment worth clipping. */
  highlightScore: number;
}
