import { describe, expect, it } from 'vitest';
import { seededRandom } from '../fakes/fake-kit.js';
import { chunkRuleBroken } from '../fakes/tiktok-fake-rules.js';
import { bytesOfChunks, chunkRange, chunksWithin, contentRangeOf, planChunks } from './tiktok-chunks.js';

const MIB = 1024 * 1024;

describe('planChunks', () => {
  it.each([
    ['1 byte: one piece', 1, undefined, 1, 1],
    ['under 5 MB: one piece', 4 * MIB, undefined, 4 * MIB, 1],
    ['19 MiB with 10 MiB chunks: one piece (two do not fit)', 19 * MIB, undefined, 19 * MIB, 1],
    ['20 MiB: two chunks of 10 MiB', 20 * MIB, undefined, 10 * MIB, 2],
    ["TikTok's example: 50,000,123 bytes in 10,000,000", 50_000_123, 10_000_000, 10_000_000, 5],
    ['a tiny preference is raised to 5 MiB', 16 * MIB, 1, 5 * MIB, 3],
    ['64,000,000 bytes: still one piece', 64_000_000, 64 * MIB, 64_000_000, 1],
    ['just over 64 MB: two chunks', 64_000_001, 64 * MIB, 32_000_000, 2],
    ['4 GiB: 409 chunks of 10 MiB', 4 * 1024 * MIB, undefined, 10 * MIB, 409],
    ['20 GB: chunks grow to stay within 1000', 20e9, undefined, 20_000_000, 1000],
  ])('%s', (_label, size, preferred, chunkSize, chunkCount) => {
    expect(planChunks(size, preferred)).toEqual({ videoSize: size, chunkSize, chunkCount });
  });

  it('refuses an empty file and one beyond 1000 chunks of 64 MB', () => {
    expect(() => planChunks(0)).toThrow(expect.objectContaining({ code: 'EMPTY_FILE' }));
    expect(() => planChunks(70e9)).toThrow(expect.objectContaining({ code: 'POST_DOES_NOT_FIT' }));
  });

  it('every plan keeps the rules as the fake reads them from the docs', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i += 1) {
      const size = Math.max(1, Math.floor(random() ** 3 * 8e9));
      const preferred = Math.floor(random() * 80e6);
      const plan = planChunks(size, preferred);
      const broken = chunkRuleBroken({
        source: 'FILE_UPLOAD',
        video_size: plan.videoSize,
        chunk_size: plan.chunkSize,
        total_chunk_count: plan.chunkCount,
      });
      expect(broken, `size ${size}, preferred ${preferred}`).toBeNull();
      const last = chunkRange(plan, plan.chunkCount - 1);
      expect(last.end).toBe(size);
    }
  });
});

describe('chunk ranges', () => {
  const plan = planChunks(50_000_123, 10_000_000);

  it('runs the last chunk to the end of the file, with inclusive Content-Range', () => {
    expect(chunkRange(plan, 0)).toEqual({ start: 0, end: 10_000_000 });
    expect(contentRangeOf(plan, chunkRange(plan, 0))).toBe('bytes 0-9999999/50000123');
    expect(contentRangeOf(plan, chunkRange(plan, 4))).toBe('bytes 40000000-50000122/50000123');
  });

  it.each([
    [0, 0],
    [9_999_999, 0],
    [10_000_000, 1],
    [40_000_000, 4],
    [50_000_122, 4],
    [50_000_123, 5],
  ])('%i bytes held = %i whole chunks', (bytes, chunks) => {
    expect(chunksWithin(plan, bytes)).toBe(chunks);
  });

  it('counts the bytes of whole chunks', () => {
    expect([0, 1, 4, 5].map((n) => bytesOfChunks(plan, n))).toEqual([0, 10_000_000, 40_000_000, 50_000_123]);
  });
});
