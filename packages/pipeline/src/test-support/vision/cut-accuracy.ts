export interface CutAccuracy {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Matches predicted cut frames to true ones one-to-one within ±`tolerance` frames (closest pairs
 * first) and scores them. Empty prediction and truth is a perfect score.
 */
export function scoreCuts(
  predicted: readonly number[],
  truth: readonly number[],
  tolerance = 1,
): CutAccuracy {
  const pairs: Array<[number, number, number]> = [];
  predicted.forEach((p, i) =>
    truth.forEach((t, j) => {
      if (Math.abs(p - t) <= tolerance) pairs.push([Math.abs(p - t), i, j]);
    }),
  );
  pairs.sort((a, b) => a[0] - b[0]);
  const usedP = new Set<number>();
  const usedT = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedP.has(i) || usedT.has(j)) continue;
    usedP.add(i);
    usedT.add(j);
  }
  return accuracyFromCounts(usedP.size, predicted.length - usedP.size, truth.length - usedT.size);
}

/** Precision, recall and F1 from counts (summed over files for a corpus score). */
export function accuracyFromCounts(tp: number, fp: number, fn: number): CutAccuracy {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

export interface CutGroundTruth {
  file: string;
  frames: number;
  hardCuts: number[];
}

/**
 * Reads `video_cuts.tsv` of the shared eval set: one row per file, hard cuts written as
 * `frame@time` (other numbers in the cell are notes). A row with a glob (`WDA_*.mp4`) is skipped.
 */
export function parseCutGroundTruth(tsv: string): CutGroundTruth[] {
  const rows = tsv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim());
  const out: CutGroundTruth[] = [];
  for (const row of rows) {
    const [file, frames, , cutsCell] = row.split('\t');
    if (!file || file.includes('*') || cutsCell === undefined) continue;
    const hardCuts = [...cutsCell.matchAll(/(\d+)@\d/g)].map((m) => Number(m[1]));
    out.push({ file, frames: Number.parseInt(frames ?? '', 10), hardCuts });
  }
  return out;
}
