import type { Command } from 'commander';
import {
  PRIVACY_CHOICES,
  PUBLISH_PLATFORMS,
  UserFacingError,
  type Post,
  type PrivacyChoice,
} from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';
import { platformArgument } from './accounts-command.js';

export interface PublishFlags {
  to: string;
  account?: string;
  title?: string;
  caption?: string;
  privacy?: string;
  madeForKids?: string;
}

/** A post as `publish`, `posts list` and `posts get` print it. */
export const postSummary = (p: Post) => ({
  id: p.id,
  clipId: p.clipId,
  platform: p.platform,
  accountId: p.accountId,
  status: p.status,
  remoteId: p.remoteId,
  url: p.url,
  error: p.error,
  at: p.at,
  /** For a published post, when it went out. */
  updatedAt: p.updatedAt,
});

export const postLine = (p: Post) =>
  `${p.id}  ${p.platform.padEnd(9)} ${p.status.padEnd(10)} clip ${p.clipId}${p.url ? `  ${p.url}` : ''}${p.at ? `  at ${p.at}` : ''}${p.error ? `\n    [${p.error.code}] ${p.error.message}\n    → ${p.error.hint}` : ''}`;

export function privacyOf(value: string | undefined): PrivacyChoice | undefined {
  if (value === undefined) return undefined;
  if (!(PRIVACY_CHOICES as readonly string[]).includes(value))
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `--privacy takes ${PRIVACY_CHOICES.join(', ')}, not "${value}".`,
    );
  return value as PrivacyChoice;
}

export function yesNo(flag: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes' || value === 'no') return value === 'yes';
  throw new UserFacingError('INVALID_ARGUMENT', `${flag} takes yes or no, not "${value}".`);
}

export const platformsOf = (list: string) => list.split(',').map((p) => platformArgument(p.trim()));

/** The flags `publish` and `schedule` share: where, which account, and what the post says. */
export function withPostOptions(command: Command): Command {
  return command
    .argument('<clip-id>', 'clip id (see `kirinuki clips list`)')
    .requiredOption('--to <platforms>', `where to post, comma-separated: ${PUBLISH_PLATFORMS.join(',')}`)
    .option('--account <id>', 'which connected account (where a platform has several)')
    .option('--title <text>', 'the title (TikTok, YouTube), sent exactly as given (default: the clip’s)')
    .option(
      '--caption <text>',
      'the caption, description or post text (default: from the clip and its hashtags)',
    )
    .option(
      '--privacy <choice>',
      `${PRIVACY_CHOICES.join(' | ')} (mapped to each platform's own; only what it offers now)`,
    )
    .option('--made-for-kids <yes|no>', 'YouTube asks every upload whether it is made for children');
}

/** The publish request the shared flags describe. */
export const publishRequestOf = (clipId: string, flags: PublishFlags) => ({
  clipId,
  to: platformsOf(flags.to),
  accountId: flags.account,
  draft: {
    title: flags.title,
    caption: flags.caption,
    privacy: privacyOf(flags.privacy),
    madeForKids: yesNo('--made-for-kids', flags.madeForKids),
  },
});

export function registerPublishCommand(program: Command): void {
  withPostOptions(
    program
      .command('publish')
      .description(
        'Post a clip (any status; a proposed one is approved) to platforms, now; progress on stderr',
      ),
  ).action(
    defineAction(async (ctx, clipId: string, flags: PublishFlags) =>
      withHost(ctx, async (host) => {
        const posts = await host.posts.publish(publishRequestOf(clipId, flags), { signal: ctx.signal });
        const failed = posts.filter((p) => p.status === 'failed').length;
        return {
          json: { posts: posts.map(postSummary) },
          text: posts.map(postLine).join('\n'),
          exitCode: failed ? 2 : 0,
        };
      }),
    ),
  );
}
