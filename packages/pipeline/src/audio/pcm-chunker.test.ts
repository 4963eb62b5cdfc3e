import { describe, expect, it } from 'vitest';
import { createFloat32Chunker } from './pcm-chunker.js';

const bytesOf = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);

describe('createFloat32Chunker', () => {
  it.each<[string, number[]]>([
    ['whole samples per chunk', [4, 8]],
    ['splits inside samples', [3, 5, 1, 3]],
    ['one byte at a time', Array(12).fill(1)],
    ['empty chunks in between', [0, 6, 0, 6]],
  ])('%s', (_name, sizes) => {
    const all = bytesOf([0.5, -1, 0.25]);
    const chunk = createFloat32Chunker();
    const got: number[] = [];
    let at = 0;
    for (const size of sizes) {
      got.push(...chunk(all.subarray(at, at + size)));
      at += size;
    }
    expect(got).toEqual([0.5, -1, 0.25]);
  });
});
