import type { DetectedFace } from './face-box.js';

/** BlazeFace front (128×128) heads: 16×16 cells with 2 anchors each, then 8×8 cells with 6 each. */
export const BLAZEFACE_FRONT_LAYERS = [
  { cells: 16, anchorsPerCell: 2 },
  { cells: 8, anchorsPerCell: 6 },
] as const;
export const BLAZEFACE_INPUT_SIZE = 128;
/** Each regressor row: box centre offset (x, y), size (w, h), then 6 key points (x, y), in input pixels. */
export const BLAZEFACE_REGRESSOR_WIDTH = 16;

export interface Anchor {
  x: number;
  y: number;
}

/** Anchor centres in the order the model's output rows come: row-major cells, anchors within a cell. */
export function blazefaceAnchors(
  layers: ReadonlyArray<{ cells: number; anchorsPerCell: number }> = BLAZEFACE_FRONT_LAYERS,
): Anchor[][] {
  return layers.map(({ cells, anchorsPerCell }) => {
    const anchors: Anchor[] = [];
    for (let y = 0; y < cells; y += 1) {
      for (let x = 0; x < cells; x += 1) {
        for (let k = 0; k < anchorsPerCell; k += 1)
          anchors.push({ x: (x + 0.5) / cells, y: (y + 0.5) / cells });
      }
    }
    return anchors;
  });
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-80, Math.min(80, x))));

/**
 * Turns one head's raw outputs into boxes above `minScore`, in the model input's normalised
 * coordinates (0..1 over the 128×128 input).
 */
export function decodeBlazefaceHead(
  anchors: readonly Anchor[],
  scores: ArrayLike<number>,
  regressors: ArrayLike<number>,
  minScore: number,
  inputSize = BLAZEFACE_INPUT_SIZE,
): DetectedFace[] {
  const boxes: DetectedFace[] = [];
  anchors.forEach((anchor, i) => {
    const score = sigmoid(scores[i] as number);
    if (score < minScore) return;
    const r = i * BLAZEFACE_REGRESSOR_WIDTH;
    boxes.push({
      cx: anchor.x + (regressors[r] as number) / inputSize,
      cy: anchor.y + (regressors[r + 1] as number) / inputSize,
      w: (regressors[r + 2] as number) / inputSize,
      h: (regressors[r + 3] as number) / inputSize,
      score,
    });
  });
  return boxes;
}

/** Where the picture sits inside the square letterboxed input (ffmpeg's scale+pad arithmetic). */
export function letterboxPlacement(width: number, height: number, size = BLAZEFACE_INPUT_SIZE) {
  const wide = width >= height;
  const contentW = wide ? size : Math.floor((size * width) / height);
  const contentH = wide ? Math.floor((size * height) / width) : size;
  return {
    contentW,
    contentH,
    padX: Math.floor((size - contentW) / 2),
    padY: Math.floor((size - contentH) / 2),
    size,
  };
}

/** From letterboxed input coordinates back to the picture's own normalised coordinates. */
export function unletterbox(
  box: DetectedFace,
  placement: ReturnType<typeof letterboxPlacement>,
): DetectedFace {
  const { contentW, contentH, padX, padY, size } = placement;
  return {
    cx: (box.cx * size - padX) / contentW,
    cy: (box.cy * size - padY) / contentH,
    w: (box.w * size) / contentW,
    h: (box.h * size) / contentH,
    score: box.score,
  };
}
