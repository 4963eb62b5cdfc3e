import type { Command } from 'commander';
import type { JobSummary } from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

const jobLine = (j: JobSummary) =>
  `${j.id}  ${j.stage.padEnd(10)} ${j.status.padEnd(9)} ${String(Math.round(j.progress * 100)).padStart(3)}%  video ${j.videoId}  attempts ${j.attempts}${j.error ? `\n    [${j.error.code}] ${j.error.message}` : ''}`;

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('The job queue: list, resume, cancel, retry, pause');
  jobs
    .command('list')
    .description('List jobs (every stage of every video)')
    .option('--video <id>', 'only the jobs of one video')
    .action(
      defineAction(async (ctx, flags: { video?: string }) =>
        withHost(ctx, async (host) => {
          const { jobs: list, paused } = await host.jobs.list({ videoId: flags.video });
          return {
            json: { jobs: list, paused },
            text: list.length ? list.map(jobLine).join('\n') : 'No jobs.',
          };
        }),
      ),
    );
  jobs
    .command('resume')
    .description('Take back the jobs of processes that died, run every runnable job to the end, then exit')
    .action(
      defineAction(async (ctx) =>
        withHost(ctx, async (host) => {
          const summary = await host.jobs.runUntilIdle(ctx.signal);
          return {
            json: summary,
            text: `Ran ${summary.ran} job(s); took back ${summary.reclaimed} lease(s).`,
          };
        }),
      ),
    );
  for (const [name, description] of [
    ['cancel', 'Cancel a job and everything after it'],
    ['retry', 'Queue a failed or cancelled job again (with the jobs after it)'],
  ] as const) {
    jobs
      .command(name)
      .description(description)
      .argument('<id>', 'job id')
      .action(
        defineAction(async (ctx, id: string) =>
          withHost(ctx, async (host) => {
            const { jobs: changed } =
              name === 'cancel' ? await host.jobs.cancel(id) : await host.jobs.retry(id);
            const tail = name === 'retry' ? '\nRun `kirinuki jobs resume` to run them.' : '';
            return { json: { jobs: changed }, text: `${changed.map(jobLine).join('\n')}${tail}` };
          }),
        ),
      );
  }
  for (const name of ['pause', 'unpause'] as const) {
    jobs
      .command(name)
      .description(
        name === 'pause' ? 'Pause all work (running jobs go back to the queue)' : 'Let queued work run again',
      )
      .action(
        defineAction(async (ctx) =>
          withHost(ctx, async (host) => {
            const { paused } = await (name === 'pause' ? host.jobs.pauseAll() : host.jobs.resumeAll());
            return { json: { paused }, text: name === 'pause' ? 'Paused.' : 'Work will run again.' };
          }),
        ),
      );
  }
}
