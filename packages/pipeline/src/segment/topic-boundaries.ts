/**
 * Topic boundaries by lexical cohesion (TextTiling, Hearst 1997), on sentences: the vocabulary of
 * the sentences before each gap is compared with the vocabulary after it; where similarity dips
 * deeply, a new topic starts.
 */
export interface TopicOptions {
  /** Each side of a gap takes sentences until it holds this many terms. */
  blockTerms: number;
  /** Moving-average width over the gap similarities (odd). */
  smoothWidth: number;
  /** A gap is a boundary when its depth exceeds mean + depthSd × sd of all depths. */
  depthSd: number;
  /** No two boundaries closer than this many sentences. */
  minSentences: number;
}

export const DEFAULT_TOPIC_OPTIONS: TopicOptions = {
  blockTerms: 60,
  smoothWidth: 1,
  depthSd: 0.5,
  minSentences: 5,
};

export interface TopicSegmentation {
  /** Index of every sentence that starts a new topic (the first sentence is not listed). */
  boundaries: number[];
  /** Topic number of each sentence, from 0. */
  topicOf: number[];
  /** Depth score of the gap after each sentence (length n-1). */
  depth: number[];
}

type Counts = Map<string, number>;

function addTerms(counts: Counts, terms: readonly string[]): void {
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
}

export function cosine(a: Counts, b: Counts): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function block(terms: readonly string[][], from: number, step: 1 | -1, want: number, idf: Counts): Counts {
  const counts: Counts = new Map();
  let taken = 0;
  for (let i = from; i >= 0 && i < terms.length && taken < want; i += step) {
    addTerms(counts, terms[i]!);
    taken += terms[i]!.length;
  }
  // Terms found all over the talk say little about where its topics change.
  for (const [t, c] of counts) counts.set(t, c * (idf.get(t) ?? 1));
  return counts;
}

function smooth(values: readonly number[], width: number): number[] {
  const half = Math.floor(width / 2);
  return values.map((_, i) => {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(values.length - 1, i + half); j += 1) {
      sum += values[j]!;
      n += 1;
    }
    return sum / n;
  });
}

function depthScores(sim: readonly number[]): number[] {
  return sim.map((s, i) => {
    let left = s;
    for (let j = i - 1; j >= 0 && sim[j]! >= left; j -= 1) left = sim[j]!;
    let right = s;
    for (let j = i + 1; j < sim.length && sim[j]! >= right; j += 1) right = sim[j]!;
    return left - s + (right - s);
  });
}

/** `terms[i]` are the content terms of sentence i (see contentTerms). */
export function segmentTopics(
  terms: readonly string[][],
  options: TopicOptions = DEFAULT_TOPIC_OPTIONS,
): TopicSegmentation {
  const n = terms.length;
  if (n < 2) return { boundaries: [], topicOf: terms.map(() => 0), depth: [] };
  const df: Counts = new Map();
  for (const list of terms) for (const t of new Set(list)) df.set(t, (df.get(t) ?? 0) + 1);
  const idf: Counts = new Map();
  for (const [t, d] of df) idf.set(t, Math.log(1 + n / d));
  const raw: number[] = [];
  for (let g = 0; g < n - 1; g += 1) {
    raw.push(
      cosine(block(terms, g, -1, options.blockTerms, idf), block(terms, g + 1, 1, options.blockTerms, idf)),
    );
  }
  const depth = depthScores(smooth(raw, options.smoothWidth));
  const mean = depth.reduce((a, b) => a + b, 0) / depth.length;
  const sd = Math.sqrt(depth.reduce((a, b) => a + (b - mean) ** 2, 0) / depth.length);
  const threshold = mean + options.depthSd * sd;
  const order = depth.map((d, g) => ({ d, g })).sort((a, b) => b.d - a.d);
  const chosen: number[] = [];
  for (const { d, g } of order) {
    if (d <= threshold || d <= 0) break;
    const start = g + 1;
    if (start < options.minSentences || n - start < options.minSentences) continue;
    if (chosen.some((b) => Math.abs(b - start) < options.minSentences)) continue;
    chosen.push(start);
  }
  chosen.sort((a, b) => a - b);
  const topicOf: number[] = [];
  let topic = 0;
  for (let i = 0; i < n; i += 1) {
    if (chosen.includes(i)) topic += 1;
    topicOf.push(topic);
  }
  return { boundaries: chosen, topicOf, depth };
}
