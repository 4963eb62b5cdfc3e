/** A word's share of its segment's speech: roughly how long it takes to say. */
export function wordWeight(word: string): number {
  const letters = word.replace(/[^\p{L}\p{N}]/gu, '').length;
  return letters === 0 ? 0.5 : letters + 1;
}

export interface TimedSpan {
  start: number;
  end: number;
}

/**
 * Times the words of a segment: the segment's speech frames (VAD probability ≥ threshold) form a
 * speech-only clock; each word gets a share of that clock in proportion to its weight, so word
 * boundaries fall into pauses rather than across them. Returns ordered spans inside [start, end].
 */
export function timeWordsInSegment(
  weights: readonly number[],
  segment: TimedSpan,
  speechProbAt: (t: number) => number,
  frameSec: number,
  threshold = 0.35,
): TimedSpan[] {
  if (weights.length === 0) return [];
  const frames: Array<{ t0: number; t1: number; w: number }> = [];
  for (let t = segment.start; t < segment.end - 1e-9; t += frameSec) {
    const t1 = Math.min(segment.end, t + frameSec);
    frames.push({ t0: t, t1, w: speechProbAt((t + t1) / 2) >= threshold ? t1 - t : 0 });
  }
  let total = frames.reduce((s, f) => s + f.w, 0);
  if (total <= 0) {
    for (const f of frames) f.w = f.t1 - f.t0;
    total = frames.reduce((s, f) => s + f.w, 0);
  }
  if (total <= 0) return weights.map(() => ({ start: segment.start, end: segment.end }));
  /** Time at which `amount` of speech has passed; `late` picks the end of a pause, not its start. */
  const timeAt = (amount: number, late: boolean): number => {
    let acc = 0;
    for (const f of frames) {
      const reached = late ? acc + f.w > amount + 1e-9 : acc + f.w >= amount - 1e-9;
      if (f.w > 0 && reached) return f.t0 + (Math.max(0, amount - acc) / f.w) * (f.t1 - f.t0);
      acc += f.w;
    }
    return segment.end;
  };
  const sum = weights.reduce((acc, w) => acc + w, 0);
  const shares = weights.map((w) => (w / sum) * total);
  const pauses = pausesOf(frames);
  // Boundary k sits between word k and k+1; it snaps to a pause when one is near its share point.
  const cuts: Array<{ end: number; start: number }> = [];
  let cum = 0;
  let nextPause = 0;
  for (let k = 0; k < weights.length - 1; k++) {
    cum += shares[k]!;
    const tolerance = 0.5 * Math.min(shares[k]!, shares[k + 1]!);
    let best = -1;
    for (let j = nextPause; j < pauses.length; j++) {
      const distance = Math.abs(pauses[j]!.amount - cum);
      if (distance <= tolerance && (best < 0 || distance < Math.abs(pauses[best]!.amount - cum))) best = j;
    }
    if (best >= 0) {
      cuts.push({ end: pauses[best]!.t0, start: pauses[best]!.t1 });
      nextPause = best + 1;
    } else {
      const t = timeAt(cum, false);
      cuts.push({ end: t, start: t });
    }
  }
  const spans: TimedSpan[] = [];
  for (let k = 0; k < weights.length; k++) {
    const start = k === 0 ? timeAt(0, true) : cuts[k - 1]!.start;
    const end = k === weights.length - 1 ? timeAt(total, false) : cuts[k]!.end;
    const previousEnd = spans.at(-1)?.end ?? segment.start;
    const s = Math.max(previousEnd, round2(start));
    spans.push({ start: s, end: Math.max(s, round2(end)) });
  }
  return spans;
}

/** Runs of non-speech frames between speech: where they start on the speech clock, and in time. */
function pausesOf(frames: ReadonlyArray<{ t0: number; t1: number; w: number }>) {
  const pauses: Array<{ amount: number; t0: number; t1: number }> = [];
  let acc = 0;
  let open: { amount: number; t0: number } | null = null;
  for (const f of frames) {
    if (f.w === 0) {
      if (!open && acc > 0) open = { amount: acc, t0: f.t0 };
    } else {
      if (open) pauses.push({ ...open, t1: f.t0 });
      open = null;
      acc += f.w;
    }
  }
  return pauses;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
