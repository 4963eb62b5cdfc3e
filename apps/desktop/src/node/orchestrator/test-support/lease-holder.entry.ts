// Takes the lease of the one queued job and then hangs inside its handler, until killed.
import { createLogger } from '../../logging/create-logger.js';
import { sqliteJobQueue } from '../../queue-sqlite/sqlite-job-queue.js';
import { JOBS_DATABASE, type JobsDatabase } from '../../queue-sqlite/jobs-database.js';
import { openDatabase } from '@kirinuki/db';
import { createOrchestrator } from '../orchestrator.js';

const [dir = ''] = process.argv.slice(2);
const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
const orchestrator = createOrchestrator({
  queue: sqliteJobQueue(jobsDb.db),
  stages: [{ name: 'ingest', after: [], resource: 'cpu' }],
  handlers: [
    {
      stage: 'ingest',
      run: () => {
        process.stdout.write(`${JSON.stringify({ holding: true, pid: process.pid })}\n`);
        return new Promise(() => undefined);
      },
    },
  ],
  logger: createLogger({
    logDir: null,
    consoleLevel: 'silent',
    pretty: false,
    correlationId: 'lease-holder',
  }),
  leaseMs: 10 * 60_000,
});
await orchestrator.runUntilIdle();
