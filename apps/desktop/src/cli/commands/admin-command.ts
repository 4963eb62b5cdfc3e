import type { Command } from 'commander';
import { rebuildAllProjections } from '../../node/events/rebuild-projections.js';
import { defineAction } from '../define-action.js';
import { withLibrary } from '../with-library.js';

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Maintenance of the library');
  admin
    .command('rebuild-projections')
    .description(
      'Rebuild the read models (videos, clips, jobs) from the event log and check the jobs against the queue',
    )
    .action(
      defineAction(async (ctx) =>
        withLibrary(ctx, async ({ library }) => {
          const { differing, delivered, ...rebuilt } = await rebuildAllProjections(library);
          const check = differing.length
            ? `${differing.length} job(s) differ from the queue: ${differing.map((d) => d.id).join(', ')}.`
            : 'The jobs agree with the queue.';
          return {
            json: { rebuilt, delivered, differing },
            text: `Rebuilt from the event log: ${rebuilt.videos} videos, ${rebuilt.clips} clips, ${rebuilt.jobs} jobs. ${check}`,
          };
        }),
      ),
    );
}
