/**
 * What the vision stage finds, in the shapes its result file holds: shots and cuts, face tracks and
 * per-second visual features. Clip finding and reframing read these; they depend on data, not on
 * the vision code.
 */

/** A box in a face track: top-left corner and size, normalised 0..1; score 0 marks a bridged gap. */
export interface TrackBox {
  /** Source time in seconds. */
  t: number;
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
}

export interface FaceTrack {
  id: number;
  start: number;
  end: number;
  /** Share of all sampled frames in which this track has a box (bridged gaps included). */
  coverage: number;
  boxes: TrackBox[];
}

export interface FaceTracks {
  sampleFps: number;
  tracks: FaceTrack[];
}

export interface ShotCut {
  frame: number;
  time: number;
  kind: 'hard' | 'gradual';
  /** 0..1 */
  confidence: number;
}

export interface Shot {
  index: number;
  startFrame: number;
  endFrame: number;
  start: number;
  end: number;
}

export interface ShotList {
  fps: number;
  frameCount: number;
  cuts: ShotCut[];
  shots: Shot[];
}

/** One second of visual features; vision writes the time as `second`, either name is read. */
export interface VisualSecond {
  t?: number;
  second?: number;
  visualChange: number;
  facePresence: number;
  faceSize: number;
  brightness: number;
}

/** The vision stage's result file. */
export interface VisionResult {
  shots?: ShotList | null;
  faces?: FaceTracks | null;
  visual?: VisualSecond[] | null;
}
