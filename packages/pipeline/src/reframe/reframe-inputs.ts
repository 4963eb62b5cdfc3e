/** A face box from the vision stage, normalised to the display-oriented frame (0..1). */
export interface FaceBox {
  /** Source time in seconds. */
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

export interface FaceTrack {
  id: number | string;
  start: number;
  end: number;
  /** Share of the track's span with a detection (0..1). */
  coverage: number;
  boxes: FaceBox[];
}

export interface FaceTracks {
  sampleFps: number;
  tracks: FaceTrack[];
}

export interface ShotList {
  shots: Array<{ index: number; start: number; end: number }>;
  cuts: Array<{ time: number; kind: string }>;
}

/** What to show when a shot has no subject to follow. */
export type NoSubjectFallback = 'center' | 'blur';
