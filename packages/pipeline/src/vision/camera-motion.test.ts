import { describe, expect, it } from 'vitest';
import { cameraMotionRatio } from './camera-motion.js';

const W = 64;
const H = 36;

/** Random grey levels on a 5 px grid of the given seed, smoothly interpolated: a textured scene. */
function scene(seed: number): (x: number, y: number) => number {
  let state = seed * 7919 + 1;
  const grid = Array.from({ length: 40 * 20 }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return ((state >> 16) % 200) - 100;
  });
  const at = (i: number, j: number) => grid[(j + 5) * 40 + (i + 5)] as number;
  return (x, y) => {
    const gx = x / 5;
    const gy = y / 5;
    const x0 = Math.floor(gx);
    const y0 = Math.floor(gy);
    const fx = gx - x0;
    const fy = gy - y0;
    const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
    const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
}

/** The scene seen through a 64×36 frame moved `dx` px and magnified `k` times about its centre. */
function picture(seed: number, dx = 0, k = 1): Float32Array {
  const look = scene(seed);
  const frame = new Float32Array(W * H);
  for (let y = 0; y < H; y += 1)
    for (let x = 0; x < W; x += 1)
      frame[y * W + x] = look(W / 2 + (x - W / 2) / k + dx, H / 2 + (y - H / 2) / k);
  return frame;
}

const blend = (a: Float32Array, b: Float32Array, t: number) =>
  a.map((v, i) => v * (1 - t) + (b[i] as number) * t);

describe('cameraMotionRatio', () => {
  it.each<{ name: string; a: Float32Array; b: Float32Array; expected: 'low' | 'high' }>([
    { name: 'a pan of 3 px', a: picture(1), b: picture(1, 3), expected: 'low' },
    { name: 'a pan of 1 px', a: picture(1), b: picture(1, 1), expected: 'low' },
    { name: 'a 3 % zoom', a: picture(1), b: picture(1, 0, 1.03), expected: 'low' },
    { name: 'a 4 % zoom', a: picture(1), b: picture(1, 0, 1.04), expected: 'low' },
    {
      name: 'a dissolve into another picture',
      a: picture(1),
      b: blend(picture(1), picture(2), 0.8),
      expected: 'high',
    },
    { name: 'another picture altogether', a: picture(1), b: picture(2), expected: 'high' },
    { name: 'a fade to black', a: picture(1), b: picture(1).map((v) => v * 0.2), expected: 'high' },
  ])('$name → $expected', ({ a, b, expected }) => {
    const ratio = cameraMotionRatio(a, b, W);
    if (expected === 'low') expect(ratio).toBeLessThan(0.5);
    else expect(ratio).toBeGreaterThan(0.8);
  });

  it('is 1 for two equal pictures (nothing to explain)', () => {
    expect(cameraMotionRatio(picture(1), picture(1), W)).toBe(1);
  });
});
