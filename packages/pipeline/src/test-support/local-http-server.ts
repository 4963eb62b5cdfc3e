import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LocalServer {
  url: string;
  port: number;
  /** Every request seen, in order. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 with a handler per test; sockets are destroyed on close. */
export async function startLocalServer(
  handler: (req: IncomingMessage, res: ServerResponse, index: number) => void | Promise<void>,
): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const index = requests.length;
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    Promise.resolve(handler(req, res, index)).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Serves `body` honouring `Range: bytes=N-`, as a static file server would. */
export function serveBytes(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  contentType = 'video/mp4',
): void {
  const range = /bytes=(\d+)-/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    if (start >= body.length) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    res.writeHead(206, {
      'content-type': contentType,
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      'accept-ranges': 'bytes',
    });
    res.end(body.subarray(start));
    return;
  }
  res.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'accept-ranges': 'bytes',
  });
  res.end(body);
}

/** Answers as OpenAI's chat completions endpoint does, with `content` as the assistant's message. */
export function sendChatCompletion(res: ServerResponse, content: string, model = 'gpt-test'): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    }),
  );
}
