import { fileURLToPath } from 'node:url';
import { osFileReveal } from '../../node/desktop/os-file-reveal.js';
import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/contracts';
import { openHost } from '../../node/host/open-host.js';
import { isLoopbackHost, startApiServer } from '../../node/serve/start-api-server.js';
import { defineAction } from '../define-action.js';

const UI_DIR = fileURLToPath(new URL('../../../../../packages/ui/dist', import.meta.url));

interface ServeFlags {
  host: string;
  port: string;
  token?: string;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the API (HTTP + WebSocket at /trpc) and the interface for a browser, until Ctrl-C')
    .option('--host <host>', 'address to bind (loopback unless you say otherwise)', '127.0.0.1')
    .option('--port <port>', 'port (0 picks a free one)', '7777')
    .option('--token <token>', 'the token every API call must carry (default: a new random one)')
    .action(
      defineAction(async (ctx, flags: ServeFlags) => {
        const port = Number(flags.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UserFacingError('INVALID_ARGUMENT', `--port ${flags.port} is not a port number.`);
        const host = await openHost({
          libraryDir: ctx.libraryDir,
          logger: ctx.logger,
          run: 'background',
          scheduler: true,
          // A file manager opens on the host: useful only when the browser is on the same machine.
          desktop: isLoopbackHost(flags.host) ? osFileReveal() : {},
        });
        const server = await startApiServer({
          host: flags.host,
          port,
          token: flags.token,
          app: host,
          uiDir: UI_DIR,
        }).catch(async (error: NodeJS.ErrnoException) => {
          await host.close();
          if (error.code === 'EADDRINUSE')
            throw new UserFacingError('INVALID_ARGUMENT', `Port ${port} is already in use.`, {
              hint: 'Pick another with --port, or --port 0 for any free one.',
            });
          throw error;
        });
        const exposed = !isLoopbackHost(flags.host);
        const lines = [
          `Kirinuki is serving ${ctx.libraryDir}`,
          `Open: ${server.openUrl}`,
          exposed
            ? `Warning: bound to ${flags.host}, not loopback: anyone who can reach it with the token can use your library.`
            : 'Bound to loopback only.',
          'Press Ctrl-C to stop.',
        ];
        // The address is printed now (the command runs until stopped), on stdout as JSON or text.
        process.stdout.write(
          ctx.json
            ? `${JSON.stringify({ url: server.url, openUrl: server.openUrl, token: server.token, host: flags.host, exposed })}\n`
            : `${lines.join('\n')}\n`,
        );
        await new Promise<void>((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        await server.close();
        await host.close();
        return { json: undefined, text: '' };
      }),
    );
}
