import { formatClock } from '@kirinuki/pipeline';
import { openHost, type Host } from '../node/host/open-host.js';
import type { CliContext } from './cli-context.js';

/**
 * Opens the host for one command (the queue runs in this process, in the foreground; stage
 * services start on first use), prints the queue's progress to stderr, and always closes it.
 */
export async function withHost<T>(ctx: CliContext, run: (host: Host) => Promise<T>): Promise<T> {
  const host = await openHost({ libraryDir: ctx.libraryDir, logger: ctx.logger, run: 'foreground' });
  const feed = new AbortController();
  void (async () => {
    for await (const event of host.jobs.queueEvents(feed.signal)) {
      if (event.type === 'progress') {
        const eta =
          event.etaMs !== null && event.fraction < 1 ? `  ETA ${formatClock(event.etaMs / 1000)}` : '';
        ctx.progress(
          `${event.stage.padEnd(10)} ${String(Math.round(event.fraction * 100)).padStart(3)}%  ${event.detail ?? ''}${eta}`,
        );
      } else if (event.type === 'job' && (event.job.status === 'failed' || event.job.status === 'done'))
        ctx.progressDone();
    }
  })();
  try {
    return await run(host);
  } finally {
    feed.abort();
    ctx.progressDone();
    await host.close();
  }
}
