// The worker host of the crash-recovery test: runs the test pipeline through a supervised
// service until idle, printing its service's pid so the test can kill either process.
import { fileURLToPath } from 'node:url';
import { sqliteJobQueue } from '../../queue-sqlite/sqlite-job-queue.js';
import path from 'node:path';
import { createLogger } from '../../logging/create-logger.js';
import { launchNodeService } from '../../service-process/node-service-launcher.js';
import { createServiceSupervisor } from '../../service-process/service-supervisor.js';
import { JOBS_DATABASE, type JobsDatabase } from '../../queue-sqlite/jobs-database.js';
import { openDatabase } from '@kirinuki/db';
import { createOrchestrator } from '../orchestrator.js';
import type { StageHandler } from '../stage-handler.js';
import type { MarkerServiceRouter } from './marker-service.entry.js';
import { CHAOS_STAGES } from './chaos-stages.js';
import { appendEventTo, TEST_EVENT_LOG, type TestEventLogDatabase } from './test-event-log.js';

const [dir = '', workMs = '300'] = process.argv.slice(2);
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const logger = createLogger({
  logDir: path.join(dir, 'logs'),
  consoleLevel: 'silent',
  pretty: false,
  correlationId: `worker-${process.pid}`,
});
const jobsDb = await openDatabase<JobsDatabase>(JOBS_DATABASE, dir);
const eventsDb = await openDatabase<TestEventLogDatabase>(TEST_EVENT_LOG, dir);
const supervisor = createServiceSupervisor({
  services: [{ name: 'marker', entry: fileURLToPath(new URL('./marker-service.entry.ts', import.meta.url)) }],
  launcher: launchNodeService,
  logger,
  // This test kills the service on purpose far more often than the real circuit allows.
  crashPolicy: { maxCrashes: 1_000, baseDelayMs: 50, maxDelayMs: 200 },
});
supervisor.onStatus((status) => {
  if (status.state === 'running') print({ servicePid: status.pid });
});
const marker = supervisor.client<MarkerServiceRouter>('marker');

const handlers: StageHandler[] = CHAOS_STAGES.map((spec) => ({
  stage: spec.name,
  run: async (ctx) => {
    const inputHash = spec.after.map((u) => (ctx.inputs[u] as { key: string }).key).join('+') || ctx.videoId;
    const output = await marker.writeMarker.mutate(
      { dir, videoId: ctx.videoId, stage: ctx.stage, inputHash, workMs: Number(workMs) },
      { signal: ctx.signal, context: { correlationId: ctx.jobId } },
    );
    ctx.reportProgress(1);
    // The stage's own event (like TranscriptReady): a deterministic id makes a rerun a no-op.
    await appendEventTo(eventsDb.db, {
      id: ctx.eventId('StageCompleted'),
      type: 'StageCompleted',
      aggregateId: ctx.jobId,
      at: new Date().toISOString(),
      payload: { videoId: ctx.videoId, stage: ctx.stage, key: output.key },
    });
    return { key: output.key };
  },
}));

const orchestrator = createOrchestrator({
  queue: sqliteJobQueue(jobsDb.db),
  stages: CHAOS_STAGES,
  handlers,
  logger,
  resources: { cpu: 2 },
  leaseMs: 60_000,
  pollMs: 100,
  retry: { baseDelayMs: 50, maxDelayMs: 200 },
  appendEvent: (event) => appendEventTo(eventsDb.db, event),
});
print({ ready: true, pid: process.pid });
const summary = await orchestrator.runUntilIdle();
await supervisor.shutdown();
await jobsDb.close();
await eventsDb.close();
print({ idle: true, ...summary });
