import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('Show the event log (every change to the library, oldest first)')
    .option('--video <id>', 'only the events of one video')
    .action(
      defineAction(async (ctx, flags: { video?: string }) =>
        withHost(ctx, async (host) => {
          const events = await host.system.events({ aggregateId: flags.video });
          return {
            json: { events },
            text: events.length
              ? events.map((e) => `${e.at}  ${e.type.padEnd(16)} ${e.aggregateId}  ${e.id}`).join('\n')
              : 'No events.',
          };
        }),
      ),
    );
}
