import { BENCH_PASSAGES, type BenchPassage } from './bench-passages.js';

export interface BenchTalk {
  name: string;
  passages: BenchPassage[];
}

/** Ten talks of 4–6 passages each; every talk joins different topics in a different order. */
export function benchTalks(count = 10): BenchTalk[] {
  const n = BENCH_PASSAGES.length;
  return Array.from({ length: count }, (_, talk) => {
    const size = 4 + (talk % 3);
    const step = [3, 5, 9, 11][talk % 4]!;
    const passages = Array.from({ length: size }, (_, j) => BENCH_PASSAGES[(talk * 2 + j * step) % n]!);
    return { name: `talk-${talk + 1}`, passages };
  });
}
