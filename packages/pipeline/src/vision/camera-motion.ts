/**
 * How much of the change between two thumbnails a camera move explains: the smallest mean
 * difference after moving `a` by a half-pixel-step shift (and slightly scaling it about the centre),
 * over the plain difference. ≈1 for a dissolve or a fade (no move makes one picture the other),
 * well below 1 for a pan, tilt or zoom. Both are zero-mean grey frames `width` wide.
 */
export function cameraMotionRatio(a: Float32Array, b: Float32Array, width: number, maxShift = 6): number {
  const height = a.length / width;
  const plain = meanAbs(a, b, width, height, 1, 0, 0, 1);
  if (plain <= 1e-6) return 1;
  // Coarse: whole-pixel moves on every other pixel; then half-pixel steps around the best, on all.
  let best = { error: Number.POSITIVE_INFINITY, scale: 1, dx: 0, dy: 0 };
  const tryMove = (scale: number, dx: number, dy: number, stride: number) => {
    const error = meanAbs(a, b, width, height, scale, dx, dy, stride);
    if (error < best.error) best = { error, scale, dx, dy };
  };
  const maxTilt = Math.min(maxShift, 4);
  for (let dy = -maxTilt; dy <= maxTilt; dy += 1)
    for (let dx = -maxShift; dx <= maxShift; dx += 1) tryMove(1, dx, dy, 2);
  for (const scale of ZOOMS)
    for (let dy = -2; dy <= 2; dy += 1) for (let dx = -2; dx <= 2; dx += 1) tryMove(scale, dx, dy, 2);
  const coarse = best;
  best = {
    ...coarse,
    error: Math.min(plain, meanAbs(a, b, width, height, coarse.scale, coarse.dx, coarse.dy, 1)),
  };
  for (const scale of [coarse.scale * 0.99, coarse.scale, coarse.scale * 1.01])
    for (let dy = -0.5; dy <= 0.5; dy += 0.5)
      for (let dx = -0.5; dx <= 0.5; dx += 0.5) tryMove(scale, coarse.dx + dx, coarse.dy + dy, 1);
  return Math.min(1, best.error / plain);
}

/** Zooms of up to ±6 % between the ends of a candidate (a slow push-in lasts seconds). */
const ZOOMS = [0.94, 0.96, 0.98, 1.02, 1.04, 1.06];

/** Mean |a(T(p)) − b(p)| over the pixels p whose source T(p) falls inside `a` (bilinear). */
function meanAbs(
  a: Float32Array,
  b: Float32Array,
  width: number,
  height: number,
  scale: number,
  dx: number,
  dy: number,
  stride: number,
): number {
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y += stride) {
    const sy = cy + (y - cy) / scale + dy;
    if (sy < 0 || sy > height - 1) continue;
    const y0 = Math.min(height - 2, Math.floor(sy));
    const fy = sy - y0;
    for (let x = 0; x < width; x += stride) {
      const sx = cx + (x - cx) / scale + dx;
      if (sx < 0 || sx > width - 1) continue;
      const x0 = Math.min(width - 2, Math.floor(sx));
      const fx = sx - x0;
      const i = y0 * width + x0;
      const top = (a[i] as number) * (1 - fx) + (a[i + 1] as number) * fx;
      const bottom = (a[i + width] as number) * (1 - fx) + (a[i + width + 1] as number) * fx;
      sum += Math.abs(top * (1 - fy) + bottom * fy - (b[y * width + x] as number));
      count += 1;
    }
  }
  // A move that leaves under half the picture overlapping proves nothing.
  return count >= (width * height) / (2 * stride * stride) ? sum / count : Number.POSITIVE_INFINITY;
}
