import { formatClock } from '@kirinuki/pipeline';
import { openJobQueue, type JobQueue } from '../node/jobs/job-queue.js';
import { createStageHost, type StageHost } from '../node/jobs/stage-host.js';
import { librarySecretStore } from '../node/secrets/secret-store.js';
import type { CliContext } from './cli-context.js';
import type { LibrarySession } from './with-library.js';

/** The job queue with every stage this build has (services start on first use); progress to stderr. */
export async function withJobQueue<T>(
  ctx: CliContext,
  session: LibrarySession,
  run: (queue: JobQueue & { stageHost: StageHost }) => Promise<T>,
): Promise<T> {
  const stageHost = createStageHost({
    library: session.library,
    logger: ctx.logger,
    secrets: librarySecretStore(session.library.dir),
  });
  const queue = await openJobQueue({
    library: session.library,
    logger: ctx.logger,
    handlers: stageHost.handlers,
  });
  const stop = queue.orchestrator.onEvent((event) => {
    if (event.type === 'progress') {
      const eta =
        event.etaMs !== null && event.fraction < 1 ? `  ETA ${formatClock(event.etaMs / 1000)}` : '';
      ctx.progress(
        `${event.stage.padEnd(10)} ${String(Math.round(event.fraction * 100)).padStart(3)}%  ${event.detail ?? ''}${eta}`,
      );
    } else if (event.type === 'job' && (event.job.status === 'failed' || event.job.status === 'done')) {
      ctx.progressDone();
    }
  });
  try {
    return await run({ ...queue, stageHost });
  } finally {
    stop();
    ctx.progressDone();
    await stageHost.shutdown();
    await queue.close();
  }
}
