import type { WhisperTokenizer } from './whisper-tokenizer.js';

/** What a greedy Whisper step may choose from, as openai/whisper's decoding rules say. */
export interface LogitRules {
  tokenizer: WhisperTokenizer;
  /** generation_config `suppress_tokens` (punctuation-like tokens Whisper never writes). */
  suppress: readonly number[];
  /** generation_config `begin_suppress_tokens` (a blank and <|endoftext|> as the first token). */
  beginSuppress: readonly number[];
  /** > 1 discourages tokens already written (the retry after a repetition loop). */
  repetitionPenalty: number;
}

export interface ChosenToken {
  id: number;
  /** Log-probability of the chosen token after the rules. */
  logprob: number;
}

/**
 * Chooses the next token greedily from one step's logits. `sampled` is what follows the task
 * prompt, starting with its timestamp: timestamps come in pairs and never go back, a segment
 * has a length, the special tokens (task, language, <|notimestamps|>…) are never written, and a
 * timestamp is forced when all timestamps together are likelier than any text token.
 */
export function chooseNextToken(
  logits: Float32Array,
  sampled: readonly number[],
  rules: LogitRules,
  firstStep: boolean,
): ChosenToken {
  const { tokenizer } = rules;
  const { endOfText, timestampBegin } = tokenizer.special;
  const n = logits.length;
  const x = Float64Array.from(logits);
  const ban = (id: number) => {
    if (id >= 0 && id < n) x[id] = -Infinity;
  };
  for (const id of rules.suppress) ban(id);
  for (let id = endOfText + 1; id < Math.min(timestampBegin, n); id++) if (tokenizer.isSpecial(id)) ban(id);
  if (firstStep) for (const id of rules.beginSuppress) ban(id);

  const isTs = (id: number) => id >= timestampBegin;
  const last = sampled.at(-1);
  const lastWasTs = last !== undefined && isTs(last);
  const penultimateWasTs = sampled.length < 2 || isTs(sampled.at(-2)!);
  if (lastWasTs) {
    if (penultimateWasTs) for (let id = timestampBegin; id < n; id++) x[id] = -Infinity;
    else for (let id = 0; id < endOfText; id++) x[id] = -Infinity;
  }
  const lastTs = [...sampled].reverse().find(isTs);
  if (lastTs !== undefined) {
    // Never back in time; after a segment's closing timestamp the next one opens at or after it.
    const from = lastWasTs && !penultimateWasTs ? lastTs : lastTs + 1;
    for (let id = timestampBegin; id < Math.min(from, n); id++) x[id] = -Infinity;
  }

  if (rules.repetitionPenalty !== 1)
    for (const id of new Set(sampled)) {
      if (isTs(id) || id >= n) continue;
      x[id] = x[id]! > 0 ? x[id]! / rules.repetitionPenalty : x[id]! * rules.repetitionPenalty;
    }

  let logZ = logSumExp(x, 0, n);
  const tsMass = logSumExp(x, timestampBegin, n);
  let maxText = -Infinity;
  for (let id = 0; id < Math.min(timestampBegin, n); id++) if (x[id]! > maxText) maxText = x[id]!;
  if (tsMass - logZ > maxText - logZ && tsMass > -Infinity) {
    for (let id = 0; id < Math.min(timestampBegin, n); id++) x[id] = -Infinity;
    logZ = logSumExp(x, 0, n);
  }
  let best = 0;
  for (let id = 1; id < n; id++) if (x[id]! > x[best]!) best = id;
  if (x[best] === -Infinity) return { id: endOfText, logprob: 0 }; // every token ruled out: stop
  return { id: best, logprob: x[best]! - logZ };
}

function logSumExp(x: Float64Array, from: number, to: number): number {
  let max = -Infinity;
  for (let i = from; i < to; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let i = from; i < to; i++) sum += Math.exp(x[i]! - max);
  return max + Math.log(sum);
}
