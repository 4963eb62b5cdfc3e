import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import type { ProposedClip } from './propose-clips.js';

/**
 * Optional second opinion from a language model (off unless the user turns it on and gives a
 * key): it scores each proposed clip for standalone appeal; the final score is the mean of the
 * heuristic and the model's, so the reasons stay explainable. Answers are cached by input.
 */
export interface RerankCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** A cache in memory, for one process; the app passes one backed by its library folder. */
export function memoryRerankCache(): RerankCache & { size(): number } {
  const entries = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(entries.get(key)),
    set: (key, value) => {
      entries.set(key, value);
      return Promise.resolve();
    },
    size: () => entries.size,
  };
}

/** The OpenAI client the re-rank uses (OPENAI_BASE_URL points it elsewhere, as the tests do). */
export function createRerankClient(apiKey: string): Pick<OpenAI, 'chat'> {
  return new OpenAI({ apiKey, maxRetries: 2, timeout: 60_000 });
}

export interface RerankOptions {
  client: Pick<OpenAI, 'chat'>;
  model: string;
  cache?: RerankCache | undefined;
  /** Share of the final score from the model (default 0.5). */
  modelShare?: number;
  signal?: AbortSignal | undefined;
}

interface ModelVerdict {
  id: number;
  score: number;
  reason: string;
  title: string;
}

export const RERANK_PROMPT =
  'You rank short video clips cut from a longer video for social media. For each clip, judge from its ' +
  'transcript how well it stands alone and makes a viewer keep watching: a hook in the first seconds, a ' +
  'complete thought, a payoff. Give every clip a score from 0 to 100, one plain sentence saying why, and a ' +
  'title of at most 70 characters in the language of the clip. Answer for every id you are given.';

const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['clips'],
  properties: {
    clips: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'score', 'reason', 'title'],
        properties: {
          id: { type: 'integer' },
          score: { type: 'integer', minimum: 0, maximum: 100 },
          reason: { type: 'string' },
          title: { type: 'string' },
        },
      },
    },
  },
} as const;

export function rerankCacheKey(model: string, prompt: string, input: string): string {
  return createHash('sha256')
    .update(JSON.stringify([model, prompt, input]))
    .digest('hex');
}

/** Checks the model's answer covers exactly the clips asked about, with sane values. */
export function parseVerdicts(content: string, ids: readonly number[]): ModelVerdict[] {
  const parsed = JSON.parse(content) as { clips?: unknown };
  if (!Array.isArray(parsed.clips)) throw new Error('LLM re-rank answer has no "clips" array');
  const verdicts = parsed.clips as ModelVerdict[];
  const seen = new Set<number>();
  for (const v of verdicts) {
    const valid =
      Number.isInteger(v.id) &&
      ids.includes(v.id) &&
      !seen.has(v.id) &&
      Number.isFinite(v.score) &&
      v.score >= 0 &&
      v.score <= 100 &&
      typeof v.reason === 'string' &&
      typeof v.title === 'string';
    if (!valid) throw new Error(`LLM re-rank answer has an invalid entry: ${JSON.stringify(v)}`);
    seen.add(v.id);
  }
  if (seen.size !== ids.length)
    throw new Error(`LLM re-rank answered for ${seen.size} of ${ids.length} clips`);
  return verdicts;
}

export async function rerankWithLlm(
  clips: readonly ProposedClip[],
  options: RerankOptions,
): Promise<ProposedClip[]> {
  if (!clips.length) return [];
  const input = JSON.stringify({
    clips: clips.map((c) => ({ id: c.rank, seconds: Math.round(c.duration), text: c.text.slice(0, 1500) })),
  });
  const key = rerankCacheKey(options.model, RERANK_PROMPT, input);
  let content = await options.cache?.get(key);
  if (content === undefined) {
    const completion = await options.client.chat.completions.create(
      {
        model: options.model,
        messages: [
          { role: 'system', content: RERANK_PROMPT },
          { role: 'user', content: input },
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'clip_ranking', strict: true, schema: RESPONSE_SCHEMA },
        },
      },
      { signal: options.signal },
    );
    const message = completion.choices[0]?.message;
    if (!message?.content)
      throw new Error(`LLM re-rank got no answer${message?.refusal ? `: ${message.refusal}` : ''}`);
    content = message.content;
    parseVerdicts(
      content,
      clips.map((c) => c.rank),
    );
    await options.cache?.set(key, content);
  }
  const verdicts = new Map(
    parseVerdicts(
      content,
      clips.map((c) => c.rank),
    ).map((v) => [v.id, v]),
  );
  const share = options.modelShare ?? 0.5;
  return clips
    .map((clip) => {
      const v = verdicts.get(clip.rank)!;
      return {
        ...clip,
        score: Math.round((1 - share) * clip.score + share * v.score),
        reasons: v.reason.trim() ? [v.reason.trim(), ...clip.reasons] : clip.reasons,
        title: v.title.trim() || clip.title,
      };
    })
    .sort((a, b) => b.score - a.score || a.rank - b.rank)
    .map((clip, i) => ({ ...clip, rank: i + 1 }));
}
