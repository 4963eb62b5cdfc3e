import type { Command } from 'commander';
import { createCliContext, type CliContext, type CommandOutput } from './cli-context.js';

/** The signal every command sees; main.ts aborts it on Ctrl-C. */
export const cliAbort = new AbortController();

/** Latest result, printed by main.ts once the command returns. */
export let lastOutput: { ctx: CliContext; output: CommandOutput } | null = null;

/**
 * Wraps a command handler: builds the context from the global options and keeps the output
 * for main.ts to print (JSON or text), so every command prints the same way.
 */
export function defineAction<Args extends unknown[]>(
  handler: (ctx: CliContext, ...args: Args) => Promise<CommandOutput>,
) {
  return async (...commanderArgs: unknown[]): Promise<void> => {
    const command = commanderArgs.at(-1) as Command;
    const args = commanderArgs.slice(0, -1) as Args;
    const ctx = createCliContext(command, cliAbort.signal);
    ctx.logger.debug({ argv: process.argv.slice(2) }, 'command');
    const output = await handler(ctx, ...args);
    lastOutput = { ctx, output };
  };
}
