import type { Command } from 'commander';
import type { PostStatus } from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';
import { postLine, postSummary } from './publish-command.js';
import { registerRescheduleCommand } from './schedule-command.js';

export function registerPostsCommand(program: Command): void {
  const posts = program.command('posts').description('The posts: list, inspect, retry, reschedule, cancel');
  posts
    .command('list')
    .description('List the posts, newest last')
    .option('--status <list>', 'only these statuses, comma-separated (e.g. failed,scheduled)')
    .option('--scheduled', 'only posts scheduled for later')
    .action(
      defineAction(async (ctx, flags: { status?: string; scheduled?: boolean }) =>
        withHost(ctx, async (host) => {
          const status = [
            ...(flags.status ? (flags.status.split(',').map((s) => s.trim()) as PostStatus[]) : []),
            ...(flags.scheduled ? (['scheduled'] as PostStatus[]) : []),
          ];
          const list = await host.posts.list(status.length ? { status } : {});
          return {
            json: { posts: list.map(postSummary) },
            text: list.length ? list.map(postLine).join('\n') : 'No posts.',
          };
        }),
      ),
    );
  posts
    .command('get')
    .description('Show one post')
    .argument('<id>', 'post id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const post = await host.posts.get(id);
          return { json: { post: postSummary(post) }, text: postLine(post) };
        }),
      ),
    );
  posts
    .command('retry')
    .description(
      'Try a failed or cancelled post again: it resumes its upload where it stopped (never a second post)',
    )
    .argument('<id>', 'post id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const post = await host.posts.retry(id, { wait: true, signal: ctx.signal });
          return {
            json: { post: postSummary(post) },
            text: postLine(post),
            exitCode: post.status === 'failed' ? 2 : 0,
          };
        }),
      ),
    );
  registerRescheduleCommand(posts);
  posts
    .command('cancel')
    .description('Cancel a post that has not gone out')
    .argument('<id>', 'post id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const post = await host.posts.cancel(id);
          return { json: { post: postSummary(post) }, text: postLine(post) };
        }),
      ),
    );
}
