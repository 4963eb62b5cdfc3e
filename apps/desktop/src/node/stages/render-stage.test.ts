import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { appRouter } from '../api/app-router.js';
import { createAppServices } from '../api/create-app-services.js';
import { setClipStatus, storeProposals, updateClip } from '../clips/clip-commands.js';
import { listEvents } from '../events/events-repository.js';
import { videoStatusOf } from '../jobs/job-views-repository.js';
import { waitForJob } from '../jobs/job-worker.js';
import { createLogger } from '../logging/create-logger.js';
import type { RenderOutput } from './render-stage.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-render-stage-'));
const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });
let services: Awaited<ReturnType<typeof createAppServices>>;
afterAll(async () => {
  await services?.close();
  rmSync(root, { recursive: true, force: true });
});
beforeAll(async () => {
  services = await createAppServices(path.join(root, 'library'), logger);
}, 60_000);

describe('the render stage (queued, in the render service)', () => {
  it('renders the approved clips of a video, skips what is already rendered, and redoes an edited clip', async () => {
    const source = await makeVideo(path.join(root, 'talk.mp4'), ['-c:v', 'libx264', '-preset', 'ultrafast'], {
      duration: 3,
      size: '640x360',
    });
    const { video } = await services.importInput(source, {});
    await expect
      .poll(() => videoStatusOf(services.library.db, video.id), { timeout: 60_000, interval: 250 })
      .toBe('ready');
    const { clips } = await storeProposals(services.library.db, {
      videoId: video.id,
      stableAtMs: Date.parse(video.createdAt),
      platform: 'tiktok',
      style: 'none',
      key: 'render-stage-test',
      proposals: [0, 1].map((i) => ({
        rank: i + 1,
        start: i,
        end: i + 1.5,
        duration: 1.5,
        score: 80 - i,
        reasons: ['r'],
        text: '',
        title: `Clip ${i + 1}`,
        hashtags: [],
      })),
    });
    await setClipStatus(services.library.db, [clips[0]!.id], 'approved');
    const api = appRouter.createCaller({ services, requestId: 'test' });
    const outDir = path.join(root, 'out');
    const renderApproved = async () => {
      const { job } = await api.render.approved({
        videoId: video.id,
        platform: 'square',
        style: 'none',
        outDir,
      });
      const done = await waitForJob(services.jobs, job!.id);
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      return (await services.jobs.get(job!.id))?.output as RenderOutput;
    };
    const renderedCount = async () =>
      (await listEvents(services.library.db, { types: ['ClipRendered'] })).length;

    const first = await renderApproved();
    expect(first.rendered.map((r) => r.clipId)).toEqual([clips[0]!.id]); // approved only
    expect(first.rendered[0]).toMatchObject({ preset: 'square', style: 'none' });
    expect(existsSync(first.rendered[0]!.output)).toBe(true);
    expect(await renderedCount()).toBe(1);

    // Asked again with nothing changed: the stage runs and renders nothing twice.
    const again = await renderApproved();
    expect(again.rendered[0]!.output).toBe(first.rendered[0]!.output);
    expect(await renderedCount()).toBe(1);

    // An edit since the last render: that clip is rendered again.
    await updateClip(services.library.db, clips[0]!.id, { end: 2.2 }, { videoDurationSec: 3 });
    await renderApproved();
    expect(await renderedCount()).toBe(2);

    await expect(api.render.approved({ videoId: 'nope' })).rejects.toMatchObject({
      message: 'This video has no approved clips to render.',
    });
  }, 180_000);
});
