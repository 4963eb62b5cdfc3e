import { afterEach, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { sendChatCompletion, startLocalServer, type LocalServer } from '../test-support/local-http-server.js';
import { describeFrames, type CloudVisionCache } from './cloud-vision.js';

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const answer = (n: number) => ({
  description: `Frame ${n}: a person at a desk.`,
  tags: ['desk', 'talk'],
  people: 1,
  textOnScreen: n === 2 ? 'SALE' : '',
  highlightScore: 40 + n,
});

/** A fake of the chat completions endpoint that checks what the real one requires. */
async function fakeOpenAi(options: { rateLimitFirst?: boolean; delayMs?: number; bad?: boolean } = {}) {
  const bodies: Array<Record<string, unknown>> = [];
  const times: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  server = await startLocalServer(async (req, res, index) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    times.push(Date.now());
    if (options.rateLimitFirst && index === 0) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
      return void res.end('{"error":{"message":"Rate limit reached","type":"requests"}}');
    }
    const body = JSON.parse(raw) as {
      messages: Array<{ content: unknown }>;
      response_format: { json_schema: { strict: boolean } };
    };
    bodies.push(body);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
    inFlight -= 1;
    const url = (body.messages[1]!.content as Array<{ image_url: { url: string } }>)[0]!.image_url.url;
    const n = Buffer.from(url.split(',')[1]!, 'base64')[0]!;
    sendChatCompletion(res, options.bad ? '{"description": 3}' : JSON.stringify(answer(n)));
  });
  const client = new OpenAI({ apiKey: 'k', baseURL: `${server.url}/v1`, maxRetries: 2 });
  return { client, bodies, times, maxInFlight: () => maxInFlight };
}

const memoryCache = (): CloudVisionCache & { size(): number } => {
  const entries = new Map<string, string>();
  return {
    get: async (k) => entries.get(k),
    set: async (k, v) => void entries.set(k, v),
    size: () => entries.size,
  };
};
const frame = (n: number) => ({ id: n, jpeg: Buffer.from([n, 0xff, 0xd8, n]) });

describe('describeFrames against a local fake OpenAI server', () => {
  it('sends each frame as an image with a strict schema, parses the answers, and answers repeats from the cache', async () => {
    const { client, bodies } = await fakeOpenAi();
    const cache = memoryCache();
    const first = await describeFrames([frame(1), frame(2)], { client, model: 'gpt-4o-mini', cache });
    expect(first).toEqual([
      { id: 1, cached: false, ...answer(1) },
      { id: 2, cached: false, ...answer(2) },
    ]);
    expect(bodies[0]).toMatchObject({
      model: 'gpt-4o-mini',
      response_format: { type: 'json_schema', json_schema: { name: 'frame_description', strict: true } },
    });
    expect(JSON.stringify(bodies[0])).toContain('data:image/jpeg;base64,');
    // The same frames again, another order: no request, same answers.
    const again = await describeFrames([frame(2), frame(1)], { client, model: 'gpt-4o-mini', cache });
    expect(again.map((a) => [a.id, a.cached, a.highlightScore])).toEqual([
      [2, true, 42],
      [1, true, 41],
    ]);
    expect(bodies).toHaveLength(2);
    // Another model is another question.
    await describeFrames([frame(1)], { client, model: 'gpt-4.1-mini', cache });
    expect(bodies).toHaveLength(3);
  });

  it('waits as a 429 Retry-After says, then goes on', async () => {
    const { client, times } = await fakeOpenAi({ rateLimitFirst: true });
    const [result] = await describeFrames([frame(3)], { client, model: 'm' });
    expect(result).toMatchObject({ id: 3, highlightScore: 43 });
    expect(times).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
  });

  it('keeps to the concurrency limit', async () => {
    const { client, maxInFlight } = await fakeOpenAi({ delayMs: 80 });
    const results = await describeFrames([1, 2, 3, 4, 5, 6].map(frame), {
      client,
      model: 'm',
      concurrency: 2,
    });
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(maxInFlight()).toBe(2);
  });

  it('refuses an answer that breaks the schema, and caches nothing', async () => {
    const { client } = await fakeOpenAi({ bad: true });
    const cache = memoryCache();
    await expect(describeFrames([frame(1)], { client, model: 'm', cache })).rejects.toThrow(/schema/);
    expect(cache.size()).toBe(0);
  });
});
