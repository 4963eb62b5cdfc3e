import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/pipeline';
import { removeVideo } from '../../node/library/remove-video.js';
import { findVideoById, listVideos } from '../../node/library/videos-repository.js';
import { videoStatuses, videoStatusOf } from '../../node/jobs/job-views-repository.js';
import { defineAction } from '../define-action.js';
import { publicVideo, videoLine } from '../format.js';
import { withLibrary } from '../with-library.js';

export function registerLibraryCommand(program: Command): void {
  const library = program
    .command('library')
    .description('List, inspect and remove the videos in the library');
  library
    .command('list')
    .description('List the videos in the library')
    .action(
      defineAction(async (ctx) =>
        withLibrary(ctx, async ({ library: lib }) => {
          const videos = await listVideos(lib.db);
          const statuses = await videoStatuses(lib.db);
          return {
            json: { videos: videos.map((v) => publicVideo(v, { status: statuses.get(v.id) ?? 'ready' })) },
            text: videos.length
              ? videos.map((v) => videoLine(v, statuses.get(v.id))).join('\n')
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
        withLibrary(ctx, async ({ library: lib }) => {
          const video = await findVideoById(lib.db, id);
          if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${id} in the library.`);
          const shown = publicVideo(video, { status: await videoStatusOf(lib.db, id), withMediaInfo: true });
          return {
            json: { video: shown },
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
        withLibrary(ctx, async ({ library: lib }) => {
          const video = await removeVideo(lib, id);
          return {
            json: { removed: { id: video.id, title: video.title } },
            text: `Removed ${video.title} (${video.id}).`,
          };
        }),
      ),
    );
}
