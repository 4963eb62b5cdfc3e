import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transcribeWithOpenAi } from './openai-transcriber.js';
import { planUploadChunks } from './plan-upload-chunks.js';

const speech = fileURLToPath(new URL('../../../../fixtures/media/asr-padded-speech.flac', import.meta.url));

interface SeenRequest {
  path: string;
  auth: string | undefined;
  fields: Record<string, string[]>;
  fileName: string;
  fileBytes: number;
}

/** A stand-in for POST /v1/audio/transcriptions that checks the real API's multipart fields. */
let server: Server;
let baseURL: string;
let seen: SeenRequest[] = [];
let failures: number[] = [];
let inFlight = 0;
let mostInFlight = 0;
/** How long the fake takes to answer (to see requests overlap). */
let answerDelayMs = 0;

async function readRequest(req: IncomingMessage): Promise<SeenRequest> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const form = await new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: Buffer.concat(chunks),
  }).formData();
  const fields: Record<string, string[]> = {};
  let fileName = '';
  let fileBytes = 0;
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') (fields[key] ??= []).push(value);
    else {
      fileName = `${key}:${value.name}`;
      fileBytes = value.size;
    }
  }
  return { path: req.url ?? '', auth: req.headers.authorization, fields, fileName, fileBytes };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
    void readRequest(req).then(async (request) => {
      seen.push(request);
      await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
      inFlight -= 1;
      const status = failures.shift();
      if (status) {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '10' });
        res.end(JSON.stringify({ error: { message: `fake ${status}`, type: 'rate_limit' } }));
        return;
      }
      // Answers name the uploaded chunk file, so the order of the result can be checked.
      const index = request.fileName.match(/chunk-(\d+)/)?.[1] ?? '?';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          task: 'transcribe',
          language: 'english',
          duration: 3,
          text: `part ${index}`,
          segments: [{ id: 0, start: 0.5, end: 2, text: ` part ${index}`, avg_logprob: -0.2 }],
          words: [
            { word: 'part', start: 0.5, end: 1 },
            { word: String(index), start: 1.1, end: 2 },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  failures = [];
  mostInFlight = 0;
  answerDelayMs = 0;
});

describe('transcribeWithOpenAi (local fake server)', () => {
  it('sends the fields the API expects, retries a 429 and maps the verbose response', async () => {
    failures = [429];
    const t = await transcribeWithOpenAi(speech, { apiKey: 'test-key', baseURL });
    expect(seen).toHaveLength(2);
    const request = seen[1]!;
    expect(request.path).toBe('/v1/audio/transcriptions');
    expect(request.auth).toBe('Bearer test-key');
    expect(request.fileName).toMatch(/^file:.*\.mp3$/);
    expect(request.fileBytes).toBeGreaterThan(1000);
    expect(request.fields.model).toEqual(['whisper-1']);
    expect(request.fields.response_format).toEqual(['verbose_json']);
    expect(request.fields['timestamp_granularities[]']).toEqual(['word', 'segment']);
    expect(t).toMatchObject({ backend: 'openai', model: 'whisper-1', language: 'en' });
    expect(t.segments).toEqual([
      {
        start: 0.5,
        end: 2,
        text: 'part 0',
        words: [
          { word: 'part', start: 0.5, end: 1, probability: 0.82 },
          { word: '0', start: 1.1, end: 2, probability: 0.82 },
        ],
      },
    ]);
  });

  it('splits audio over the upload limit at pauses, uploads 2 at a time and offsets each chunk’s times', async () => {
    answerDelayMs = 50;
    const t = await transcribeWithOpenAi(speech, {
      apiKey: 'k',
      baseURL,
      maxUploadBytes: 20_000,
      concurrency: 2,
    });
    expect(mostInFlight).toBe(2);
    // 20 kB at 32 kb/s, with 5 % headroom, is 4 s of audio per request. The file is 4 s of
    // silence, ~4.8 s of speech, then silence from 8.8 s: the first chunk ends in the middle of
    // the leading pause (2 s), the next ones at the limit inside the speech, then in the trailing pause.
    const expected = planUploadChunks(t.durationSec, 4, [
      { start: 0, end: 4.00394 },
      { start: 8.80006, end: t.durationSec },
    ]);
    expect(expected[0]).toEqual({ start: 0, end: expect.closeTo(2, 1) });
    expect(seen.length).toBe(expected.length);
    expect(t.segments.map((s) => s.start)).toEqual(expected.map((c) => expect.closeTo(c.start + 0.5, 2)));
    expect(t.segments.map((s) => s.text)).toEqual(expected.map((_, i) => `part ${i}`));
  });

  it('gives up after repeated 5xx with a user-facing error, and needs a key', async () => {
    failures = [500, 500, 500];
    await expect(transcribeWithOpenAi(speech, { apiKey: 'k', baseURL, maxRetries: 1 })).rejects.toMatchObject(
      {
        code: 'ASR_BACKEND_UNAVAILABLE',
      },
    );
    expect(seen).toHaveLength(2);
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      await expect(transcribeWithOpenAi(speech, { baseURL })).rejects.toMatchObject({
        code: 'ASR_BACKEND_UNAVAILABLE',
      });
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});
