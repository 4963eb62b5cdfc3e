import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { sendChatCompletion, startLocalServer, type LocalServer } from '../test-support/local-http-server.js';
import type { ClipFeatures } from './clip-features.js';
import { memoryRerankCache, parseVerdicts, rerankWithLlm } from './llm-rerank.js';
import type { ProposedClip } from './propose-clips.js';

const clip = (rank: number, score: number, text: string): ProposedClip => ({
  rank,
  start: rank * 100,
  end: rank * 100 + 30,
  duration: 30,
  score,
  reasons: ['Opens with a question'],
  text,
  title: `Title ${rank}`,
  hashtags: [],
  features: {} as ClipFeatures,
});

let server: LocalServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function fakeOpenAi(answer: (ids: number[]) => unknown) {
  const bodies: Array<Record<string, unknown>> = [];
  server = await startLocalServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const body = JSON.parse(raw) as { messages: Array<{ content: string }> };
    bodies.push(body);
    const ids = (JSON.parse(body.messages[1]!.content) as { clips: Array<{ id: number }> }).clips.map(
      (c) => c.id,
    );
    sendChatCompletion(res, JSON.stringify(answer(ids)));
  });
  const client = new OpenAI({ apiKey: 'test-key', baseURL: `${server.url}/v1`, maxRetries: 0 });
  return { client, bodies };
}

describe('rerankWithLlm against a local fake server', () => {
  it('asks for strict JSON, mixes the scores, re-ranks, and answers a repeat from the cache', async () => {
    const { client, bodies } = await fakeOpenAi((ids) => ({
      clips: ids.map((id) => ({
        id,
        score: id === 2 ? 100 : 0,
        reason: `Model reason ${id}`,
        title: `Better ${id}`,
      })),
    }));
    const cache = memoryRerankCache();
    const clips = [clip(1, 80, 'first'), clip(2, 70, 'second')];
    const reranked = await rerankWithLlm(clips, { client, model: 'gpt-test', cache });
    expect(reranked.map((c) => [c.rank, c.start, c.score])).toEqual([
      [1, 200, 85],
      [2, 100, 40],
    ]);
    expect(reranked[0]!.reasons[0]).toBe('Model reason 2');
    expect(reranked[0]!.title).toBe('Better 2');
    const format = bodies[0]!.response_format as { type: string; json_schema: { strict: boolean } };
    expect(format.type).toBe('json_schema');
    expect(format.json_schema.strict).toBe(true);

    const again = await rerankWithLlm(clips, { client, model: 'gpt-test', cache });
    expect(again).toEqual(reranked);
    expect(bodies).toHaveLength(1);
    expect(cache.size()).toBe(1);
  });

  it('refuses an answer that leaves a clip out, and caches nothing', async () => {
    const { client } = await fakeOpenAi((ids) => ({
      clips: [{ id: ids[0], score: 50, reason: 'x', title: 'y' }],
    }));
    const cache = memoryRerankCache();
    await expect(
      rerankWithLlm([clip(1, 80, 'a'), clip(2, 70, 'b')], { client, model: 'gpt-test', cache }),
    ).rejects.toThrow(/1 of 2/);
    expect(cache.size()).toBe(0);
  });
});

describe('parseVerdicts', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['no array', '{"x":1}', /no "clips"/],
    ['unknown id', '{"clips":[{"id":9,"score":1,"reason":"","title":""}]}', /invalid entry/],
    ['score out of range', '{"clips":[{"id":1,"score":101,"reason":"","title":""}]}', /invalid entry/],
    [
      'duplicate id',
      '{"clips":[{"id":1,"score":1,"reason":"","title":""},{"id":1,"score":1,"reason":"","title":""}]}',
      /invalid entry/,
    ],
  ];
  it.each(cases)('refuses %s', (_name, content, error) => {
    expect(() => parseVerdicts(content, [1])).toThrow(error);
  });
});
