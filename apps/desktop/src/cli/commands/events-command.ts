import type { Command } from 'commander';
import { listEvents } from '../../node/events/events-repository.js';
import { defineAction } from '../define-action.js';
import { withLibrary } from '../with-library.js';

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description('Show the event log (every change to the library, oldest first)')
    .option('--video <id>', 'only the events of one video')
    .action(
      defineAction(async (ctx, flags: { video?: string }) =>
        withLibrary(ctx, async ({ library }) => {
          const events = await listEvents(library.db, { aggregateId: flags.video });
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
