import { mkdtempSync, rmSync } from 'node:fs';
import { sqliteJobQueue } from './sqlite-job-queue.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { JOBS_DATABASE, type JobsDatabase } from './jobs-database.js';
import { openDatabase } from '@kirinuki/db';
import { MAX_INTERRUPTIONS, reclaimLeases } from './job-runs-repository.js';
import { createOrchestrator } from '../orchestrator/orchestrator.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-interruptions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });

describe('interrupted runs (the worker died)', () => {
  it.each([
    [0, 'queued', 1],
    [MAX_INTERRUPTIONS - 2, 'queued', MAX_INTERRUPTIONS - 1],
    [MAX_INTERRUPTIONS - 1, 'failed', MAX_INTERRUPTIONS - 1],
  ])('with %i earlier interruptions → %s', async (earlier, status, interruptionsAfter) => {
    const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, mkdtempSync(path.join(dir, 'db-')));
    const orchestrator = createOrchestrator({
      queue: sqliteJobQueue(jobsDb.db),
      stages: [{ name: 'ingest', after: [], resource: 'cpu' }],
      logger,
    });
    const [job] = await orchestrator.enqueue('V1', ['ingest']);
    // As a worker that took the job and was then killed would leave it.
    await jobsDb.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 1,
        interruptions: earlier,
        leaseToken: 't',
        leaseOwnerId: 'dead',
        leasePid: 999999,
        leaseHost: 'h',
        leaseBootId: 'b',
        leaseExpiresAt: Date.now() + 600_000,
      })
      .where('id', '=', job!.id)
      .execute();
    const reclaimed = await reclaimLeases(jobsDb.db, () => 'dead', Date.now());
    expect(reclaimed).toHaveLength(1);
    const row = await jobsDb.db
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', job!.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe(status);
    // The interrupted run does not use up an attempt.
    if (status === 'queued')
      expect({ attempts: row.attempts, interruptions: row.interruptions }).toEqual({
        attempts: 0,
        interruptions: interruptionsAfter,
      });
    else
      expect(JSON.parse(row.error ?? '{}')).toMatchObject({
        message: expect.stringContaining(`${MAX_INTERRUPTIONS} times`),
      });
    await jobsDb.close();
  });
});
