import { describe, expect, it } from 'vitest';
import { createShotCollector, mergeCuts, SparseMismatchError, sparsePlan } from './detect-shots.js';

const frame = (value: number) => new Uint8Array(64 * 36).map((_, i) => (i % 64 < 32 ? value : 255 - value));

describe('the sparse shot pass (I and P frames only)', () => {
  it('is planned only where B-frames are at least a fifth of the frames', () => {
    const scan = (frames: number, reference: number) => ({
      pts: Array.from({ length: frames }, (_, i) => i / 25),
      referenceIndices: Array.from({ length: reference }, (_, i) => i),
    });
    expect(sparsePlan(null)).toBeNull();
    expect(sparsePlan(scan(100, 100))).toBeNull();
    expect(sparsePlan(scan(100, 81))).toBeNull();
    expect(sparsePlan(scan(100, 80))).not.toBeNull();
  });

  it('refuses decoded frames that are not the packets’ I and P frames (the caller then decodes every one)', async () => {
    const scan = { pts: Array.from({ length: 8 }, (_, i) => i / 25), referenceIndices: [0, 4] };
    const decodeSpan = () => Promise.reject(new Error('not asked'));
    const tooMany = createShotCollector({ fps: 25, durationSec: null }, { scan, decodeSpan });
    for (const pts of [0, 0.04, 0.16]) await tooMany.output.onFrame({ index: 0, pts, data: frame(10) });
    await expect(tooMany.finish()).rejects.toBeInstanceOf(SparseMismatchError);
    const elsewhere = createShotCollector({ fps: 25, durationSec: null }, { scan, decodeSpan });
    for (const pts of [0, 0.12]) await elsewhere.output.onFrame({ index: 0, pts, data: frame(10) });
    await expect(elsewhere.finish()).rejects.toBeInstanceOf(SparseMismatchError);
    const right = createShotCollector({ fps: 25, durationSec: null }, { scan, decodeSpan });
    for (const pts of [0, 0.16]) await right.output.onFrame({ index: 0, pts, data: frame(10) });
    await expect(right.finish()).resolves.toMatchObject({ sparse: true, frameCount: 8, cuts: [] });
  });

  it('keeps the every-frame detector’s boundaries over the sparse ones near them', () => {
    const hard = (frame: number) => ({ frame, kind: 'hard' as const, confidence: 0.9 });
    const gradual = (frame: number) => ({ frame, kind: 'gradual' as const, confidence: 0.7 });
    expect(
      mergeCuts([gradual(214), hard(400)], [gradual(220), hard(402), hard(30), gradual(300)], 12),
    ).toEqual([hard(30), gradual(214), gradual(300), hard(400)]);
  });
});
