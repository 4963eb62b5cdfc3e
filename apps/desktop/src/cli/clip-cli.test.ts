import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpeechVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { clipDurationRange, platformPreset } from '@kirinuki/contracts';
import type { clipSummary } from './commands/clip-command.js';
import { runCli } from './test-support/run-cli.js';
import { sendChatCompletion, startLocalServer } from '@kirinuki/pipeline/test-support/local-http-server';

const SPEECH = fileURLToPath(new URL('../../../../fixtures/media/asr-long-45s.m4a', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-clip-'));
const library = path.join(root, 'library');
let video = '';
beforeAll(async () => {
  // 45 s of speech over a moving test pattern.
  video = await makeSpeechVideo(path.join(root, 'talk.mp4'), SPEECH, { duration: 50, size: '480x270' });
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const kirinuki = (...args: string[]) => runCli([...args, '--library', library], { timeoutMs: 240_000 });
interface ClipOut {
  videoId: string;
  platform: string;
  clips: Array<ReturnType<typeof clipSummary>>;
}

describe('kirinuki clip (the main job)', () => {
  it('imports, transcribes, analyses and proposes clips that respect word and platform bounds; a rerun reuses them', async () => {
    const run = await kirinuki('clip', video, '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = run.json<ClipOut>();
    expect(out.platform).toBe('tiktok');
    expect(out.clips.length).toBeGreaterThan(0);
    const range = clipDurationRange(platformPreset('tiktok'), {});
    const transcript = (await kirinuki('transcribe', out.videoId, '--json')).json<{
      segments: Array<{ words: Array<{ start: number; end: number }> }>;
    }>();
    const words = transcript.segments.flatMap((s) => s.words);
    out.clips.forEach((clip, i) => {
      expect(clip.rank).toBe(i + 1);
      if (i > 0) expect(clip.score).toBeLessThanOrEqual(out.clips[i - 1]!.score);
      expect(clip.reasons.length).toBeGreaterThan(0);
      expect(clip.duration).toBeGreaterThanOrEqual(range.minSec - 0.01);
      expect(clip.duration).toBeLessThanOrEqual(range.maxSec + 0.01);
      for (const w of words) {
        // Never inside a word (a boundary may touch a word's edge).
        expect(
          clip.start <= w.start + 1e-6 || clip.start >= w.end - 1e-6,
          `start ${clip.start} inside ${JSON.stringify(w)}`,
        ).toBe(true);
        expect(
          clip.end <= w.start + 1e-6 || clip.end >= w.end - 1e-6,
          `end ${clip.end} inside ${JSON.stringify(w)}`,
        ).toBe(true);
      }
    });
    expect(run.stderr).toMatch(/transcribe/);
    expect(run.stderr).toMatch(/vision/);

    const again = await kirinuki('clip', out.videoId, '--json');
    expect(again.json<ClipOut>().clips.map((c) => c.id)).toEqual(out.clips.map((c) => c.id));
    // The same file by its path again: the queue finds it is that video, and proposes for the new platform.
    const byPath = await kirinuki('clip', video, '--platform', 'shorts', '--json');
    expect(byPath.code, byPath.stderr).toBe(0);
    expect(byPath.json<ClipOut>()).toMatchObject({ videoId: out.videoId, platform: 'shorts' });
    const jobs = (await kirinuki('jobs', 'list', '--json')).json<{
      jobs: Array<{ videoId: string; status: string }>;
    }>().jobs;
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    expect(new Set(jobs.filter((j) => j.videoId !== out.videoId).map((j) => j.videoId)).size).toBe(1); // the placeholder's ingest
    const events = (await kirinuki('events', '--video', out.videoId, '--json'))
      .json<{ events: Array<{ type: string }> }>()
      .events.map((e) => e.type);
    for (const type of ['VideoImported', 'TranscriptReady', 'VisionReady'])
      expect(
        events.filter((t) => t === type),
        type,
      ).toHaveLength(1);
    // One set of proposals per platform asked for (tiktok, then shorts); the rerun added none.
    expect(events.filter((t) => t === 'ClipsProposed')).toHaveLength(2);

    const approved = await kirinuki('clips', 'approve', out.clips[0]!.id, '--json');
    expect(approved.json<{ clips: Array<{ status: string }> }>().clips[0]?.status).toBe('approved');
    const rendered = await kirinuki(
      'render',
      out.clips[0]!.id,
      '--style',
      'none',
      '--platform',
      'square',
      '--out',
      path.join(root, 'out'),
      '--json',
    );
    expect(rendered.code, rendered.stderr).toBe(0);
    const r = rendered.json<{ output: string; width: number; height: number; preset: string }>();
    expect(r).toMatchObject({ width: 1080, height: 1080, preset: 'square' });
    expect(existsSync(r.output)).toBe(true);
    // The render service's "no such clip" reaches the user with its code, not as an internal error.
    const missing = await kirinuki('render', 'no-such-clip', '--json');
    expect(missing.code).toBe(2);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  }, 300_000);

  it('--rerank asks an OpenAI model (a local fake here) for a second opinion, caches it, and survives its failure', async () => {
    const first = await kirinuki('clip', video, '--json');
    const { videoId, clips: heuristic } = first.json<ClipOut>();
    let failing = false;
    const requests: Array<{ model: string; response_format: { type: string } }> = [];
    const server = await startLocalServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      if (failing) return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{}}');
      const body = JSON.parse(raw) as {
        model: string;
        response_format: { type: string };
        messages: Array<{ content: string }>;
      };
      requests.push(body);
      const ids = (JSON.parse(body.messages[1]!.content) as { clips: Array<{ id: number }> }).clips.map(
        (c) => c.id,
      );
      // The model likes the heuristic's last pick best.
      const answer = {
        clips: ids.map((id) => ({
          id,
          score: id * 10,
          reason: `The model's view of clip ${id}.`,
          title: `LLM title ${id}`,
        })),
      };
      sendChatCompletion(res, JSON.stringify(answer), body.model);
    });
    try {
      const env = { OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_API_KEY: 'sk-test' };
      const run = (...args: string[]) => runCli([...args, '--library', library], { timeoutMs: 240_000, env });
      const reranked = await run('clip', videoId, '--rerank', '--json');
      expect(reranked.code, reranked.stderr).toBe(0);
      const out = reranked.json<ClipOut & { rerank: { model: string; used: boolean } }>();
      expect(out.rerank).toEqual({ model: 'gpt-4o-mini', used: true });
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({ model: 'gpt-4o-mini', response_format: { type: 'json_schema' } });
      if (heuristic.length > 1) expect(out.clips[0]!.title).toBe(`LLM title ${heuristic.length}`);
      expect(out.clips[0]!.reasons[0]).toMatch(/^The model's view of clip \d+\.$/);

      // The same question again: answered from the cache, no second request.
      const again = await run('clip', videoId, '--rerank', '--json');
      expect(again.json<ClipOut>().clips.map((c) => c.id)).toEqual(out.clips.map((c) => c.id));
      expect(requests).toHaveLength(1);

      // A failing service leaves the heuristic ranking, and says why.
      failing = true;
      expect((await run('settings', 'set', 'llmModel', 'gpt-4.1-mini')).code).toBe(0); // not in the cache
      const failed = await run('clip', videoId, '--rerank', '--json');
      expect(failed.code, failed.stderr).toBe(0);
      const kept = failed.json<ClipOut & { rerank: { used: boolean; error?: string } }>();
      expect(kept.rerank).toMatchObject({ model: 'gpt-4.1-mini', used: false, error: expect.any(String) });
      expect(kept.clips.map((c) => c.title)).toEqual(heuristic.map((c) => c.title));
    } finally {
      await server.close();
    }
  }, 400_000);

  it.each([
    [['--platform', 'myspace'], 'INVALID_ARGUMENT'],
    [['--count', '0'], 'INVALID_ARGUMENT'],
    [['--min', 'soon'], 'INVALID_ARGUMENT'],
  ])('refuses %j with %s', async (flags, code) => {
    const run = await kirinuki('clip', video, ...flags, '--json');
    expect(run.code).toBe(2);
    expect(run.json()).toMatchObject({ error: { code } });
  });
});
