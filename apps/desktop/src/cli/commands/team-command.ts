import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/contracts';
import { librarySecretStore } from '../../node/secrets/secret-store.js';
import { teamSession } from '../../node/team/team-session.js';
import type { CliContext } from '../cli-context.js';
import { defineAction } from '../define-action.js';

const session = (ctx: CliContext) =>
  teamSession({
    libraryDir: ctx.libraryDir,
    secrets: librarySecretStore(ctx.libraryDir),
    signal: ctx.signal,
  });

async function readPassword(fromStdin: boolean): Promise<string> {
  if (!fromStdin) {
    const fromEnv = process.env.KIRINUKI_TEAM_PASSWORD;
    if (fromEnv) return fromEnv;
    throw new UserFacingError('USAGE', 'No password was given.', {
      hint: 'Pipe it in with --password-stdin, or set KIRINUKI_TEAM_PASSWORD (it is never taken as a flag).',
    });
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

const describeTeams = (teams: Array<{ name: string; role: string }>) =>
  teams.map((t) => `  ${t.name} (${t.role})`).join('\n') || '  (no teams)';

export function registerTeamCommand(program: Command): void {
  const team = program.command('team').description('Sign this library in to a team server, and out');
  team
    .command('login')
    .description(
      'Sign in to a team server (the refresh token goes to the OS keyring or the encrypted secrets file)',
    )
    .requiredOption('--server <url>', 'the team server, e.g. https://sync.example.com')
    .requiredOption('--email <email>', 'your account on it')
    .option('--password-stdin', 'read the password from stdin (else KIRINUKI_TEAM_PASSWORD)')
    .action(
      defineAction(async (ctx, options: { server: string; email: string; passwordStdin?: boolean }) => {
        const status = await session(ctx).login(
          options.server,
          options.email,
          await readPassword(Boolean(options.passwordStdin)),
        );
        return {
          json: status,
          text: `Signed in to ${status.server} as ${status.user.email}\n${describeTeams(status.teams)}`,
        };
      }),
    );
  team
    .command('status')
    .description('Show the team server this library is signed in to, and your teams there')
    .action(
      defineAction(async (ctx) => {
        const status = await session(ctx).status();
        if (!status.signedIn)
          return { json: status, text: 'Not signed in to a team server (`kirinuki team login`).' };
        return {
          json: status,
          text: `Signed in to ${status.server} as ${status.user.email}\n${describeTeams(status.teams)}`,
        };
      }),
    );
  team
    .command('logout')
    .description('Sign out of the team server (the sign-in is ended on the server too)')
    .action(
      defineAction(async (ctx) => {
        const done = await session(ctx).logout();
        return {
          json: done,
          text: done.signedOut ? `Signed out of ${done.server}.` : 'Not signed in to a team server.',
        };
      }),
    );
}
