import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { appRouter } from '../api/app-router.js';
import { setClipStatus, storeProposals, updateClip } from '../clips/clip-edits.js';
import { listEvents } from '../events/events-repository.js';
import type { OpenedHost } from '../host/open-host.js';
import { importUntilReady, openTestHost, waitForJobEnd } from '../host/test-support/test-host.js';
import type { RenderOutput } from '@kirinuki/contracts';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-render-stage-'));
let host: OpenedHost;
afterAll(async () => {
  await host?.close();
  rmSync(root, { recursive: true, force: true });
});
beforeAll(async () => {
  host = await openTestHost(path.join(root, 'library'));
}, 60_000);

describe('the render stage (queued, in the render service)', () => {
  it('renders the approved clips of a video, skips what is already rendered, and redoes an edited clip', async () => {
    const source = await makeVideo(path.join(root, 'talk.mp4'), ['-c:v', 'libx264', '-preset', 'ultrafast'], {
      duration: 3,
      size: '640x360',
    });
    const video = await importUntilReady(host, source);
    const { clips } = await storeProposals(host.parts.library.db, {
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
    await setClipStatus(host.parts.library.db, [clips[0]!.id], 'approved');
    const api = appRouter.createCaller({ host, requestId: 'test' });
    const outDir = path.join(root, 'out');
    const renderApproved = async () => {
      const { job } = await api.render.approved({
        videoId: video.id,
        platform: 'square',
        style: 'none',
        outDir,
      });
      const done = await waitForJobEnd(host, job!.id);
      expect(done.status, JSON.stringify(done.error)).toBe('done');
      return (await host.jobs.get(job!.id)).output as RenderOutput;
    };
    const renderedCount = async () =>
      (await listEvents(host.parts.library.db, { types: ['ClipRendered'] })).length;

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
    await updateClip(host.parts.library.db, clips[0]!.id, { end: 2.2 }, { videoDurationSec: 3 });
    await renderApproved();
    expect(await renderedCount()).toBe(2);

    await expect(api.render.approved({ videoId: 'nope' })).rejects.toMatchObject({
      message: 'This video has no approved clips to render.',
    });
  }, 180_000);
});
