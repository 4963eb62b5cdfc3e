import { describe, expect, it } from 'vitest';
import { cropSizeFor } from './crop-geometry.js';
import { axisExpression, valueAt } from './crop-expression.js';
import { planCropPath, type PlanCropOptions } from './plan-crop-path.js';
import type { FaceTracks } from './reframe-inputs.js';

const SOURCE = { width: 1920, height: 1080 };
const VERTICAL = { width: 1080, height: 1920 };

/** A face track sampled at 10 fps whose centre x is `cx(t)` (normalised). */
function track(cx: (t: number) => number, from = 0, to = 10, id = 1): FaceTracks {
  const boxes = [];
  for (let t = from; t <= to + 1e-9; t += 0.1) {
    boxes.push({ t, x: cx(t) - 0.05, y: 0.3, w: 0.1, h: 0.15, score: 0.9 });
  }
  return { sampleFps: 10, tracks: [{ id, start: from, end: to, coverage: 1, boxes }] };
}

const base: PlanCropOptions = { start: 0, end: 10, source: SOURCE, output: VERTICAL, fallback: 'center' };
const cropX = (plan: ReturnType<typeof planCropPath>, t: number) => valueAt(plan.segments, 'x', t);
const xOfCentre = (cx: number, cropW: number) => Math.min(1920 - cropW, Math.max(0, cx * 1920 - cropW / 2));

describe('cropSizeFor', () => {
  it.each([
    [SOURCE, VERTICAL, { width: 606, height: 1080 }],
    [SOURCE, { width: 1080, height: 1080 }, { width: 1080, height: 1080 }],
    [SOURCE, { width: 1080, height: 1350 }, { width: 864, height: 1080 }],
    [SOURCE, { width: 1280, height: 720 }, { width: 1920, height: 1080 }],
    [
      { width: 1080, height: 1920 },
      { width: 1280, height: 720 },
      { width: 1080, height: 606 },
    ],
  ])('%j → %j gives %j', (source, output, expected) => {
    expect(cropSizeFor(source, output)).toEqual(expected);
  });
});

describe('planCropPath', () => {
  it('follows a subject moving across the frame', () => {
    const faces = track((t) => 0.2 + 0.06 * t);
    const plan = planCropPath({ ...base, faces });
    expect(plan.segments).toHaveLength(1);
    expect(plan.segments[0]?.kind).toBe('track');
    const w = plan.crop.width;
    for (const t of [3, 5, 7, 9]) {
      const subjectX = (0.2 + 0.06 * t) * 1920;
      const x = cropX(plan, t);
      // The subject stays inside the middle part of the crop.
      expect(subjectX - x).toBeGreaterThan(w * 0.25);
      expect(subjectX - x).toBeLessThan(w * 0.75);
    }
    expect(cropX(plan, 9)).toBeGreaterThan(cropX(plan, 1) + 500);
  });

  it('stays still for a still subject, and for one that jitters inside the dead zone', () => {
    for (const cx of [() => 0.7, (t: number) => 0.7 + 0.01 * Math.sin(t * 17)]) {
      const plan = planCropPath({ ...base, faces: track(cx) });
      const xs = [0, 1, 2.5, 4, 6.3, 9.9].map((t) => cropX(plan, t));
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(1);
      expect(plan.segments[0]?.x.length).toBeLessThanOrEqual(2);
      expect(xs[0]).toBeCloseTo(xOfCentre(0.7, plan.crop.width), -1);
    }
  });

  it('never exceeds the speed limit, even when the subject jumps', () => {
    const plan = planCropPath({ ...base, faces: track((t) => (t < 3 ? 0.2 : 0.8)), maxSpeed: 0.5 });
    const limit = 0.5 * plan.crop.width;
    for (let t = 0; t < 9.9; t += 0.1) {
      const speed = Math.abs(cropX(plan, t + 0.1) - cropX(plan, t)) / 0.1;
      expect(speed).toBeLessThanOrEqual(limit * 1.05);
    }
    expect(cropX(plan, 9.5)).toBeCloseTo(xOfCentre(0.8, plan.crop.width), -2);
  });

  it('switches hard at a shot cut, with no pan across it', () => {
    const faces: FaceTracks = {
      sampleFps: 10,
      tracks: [...track(() => 0.2, 0, 5, 1).tracks, ...track(() => 0.8, 5, 10, 2).tracks],
    };
    const shots = {
      shots: [
        { index: 0, start: 0, end: 5 },
        { index: 1, start: 5, end: 10 },
      ],
      cuts: [{ time: 5, kind: 'hard' }],
    };
    const plan = planCropPath({ ...base, faces, shots });
    expect(plan.segments.map((s) => s.subjectId)).toEqual([1, 2]);
    expect(cropX(plan, 4.95)).toBeCloseTo(xOfCentre(0.2, plan.crop.width), 0);
    expect(cropX(plan, 5.0)).toBeCloseTo(xOfCentre(0.8, plan.crop.width), 0);
    expect(axisExpression(plan.segments, 'x', 30)).toContain('gte(t,4.98)');
  });

  it.each([
    ['center', 'center'],
    ['blur', 'fit'],
  ] as const)('falls back to %s when nobody is there', (fallback, kind) => {
    const plan = planCropPath({ ...base, fallback, faces: { sampleFps: 10, tracks: [] } });
    expect(plan.segments).toEqual([
      expect.objectContaining({ kind, subjectId: null, x: [{ t: 0, v: (1920 - 606) / 2 }] }),
    ]);
  });

  it('ignores a face seen too briefly in a shot', () => {
    const plan = planCropPath({ ...base, faces: track(() => 0.9, 4, 5) });
    expect(plan.segments[0]?.kind).toBe('center');
  });

  it('works in clip time when the clip starts later in the source', () => {
    const plan = planCropPath({ ...base, start: 20, end: 24, faces: track(() => 0.25, 0, 30) });
    expect(plan.segments[0]).toMatchObject({ start: 0, end: 4, kind: 'track' });
    expect(cropX(plan, 2)).toBeCloseTo(xOfCentre(0.25, plan.crop.width), 0);
  });
});

describe('axisExpression', () => {
  it.each([
    [[{ t: 0, v: 100 }], '100'],
    [
      [
        { t: 0, v: 100 },
        { t: 2, v: 50 },
      ],
      '100-50*clip((t-0)/2,0,1)',
    ],
  ])('%j → %s', (x, expected) => {
    expect(axisExpression([{ start: 0, end: 4, kind: 'track', subjectId: 1, x, y: [] }], 'x', 25)).toBe(
      expected,
    );
  });
});
