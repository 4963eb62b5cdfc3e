import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, createWSClient, httpBatchLink, wsLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppRouter } from '../api/app-router.js';
import { openHost, type OpenedHost } from '../host/open-host.js';
import type { ProgressEvent } from '@kirinuki/contracts';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { createLogger } from '../logging/create-logger.js';
import { startApiServer, type ApiServer } from './start-api-server.js';

const FIXTURE = fileURLToPath(
  new URL('../../../../../fixtures/media/testsrc-2s-320x240.mp4', import.meta.url),
);
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-serve-'));
let host: OpenedHost;
let server: ApiServer;

let fresh: string;

beforeAll(async () => {
  // Content no other test imports, so its import is new and runs the whole pipeline.
  fresh = await makeVideo(path.join(root, 'fresh talk.mp4'), ['-c:v', 'libx264', '-preset', 'ultrafast'], {
    duration: 2,
    size: '320x240',
  });
  const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });
  host = await openHost({ libraryDir: path.join(root, 'library'), logger, run: 'background' });
  server = await startApiServer({ host: '127.0.0.1', port: 0, token: 'secret-token', app: host });
});
afterAll(async () => {
  await server.close();
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('kirinuki serve API', () => {
  it('answers /health without a token', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it.each([
    ['no token', {}],
    ['a wrong bearer token', { authorization: 'Bearer nope' }],
    ['a wrong cookie', { cookie: 'kirinuki_token=nope' }],
  ])('answers every /trpc call with 401 given %s', async (_name, headers) => {
    for (const route of ['library.list', 'settings.get', 'health.get']) {
      const res = await fetch(`${server.url}/trpc/${route}`, { headers });
      expect(res.status).toBe(401);
    }
  });

  it('serves calls with the bearer token', async () => {
    const res = await fetch(`${server.url}/trpc/library.list`, {
      headers: { authorization: 'Bearer secret-token' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ result: { data: { videos: [] } } });
  });

  it('trades ?token= on the first page load for a cookie', async () => {
    const res = await fetch(`${server.url}/?token=secret-token`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kirinuki_token=secret-token; HttpOnly; SameSite=Strict/);
    const api = await fetch(`${server.url}/trpc/health.get`, {
      headers: { cookie: cookie.split(';')[0] as string },
    });
    expect(api.status).toBe(200);
  });

  it('takes a browser upload into the temp folder, then imports it and removes it', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    expect((await fetch(`${server.url}/upload`, { method: 'POST', body: 'x' })).status).toBe(401);
    const res = await fetch(`${server.url}/upload`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer secret-token',
        'x-file-name': encodeURIComponent('../../évil name.mp4'),
      },
      body: readFileSync(FIXTURE),
    });
    const { path: uploaded } = (await res.json()) as { path: string };
    expect(path.basename(uploaded)).toBe('évil name.mp4');
    expect(uploaded.startsWith(host.parts.library.tmpDir)).toBe(true);
    const [result] = await host.library.importVideos([{ input: uploaded }], { pipeline: 'import' });
    expect(result).toMatchObject({ ok: true, video: { title: 'évil name' } });
    expect(readdirSync(host.parts.library.tmpDir)).toEqual([]);
  });

  it('refuses a WebSocket without the token', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(401);
  });

  it('delivers import progress over a subscription, runs the import pipeline, and reports user errors with their code', async () => {
    const wsClient = createWSClient({
      url: `${server.url.replace('http', 'ws')}/trpc?token=secret-token`,
      WebSocket: WebSocket as never,
    });
    const ws = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
    const http = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({ url: `${server.url}/trpc`, headers: { authorization: 'Bearer secret-token' } }),
      ],
    });
    const events: ProgressEvent[] = [];
    const sub = ws.jobs.progress.subscribe(undefined, { onData: (event) => events.push(event) });
    await new Promise((r) => setTimeout(r, 100)); // let the subscription start
    const result = await http.library.import.mutate({ input: fresh });
    // Earlier tests' imports may still be running their later stages: look at this video's events.
    const mine = () => events.filter((e) => e.videoId === result.video.id);
    await expect.poll(() => mine().some((e) => e.stage === 'ingest' && e.status === 'done')).toBe(true);
    expect(result.video).toMatchObject({ width: 320, height: 240, status: 'processing' });
    expect(mine().map((e) => e.message)).toContain('checking');
    expect(
      mine()
        .filter((e) => e.stage === 'ingest')
        .at(-1),
    ).toMatchObject({ status: 'done', fraction: 1 });

    // The import queued the rest of the pipeline: the transcript and the proposals follow on their own.
    await expect
      .poll(
        async () => (await http.transcripts.get.query({ videoId: result.video.id })).transcript !== null,
        {
          timeout: 60_000,
          interval: 500,
        },
      )
      .toBe(true);
    await expect
      .poll(async () => (await http.library.get.query({ id: result.video.id })).video.status, {
        timeout: 60_000,
        interval: 500,
      })
      .toBe('ready');
    expect(mine().map((e) => e.stage)).toEqual(expect.arrayContaining(['transcribe', 'vision', 'segment']));
    sub.unsubscribe();
    wsClient.close();
    const jobs = await http.jobs.list.query();
    expect(jobs.jobs.filter((j) => j.videoId === result.video.id).map((j) => [j.stage, j.status])).toEqual([
      ['ingest', 'done'],
      ['transcribe', 'done'],
      ['vision', 'done'],
      ['segment', 'done'],
    ]);

    // The player's media: the file with Range, a thumbnail made on first ask; the token is needed.
    const media = `${server.url}/media/${result.video.id}`;
    const auth = { authorization: 'Bearer secret-token' };
    expect((await fetch(media)).status).toBe(401);
    const whole = await fetch(media, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Number(whole.headers.get('content-length'))).toBe(result.video.sizeBytes);
    await whole.arrayBuffer();
    const part = await fetch(media, { headers: { ...auth, range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${result.video.sizeBytes}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const thumb = await fetch(`${media}/thumbnail.jpg`, { headers: auth });
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array((await thumb.arrayBuffer()).slice(0, 2))]).toEqual([0xff, 0xd8]);
    expect((await fetch(`${server.url}/media/01NOSUCHVIDEO000000000000`, { headers: auth })).status).toBe(
      404,
    );

    // What the settings screen shows of the machine.
    const system = await http.health.system.query();
    expect(system.providers).toContain('cpu');
    expect(system.asr).toMatchObject({ backend: 'local', provider: 'cpu' });
    expect(system.models).toContainEqual(expect.objectContaining({ id: 'silero-vad-v5', ready: true }));

    const renderError = await http.render.clip.mutate({ clipId: 'nope' }).catch((e: unknown) => e);
    expect((renderError as { data?: { kirinuki?: unknown } }).data?.kirinuki).toMatchObject({
      code: 'NOT_FOUND',
    });
    const error = await http.library.get.query({ id: 'nope' }).catch((e: unknown) => e);
    expect((error as { data?: { kirinuki?: unknown } }).data?.kirinuki).toMatchObject({
      code: 'NOT_FOUND',
      hint: expect.any(String),
    });
  });
});
