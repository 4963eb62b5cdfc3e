import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { ulid } from '../ids/ulid.js';
import { describeFailure } from '@kirinuki/contracts';
import { receiveUpload } from './receive-upload.js';
import { serveMedia } from './serve-media.js';
import { WebSocketServer } from 'ws';
import type { OpenedHost } from '../host/open-host.js';
import { appRouter } from '../api/app-router.js';

export interface ApiServerOptions {
  host: string;
  port: number;
  /** Required on every /trpc call; made up when not given. */
  token?: string | undefined;
  app: OpenedHost;
  /** The built UI to serve at /, when there is one. */
  uiDir?: string | undefined;
}

export interface ApiServer {
  url: string;
  /** The URL to open in a browser: carries the token once, then a cookie takes over. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'kirinuki_token';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopbackHost = (host: string) => LOOPBACK.has(host) || host.startsWith('127.');

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | null {
  const match = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
  return match ? decodeURIComponent(match[1] as string) : null;
}

/** Bearer header, cookie, or ?token= (the browser's first load and WebSocket upgrades). */
export function isAuthorized(req: IncomingMessage, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const query = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  return sameToken(bearer, token) || sameToken(cookieToken(req), token) || sameToken(query, token);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const PLACEHOLDER = `<!doctype html><meta charset="utf-8"><title>Kirinuki</title>
<body style="font-family:system-ui;padding:2rem"><h1>Kirinuki</h1><p>The API is running at <code>/trpc</code>. The interface has not been built yet.</p></body>`;

function serveStatic(req: IncomingMessage, res: ServerResponse, uiDir: string | undefined): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!uiDir || !existsSync(path.join(uiDir, 'index.html'))) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLACEHOLDER);
    return;
  }
  const wanted = path.normalize(path.join(uiDir, decodeURIComponent(url.pathname)));
  const inside = wanted.startsWith(path.resolve(uiDir) + path.sep);
  const file =
    inside && existsSync(wanted) && statSync(wanted).isFile() ? wanted : path.join(uiDir, 'index.html');
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(res);
}

/**
 * The AppRouter over HTTP and WebSocket at /trpc, `GET /health`, and the UI at /. Every /trpc
 * call needs the token; the browser's first load brings it as ?token= and gets a cookie.
 */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const createContext = () => ({ host: options.app, requestId: ulid() });
  const trpcHandler = createHTTPHandler({ router: appRouter, createContext, basePath: '/trpc/' });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/health' && req.method === 'GET') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ status: 'ok', version: options.app.parts.version, node: process.versions.node }),
        );
      return;
    }
    if (url.pathname === '/upload' && req.method === 'POST') {
      if (!isAuthorized(req, token)) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'A token is required.' } }));
        return;
      }
      void receiveUpload(req, options.app.parts.library).then(
        (saved) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(saved)),
        (error: unknown) => {
          const described = describeFailure(error);
          res
            .writeHead(described.exitCode === 2 ? 400 : 500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: described.error }));
        },
      );
      return;
    }
    if (url.pathname.startsWith('/media/') && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!isAuthorized(req, token)) {
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'UNAUTHORIZED', message: 'A token is required.' } }));
        return;
      }
      serveMedia(req, res, options.app.parts, url.pathname).catch((error: unknown) => {
        const described = describeFailure(error);
        if (!res.headersSent)
          res
            .writeHead(500, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: described.error }));
        else res.destroy();
      });
      return;
    }
    if (url.pathname.startsWith('/trpc/') || url.pathname === '/trpc') {
      if (!isAuthorized(req, token)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer' }).end(
          JSON.stringify({
            error: {
              code: 'UNAUTHORIZED',
              message: 'A token is required.',
              hint: 'Open the URL `kirinuki serve` printed, or send Authorization: Bearer <token>.',
            },
          }),
        );
        return;
      }
      trpcHandler(req, res);
      return;
    }
    const queryToken = url.searchParams.get('token');
    if (queryToken && sameToken(queryToken, token)) {
      // Trade the token in the URL for a cookie, and drop it from the address bar.
      res.writeHead(302, {
        'set-cookie': `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
      });
      res.end();
      return;
    }
    serveStatic(req, res, options.uiDir);
  });

  const wss = new WebSocketServer({ noServer: true });
  const wsHandler = applyWSSHandler({ wss, router: appRouter, createContext });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith('/trpc') || !isAuthorized(req, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${hostForUrl}:${port}`;
  return {
    url,
    openUrl: `${url}/?token=${encodeURIComponent(token)}`,
    token,
    close: async () => {
      wsHandler.broadcastReconnectNotification();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
