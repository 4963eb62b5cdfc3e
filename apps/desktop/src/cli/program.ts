import { createRequire } from 'node:module';
import { Command } from 'commander';
import { COMMAND_REGISTRATIONS } from './commands/index.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

export function createProgram(): Command {
  const program = new Command('kirinuki')
    .version(version)
    .description('Turn long videos into short, captioned, platform-ready clips — on your own machine.')
    .option('--json', 'print one JSON document on stdout')
    .option(
      '--library <dir>',
      'library folder (default: KIRINUKI_LIBRARY, else the per-user app-data folder)',
    )
    .option('--verbose', 'log debug lines to stderr')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: true })
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMAND_REGISTRATIONS) register(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}
