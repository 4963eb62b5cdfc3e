import { cropSizeFor } from './crop-geometry.js';
import type { CropPlan, CropSegment } from './crop-plan.js';
import type { FaceBox, FaceTrack, FaceTracks, NoSubjectFallback, ShotBounds } from './reframe-inputs.js';
import { simplifyPath, type PathPoint } from './simplify-path.js';
import { smoothCameraPath, type CameraLimits } from './smooth-camera.js';

export interface PlanCropOptions {
  /** Clip bounds in source seconds. */
  start: number;
  end: number;
  /** Display-oriented source size. */
  source: { width: number; height: number };
  output: { width: number; height: number };
  faces?: FaceTracks | null | undefined;
  shots?: ShotBounds | null | undefined;
  fallback: NoSubjectFallback;
  /** Camera limits as fractions of the crop size (per second, per second²). */
  deadZone?: number;
  maxSpeed?: number;
  maxAccel?: number;
  /** Share of a shot a track must be seen in to be followed. */
  minPresence?: number;
  /** Where the face centre sits vertically in the crop, from the top (0..1). */
  faceHeight?: number;
}

const STEP_SEC = 1 / 15;
const CUT_MERGE_SEC = 0.05;

/** Shot boundaries strictly inside the clip, in source seconds, sorted and de-duplicated. */
export function cutTimesWithin(shots: ShotBounds | null | undefined, start: number, end: number): number[] {
  if (!shots) return [];
  const times = [...shots.cuts.map((c) => c.time), ...shots.shots.map((s) => s.start)]
    .filter((t) => t > start + CUT_MERGE_SEC && t < end - CUT_MERGE_SEC)
    .sort((a, b) => a - b);
  return times.filter((t, i) => i === 0 || t - (times[i - 1] as number) > CUT_MERGE_SEC);
}

function boxesWithin(track: FaceTrack, from: number, to: number): FaceBox[] {
  return track.boxes.filter((b) => b.t >= from && b.t <= to).sort((a, b) => a.t - b.t);
}

/** The track that dominates [from, to]: seen often enough, weighted by size and confidence. */
export function pickSubject(
  faces: FaceTracks | null | undefined,
  from: number,
  to: number,
  minPresence: number,
): { track: FaceTrack; boxes: FaceBox[] } | null {
  if (!faces) return null;
  const expected = Math.max(1, (to - from) * faces.sampleFps);
  let best: { track: FaceTrack; boxes: FaceBox[]; weight: number } | null = null;
  for (const track of faces.tracks) {
    const boxes = boxesWithin(track, from, to);
    if (boxes.length / expected < minPresence) continue;
    const weight = boxes.reduce((sum, b) => sum + b.w * b.h * b.score, 0);
    if (!best || weight > best.weight) best = { track, boxes, weight };
  }
  return best && { track: best.track, boxes: best.boxes };
}

/** Face centre at time t: linear between detections, held before the first and after the last. */
export function centreAt(boxes: readonly FaceBox[], t: number): { cx: number; cy: number } {
  const first = boxes[0] as FaceBox;
  let i = boxes.findIndex((b) => b.t >= t);
  if (i === 0 || boxes.length === 1) return { cx: first.x + first.w / 2, cy: first.y + first.h / 2 };
  if (i < 0) i = boxes.length;
  const a = boxes[i - 1] as FaceBox;
  const b = boxes[i] ?? a;
  const f = b.t === a.t ? 0 : Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t)));
  return {
    cx: a.x + a.w / 2 + f * (b.x + b.w / 2 - (a.x + a.w / 2)),
    cy: a.y + a.h / 2 + f * (b.y + b.h / 2 - (a.y + a.h / 2)),
  };
}

function followAxis(targets: number[], times: number[], limits: CameraLimits, max: number): PathPoint[] {
  const smoothed = smoothCameraPath(targets, STEP_SEC, limits);
  const points = smoothed.map((v, i) => ({ t: times[i] as number, v: Math.min(max, Math.max(0, v)) }));
  return simplifyPath(points, 0.75).map((p) => ({ t: round3(p.t), v: Math.round(p.v * 100) / 100 }));
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Plans the crop for a clip: one segment per shot, each either following its dominant face with a
 * smooth camera, or falling back to the centre (or a blurred-background fit) when nobody is there.
 */
export function planCropPath(options: PlanCropOptions): CropPlan {
  const { start, end, source, output, fallback } = options;
  const crop = cropSizeFor(source, output);
  const minPresence = options.minPresence ?? 0.3;
  const faceHeight = options.faceHeight ?? 0.4;
  const maxX = source.width - crop.width;
  const maxY = source.height - crop.height;
  const centre = { x: maxX / 2, y: maxY / 2 };
  const bounds = [start, ...cutTimesWithin(options.shots, start, end), end];
  const segments: CropSegment[] = [];
  for (let s = 0; s + 1 < bounds.length; s += 1) {
    const from = bounds[s] as number;
    const to = bounds[s + 1] as number;
    const clipFrom = round3(from - start);
    const clipTo = round3(to - start);
    const subject = pickSubject(options.faces, from, to, minPresence);
    if (!subject) {
      segments.push({
        start: clipFrom,
        end: clipTo,
        kind: fallback === 'blur' ? 'fit' : 'center',
        subjectId: null,
        x: [{ t: clipFrom, v: centre.x }],
        y: [{ t: clipFrom, v: centre.y }],
      });
      continue;
    }
    const times: number[] = [];
    for (let t = from; t < to - 1e-9; t += STEP_SEC) times.push(t);
    times.push(to);
    const centres = times.map((t) => centreAt(subject.boxes, t));
    const limitsFor = (size: number): CameraLimits => ({
      deadZonePx: (options.deadZone ?? 0.08) * size,
      maxSpeedPxPerSec: (options.maxSpeed ?? 0.6) * size,
      maxAccelPxPerSec2: (options.maxAccel ?? 1.2) * size,
    });
    const clipTimes = times.map((t) => t - start);
    const xTargets = centres.map((c) => Math.min(maxX, Math.max(0, c.cx * source.width - crop.width / 2)));
    const yTargets = centres.map((c) =>
      Math.min(maxY, Math.max(0, c.cy * source.height - crop.height * faceHeight)),
    );
    segments.push({
      start: clipFrom,
      end: clipTo,
      kind: 'track',
      subjectId: subject.track.id,
      x: followAxis(xTargets, clipTimes, limitsFor(crop.width), maxX),
      y: followAxis(yTargets, clipTimes, limitsFor(crop.height), maxY),
    });
  }
  return { source, crop, segments };
}
