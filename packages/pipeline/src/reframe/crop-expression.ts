import type { CropPlan, CropSegment } from './crop-plan.js';
import type { PathPoint } from './simplify-path.js';

const num = (n: number) => String(Math.round(n * 100) / 100);

/**
 * One axis of the plan as an ffmpeg expression in `t` (clip seconds): a sum of clipped ramps,
 * flat inside a segment where the camera holds and a step at each shot cut. A sum instead of
 * nested if()s keeps the expression shallow however long the clip is.
 */
export function axisExpression(segments: readonly CropSegment[], axis: 'x' | 'y', fps: number): string {
  const points: Array<PathPoint & { cut: boolean }> = [];
  segments.forEach((segment, s) => {
    segment[axis].forEach((p, i) => points.push({ ...p, cut: s > 0 && i === 0 }));
  });
  if (points.length === 0) return '0';
  const halfFrame = 0.5 / fps;
  const terms: string[] = [num((points[0] as PathPoint).v)];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1] as PathPoint;
    const b = points[i] as PathPoint & { cut: boolean };
    const dv = b.v - a.v;
    if (Math.abs(dv) < 0.01) continue;
    const sign = dv < 0 ? '-' : '+';
    if (b.cut || b.t - a.t <= 1e-6) {
      terms.push(`${sign}${num(Math.abs(dv))}*gte(t,${num(b.t - halfFrame)})`);
    } else {
      terms.push(
        `${sign}${num(Math.abs(dv))}*clip((t-${num(a.t)})/${b.t - a.t > 0 ? num(b.t - a.t) : 1},0,1)`,
      );
    }
  }
  return terms.join('');
}

/** `between(t,a,b)+…` for the segments of the given kinds, for a filter's `enable` option. */
export function segmentsEnableExpression(plan: CropPlan, kinds: ReadonlyArray<CropSegment['kind']>): string {
  const parts = plan.segments
    .filter((s) => kinds.includes(s.kind))
    .map((s) => `between(t,${num(s.start)},${num(s.end)})`);
  return parts.length > 0 ? parts.join('+') : '0';
}

/** Evaluates the piecewise-linear path at t (what the expression computes), for tests and covers. */
export function valueAt(segments: readonly CropSegment[], axis: 'x' | 'y', t: number): number {
  const segment = segments.find((s) => t < s.end) ?? segments.at(-1);
  if (!segment) return 0;
  const points = segment[axis];
  const i = points.findIndex((p) => p.t >= t);
  if (i <= 0) return (points[i === 0 ? 0 : points.length - 1] as PathPoint).v;
  const a = points[i - 1] as PathPoint;
  const b = points[i] as PathPoint;
  return a.v + ((t - a.t) / (b.t - a.t)) * (b.v - a.v);
}
