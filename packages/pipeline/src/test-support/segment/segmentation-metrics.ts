/**
 * Pk (Beeferman et al. 1999) and WindowDiff (Pevzner & Hearst 2002) between a reference and a
 * hypothesis segmentation, given as the segment label of each unit (sentence). Lower is better.
 */
export function defaultWindow(reference: readonly number[]): number {
  const segments = new Set(reference).size;
  return Math.max(1, Math.round(reference.length / segments / 2));
}

export function pk(
  reference: readonly number[],
  hypothesis: readonly number[],
  k = defaultWindow(reference),
): number {
  checkLengths(reference, hypothesis);
  const n = reference.length;
  if (n <= k) return 0;
  let errors = 0;
  for (let i = 0; i + k < n; i += 1) {
    const sameRef = reference[i] === reference[i + k];
    const sameHyp = hypothesis[i] === hypothesis[i + k];
    if (sameRef !== sameHyp) errors += 1;
  }
  return errors / (n - k);
}

function boundariesBetween(labels: readonly number[], i: number, j: number): number {
  let count = 0;
  for (let x = i; x < j; x += 1) if (labels[x] !== labels[x + 1]) count += 1;
  return count;
}

export function windowDiff(
  reference: readonly number[],
  hypothesis: readonly number[],
  k = defaultWindow(reference),
): number {
  checkLengths(reference, hypothesis);
  const n = reference.length;
  if (n <= k) return 0;
  let errors = 0;
  for (let i = 0; i + k < n; i += 1) {
    if (boundariesBetween(reference, i, i + k) !== boundariesBetween(hypothesis, i, i + k)) errors += 1;
  }
  return errors / (n - k);
}

function checkLengths(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) throw new Error(`segmentations differ in length: ${a.length} vs ${b.length}`);
}
