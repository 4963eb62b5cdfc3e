import type { Command } from 'commander';
import { formatClock } from '@kirinuki/pipeline';
import { UserFacingError } from '@kirinuki/contracts';
import type { Clip, ClipStatus } from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

export function clipLine(clip: Clip): string {
  return `${clip.id}  #${String(clip.rank).padEnd(2)} ${String(Math.round(clip.score)).padStart(3)}  ${formatClock(clip.start)}–${formatClock(clip.end)}  ${clip.status.padEnd(8)}  ${clip.title}`;
}

const number = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new UserFacingError('INVALID_ARGUMENT', `${flag} takes a number of seconds, not "${value}".`);
  return n;
};

export function registerClipsCommand(program: Command): void {
  const clips = program
    .command('clips')
    .description('List, inspect, edit, approve and reject clip proposals');
  clips
    .command('list')
    .description('List clips (all, or of one video / status)')
    .option('--video <id>', 'only the clips of this video')
    .option('--status <status>', 'proposed, approved or rejected')
    .action(
      defineAction(async (ctx, flags: { video?: string; status?: string }) =>
        withHost(ctx, async (host) => {
          if (flags.status && !['proposed', 'approved', 'rejected'].includes(flags.status)) {
            throw new UserFacingError(
              'INVALID_ARGUMENT',
              `--status takes proposed, approved or rejected, not "${flags.status}".`,
            );
          }
          const list = await host.clips.list({
            videoId: flags.video,
            status: flags.status as ClipStatus | undefined,
          });
          return {
            json: { clips: list },
            text: list.length ? list.map(clipLine).join('\n') : 'No clips yet. Run `kirinuki clip <video>`.',
          };
        }),
      ),
    );
  clips
    .command('get')
    .description('Show one clip with its reasons')
    .argument('<id>', 'clip id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const clip = await host.clips.get(id);
          return {
            json: { clip },
            text: [clipLine(clip), ...clip.reasons.map((r) => `  · ${r}`), `  “${clip.text}”`].join('\n'),
          };
        }),
      ),
    );
  clips
    .command('update')
    .description('Trim or retitle a clip')
    .argument('<id>', 'clip id')
    .option('--start <sec>', 'new start, seconds into the video', number('--start'))
    .option('--end <sec>', 'new end, seconds into the video', number('--end'))
    .option('--title <text>', 'new title')
    .option('--style <name>', 'caption style')
    .option('--platform <name>', 'platform preset')
    .action(
      defineAction(
        async (
          ctx,
          id: string,
          flags: { start?: number; end?: number; title?: string; style?: string; platform?: string },
        ) =>
          withHost(ctx, async (host) => {
            const updated = await host.clips.update(id, flags);
            return { json: { clip: updated }, text: clipLine(updated) };
          }),
      ),
    );
  for (const [name, status] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    clips
      .command(name)
      .description(`${name === 'approve' ? 'Approve' : 'Reject'} clips`)
      .argument('<ids...>', 'clip ids')
      .action(
        defineAction(async (ctx, ids: string[]) =>
          withHost(ctx, async (host) => {
            const all = await host.clips.setStatus(ids, status);
            const changed = all.filter((c) => ids.includes(c.id));
            return { json: { clips: changed }, text: changed.map(clipLine).join('\n') };
          }),
        ),
      );
  }
}
