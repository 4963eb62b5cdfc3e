import type { FaceTrack, TrackBox } from '@kirinuki/contracts';
import { intersectionOverUnion, type DetectedFace } from './face-box.js';

export type { FaceTrack, TrackBox };

/** One sampled frame's detections. */
export interface FaceSample {
  t: number;
  faces: DetectedFace[];
}

export interface TrackerParams {
  /** A detection continues a track when IoU with its last box reaches this… */
  minIou: number;
  /** …or its centre is within this many face widths of the last centre. */
  maxCentreShift: number;
  /** A track not seen for longer than this (s) ends; shorter gaps are bridged. */
  maxGapSec: number;
  /** Tracks with fewer real detections than this are dropped as noise. */
  minDetections: number;
}

export const DEFAULT_TRACKER_PARAMS: TrackerParams = {
  minIou: 0.2,
  maxCentreShift: 0.6,
  maxGapSec: 1.5,
  minDetections: 3,
};

interface OpenTrack {
  id: number;
  seen: Array<{ t: number; box: DetectedFace }>;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

function matchCost(last: DetectedFace, face: DetectedFace, p: TrackerParams): number | null {
  const iou = intersectionOverUnion(last, face);
  const shift = Math.hypot(face.cx - last.cx, face.cy - last.cy) / Math.max(1e-6, Math.max(last.w, face.w));
  if (iou < p.minIou && shift > p.maxCentreShift) return null;
  return 1 - iou + shift;
}

/**
 * Links per-frame detections into tracks (one id per person while they stay in view): greedy
 * matching by overlap and centre distance, cheapest pairs first; gaps up to `maxGapSec` are bridged
 * by linear interpolation. `breaks` (shot cuts, s) end every track, since a new shot is a new view.
 */
export function trackFaces(
  samples: readonly FaceSample[],
  params: Partial<TrackerParams> = {},
  breaks: readonly number[] = [],
): FaceTrack[] {
  const p = { ...DEFAULT_TRACKER_PARAMS, ...params };
  const open: OpenTrack[] = [];
  const closed: OpenTrack[] = [];
  let nextId = 1;
  const sortedBreaks = [...breaks].sort((a, b) => a - b);
  let breakIndex = 0;
  for (const sample of samples) {
    while (breakIndex < sortedBreaks.length && (sortedBreaks[breakIndex] as number) <= sample.t) {
      closed.push(...open.splice(0));
      breakIndex += 1;
    }
    for (let i = open.length - 1; i >= 0; i -= 1) {
      const track = open[i] as OpenTrack;
      if (sample.t - (track.seen.at(-1)?.t ?? 0) > p.maxGapSec) closed.push(...open.splice(i, 1));
    }
    const pairs: Array<[number, number, number]> = [];
    open.forEach((track, ti) =>
      sample.faces.forEach((face, fi) => {
        const cost = matchCost((track.seen.at(-1) as { box: DetectedFace }).box, face, p);
        if (cost !== null) pairs.push([cost, ti, fi]);
      }),
    );
    pairs.sort((a, b) => a[0] - b[0]);
    const usedTracks = new Set<number>();
    const usedFaces = new Set<number>();
    for (const [, ti, fi] of pairs) {
      if (usedTracks.has(ti) || usedFaces.has(fi)) continue;
      usedTracks.add(ti);
      usedFaces.add(fi);
      (open[ti] as OpenTrack).seen.push({ t: sample.t, box: sample.faces[fi] as DetectedFace });
    }
    sample.faces.forEach((face, fi) => {
      if (!usedFaces.has(fi)) open.push({ id: 0, seen: [{ t: sample.t, box: face }] });
    });
  }
  closed.push(...open);

  const sampleTimes = samples.map((s) => s.t);
  return closed
    .filter((track) => track.seen.length >= p.minDetections)
    .sort((a, b) => (a.seen[0]?.t ?? 0) - (b.seen[0]?.t ?? 0))
    .map((track) => {
      const boxes = bridgeGaps(track.seen, sampleTimes);
      return {
        id: nextId++,
        start: round4(track.seen[0]?.t ?? 0),
        end: round4(track.seen.at(-1)?.t ?? 0),
        coverage: round4(sampleTimes.length ? boxes.length / sampleTimes.length : 0),
        boxes,
      };
    });
}

/** Boxes at every sampled time from the first to the last sighting, interpolated where unseen. */
function bridgeGaps(
  seen: ReadonlyArray<{ t: number; box: DetectedFace }>,
  sampleTimes: readonly number[],
): TrackBox[] {
  const first = seen[0]?.t ?? 0;
  const last = seen.at(-1)?.t ?? 0;
  const out: TrackBox[] = [];
  let k = 0;
  for (const t of sampleTimes) {
    if (t < first || t > last) continue;
    while (k + 1 < seen.length && (seen[k + 1]?.t ?? Infinity) <= t) k += 1;
    const a = seen[k] as { t: number; box: DetectedFace };
    const b = seen[k + 1];
    let box: DetectedFace;
    let score: number;
    if (a.t === t || !b) {
      box = a.box;
      score = a.t === t ? a.box.score : 0;
    } else {
      const u = (t - a.t) / (b.t - a.t);
      const mix = (key: 'cx' | 'cy' | 'w' | 'h') => a.box[key] + (b.box[key] - a.box[key]) * u;
      box = { cx: mix('cx'), cy: mix('cy'), w: mix('w'), h: mix('h'), score: 0 };
      score = 0;
    }
    out.push({
      t: round4(t),
      x: round4(box.cx - box.w / 2),
      y: round4(box.cy - box.h / 2),
      w: round4(box.w),
      h: round4(box.h),
      score: round4(score),
    });
  }
  return out;
}

export interface ShotSubject {
  shotIndex: number;
  /** The track that dominates the shot (largest face area × time on screen), or null with no face. */
  trackId: number | null;
  /** Share of the shot's sampled frames in which that track has a box. */
  coverage: number;
}

/** The main subject of each shot, for reframing: the face seen longest and largest in it. */
export function mainSubjectPerShot(
  tracks: readonly FaceTrack[],
  shots: ReadonlyArray<{ index: number; start: number; end: number }>,
  sampleTimes: readonly number[],
): ShotSubject[] {
  return shots.map((shot) => {
    const inShot = (t: number) => t >= shot.start && t < shot.end;
    const samplesInShot = sampleTimes.filter(inShot).length;
    let best: { id: number; weight: number; count: number } | null = null;
    for (const track of tracks) {
      const boxes = track.boxes.filter((b) => inShot(b.t));
      const weight = boxes.reduce((s, b) => s + b.w * b.h, 0);
      if (weight > 0 && (!best || weight > best.weight)) best = { id: track.id, weight, count: boxes.length };
    }
    return {
      shotIndex: shot.index,
      trackId: best?.id ?? null,
      coverage: best && samplesInShot ? round4(best.count / samplesInShot) : 0,
    };
  });
}
