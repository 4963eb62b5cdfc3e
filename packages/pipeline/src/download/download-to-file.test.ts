import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { isAbortError, UserFacingError } from '@kirinuki/contracts';
import { serveBytes, startLocalServer, type LocalServer } from '../test-support/local-http-server.js';
import { forbiddenAddressReason } from './address-policy.js';
import { downloadToFile, WebPageUrlError, type DownloadOptions } from './download-to-file.js';
import { anyAddressPolicy } from './safe-url.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-dl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const serve = async (handler: Parameters<typeof startLocalServer>[0]) => {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
};

const body = randomBytes(512 * 1024);
const bodySha = createHash('sha256').update(body).digest('hex');
let n = 0;
const opts = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({
  dest: path.join(dir, `dl-${(n += 1)}.part`),
  addressPolicy: anyAddressPolicy,
  maxBytes: 10 * 1024 * 1024,
  backoffMs: () => 10,
  stallTimeoutMs: 2000,
  ...extra,
});
const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof UserFacingError
    ? error.code
    : error instanceof WebPageUrlError
      ? 'WEB_PAGE'
      : error;
};

describe('downloadToFile', () => {
  it('downloads with progress and hashes what it wrote', async () => {
    const server = await serve((req, res) => serveBytes(req, res, body));
    const o = opts();
    const progress: number[] = [];
    const result = await downloadToFile(`${server.url}/video.mp4`, {
      ...o,
      onProgress: (p) => progress.push(p.bytes),
    });
    expect(result).toMatchObject({
      bytes: body.length,
      sha256: bodySha,
      contentType: 'video/mp4',
      resumes: 0,
    });
    expect(readFileSync(o.dest).equals(body)).toBe(true);
    expect(progress.at(-1)).toBe(body.length);
  });

  it('resumes a connection dropped mid-body with Range', async () => {
    const server = await serve((req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length });
        res.write(body.subarray(0, 200_000), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      }
      serveBytes(req, res, body);
    });
    const o = opts();
    const result = await downloadToFile(`${server.url}/v.mp4`, o);
    expect(result).toMatchObject({ bytes: body.length, sha256: bodySha, resumes: 1 });
    expect(server.requests[1]?.headers.range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(o.dest).equals(body)).toBe(true);
  });

  it('starts over when the server ignores Range after a drop', async () => {
    const server = await serve((_req, res, i) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length });
      if (i === 0) res.write(body.subarray(0, 100_000), () => setTimeout(() => res.socket?.destroy(), 20));
      else res.end(body);
    });
    const o = opts();
    const result = await downloadToFile(`${server.url}/v.mp4`, o);
    expect(result.sha256).toBe(bodySha);
    expect(readFileSync(o.dest).equals(body)).toBe(true);
  });

  it('retries 5xx and 429 (honouring Retry-After) then succeeds', async () => {
    const server = await serve((req, res, i) => {
      if (i === 0) return void res.writeHead(503).end();
      if (i === 1) return void res.writeHead(429, { 'retry-after': '0' }).end();
      serveBytes(req, res, body);
    });
    expect((await downloadToFile(`${server.url}/v`, opts())).sha256).toBe(bodySha);
    expect(server.requests).toHaveLength(3);
  });

  it.each<[string, Parameters<typeof startLocalServer>[0], Partial<DownloadOptions>, unknown]>([
    ['404', (_q, r) => void r.writeHead(404).end('no'), {}, 'DOWNLOAD_FAILED'],
    ['500 every time', (_q, r) => void r.writeHead(500).end(), { maxRetries: 2 }, 'DOWNLOAD_FAILED'],
    [
      'a stalled server times out',
      (_q, r) => {
        r.writeHead(200, { 'content-length': 1000 });
        r.write(Buffer.alloc(10));
      },
      { stallTimeoutMs: 150, maxRetries: 1 },
      'DOWNLOAD_FAILED',
    ],
    [
      'a lying Content-Length (promises more than it sends)',
      (_q, r) => {
        // Written raw: Node's own server refuses to send a body shorter than its Content-Length.
        r.socket?.end(
          `HTTP/1.1 200 OK\r\nContent-Type: video/mp4\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(100)}`,
        );
      },
      { maxRetries: 2 },
      'DOWNLOAD_FAILED',
    ],
    [
      'Content-Length over the limit',
      (req, res) => serveBytes(req, res, body),
      { maxBytes: 1000 },
      'FILE_TOO_LARGE',
    ],
    [
      'a chunked body that grows past the limit',
      (_q, r) => {
        r.writeHead(200, { 'content-type': 'video/mp4' });
        r.end(Buffer.alloc(5000));
      },
      { maxBytes: 1000 },
      'FILE_TOO_LARGE',
    ],
    [
      'an HTML page by type',
      (_q, r) => void r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<p>'),
      {},
      'WEB_PAGE',
    ],
    [
      'an HTML page by content',
      (_q, r) =>
        void r
          .writeHead(200, { 'content-type': 'application/octet-stream' })
          .end('<!DOCTYPE html><html></html>'),
      {},
      'WEB_PAGE',
    ],
    [
      'a redirect loop',
      (_q, r) => void r.writeHead(302, { location: '/again' }).end(),
      {},
      'DOWNLOAD_FAILED',
    ],
    [
      'a redirect to file://',
      (_q, r) => void r.writeHead(302, { location: 'file:///etc/passwd' }).end(),
      {},
      'URL_FORBIDDEN',
    ],
  ])('%s', async (_name, handler, extra, code) => {
    const server = await serve(handler);
    expect(await codeOf(downloadToFile(`${server.url}/x.mp4`, opts(extra)))).toBe(code);
  });

  it('refuses a redirect to a loopback name, checked again on the hop', async () => {
    const target = await serve((req, res) => serveBytes(req, res, body));
    const server = await serve(
      (_q, r) => void r.writeHead(302, { location: `http://localhost:${target.port}/v.mp4` }).end(),
    );
    // 127.0.0.1 stands in for a public host; "localhost" must be judged on what it resolves to.
    const policy = (address: string, host: string) =>
      host === '127.0.0.1' ? null : forbiddenAddressReason(address);
    expect(await codeOf(downloadToFile(`${server.url}/start`, opts({ addressPolicy: policy })))).toBe(
      'URL_FORBIDDEN',
    );
    expect(target.requests).toHaveLength(0);
  });

  it.each([
    'http://127.0.0.1:9/x.mp4',
    'http://[::1]:9/x.mp4',
    'http://10.0.0.1/x.mp4',
    'http://169.254.169.254/latest/meta-data',
    'http://localhost:9/x.mp4',
    'file:///etc/passwd',
    'ftp://example.com/x.mp4',
    'data:video/mp4;base64,AAAA',
  ])('refuses %s by default', async (url) => {
    expect(await codeOf(downloadToFile(url, { ...opts(), addressPolicy: undefined }))).toBe('URL_FORBIDDEN');
  });

  it('cancels with an AbortError', async () => {
    const server = await serve((_q, r) => {
      r.writeHead(200, { 'content-length': 10_000_000 });
      r.write(Buffer.alloc(1000));
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await downloadToFile(`${server.url}/x`, opts({ signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
  });
});
