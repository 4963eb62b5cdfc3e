import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '@kirinuki/contracts';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import { hasPendingWork } from '../orchestrator/pending-work.js';
import { buildStageGraph } from '../orchestrator/stage-graph.js';
import { openSqliteJobQueue } from './sqlite-job-queue.js';

// An idle worker asks "is anything worth waiting for?" every poll. pendingRows answers it from the
// few jobs that matter instead of every job in the library: over random queues the answer must be
// the one the whole list gives, and a library of far-off scheduled posts must read (almost) nothing.

const graph = buildStageGraph(
  [
    { name: 'ingest', after: [], resource: 'cpu' },
    { name: 'render', after: ['ingest'], resource: 'cpu' },
    { name: 'publish', after: ['render'], resource: 'net' },
  ],
  ['ingest', 'render', 'publish'].map((stage) => ({ stage, run: async () => null })),
);
const STAGES = ['ingest', 'render', 'publish'];
const STATUSES: JobStatus[] = ['queued', 'running', 'done', 'failed', 'cancelled'];
const NOW = 10_000_000;
const DUE_BY = NOW + 60_000;

let dir: string;
let queue: JobQueue;
let raw: Database.Database;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-pending-rows-'));
  queue = await openSqliteJobQueue(dir);
  raw = new Database(path.join(dir, 'jobs.db'));
});
afterAll(async () => {
  raw.close();
  await queue.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function fill(seed: number, subjects: number) {
  raw.exec('DELETE FROM jobs');
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)]!;
  await queue.insert(
    Array.from({ length: subjects }, (_, i) =>
      STAGES.slice(pick([0, 1])).map((stage) => ({
        subject: { kind: 'post' as const, id: `s${seed}-${i}` },
        videoId: `v${i}`,
        stage,
        resource: 'cpu' as const,
        priority: 0,
        maxAttempts: 3,
        params: {},
      })),
    ).flat(),
    NOW,
  );
  const update = raw.prepare('UPDATE jobs SET status = ?, notBefore = ?, attempts = ? WHERE id = ?');
  for (const { id } of raw.prepare('SELECT id FROM jobs').all() as { id: string }[])
    update.run(
      pick(STATUSES),
      pick([0, NOW - 5, NOW + 5, DUE_BY - 1, DUE_BY + 1, NOW + 86_400_000]),
      pick([0, 0, 1, 2]),
      id,
    );
}

describe('pendingRows', () => {
  it('gives hasPendingWork the answer the whole queue gives, over random queues', async () => {
    let pending = 0;
    for (let seed = 1; seed <= 300; seed += 1) {
      await fill(seed, 1 + (seed % 4));
      const whole = hasPendingWork(await queue.list(), graph, DUE_BY, NOW);
      const few = hasPendingWork(await queue.pendingRows(DUE_BY, NOW), graph, DUE_BY, NOW);
      expect(few, `seed ${seed}`).toBe(whole);
      if (whole) pending += 1;
    }
    // Both answers occur, so the comparison says something.
    expect(pending).toBeGreaterThan(30);
    expect(pending).toBeLessThan(270);
  });

  it('reads nothing of posts that wait for their time and never ran', async () => {
    raw.exec('DELETE FROM jobs');
    await queue.insert(
      Array.from({ length: 500 }, (_, i) => ({
        subject: { kind: 'post' as const, id: `p${i}` },
        videoId: 'v',
        stage: 'ingest',
        resource: 'net' as const,
        priority: 0,
        maxAttempts: 3,
        params: {},
        notBefore: NOW + 3_600_000 + i,
      })),
      NOW,
    );
    expect(await queue.pendingRows(DUE_BY, NOW)).toEqual([]);
    // One of them came due: it and its subject's jobs are what is read.
    raw.prepare("UPDATE jobs SET notBefore = ? WHERE subjectId = 'p7'").run(NOW - 1);
    const rows = await queue.pendingRows(DUE_BY, NOW);
    expect(rows.map((r) => r.subjectId)).toEqual(['p7']);
    expect(hasPendingWork(rows, graph, DUE_BY, NOW)).toBe(true);
  });

  it('claims a runnable job behind more than a page of blocked ones, and never reads a full class', async () => {
    raw.exec('DELETE FROM jobs');
    const job = (id: string, stage: string, resource: 'cpu' | 'net') => ({
      subject: { kind: 'post' as const, id },
      videoId: 'v',
      stage,
      resource,
      priority: 0,
      maxAttempts: 3,
      params: {},
    });
    // 450 renders whose ingest failed (blocked), then one ingest that can run.
    await queue.insert(
      Array.from({ length: 450 }, (_, i) => job(`b${String(i).padStart(3, '0')}`, 'render', 'cpu')),
      NOW,
    );
    await queue.insert([job('runnable', 'ingest', 'cpu')], NOW);
    const claim = (free: { cpu: number; net: number }) =>
      queue.claim({
        now: NOW,
        leaseMs: 30_000,
        free: { gpu: 0, ...free },
        upstreamOf: (stage) => graph.spec(stage).after,
        handles: () => true,
      });
    expect(await claim({ cpu: 0, net: 4 })).toEqual([]);
    const claimed = await claim({ cpu: 1, net: 0 });
    expect(claimed.map((l) => l.job.subjectId)).toEqual(['runnable']);
  });
});

describe('stagesDueBy', () => {
  it('names the stages of queued jobs due by a time (what a scheduler warms up), nothing else', async () => {
    raw.exec('DELETE FROM jobs');
    const job = (id: string, stage: string, notBefore: number) => ({
      subject: { kind: 'post' as const, id },
      videoId: 'v',
      stage,
      resource: 'net' as const,
      priority: 0,
      maxAttempts: 3,
      params: {},
      notBefore,
    });
    await queue.insert(
      [job('a', 'publish', NOW + 5_000), job('b', 'render', NOW + 60_000), job('c', 'ingest', NOW + 1_000)],
      NOW,
    );
    raw.prepare("UPDATE jobs SET status = 'done' WHERE subjectId = 'c'").run();
    expect(await queue.stagesDueBy(NOW)).toEqual([]);
    expect(await queue.stagesDueBy(NOW + 5_000)).toEqual(['publish']);
    expect((await queue.stagesDueBy(NOW + 60_000)).sort()).toEqual(['publish', 'render']);
  });
});
