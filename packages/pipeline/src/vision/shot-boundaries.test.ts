import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOT_BOUNDARY_PARAMS, findShotBoundaries, type ShotCut } from './shot-boundaries.js';
import { createShotFeatureExtractor } from './shot-features.js';

const W = 64;
const H = 36;

/** A deterministic smooth picture (random values on a coarse grid, interpolated), wide enough to pan. */
function texture(seed: number, width = W * 4): Uint8Array {
  let s = seed * 7919 + 1;
  const random = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return 30 + ((s >> 16) % 190);
  };
  const cell = 8;
  const gw = Math.ceil(width / cell) + 1;
  const gh = Math.ceil(H / cell) + 1;
  const grid = Array.from({ length: gw * gh }, random);
  const out = new Uint8Array(width * H);
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const gx = x / cell;
      const gy = y / cell;
      const x0 = Math.floor(gx);
      const y0 = Math.floor(gy);
      const fx = gx - x0;
      const fy = gy - y0;
      const g = (i: number, j: number) => grid[j * gw + (i % gw)] as number;
      const top = g(x0, y0) * (1 - fx) + g(x0 + 1, y0) * fx;
      const bottom = g(x0, y0 + 1) * (1 - fx) + g(x0 + 1, y0 + 1) * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return out;
}

function view(picture: Uint8Array, offset: number, width = W * 4): Uint8Array {
  const frame = new Uint8Array(W * H);
  for (let y = 0; y < H; y += 1)
    for (let x = 0; x < W; x += 1) frame[y * W + x] = picture[y * width + ((x + offset) % width)] as number;
  return frame;
}

/** The picture seen from a sub-pixel offset (a slow pan moves less than a thumbnail pixel a frame). */
function viewAt(picture: Uint8Array, offset: number, width = W * 4): Uint8Array {
  const whole = Math.floor(offset);
  const u = offset - whole;
  const left = view(picture, whole, width);
  const right = view(picture, whole + 1, width);
  return left.map((v, i) => Math.round(v * (1 - u) + (right[i] as number) * u));
}

/** The picture magnified `k` times about its centre (a slow zoom). */
function zoomed(picture: Uint8Array, k: number, width = W * 4): Uint8Array {
  const frame = new Uint8Array(W * H);
  for (let y = 0; y < H; y += 1)
    for (let x = 0; x < W; x += 1) {
      const sx = Math.round(W / 2 + (x - W / 2) / k);
      const sy = Math.min(H - 1, Math.max(0, Math.round(H / 2 + (y - H / 2) / k)));
      frame[y * W + x] = picture[sy * width + sx] as number;
    }
  return frame;
}

const mix = (a: Uint8Array, b: Uint8Array, u: number) =>
  a.map((v, i) => Math.round(v * (1 - u) + (b[i] as number) * u));
const scale = (a: Uint8Array, k: number) => a.map((v) => Math.min(255, Math.round(v * k)));

function detect(frames: Uint8Array[], window = 8): ShotCut[] {
  const extractor = createShotFeatureExtractor(window);
  for (const frame of frames) extractor.push(frame);
  return findShotBoundaries(extractor.features(), { ...DEFAULT_SHOT_BOUNDARY_PARAMS, blendWindow: window });
}

const A = texture(1);
const B = texture(2);
const C = scale(texture(3), 0.6); // another place, darker
/** A still shot with a little sensor noise. */
const still = (picture: Uint8Array, n: number) =>
  Array.from({ length: n }, (_, k) => view(picture, 0).map((v, i) => v + (((i * 31 + k * 17) % 5) - 2)));
const summary = (cuts: ShotCut[]) => cuts.map((c) => `${c.kind}@${c.frame}`);

describe('findShotBoundaries (synthetic frames)', () => {
  it.each<[string, Uint8Array[], string[]]>([
    ['a hard cut', [...still(A, 30), ...still(B, 30)], ['hard@30']],
    [
      'a cut with one blended frame between',
      [...still(A, 30), mix(view(A, 0), view(B, 0), 0.5), ...still(B, 30)],
      ['hard@30'],
    ],
    ['a flash of one frame', [...still(A, 30), scale(view(A, 0), 2.5), ...still(A, 30)], []],
    [
      'a two-frame flash',
      [...still(A, 30), scale(view(A, 0), 2), scale(view(A, 0), 2.5), ...still(A, 30)],
      [],
    ],
    ['a brightness change', [...still(A, 30), ...still(A, 30).map((f) => scale(f, 1.2))], []],
    ['a fast pan', Array.from({ length: 60 }, (_, i) => view(A, i * 4)), []],
    // Under a thumbnail pixel a frame, a pan looks like a blend of its ends, window by window.
    ['a slow pan', Array.from({ length: 150 }, (_, i) => viewAt(A, i * 0.15)), []],
    ['a slow zoom', Array.from({ length: 120 }, (_, i) => zoomed(A, 1 + i * 0.004)), []],
    [
      'a cut inside a fast pan',
      [
        ...Array.from({ length: 30 }, (_, i) => view(A, i * 4)),
        ...Array.from({ length: 30 }, (_, i) => view(C, i * 4)),
      ],
      ['hard@30'],
    ],
    [
      'a dissolve over 20 frames',
      [
        ...still(A, 30),
        ...Array.from({ length: 20 }, (_, i) => mix(view(A, 0), view(B, 0), (i + 1) / 21)),
        ...still(B, 30),
      ],
      ['gradual@40'],
    ],
    [
      'a fade out to black and in',
      [
        ...still(A, 30),
        ...Array.from({ length: 12 }, (_, i) => scale(view(A, 0), 1 - (i + 1) / 12)),
        ...Array.from({ length: 6 }, () => new Uint8Array(W * H)),
        ...Array.from({ length: 12 }, (_, i) => scale(view(B, 0), (i + 1) / 12)),
        ...still(B, 30),
      ],
      ['gradual@45'],
    ],
    [
      'a fade in at the very start is no cut',
      [...Array.from({ length: 12 }, (_, i) => scale(view(A, 0), i / 12)), ...still(A, 30)],
      [],
    ],
  ])('%s', (_name, frames, expected) => {
    const cuts = summary(detect(frames));
    // Gradual boundaries may land a few frames either side of the middle of the transition.
    if (expected[0]?.startsWith('gradual')) {
      expect(cuts).toHaveLength(1);
      expect(cuts[0]).toMatch(/^gradual@/);
      expect(
        Math.abs(Number(cuts[0]?.split('@')[1]) - Number(expected[0].split('@')[1])),
      ).toBeLessThanOrEqual(3);
    } else expect(cuts).toEqual(expected);
  });
});
