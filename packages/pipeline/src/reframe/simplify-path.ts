export interface PathPoint {
  t: number;
  v: number;
}

/** Ramer–Douglas–Peucker on a 1-D signal over time: drops points within `tolerance` of a straight line. */
export function simplifyPath(points: readonly PathPoint[], tolerance: number): PathPoint[] {
  if (points.length <= 2) return [...points];
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = true;
  keep[points.length - 1] = true;
  const stack: Array<[number, number]> = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const pa = points[a] as PathPoint;
    const pb = points[b] as PathPoint;
    let worst = -1;
    let worstError = tolerance;
    for (let i = a + 1; i < b; i += 1) {
      const p = points[i] as PathPoint;
      const f = pb.t === pa.t ? 0 : (p.t - pa.t) / (pb.t - pa.t);
      const error = Math.abs(p.v - (pa.v + f * (pb.v - pa.v)));
      if (error > worstError) {
        worst = i;
        worstError = error;
      }
    }
    if (worst >= 0) {
      keep[worst] = true;
      stack.push([a, worst], [worst, b]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
