import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../common/jobs/job-queue.js';
import type { LeaseOwner } from './lease-owner.js';
import { openSqliteJobQueue } from './sqlite-job-queue.js';

// The scheduler's lease in jobs.db, between queues of different processes (owners) on one file;
// a live other process is played by our parent's pid.

const dirs: string[] = [];
const queues: JobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function two(a: Partial<LeaseOwner>, b: Partial<LeaseOwner>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-scheduler-lease-'));
  dirs.push(dir);
  const owner = (o: Partial<LeaseOwner>, id: string): LeaseOwner => ({
    id,
    pid: process.pid,
    host: 'box',
    bootId: 'boot-1',
    ...o,
  });
  const qa = await openSqliteJobQueue(dir, { owner: owner(a, 'run-a') });
  const qb = await openSqliteJobQueue(dir, { owner: owner(b, 'run-b') });
  queues.push(qa, qb);
  return { qa, qb };
}

const T = 1_000_000;

describe('scheduler lease (SQLite)', () => {
  it('goes to one holder; the other is refused while the holder lives and renews', async () => {
    const { qa, qb } = await two({ pid: process.ppid }, {});
    expect(await qa.acquireSchedulerLease(T, 30_000)).toBe(true);
    expect(await qb.acquireSchedulerLease(T + 1, 30_000)).toBe(false);
    expect(await qa.acquireSchedulerLease(T + 10_000, 30_000)).toBe(true); // renewal
    expect(await qb.acquireSchedulerLease(T + 35_000, 30_000)).toBe(false); // renewed until T+40 s
  });

  it('is taken at once from a process on this machine that is gone', async () => {
    // a ran as a pid that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    const { qa, qb } = await two({ pid: 4_194_305 }, {});
    expect(await qa.acquireSchedulerLease(T, 30_000)).toBe(true);
    expect(await qb.acquireSchedulerLease(T + 1, 30_000)).toBe(true);
    expect(await qa.acquireSchedulerLease(T + 2, 30_000)).toBe(false);
  });

  it('is taken from another machine only once its lease expired', async () => {
    const { qa, qb } = await two({ host: 'other-box', pid: process.ppid }, {});
    expect(await qa.acquireSchedulerLease(T, 30_000)).toBe(true);
    expect(await qb.acquireSchedulerLease(T + 29_999, 30_000)).toBe(false);
    expect(await qb.acquireSchedulerLease(T + 30_000, 30_000)).toBe(true);
  });

  it('is free again once its holder gives it up', async () => {
    const { qa, qb } = await two({ pid: process.ppid }, {});
    expect(await qa.acquireSchedulerLease(T, 30_000)).toBe(true);
    await qb.releaseSchedulerLease(); // not b's: nothing happens
    expect(await qb.acquireSchedulerLease(T + 1, 30_000)).toBe(false);
    await qa.releaseSchedulerLease();
    expect(await qb.acquireSchedulerLease(T + 2, 30_000)).toBe(true);
  });
});
