import type { PathPoint } from './simplify-path.js';

/** How one stretch of the clip (between shot cuts) is framed. */
export interface CropSegment {
  /** Clip time, seconds. */
  start: number;
  end: number;
  /** 'track' follows a subject, 'center' holds the middle, 'fit' shows the whole frame over a blur. */
  kind: 'track' | 'center' | 'fit';
  subjectId: number | string | null;
  /** Top-left corner of the crop in source pixels, as keyframes in clip time (piecewise linear). */
  x: PathPoint[];
  y: PathPoint[];
}

/** A crop path over the whole clip, ready to become ffmpeg expressions. */
export interface CropPlan {
  source: { width: number; height: number };
  crop: { width: number; height: number };
  segments: CropSegment[];
}
