import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT } from '@kirinuki/contracts';
import { listClips } from '../clips/clips-repository.js';
import { listEvents } from '../events/events-repository.js';
import { rebuildAllProjections } from '../events/rebuild-projections.js';
import { listJobViews } from '../library/job-views-repository.js';
import { openLibrary } from '../library/library.js';
import { readSettings } from '../library/settings-repository.js';
import { listVideos } from '../library/videos-repository.js';
import { openSqliteJobQueue } from '../queue-sqlite/sqlite-job-queue.js';

const MADE = fileURLToPath(new URL('../../../../../fixtures/libraries/made-2026-12-06', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-upgrade-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a library made before jobs had subjects (2026-12-06), opened by today’s code', () => {
  it('is upgraded in place with nothing lost: videos, clips, settings, events, jobs, the paused queue', async () => {
    const dir = path.join(root, 'library');
    mkdirSync(dir, { recursive: true });
    for (const file of ['library.db', 'jobs.db']) copyFileSync(path.join(MADE, file), path.join(dir, file));

    const library = await openLibrary(dir);
    const queue = await openSqliteJobQueue(dir);
    try {
      expect(await listVideos(library.db)).toHaveLength(1);
      const clips = await listClips(library.db);
      expect(clips.map((c) => c.status).sort()).toEqual(['approved', 'proposed']);
      expect((await readSettings(library.db)).clipCount).toBe(7);
      const types = (await listEvents(library.db)).map((e) => e.type);
      for (const type of [
        EVENT.VideoImported,
        EVENT.TranscriptReady,
        EVENT.ClipsProposed,
        EVENT.ClipRendered,
      ])
        expect(types).toContain(type);

      const jobs = await queue.list();
      expect(jobs).toHaveLength(9);
      // Every old job was about a video: it is now that video's job, keyed by it as the subject.
      for (const job of jobs)
        expect(job).toMatchObject({ subjectKind: 'video', subjectId: job.videoId, notBefore: 0 });
      const byStatus = (status: string) => jobs.filter((j) => j.status === status).length;
      expect({ done: byStatus('done'), failed: byStatus('failed'), queued: byStatus('queued') }).toEqual({
        done: 4,
        failed: 1,
        queued: 4,
      });
      expect(jobs.find((j) => j.status === 'failed')?.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
      expect(await queue.isPaused()).toBe(true);
      // The read model agrees, subject included.
      expect((await listJobViews(library.db)).map((j) => [j.id, j.subjectKind, j.subjectId])).toEqual(
        jobs.map((j) => [j.id, 'video', j.videoId]),
      );
    } finally {
      await queue.close();
    }
    const rebuilt = await rebuildAllProjections(library);
    expect(rebuilt).toMatchObject({ videos: 1, clips: 2, jobs: 9, differing: [] });
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(library.db);
    expect(check.rows[0]?.integrity_check).toBe('ok');
    await library.close();
  });
});
