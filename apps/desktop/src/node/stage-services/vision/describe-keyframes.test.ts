import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sendChatCompletion, startLocalServer } from '@kirinuki/pipeline/test-support/local-http-server';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { EVENT, type VisionOutput } from '@kirinuki/contracts';
import { listEvents } from '../../events/events-repository.js';
import { importUntilReady, openTestHost } from '../../host/test-support/test-host.js';
import { libraryCacheDir } from '../../library/folder-text-cache.js';
import { cloudFrameTimes, MAX_CLOUD_FRAMES, type CloudVisionResult } from './describe-keyframes.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-cloud-vision-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cloudFrameTimes', () => {
  it('takes the middle of each shot, at most MAX_CLOUD_FRAMES spread over the video', () => {
    const shot = (index: number) => ({
      index,
      startFrame: 0,
      endFrame: 0,
      start: index * 2,
      end: index * 2 + 2,
    });
    expect(
      cloudFrameTimes({ shots: { fps: 25, frameCount: 0, cuts: [], shots: [0, 1].map(shot) } }, 4),
    ).toEqual([
      { shotIndex: 0, time: 1 },
      { shotIndex: 1, time: 3 },
    ]);
    expect(cloudFrameTimes({}, 10)).toEqual([{ shotIndex: 0, time: 5 }]);
    const many = cloudFrameTimes(
      { shots: { fps: 25, frameCount: 0, cuts: [], shots: [...Array(100).keys()].map(shot) } },
      200,
    );
    expect(many).toHaveLength(MAX_CLOUD_FRAMES);
    expect(many[0]!.shotIndex).toBeLessThan(5);
    expect(many.at(-1)!.shotIndex).toBeGreaterThan(95);
  });
});

describe('cloud vision in the vision stage (a local fake OpenAI server)', () => {
  it('describes the keyframes when turned on, caches each frame in the library folder, and records CloudVisionReady', async () => {
    let requests = 0;
    const server = await startLocalServer(async (req, res) => {
      for await (const _ of req) void _;
      requests += 1;
      const content = JSON.stringify({
        description: 'A test pattern.',
        tags: ['pattern'],
        people: 0,
        textOnScreen: '',
        highlightScore: 12,
      });
      sendChatCompletion(res, content);
    });
    const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    // The vision service inherits these when it starts.
    process.env.OPENAI_BASE_URL = `${server.url}/v1`;
    process.env.OPENAI_API_KEY = 'sk-test';
    const host = await openTestHost(path.join(root, 'library'));
    try {
      await host.settings.set('cloudVision', true);
      const source = await makeVideo(path.join(root, 'v.mp4'), ['-c:v', 'libx264', '-preset', 'ultrafast'], {
        duration: 2,
        size: '320x240',
      });
      const video = await importUntilReady(host, source);
      const job = (await host.jobs.list({ videoId: video.id })).jobs.find((j) => j.stage === 'vision')!;
      const output = (await host.jobs.get(job.id)).output as VisionOutput;
      expect(output.cloud).toMatchObject({ model: 'gpt-4o-mini', used: true, frames: 1 });
      const described = JSON.parse(readFileSync(output.cloud!.file!, 'utf8')) as CloudVisionResult;
      expect(described).toEqual([
        expect.objectContaining({ shotIndex: 0, description: 'A test pattern.', highlightScore: 12 }),
      ]);
      expect(requests).toBe(1);
      // Each frame's answer is in the vision service's own cache, not in the library's database.
      expect(readdirSync(libraryCacheDir(host.parts.library.dir, 'cloud-vision'))).toHaveLength(1);
      expect(await host.parts.library.db.selectFrom('cloud_vision_cache').selectAll().execute()).toEqual([]);
      expect(await listEvents(host.parts.library.db, { types: [EVENT.CloudVisionReady] })).toHaveLength(1);
    } finally {
      await host.close();
      await server.close();
      process.env.OPENAI_BASE_URL = saved.base;
      process.env.OPENAI_API_KEY = saved.key;
      if (saved.base === undefined) delete process.env.OPENAI_BASE_URL;
      if (saved.key === undefined) delete process.env.OPENAI_API_KEY;
    }
  }, 120_000);
});
