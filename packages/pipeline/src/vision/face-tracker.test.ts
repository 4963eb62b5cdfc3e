import { describe, expect, it } from 'vitest';
import type { DetectedFace } from './face-box.js';
import { mainSubjectPerShot, trackFaces, type FaceSample } from './face-tracker.js';

const face = (cx: number, cy: number, w: number, score = 0.9): DetectedFace => ({ cx, cy, w, h: w, score });

/** A face-like subject moving left to right at 5 samples/s, plus a second one standing still. */
function movingSubject(
  options: { missing?: number[]; falseAt?: number[]; second?: boolean } = {},
): FaceSample[] {
  return Array.from({ length: 50 }, (_, i) => {
    const t = i / 5;
    const faces: DetectedFace[] = [];
    if (!options.missing?.includes(i)) faces.push(face(0.2 + i * 0.012, 0.4 + 0.05 * Math.sin(i / 4), 0.2));
    if (options.second) faces.push(face(0.85, 0.3, 0.1, 0.8));
    if (options.falseAt?.includes(i)) faces.push(face(0.1, 0.9, 0.05, 0.7));
    return { t, faces };
  });
}

describe('trackFaces', () => {
  it('follows one moving subject with one id over every sample', () => {
    const tracks = trackFaces(movingSubject());
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ id: 1, start: 0, end: 9.8, coverage: 1 });
    expect(tracks[0]?.boxes[10]).toEqual({
      t: 2,
      x: 0.22,
      y: expect.closeTo(0.3 + 0.05 * Math.sin(2.5), 4),
      w: 0.2,
      h: 0.2,
      score: 0.9,
    });
  });

  it('bridges short gaps by interpolation and keeps the id', () => {
    const tracks = trackFaces(movingSubject({ missing: [10, 11, 12, 30] }));
    expect(tracks).toHaveLength(1);
    expect(tracks[0]?.coverage).toBe(1);
    const bridged = tracks[0]?.boxes.filter((b) => b.score === 0).map((b) => b.t);
    expect(bridged).toEqual([2, 2.2, 2.4, 6]);
    expect(tracks[0]?.boxes[11]?.x).toBeCloseTo(0.2 + 11 * 0.012 - 0.1, 4);
  });

  it('splits a track across a gap longer than the limit', () => {
    const missing = Array.from({ length: 10 }, (_, k) => 20 + k);
    const tracks = trackFaces(movingSubject({ missing }), { maxGapSec: 1 });
    expect(tracks.map((t) => [t.id, t.start, t.end])).toEqual([
      [1, 0, 3.8],
      [2, 6, 9.8],
    ]);
  });

  it('keeps two people apart and drops one-off false detections', () => {
    const tracks = trackFaces(movingSubject({ second: true, falseAt: [5, 25] }));
    expect(tracks).toHaveLength(2);
    expect(tracks.map((t) => t.boxes.every((b) => (t.id === 2 ? b.x === 0.8 : b.x < 0.8)))).toEqual([
      true,
      true,
    ]);
  });

  it('ends tracks at shot cuts', () => {
    const tracks = trackFaces(movingSubject(), {}, [5]);
    expect(tracks.map((t) => [t.start, t.end])).toEqual([
      [0, 4.8],
      [5, 9.8],
    ]);
  });

  it('picks the largest, longest face as each shot’s main subject', () => {
    const samples = movingSubject({ second: true });
    const tracks = trackFaces(samples);
    const shots = [
      { index: 0, start: 0, end: 5 },
      { index: 1, start: 5, end: 10 },
      { index: 2, start: 10, end: 12 },
    ];
    expect(
      mainSubjectPerShot(
        tracks,
        shots,
        samples.map((s) => s.t),
      ),
    ).toEqual([
      { shotIndex: 0, trackId: 1, coverage: 1 },
      { shotIndex: 1, trackId: 1, coverage: 1 },
      { shotIndex: 2, trackId: null, coverage: 0 },
    ]);
  });
});
