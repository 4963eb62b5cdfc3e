import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/pipeline';
import type { JobSummary } from '../../node/orchestrator/job-events.js';
import { defineAction } from '../define-action.js';
import { withJobQueue } from '../with-job-queue.js';
import { withLibrary } from '../with-library.js';

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
        withLibrary(ctx, (session) =>
          withJobQueue(ctx, session, async ({ orchestrator }) => {
            const list = await orchestrator.list(flags.video ? { videoId: flags.video } : undefined);
            return {
              json: { jobs: list, paused: await orchestrator.isPaused() },
              text: list.length ? list.map(jobLine).join('\n') : 'No jobs.',
            };
          }),
        ),
      ),
    );
  jobs
    .command('resume')
    .description('Take back the jobs of processes that died, run every runnable job to the end, then exit')
    .action(
      defineAction(async (ctx) =>
        withLibrary(ctx, (session) =>
          withJobQueue(ctx, session, async ({ orchestrator }) => {
            await orchestrator.resumeAll();
            const summary = await orchestrator.runUntilIdle(ctx.signal);
            const list = await orchestrator.list();
            return {
              json: { ...summary, jobs: list },
              text: `Ran ${summary.ran} job(s); took back ${summary.reclaimed} lease(s).`,
            };
          }),
        ),
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
          withLibrary(ctx, (session) =>
            withJobQueue(ctx, session, async ({ orchestrator }) => {
              const job = await orchestrator.get(id);
              if (!job)
                throw new UserFacingError('NOT_FOUND', `No job with id ${id}.`, {
                  hint: 'Run `kirinuki jobs list` to see the jobs.',
                });
              const changed =
                name === 'cancel' ? await orchestrator.cancel(id) : await orchestrator.retry(id);
              if (!changed.length) {
                throw new UserFacingError(
                  'INVALID_ARGUMENT',
                  `Job ${id} is ${job.status}; only ${name === 'cancel' ? 'queued or running' : 'failed or cancelled'} jobs can be ${name === 'cancel' ? 'cancelled' : 'retried'}.`,
                );
              }
              const tail = name === 'retry' ? ' Run `kirinuki jobs resume` to run them.' : '';
              return {
                json: { jobs: changed },
                text: `${changed.map(jobLine).join('\n')}${tail ? `\n${tail.trim()}` : ''}`,
              };
            }),
          ),
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
          withLibrary(ctx, (session) =>
            withJobQueue(ctx, session, async ({ orchestrator }) => {
              await (name === 'pause' ? orchestrator.pauseAll() : orchestrator.resumeAll());
              return {
                json: { paused: await orchestrator.isPaused() },
                text: name === 'pause' ? 'Paused.' : 'Work will run again.',
              };
            }),
          ),
        ),
      );
  }
}
