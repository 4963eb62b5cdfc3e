import type { CaptionCue, TimedWord } from './caption-types.js';
import { placeCaptions, type CaptionFrame } from './caption-frame.js';
import type { CaptionStyle } from './caption-styles.js';
import { markEmphasis } from './emphasis.js';
import { layoutCaptions } from './layout-captions.js';
import { prepareCaptionWords } from './prepare-words.js';

export interface PlanCaptionsOptions {
  /** ASR words in source time. */
  words: readonly TimedWord[];
  /** Clip bounds in source seconds; cues come out in clip time. */
  start: number;
  end: number;
  style: CaptionStyle;
  frame: CaptionFrame;
  keywords?: readonly string[];
}

/** ASR words → caption cues for one clip, laid out for the style and frame. */
export function planCaptions(options: PlanCaptionsOptions): CaptionCue[] {
  const { layout } = placeCaptions(options.style, options.frame);
  const words = prepareCaptionWords(options.words, options.start, options.end, layout.maxCharsPerLine);
  return layoutCaptions(markEmphasis(words, options.keywords), layout, options.end - options.start);
}
