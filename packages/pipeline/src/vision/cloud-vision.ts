import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import { mapLimited } from '../concurrency/map-limited.js';

/**
 * Optional cloud vision (off unless the user turns it on and gives a key): each keyframe goes to
 * an OpenAI model with a strict JSON schema, and the answer is cached by frame hash + model +
 * prompt, so a frame is never paid for twice.
 */
export interface FrameDescription {
  description: string;
  tags: string[];
  /** People visible in the frame. */
  people: number;
  /** Text readable on screen, verbatim ('' when none). */
  textOnScreen: string;
  /** 0–100: how much this frame looks like a moment worth clipping. */
  highlightScore: number;
}

export interface CloudVisionCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export const CLOUD_VISION_PROMPT =
  'You describe one frame of a video for an editor who cuts it into short social clips. Say in one ' +
  'sentence what is shown, give up to 8 short tags, count the people visible, copy any text readable on ' +
  'screen verbatim (empty when none), and score 0–100 how strongly the frame suggests a moment worth ' +
  'clipping (a reaction, a reveal, a demonstration, a striking image).';

const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['description', 'tags', 'people', 'textOnScreen', 'highlightScore'],
  properties: {
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    people: { type: 'integer', minimum: 0 },
    textOnScreen: { type: 'string' },
    highlightScore: { type: 'integer', minimum: 0, maximum: 100 },
  },
} as const;

/** The OpenAI client cloud vision uses; it retries 429 and 5xx itself, honouring Retry-After. */
export function createCloudVisionClient(apiKey: string): Pick<OpenAI, 'chat'> {
  return new OpenAI({ apiKey, maxRetries: 4, timeout: 60_000 });
}

export function cloudVisionCacheKey(
  frameSha256: string,
  model: string,
  prompt = CLOUD_VISION_PROMPT,
): string {
  return createHash('sha256')
    .update(JSON.stringify([frameSha256, model, prompt]))
    .digest('hex');
}

/** Checks a model answer against the schema (a cached or fresh answer alike). */
export function parseFrameDescription(content: string): FrameDescription {
  const v = JSON.parse(content) as Partial<FrameDescription>;
  const ok =
    typeof v.description === 'string' &&
    Array.isArray(v.tags) &&
    v.tags.every((t) => typeof t === 'string') &&
    Number.isInteger(v.people) &&
    (v.people as number) >= 0 &&
    typeof v.textOnScreen === 'string' &&
    Number.isInteger(v.highlightScore) &&
    (v.highlightScore as number) >= 0 &&
    (v.highlightScore as number) <= 100;
  if (!ok) throw new Error(`cloud vision answer does not match the schema: ${content.slice(0, 200)}`);
  return v as FrameDescription;
}

export interface DescribeFramesOptions {
  client: Pick<OpenAI, 'chat'>;
  model: string;
  cache?: CloudVisionCache | undefined;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Describes each JPEG frame (cached answers first), at most `concurrency` requests at a time. */
export async function describeFrames<K>(
  frames: ReadonlyArray<{ id: K; jpeg: Buffer }>,
  options: DescribeFramesOptions,
): Promise<Array<{ id: K; cached: boolean } & FrameDescription>> {
  let done = 0;
  // One failure stops the other requests too.
  return mapLimited(
    frames,
    options.concurrency ?? 4,
    async (frame, _, signal) => {
      const key = cloudVisionCacheKey(createHash('sha256').update(frame.jpeg).digest('hex'), options.model);
      let content = await options.cache?.get(key);
      const cached = content !== undefined;
      if (content === undefined) {
        const completion = await options.client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: CLOUD_VISION_PROMPT },
              {
                role: 'user',
                content: [
                  {
                    type: 'image_url',
                    image_url: {
                      url: `data:image/jpeg;base64,${frame.jpeg.toString('base64')}`,
                      detail: 'low',
                    },
                  },
                ],
              },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: 'frame_description', strict: true, schema: RESPONSE_SCHEMA },
            },
          },
          { signal },
        );
        const message = completion.choices[0]?.message;
        if (!message?.content)
          throw new Error(`cloud vision got no answer${message?.refusal ? `: ${message.refusal}` : ''}`);
        content = message.content;
        parseFrameDescription(content);
        await options.cache?.set(key, content);
      }
      done += 1;
      options.onProgress?.(done, frames.length);
      return { id: frame.id, cached, ...parseFrameDescription(content) };
    },
    options.signal,
  );
}
