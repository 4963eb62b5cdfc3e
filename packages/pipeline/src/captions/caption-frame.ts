import type { CaptionLayoutOptions } from './caption-types.js';
import type { CaptionStyle } from './caption-styles.js';
import { DEFAULT_LAYOUT } from './layout-captions.js';

/** Pixels at each edge of the output that the platform's interface covers. */
export interface SafeArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The output picture captions are drawn on. */
export interface CaptionFrame {
  width: number;
  height: number;
  safe: SafeArea;
}

/**
 * libass sizes a font so that its ascent + descent (Windows metrics) equal the style's font size;
 * for Noto Sans JP that is 1.448 em, so one em is this share of the font size.
 */
export const EM_PER_FONT_SIZE = 1000 / (1160 + 288);

/** Largest scale applied to a word (the active word in highlight and pop); the layout leaves room for it. */
export const MAX_WORD_SCALE = 1.1;

export interface CaptionPlacement {
  fontSize: number;
  /** Same margin both sides, so captions stay centred while clear of the wider side's buttons. */
  marginX: number;
  /** Distance of the bottom line's baseline area from the bottom edge. */
  marginBottom: number;
  layout: CaptionLayoutOptions;
}

/** Font size, margins and line budget for a style on a frame: captions stay inside the safe area. */
export function placeCaptions(style: CaptionStyle, frame: CaptionFrame): CaptionPlacement {
  const scale = Math.min(frame.width, frame.height) / 1080;
  const fontSize = Math.round(style.fontSize * scale);
  const pad = Math.round(0.03 * frame.width) + (style.box ? Math.round(style.outlineWidth * scale) : 0);
  const marginX = Math.max(frame.safe.left, frame.safe.right) + pad;
  const marginBottom = frame.safe.bottom + Math.round(style.lift * frame.height) + pad;
  const usable = frame.width - 2 * marginX;
  return {
    fontSize,
    marginX,
    marginBottom,
    layout: {
      ...DEFAULT_LAYOUT,
      maxLines: style.maxLines,
      uppercase: style.uppercase,
      maxLineEm: usable / (fontSize * EM_PER_FONT_SIZE) / MAX_WORD_SCALE,
      maxCharsPerLine: style.maxLines === 1 ? 20 : 26,
      maxCueSec: style.maxLines === 1 ? 2.2 : DEFAULT_LAYOUT.maxCueSec,
    },
  };
}
