import { mkdtempSync, rmSync } from 'node:fs';
import { sqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '@kirinuki/contracts';
import { runCli } from '../../cli/test-support/run-cli.js';
import { videoStatus } from '@kirinuki/contracts';
import { rebuildAllProjections } from '../events/rebuild-projections.js';
import { openLibrary } from '../library/library.js';
import { createLogger } from '../logging/create-logger.js';
import { IMPORT_STAGES } from '../orchestrator/pipeline-stages.js';
import { createOrchestrator } from '../orchestrator/orchestrator.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import { JOBS_DATABASE, type JobsDatabase } from '../queue-sqlite/jobs-database.js';
import { openDatabase } from '@kirinuki/db';
import { openPipelineQueue } from '../orchestrator/open-pipeline-queue.js';
import { listJobViews, videoStatuses } from './job-views-repository.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-job-views-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });
const FIXTURE = fileURLToPath(
  new URL('../../../../../fixtures/media/testsrc-2s-320x240.mp4', import.meta.url),
);

describe('videoStatus', () => {
  it.each([
    [[], 'ready'],
    [['done', 'done'], 'ready'],
    [['done', 'queued'], 'processing'],
    [['failed', 'running'], 'failed'],
    [['done', 'failed', 'queued'], 'failed'],
    [['cancelled', 'running'], 'processing'],
    [['done', 'failed'], 'failed'],
    [['cancelled', 'failed'], 'failed'],
    [['done', 'cancelled'], 'cancelled'],
  ])('%j → %s', (statuses, expected) => {
    expect(videoStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });
});

describe('the jobs read model (job_views) and the videos’ status', () => {
  it('follows the queue live, survives a rebuild, and is completed from the outbox', async () => {
    const dir = path.join(root, 'library');
    const library = await openLibrary(dir);
    let release: (() => void) | null = null;
    const handlers: StageHandler[] = IMPORT_STAGES.map((stage) => ({
      stage,
      run: async (ctx) => {
        if (ctx.videoId === 'broken' && stage === 'vision')
          throw new UserFacingError('CORRUPT_MEDIA', 'broken.mp4 is damaged');
        if (ctx.videoId === 'slow' && stage === 'segment') await new Promise<void>((r) => (release = r));
        return { stage };
      },
    }));
    const queue = await openPipelineQueue({ library, logger, handlers });
    const { orchestrator } = queue;
    for (const video of ['good', 'broken', 'slow', 'stopped'])
      await orchestrator.enqueue(video, IMPORT_STAGES);
    const [stopped] = await orchestrator.list({ videoId: 'stopped' });
    await orchestrator.cancel(stopped!.id);
    const running = orchestrator.runUntilIdle();
    while (!release) await new Promise((r) => setTimeout(r, 20));

    // While `slow` is in its segment stage, the read model says so.
    await expect.poll(async () => (await videoStatuses(library.db)).get('slow')).toBe('processing');
    const midway = await listJobViews(library.db, { videoId: 'slow' });
    expect(midway.find((j) => j.stage === 'segment')?.status).toBe('running');
    (release as () => void)();
    await running;

    const live = await listJobViews(library.db);
    // Every job event reached the log, and the projection made from it is the queue's own story.
    expect(live).toEqual(await orchestrator.list());
    expect(Object.fromEntries(await videoStatuses(library.db))).toEqual({
      good: 'ready',
      broken: 'failed',
      slow: 'ready',
      stopped: 'cancelled',
    });
    expect(live.find((j) => j.videoId === 'broken' && j.stage === 'vision')?.error).toMatchObject({
      code: 'CORRUPT_MEDIA',
    });

    // A rebuild from the log gives the same read model, and agrees with the queue.
    const rebuilt = await rebuildAllProjections(library);
    expect(rebuilt).toMatchObject({ jobs: 16, delivered: 0, differing: [] });
    expect(await listJobViews(library.db)).toEqual(live);

    // Job events the queue wrote but never delivered (a crash between the two databases) are
    // delivered by the rebuild, which then agrees with the queue again.
    await queue.close();
    const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
    // An orchestrator whose delivery never ran: its JobEnqueued stays in the jobs database's outbox.
    const undelivered = createOrchestrator({
      queue: sqliteJobQueue(jobsDb.db),
      stages: [{ name: 'ingest', after: [], resource: 'cpu' }],
      logger,
    });
    await undelivered.enqueue('late', ['ingest']);
    await jobsDb.close();
    expect(await listJobViews(library.db, { videoId: 'late' })).toEqual([]);
    expect(await rebuildAllProjections(library)).toMatchObject({ jobs: 17, delivered: 1, differing: [] });
    expect((await videoStatuses(library.db)).get('late')).toBe('processing');

    // A library from before the jobs read model gets it from its log when it is opened.
    const before = await listJobViews(library.db);
    await library.db.deleteFrom('job_views').execute();
    await library.close();
    const reopened = await openLibrary(dir);
    expect(await listJobViews(reopened.db)).toEqual(before);
    await reopened.close();
  }, 60_000);

  it('kirinuki admin rebuild-projections reports videos, clips and jobs, and that the jobs agree', async () => {
    const library = path.join(root, 'cli-library');
    const imported = await runCli(['import', FIXTURE, '--json', '--library', library]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ video: { status: 'ready' } });
    const run = await runCli(['admin', 'rebuild-projections', '--json', '--library', library]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toEqual({ rebuilt: { videos: 1, clips: 0, jobs: 1 }, delivered: 0, differing: [] });
  }, 60_000);
});
