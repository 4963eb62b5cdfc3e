import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { abortError, UserFacingError } from '@kirinuki/contracts';

const PAGE = (title: string, body: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${body}</p></body>`;

export interface LoopbackRedirect {
  /** The redirect URI to give the platform: http://127.0.0.1:<port><path>. */
  redirectUri: string;
  /** Resolves with the full URL the browser was sent back to (code and state, or the error). */
  callback: Promise<string>;
  close(): Promise<void>;
}

/**
 * A one-shot HTTP listener on loopback for an OAuth redirect (RFC 8252 §7.3): on a free port, or the
 * port the platform has registered. It answers the browser with a plain page and hands the URL on.
 */
export async function listenForRedirect(options: {
  path: string;
  port?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
}): Promise<LoopbackRedirect> {
  let settle: { resolve: (url: string) => void; reject: (error: Error) => void } | null = null;
  const callback = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  callback.catch(() => undefined);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== options.path) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not the sign-in address.');
      return;
    }
    const failed = url.searchParams.get('error');
    res.writeHead(failed ? 400 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      failed
        ? PAGE(
            'Sign-in not finished',
            `The platform said: ${failed.replace(/[<>&"]/g, '')}. You can close this window.`,
          )
        : PAGE('Signed in', 'Kirinuki has the sign-in. You can close this window.'),
    );
    const address = server.address() as AddressInfo;
    settle?.resolve(`http://127.0.0.1:${address.port}${req.url ?? '/'}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UserFacingError(
              'INVALID_ARGUMENT',
              `Port ${options.port} is taken, and the platform accepts only that redirect.`,
              {
                hint: 'Close whatever listens on it, then connect again.',
              },
            )
          : error,
      ),
    );
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const timer = setTimeout(
    () =>
      settle?.reject(
        new UserFacingError(
          'SIGN_IN_FAILED',
          'No answer came back from the platform’s sign-in page in time.',
          {
            hint: 'Connect again and finish the sign-in in the browser within 5 minutes.',
          },
        ),
      ),
    options.timeoutMs ?? 5 * 60_000,
  );
  const onAbort = () => settle?.reject(abortError());
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${options.path}`,
    callback,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
