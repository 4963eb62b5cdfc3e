import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import {
  isPublishPlatform,
  PUBLISH_PLATFORMS,
  UserFacingError,
  type ConnectedAccount,
  type PublishPlatform,
} from '@kirinuki/contracts';
import { openInBrowser } from '../../node/desktop/open-in-browser.js';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

const accountLine = (a: ConnectedAccount) =>
  `${a.id}  ${a.platform.padEnd(9)} ${a.name}${a.status === 'reconnect' ? '  [RECONNECT NEEDED]' : ''}${a.tokenExpiresAt ? `  token until ${a.tokenExpiresAt}` : ''}`;

/** One line from a stream (the pasted redirect address); the stream ending first is a coded error. */
function readLine(input: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  const lines = createInterface({ input, terminal: false });
  return new Promise<string>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    lines.once('line', resolve);
    lines.once('close', () =>
      reject(
        new UserFacingError('SIGN_IN_FAILED', 'No address was pasted.', {
          hint: 'Connect again and paste the address from the browser’s address bar.',
        }),
      ),
    );
  }).finally(() => lines.close());
}

export function platformArgument(value: string): PublishPlatform {
  if (!isPublishPlatform(value))
    throw new UserFacingError('INVALID_ARGUMENT', `"${value}" is not a platform Kirinuki posts to.`, {
      hint: `Use one of: ${PUBLISH_PLATFORMS.join(', ')}.`,
    });
  return value;
}

export function registerAccountsCommand(program: Command): void {
  const accounts = program
    .command('accounts')
    .description('Connect, list and remove the platform accounts Kirinuki posts to');
  accounts
    .command('connect')
    .description(
      'Sign in to a platform in the browser (OAuth with PKCE, back to this machine) and save the account',
    )
    .argument('<platform>', PUBLISH_PLATFORMS.join(' | '))
    .option('--no-browser', 'print the sign-in address on stderr instead of opening the browser')
    .option('--client-id <id>', 'the client id of your developer app on the platform (saved in the settings)')
    .option(
      '--client-secret <secret>',
      'its client secret, where the platform needs one (saved in the secret store)',
    )
    .option(
      '--redirect-uri <url>',
      'instagram: the https redirect registered with your app; you paste back the address the browser lands on',
    )
    .action(
      defineAction(
        async (
          ctx,
          platform: string,
          flags: { browser: boolean; clientId?: string; clientSecret?: string; redirectUri?: string },
        ) =>
          withHost(ctx, async (host) => {
            const account = await host.accounts.connect(platformArgument(platform), {
              clientId: flags.clientId,
              clientSecret: flags.clientSecret,
              redirectUri: flags.redirectUri,
              readRedirectedUrl: () => {
                process.stderr.write(
                  'After you allow Kirinuki, paste the address your browser landed on, then press Enter:\n',
                );
                return readLine(process.stdin, ctx.signal);
              },
              signal: ctx.signal,
              onAuthorizeUrl: async (url) => {
                // The address alone on one line, so a script (or a test) can read it.
                if (!flags.browser || !(await openInBrowser(url))) process.stderr.write(`${url}\n`);
                else
                  process.stderr.write(
                    `Opened the sign-in page in your browser. If it did not open: ${url}\n`,
                  );
              },
            });
            return { json: { account }, text: `Connected: ${accountLine(account)}` };
          }),
      ),
    );
  accounts
    .command('list')
    .description('List the connected accounts')
    .action(
      defineAction(async (ctx) =>
        withHost(ctx, async (host) => {
          const list = await host.accounts.list();
          return {
            json: { accounts: list },
            text: list.length
              ? list.map(accountLine).join('\n')
              : 'No accounts. Connect one with `kirinuki accounts connect <platform>`.',
          };
        }),
      ),
    );
  accounts
    .command('remove')
    .description('Forget an account and its saved sign-in')
    .argument('<id>', 'account id (see `kirinuki accounts list`)')
    .action(
      defineAction(async (ctx, id: string) =>
        withHost(ctx, async (host) => {
          const removed = await host.accounts.remove(id);
          return { json: { removed }, text: `Removed ${removed.platform} account ${removed.name}.` };
        }),
      ),
    );
}
