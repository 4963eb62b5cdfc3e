import { normaliseForWer } from './word-error-rate.js';

export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

/**
 * |start error| of every hypothesis word matched to a reference word with the same normalised
 * text (longest common subsequence, so insertions and deletions are skipped, not mismatched).
 */
export function wordStartErrors(reference: readonly TimedWord[], hypothesis: readonly TimedWord[]): number[] {
  const key = (w: TimedWord) => normaliseForWer(w.word).join(' ');
  const a = reference.map(key);
  const b = hypothesis.map(key);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] && a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const errors: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] && a[i] === b[j]) {
      errors.push(Math.abs(reference[i]!.start - hypothesis[j]!.start));
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return errors;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
