import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

export function registerAdminCommand(program: Command): void {
  const admin = program.command('admin').description('Maintenance of the library');
  admin
    .command('rebuild-projections')
    .description(
      'Rebuild the read models (videos, clips, jobs) from the event log and check the jobs against the queue',
    )
    .action(
      defineAction(async (ctx) =>
        withHost(ctx, async (host) => {
          const { differing, delivered, ...rebuilt } = await host.system.rebuildProjections();
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
