/** Lower case, no punctuation (apostrophes kept inside words), British "-our" spelled "-or" (honour, dishonoured). */
export function normaliseForWer(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^\p{L}\p{N}'\s-]/gu, ' ')
    .replace(/-/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .map((w) => (w.length >= 6 ? w.replace(/our(ed|s|ing|able)?$/, 'or$1') : w))
    .filter(Boolean);
}

/** (substitutions + deletions + insertions) / reference words, by word-level edit distance. */
export function wordErrorRate(
  reference: string,
  hypothesis: string,
): { wer: number; errors: number; words: number } {
  const ref = normaliseForWer(reference);
  const hyp = normaliseForWer(hypothesis);
  const errors = editDistance(ref, hyp);
  return { wer: ref.length ? errors / ref.length : hyp.length ? 1 : 0, errors, words: ref.length };
}

/** Edit distance between two sequences (substitutions, deletions, insertions each count 1). */
function editDistance<T>(ref: readonly T[], hyp: readonly T[]): number {
  let previous = Array.from({ length: hyp.length + 1 }, (_, j) => j);
  for (let i = 1; i <= ref.length; i++) {
    const row = [i];
    for (let j = 1; j <= hyp.length; j++) {
      const cost = ref[i - 1] === hyp[j - 1] ? 0 : 1;
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = row;
  }
  return previous[hyp.length]!;
}

/**
 * Character error rate, the measure for languages written without spaces (Japanese, Chinese):
 * edit distance over characters, punctuation and spaces left out, full-width forms folded (NFKC).
 */
export function characterErrorRate(
  reference: string,
  hypothesis: string,
): { cer: number; errors: number; chars: number } {
  const chars = (text: string) => [
    ...text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]/gu, ''),
  ];
  const ref = chars(reference);
  const errors = editDistance(ref, chars(hypothesis));
  return { cer: ref.length ? errors / ref.length : errors ? 1 : 0, errors, chars: ref.length };
}
