/** A word as the ASR stage writes it (English words carry their leading space). */
export interface TimedWord {
  start: number;
  end: number;
  word: string;
  probability?: number;
}

/** A word placed on a caption, in clip time. */
export interface CaptionWord {
  text: string;
  start: number;
  end: number;
  /** Whether a space separates it from the previous word on the same line (never for Japanese). */
  spaceBefore: boolean;
  emphasis: boolean;
}

/** One caption screen: one or two lines shown together. */
export interface CaptionCue {
  start: number;
  end: number;
  lines: CaptionWord[][];
}

export interface CaptionLayoutOptions {
  /** Hard cap on characters per line (a full-width character counts as 2). */
  maxCharsPerLine: number;
  /** Width budget of a line, in em of the caption font. */
  maxLineEm: number;
  maxLines: 1 | 2;
  /** A cue never lasts longer than this, unless it is a single word. */
  maxCueSec: number;
  /** A silence this long always ends a cue. */
  pauseSec: number;
  /** Measure lines in capitals (for styles that shout). */
  uppercase?: boolean;
}
