import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forbiddenAddressReason, resolveFfmpegBinaries, runFfmpeg } from '@kirinuki/pipeline';
import { UserFacingError } from '@kirinuki/contracts';
import { makeGoodMedia, type GoodMedia } from '@kirinuki/pipeline/test-support/media-corpus';
import {
  serveBytes,
  startLocalServer,
  type LocalServer,
} from '@kirinuki/pipeline/test-support/local-http-server';
import type { ImportOptions } from './import-media.js';
import { importIntoLibrary } from '../../library/test-support/import-into-library.js';
import { openLibrary, type Library } from '../../library/library.js';
import { librarySnapshot } from '../../library/test-support/library-snapshot.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-url-'));
const bins = resolveFfmpegBinaries();
let good: GoodMedia;
let library: Library;
let mp4: Buffer;
const servers: LocalServer[] = [];
const serve = async (handler: Parameters<typeof startLocalServer>[0]) => {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
};
// The test servers are on loopback: allow exactly 127.0.0.1, judge every other name as a user's machine would.
const loopbackOnly = (address: string, host: string) =>
  host === '127.0.0.1' ? null : forbiddenAddressReason(address);
const options = (extra: Partial<Omit<ImportOptions, 'isKnown'>> = {}): Omit<ImportOptions, 'isKnown'> => ({
  mode: 'copy',
  ffmpeg: bins.ffmpeg.path,
  ffprobe: bins.ffprobe.path,
  maxBytes: 50 * 1024 ** 3,
  allowPrivateNetwork: false,
  download: { addressPolicy: loopbackOnly, backoffMs: () => 10, stallTimeoutMs: 300, ytDlp: null },
  ...extra,
});

beforeAll(async () => {
  good = await makeGoodMedia(path.join(root, 'media'));
  mp4 = readFileSync(good.mp4);
  library = await openLibrary(path.join(root, 'library'));
}, 120_000);
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

const importError = async (url: string, extra: Partial<Omit<ImportOptions, 'isKnown'>> = {}) => {
  const before = librarySnapshot(library);
  const error = await importIntoLibrary(library, url, options(extra)).catch((e: unknown) => e);
  expect(librarySnapshot(library)).toEqual(before);
  expect(readdirSync(library.tmpDir)).toEqual([]);
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as UserFacingError).code;
};

describe('importMedia from a URL', () => {
  it('downloads, checks and stores a direct video URL, titled from the URL', async () => {
    const server = await serve((req, res) => serveBytes(req, res, mp4));
    const result = await importIntoLibrary(library, `${server.url}/clips/My%20Talk.mp4?sig=1`, options());
    expect(result.alreadyImported).toBe(false);
    expect(result.video).toMatchObject({
      title: 'My Talk',
      source: `${server.url}/clips/My%20Talk.mp4?sig=1`,
      storage: 'copy',
      sizeBytes: mp4.length,
    });
    expect(readFileSync(result.video.path).equals(mp4)).toBe(true);
    expect(readdirSync(library.tmpDir)).toEqual([]);
    // Same content from another URL: imported once.
    const again = await importIntoLibrary(library, `${server.url}/other-name.mp4`, options());
    expect(again).toMatchObject({ alreadyImported: true, video: { id: result.video.id } });
  });

  it('resumes a connection dropped mid-body and succeeds', async () => {
    const server = await serve((req, res, i) => {
      if (i === 0) {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': readFileSync(good.mov).length });
        res.write(readFileSync(good.mov).subarray(0, 5000), () =>
          setTimeout(() => res.socket?.destroy(), 20),
        );
        return;
      }
      serveBytes(req, res, readFileSync(good.mov));
    });
    const result = await importIntoLibrary(library, `${server.url}/talk.mov`, options());
    expect(result.video.sizeBytes).toBe(readFileSync(good.mov).length);
    expect(server.requests[1]?.headers.range).toBe('bytes=5000-');
  });

  it('hands a web page to yt-dlp when it is installed', async () => {
    const page = await serve(
      (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>'),
    );
    const bin = path.join(root, 'bin');
    mkdirSync(bin, { recursive: true });
    const fake = path.join(bin, 'yt-dlp');
    // A stand-in for yt-dlp that honours the same arguments and output contract.
    writeFileSync(
      fake,
      `#!/usr/bin/env node
const fs = require('fs'); const path = require('path'); const args = process.argv.slice(2);
const out = args[args.indexOf('-o') + 1].replace('%(ext)s', 'mkv');
console.log('title:A page video');
console.log('[download]  50.0% of ~ 1.00MiB at 1.00MiB/s ETA 00:01');
fs.copyFileSync(${JSON.stringify(good.mkvVp9)}, out);
console.log('[download] 100.0% of ~ 1.00MiB at 1.00MiB/s ETA 00:00');
console.log('file:' + out);
`,
    );
    chmodSync(fake, 0o755);
    const progress: string[] = [];
    const result = await importIntoLibrary(library, `${page.url}/watch?v=abc`, {
      ...options(),
      download: { ...options().download, ytDlp: fake },
      onProgress: (p) => progress.push(`${p.stage}:${p.fraction}`),
    });
    expect(result.video).toMatchObject({ title: 'A page video', storage: 'copy' });
    expect(result.video.path.endsWith('.mkv')).toBe(true);
    expect(progress).toContain('downloading:0.5');
  });

  it('remuxes an HLS playlist with ffmpeg', async () => {
    const hlsDir = path.join(root, 'hls');
    mkdirSync(hlsDir, { recursive: true });
    await runFfmpeg({
      bin: bins.ffmpeg.path,
      args: [
        '-v',
        'error',
        '-y',
        '-i',
        good.mp4,
        '-c',
        'copy',
        '-f',
        'hls',
        '-hls_time',
        '1',
        '-hls_list_size',
        '0',
        path.join(hlsDir, 'index.m3u8'),
      ],
    });
    const server = await serve((req, res) => {
      const file = path.join(hlsDir, path.basename(req.url ?? ''));
      const type = file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
      serveBytes(req, res, readFileSync(file), type);
    });
    // The HLS path trusts the policy for the playlist host; this one allows loopback outright.
    const result = await importIntoLibrary(
      library,
      `${server.url}/index.m3u8`,
      options({ download: { ...options().download, addressPolicy: () => null } }),
    );
    expect(result.video).toMatchObject({
      durationSec: expect.closeTo(3, 0) as unknown as number,
      width: 160,
      height: 120,
    });
    expect(result.video.path.endsWith('.mp4')).toBe(true);
  });

  it.each<
    [
      string,
      Parameters<typeof startLocalServer>[0] | null,
      string,
      Partial<Omit<ImportOptions, 'isKnown'>>,
      string,
    ]
  >([
    ['404', (_q, r) => void r.writeHead(404).end(), '/x.mp4', {}, 'DOWNLOAD_FAILED'],
    ['500', (_q, r) => void r.writeHead(500).end(), '/x.mp4', {}, 'DOWNLOAD_FAILED'],
    [
      'a stalled server',
      (_q, r) => void r.writeHead(200, { 'content-length': 100000 }).write(Buffer.alloc(100)),
      '/x.mp4',
      {},
      'DOWNLOAD_FAILED',
    ],
    [
      'a redirect loop',
      (_q, r) => void r.writeHead(301, { location: '/loop' }).end(),
      '/x.mp4',
      {},
      'DOWNLOAD_FAILED',
    ],
    [
      'a redirect to loopback by name',
      (_q, r) => void r.writeHead(302, { location: 'http://localhost:1/x.mp4' }).end(),
      '/x.mp4',
      {},
      'URL_FORBIDDEN',
    ],
    [
      'a redirect to the metadata service',
      (_q, r) => void r.writeHead(302, { location: 'http://169.254.169.254/latest' }).end(),
      '/x.mp4',
      {},
      'URL_FORBIDDEN',
    ],
    [
      'a lying Content-Length',
      (_q, r) => void r.socket?.end('HTTP/1.1 200 OK\r\nContent-Length: 90000\r\n\r\nshort'),
      '/x.mp4',
      {},
      'DOWNLOAD_FAILED',
    ],
    [
      'an HTML page without yt-dlp',
      (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<html>'),
      '/watch',
      {},
      'PAGE_URL_NEEDS_YTDLP',
    ],
    [
      'a Content-Length over the limit',
      (req, res) => serveBytes(req, res, mp4),
      '/x.mp4',
      { maxBytes: 1000 },
      'FILE_TOO_LARGE',
    ],
    [
      'a download that is not a video',
      (_q, r) =>
        void r.writeHead(200, { 'content-type': 'video/mp4' }).end('plain text, not a video\n'.repeat(20)),
      '/x.mp4',
      {},
      'UNSUPPORTED_FORMAT',
    ],
    [
      'a truncated download that is a video',
      (_q, r) => void r.writeHead(200, { 'content-type': 'video/mp4' }).end(mp4.subarray(0, mp4.length >> 1)),
      '/x.mp4',
      {},
      'CORRUPT_MEDIA',
    ],
  ])('%s', async (_name, handler, urlPath, extra, code) => {
    const server = handler ? await serve(handler) : null;
    expect(await importError(`${server?.url ?? ''}${urlPath}`, extra)).toBe(code);
  });

  it.each([
    'http://127.0.0.1:1/x.mp4',
    'http://[::1]:1/x.mp4',
    'http://10.0.0.1/x.mp4',
    'http://169.254.169.254/latest/meta-data/',
    'file:///etc/passwd',
    'ftp://example.com/video.mp4',
    'data:video/mp4;base64,AAAAIGZ0eXA=',
  ])('refuses %s with URL_FORBIDDEN', async (url) => {
    expect(await importError(url, { download: { backoffMs: () => 10 } })).toBe('URL_FORBIDDEN');
  });
});
