import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/contracts';
import { openHost } from '../../node/host/open-host.js';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';
import {
  postLine,
  postSummary,
  publishRequestOf,
  withPostOptions,
  type PublishFlags,
} from './publish-command.js';

interface ScheduleFlags extends PublishFlags {
  at: string;
  timezone?: string;
}

const TIME_HELP =
  'when: ISO 8601 (with an offset, or without for local time), "2026-12-24 18:00", "tomorrow 18:00", "today 6pm", "in 90 minutes"';

export function registerScheduleCommand(program: Command): void {
  withPostOptions(
    program
      .command('schedule')
      .description(
        'Schedule a clip to platforms at a time: renders now, posts then (from the app, `kirinuki serve` or `kirinuki scheduler`)',
      ),
  )
    .requiredOption('--at <time>', TIME_HELP)
    .option(
      '--timezone <Area/City>',
      'the time zone of a local time (default: the setting scheduling.timezone, else the system’s)',
    )
    .action(
      defineAction(async (ctx, clipId: string, flags: ScheduleFlags) =>
        withHost(ctx, async (host) => {
          const { posts, warnings } = await host.posts.schedule(publishRequestOf(clipId, flags), {
            at: flags.at,
            timezone: flags.timezone,
          });
          // The renders are made (or reused) now, in this process; only the posts wait.
          await host.posts.settleRenders(posts, ctx.signal);
          const now = await Promise.all(posts.map((p) => host.posts.get(p.id)));
          for (const warning of warnings) {
            ctx.progress(`warning: ${warning}`);
            ctx.progressDone();
          }
          return {
            json: { posts: now.map(postSummary), warnings },
            text: now.map(postLine).join('\n'),
            exitCode: now.some((p) => p.status === 'failed') ? 2 : 0,
          };
        }),
      ),
    );
}

export function registerRescheduleCommand(posts: Command): void {
  posts
    .command('reschedule')
    .description('Move a scheduled post to another time')
    .argument('<id>', 'post id')
    .requiredOption('--at <time>', TIME_HELP)
    .option('--timezone <Area/City>', 'the time zone of a local time')
    .action(
      defineAction(async (ctx, id: string, flags: { at: string; timezone?: string }) =>
        withHost(ctx, async (host) => {
          const post = await host.posts.reschedule(id, { at: flags.at, timezone: flags.timezone });
          return { json: { post: postSummary(post) }, text: postLine(post) };
        }),
      ),
    );
}

/** `kirinuki scheduler`: the library's scheduler in the foreground, for an always-on machine. */
export function registerSchedulerCommand(program: Command): void {
  program
    .command('scheduler')
    .description(
      'Run the scheduler in the foreground until Ctrl-C: scheduled posts go out on time (one scheduler per library fires; another stands by)',
    )
    .action(
      defineAction(async (ctx) => {
        const say = (line: string) =>
          process.stdout.write(
            ctx.json
              ? `${JSON.stringify({ at: new Date().toISOString(), event: line })}\n`
              : `${new Date().toISOString()}  ${line}\n`,
          );
        const host = await openHost({
          libraryDir: ctx.libraryDir,
          logger: ctx.logger,
          run: 'background',
          scheduler: {
            onEvent: (event) => {
              if (event.type === 'holding') say('holding the scheduler lease: posts go out from here');
              else if (event.type === 'standby') say('another scheduler holds the lease: standing by');
              else if (event.type === 'due')
                say(`due work at ${new Date(event.at).toISOString()} (late ${event.lateMs} ms)`);
              else if (event.type === 'clock-jump')
                say(`the clock moved ${Math.round(event.byMs / 1000)} s (sleep or a change): looking again`);
            },
          },
        });
        const scheduled = await host.posts.count(['scheduled']);
        say(
          `scheduler for ${ctx.libraryDir}: ${scheduled} post${scheduled === 1 ? '' : 's'} scheduled; Ctrl-C to stop`,
        );
        // What became of each post this scheduler sent (its publish job ended).
        const feed = new AbortController();
        void (async () => {
          for await (const event of host.jobs.queueEvents(feed.signal)) {
            if (event.type !== 'job' || event.job.stage !== 'publish') continue;
            if (event.job.status !== 'done' && event.job.status !== 'failed') continue;
            const post = await host.posts.get(event.job.subjectId).catch(() => null);
            if (post)
              say(
                `post ${post.id} (${post.platform}): ${post.status}${post.url ? ` ${post.url}` : ''}${post.error ? ` [${post.error.code}] ${post.error.message}` : ''}`,
              );
          }
        })();
        try {
          await new Promise<void>((resolve) =>
            ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
          );
        } finally {
          feed.abort();
          await host.close();
        }
        if (!ctx.signal.aborted) throw new UserFacingError('INTERNAL', 'the scheduler stopped');
        return { json: undefined, text: '' };
      }),
    );
}
