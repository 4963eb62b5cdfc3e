import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { videoLine } from '../format.js';
import { withHost } from '../with-host.js';

export function registerLibraryCommand(program: Command): void {
  const library = program
    .command('library')
    .description('List, inspect and remove the videos in the library');
  library
    .command('list')
    .description('List the videos in the library')
    .action(
      defineAction(async (ctx) =>
        withHost(ctx, async (host) => {
          const videos = await host.library.list();
          return {
            json: { videos },
            text: videos.length
              ? videos.map(videoLine).join('\n')
              : 'The library is empty. Add a video with `kirinuki import <file|url>`.',
          };
        }),
      ),
    );
  library
    .command('get')
    .description('Show one video, with the probe of its media')
    .argument('<id>', 'video id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const video = await host.library.get(id);
          return {
            json: { video },
            text: [
              videoLine(video),
              `source  ${video.source}`,
              `path    ${video.path}`,
              `sha256  ${video.sha256}`,
            ].join('\n'),
          };
        }),
      ),
    );
  library
    .command('remove')
    .description('Remove a video and everything the library holds for it (a linked source file is kept)')
    .argument('<id>', 'video id')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const removed = await host.library.remove(id);
          return { json: { removed }, text: `Removed ${removed.title} (${removed.id}).` };
        }),
      ),
    );
}
