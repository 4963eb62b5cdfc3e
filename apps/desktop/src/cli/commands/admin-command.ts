import type { Command } from 'commander';
import { rebuildLibraryProjections } from '../../node/events/rebuild-projections.js';
import { defineAction } from '../define-action.js';
import { withLibrary } from '../with-library.js';

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Maintenance of the library');
  admin
    .command('rebuild-projections')
    .description('Rebuild the read models (videos, clips) from the event log')
    .action(
      defineAction(async (ctx) =>
        withLibrary(ctx, async ({ library }) => {
          const counts = await rebuildLibraryProjections(library.db);
          return {
            json: { rebuilt: counts },
            text: `Rebuilt from the event log: ${counts.videos} videos, ${counts.clips} clips.`,
          };
        }),
      ),
    );
}
